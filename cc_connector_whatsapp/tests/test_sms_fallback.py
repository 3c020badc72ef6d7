# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Window closed: the agent sends the same text by SMS instead.

The fallback only knows cc_core's generic SMS connector. It is tested with
cc_core's fake SMS provider, and end to end with the Kolmeya addon when that
addon is installed in the test database (./test.sh installs every addon).
"""
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import WA_ID_OLD, WhatsAppMixin, WhatsAppWithFakeSmsMixin


class SmsFallbackMixin(WhatsAppMixin):
    def _closed_conversation(self, wa_id=WA_ID_OLD):
        conversation = self._taken_conversation(wa_id=wa_id)
        conversation.sudo().write(
            {"last_inbound_date": conversation.last_inbound_date - timedelta(hours=30)})
        return conversation

    def _composer(self, conversation, body):
        return self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": body})

    def _sms_conversation(self, connector):
        return self.env["cc.conversation"].search([("connector_id", "=", connector.id)])


@tagged("post_install", "-at_install")
class TestSmsFallbackGeneric(SmsFallbackMixin, WhatsAppWithFakeSmsMixin,
                             TransactionCase):
    def test_composer_offers_sms_and_sends_it_in_the_sms_conversation(self):
        conversation = self._closed_conversation()
        composer = self._composer(conversation, "Seu boleto vence hoje.")
        self.assertEqual(composer.sms_fallback_connector_id, self.sms_connector)
        self.assertEqual(composer.sms_fallback_number, "+5511987654321",
                         "the WhatsApp number, with the 9th digit")
        self.assertIn("+5511987654321", composer.sms_fallback_info)
        composer.action_send_sms_fallback()
        sms_conversation = self._sms_conversation(self.sms_connector)
        self.assertEqual(sms_conversation.address, "+5511987654321")
        self.assertEqual(sms_conversation.agent_id, self.agent)
        self.assertEqual(sms_conversation.customer_name, conversation.customer_name)
        sms = sms_conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual((sms.body, sms.state, sms.author_id),
                         ("Seu boleto vence hoje.", "queued", self.user_agent))
        self._send()
        self.assertEqual(self.wire.sent, [(sms.id, "+5511987654321",
                                           "Seu boleto vence hoje.")])
        self.assertEqual(sms.state, "sent")
        self.assertFalse(self._sent_payloads(), "nothing went to WhatsApp")
        note = conversation.message_ids_cc.filtered(lambda m: m.message_type == "note")
        self.assertIn("Seu boleto vence hoje.", note.body)
        self.assertIn("SMS (fake)", note.body)

    def test_existing_sms_conversation_is_reused_and_contact_mobile_preferred(self):
        partner = self.env["res.partner"].create(
            {"name": "Maria", "mobile": "+55 21 99876-5432"})
        existing = self.env["cc.conversation"].create(
            {"connector_id": self.sms_connector.id, "address": "+5521998765432"})
        conversation = self._closed_conversation()
        conversation.partner_id = partner
        self._composer(conversation, "Oi por SMS").action_send_sms_fallback()
        self.assertEqual(self._sms_conversation(self.sms_connector), existing)
        self.assertEqual(existing.state, "current")
        self.assertEqual(existing.agent_id, self.agent)

    def test_no_fallback_without_mobile_or_sms_connector(self):
        landline = self._closed_conversation(wa_id="551133334444")
        composer = self._composer(landline, "Oi")
        self.assertFalse(composer.sms_fallback_connector_id)
        with self.assertRaisesRegex(UserError, "no mobile number"):
            landline._send_by_sms("Oi")
        self.sms_connector.agent_ids = False  # the agent may not use it
        mobile = self._closed_conversation()
        self.assertFalse(self._composer(mobile, "Oi").sms_fallback_connector_id)
        with self.assertRaisesRegex(UserError, "No SMS connector"):
            mobile.with_user(self.user_agent)._send_by_sms("Oi")

    def test_sms_conversation_held_by_another_agent_is_not_taken_over(self):
        other_user = self.env["res.users"].create(
            {"name": "Other", "login": "wa_other", "groups_id": [
                (6, 0, self.env.ref("cc_core.group_cc_agent").ids)]})
        other = self.env["cc.agent"].create({"user_id": other_user.id})
        self.sms_connector.agent_ids |= other
        busy = self.env["cc.conversation"].create(
            {"connector_id": self.sms_connector.id, "address": "+5511987654321"})
        busy.with_user(other_user).action_take()
        conversation = self._closed_conversation()
        with self.assertRaisesRegex(UserError, "handled by"):
            self._composer(conversation, "Oi").action_send_sms_fallback()

    def test_opted_out_of_sms_is_refused(self):
        self.env["cc.opt.out"]._record_opt_out("+5511987654321", "sms", "keyword")
        conversation = self._closed_conversation()
        with self.assertRaisesRegex(UserError, "opted out"):
            self._composer(conversation, "Oi").action_send_sms_fallback()


@tagged("post_install", "-at_install")
class TestSmsFallbackKolmeya(SmsFallbackMixin, TransactionCase):
    """The same path with the real Kolmeya connector and its fake server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "cc.provider.kolmeya" not in cls.env:
            cls.kolmeya = None
            return
        from odoo.addons.cc_connector_sms_kolmeya.kolmeya_api.fake_server import (
            FakeKolmeyaServer,
        )

        cls._setup_whatsapp()
        cls.addClassCleanup(cls._teardown_whatsapp)
        cls.kolmeya = FakeKolmeyaServer(token="kolmeya-token").start()
        cls.addClassCleanup(cls.kolmeya.stop)
        cls.sms_connector = cls.env["cc.connector"].create({
            "name": "Kolmeya SMS", "provider": "kolmeya", "channel_kind": "sms",
            "kolmeya_token": "kolmeya-token", "kolmeya_base_url": cls.kolmeya.url,
            "kolmeya_quiet_hours": False, "agent_ids": [(6, 0, cls.agent.ids)],
        })

    def setUp(self):
        super().setUp()
        if not self.kolmeya:
            self.skipTest("the Kolmeya addon is not installed")

    def test_window_closed_text_goes_out_through_kolmeya(self):
        conversation = self._closed_conversation()
        composer = self._composer(conversation, "Seu boleto vence hoje.")
        self.assertEqual(composer.sms_fallback_connector_id, self.sms_connector)
        composer.action_send_sms_fallback()
        self._send()
        (store,) = self.kolmeya.requests_to("/sms/store")
        (sent,) = store.json["messages"]
        self.assertEqual(sent["message"], "Seu boleto vence hoje.")
        self.assertIn("11987654321", str(sent["phone"]))
        sms = self._sms_conversation(self.sms_connector).message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual(sms.state, "sent")
        self.assertFalse(self._sent_payloads())
