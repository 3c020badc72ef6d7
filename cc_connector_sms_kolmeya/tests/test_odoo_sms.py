# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's own SMS (sms.sms: the SMS button, templates, reminders) sent
through the company's Kolmeya connector, against the fake Kolmeya server."""
from unittest.mock import patch

from odoo.tests import tagged

from .common import PHONE, KolmeyaCase


@tagged("post_install", "-at_install")
class TestOdooSms(KolmeyaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.cc_sms_gateway_connector_id = cls.connector
        cls.partner = cls.env["res.partner"].create(
            {"name": "Dona Cida", "mobile": "+55 11 98765-4321"})
        cls.user_sales = cls.env["res.users"].create({
            "name": "Sérgio Vendas", "login": "sms_sales", "email": "sergio@example.com",
            "groups_id": [(6, 0, (cls.env.ref("base.group_user")
                                  | cls.env.ref("base.group_partner_manager")).ids)]})

    def _sms_button(self, body, partner=None):
        """What Odoo's SMS button next to a phone number does."""
        partner = partner or self.partner
        composer = self.env["sms.composer"].with_user(self.user_sales).with_context(
            default_res_model="res.partner", default_res_id=partner.id,
            default_number_field_name="mobile",
            default_composition_mode="comment").create({"body": body})
        with patch("odoo.addons.sms.models.sms_api.SmsApi._send_sms_batch",
                   side_effect=AssertionError("Odoo's IAP gateway must not be called")):
            composer.action_send_sms()
        return self.env["sms.sms"].search([("partner_id", "=", partner.id)],
                                          order="id desc", limit=1)

    def _notification(self, sms):
        return self.env["mail.notification"].search([("sms_id", "=", sms.id)])

    def test_sms_button_goes_through_kolmeya_into_the_conversation(self):
        sms = self._sms_button("Seu boleto vence amanhã.")
        message = sms.cc_message_id
        self.assertTrue(message, "handed to the Contact Center")
        self.assertEqual(message.state, "queued")
        self.assertEqual(sms.state, "sent")
        conversation = message.conversation_id
        self.assertEqual((conversation.connector_id, conversation.partner_id,
                          conversation.address), (self.connector, self.partner, PHONE))
        self.assertEqual(conversation.state, "done",
                         "a system SMS does not put the customer in the queue")
        self.assertEqual(message.author_id, self.user_sales)
        self.assertEqual(self._notification(sms).notification_status, "ready")

        self._send()
        body, = self._stored_bodies()
        self.assertEqual([(m["phone"], m["message"]) for m in body["messages"]],
                         [("5511987654321", "Seu boleto vence amanhã.")])
        self.assertEqual(message.state, "sent")
        self.assertEqual(self._notification(sms).notification_status, "sent")

        # Delivery report, then the customer's reply, land in the conversation.
        self._webhook("status", {"id": message.provider_message_id,
                                 "reference": message._reference(),
                                 "status_code": 3, "phone": "5511987654321"})
        self.assertEqual(message.state, "delivered")
        self._webhook("reply", {"phone": "5511987654321", "message": "Já paguei",
                                "reference": message._reference(),
                                "data": "2026-12-06 10:35:12"})
        reply = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual(reply.body, "Já paguei")
        self.assertEqual(conversation.state, "new", "the reply goes to the queue")

    def test_kolmeya_refusal_fails_odoos_sms_with_the_reason(self):
        sms = self._sms_button("Oi")
        message = sms.cc_message_id

        def answer(request):
            return 200, {"id": "req-1", "valids": [], "blacklist": [], "duplicates": [],
                         "invalids": [{"phone": "5511987654321", "message": "Oi",
                                       "reference": message._reference(),
                                       "error": "Telefone inválido"}]}

        self.server.enqueue("/sms/store", handler=answer)
        self._send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(sms.state, "error")
        notification = self._notification(sms)
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("Telefone inválido", notification.failure_reason)

    def test_opted_out_and_bad_numbers_fail_before_queueing(self):
        self.env["cc.opt.out"]._record_opt_out(
            "+5511987654321", "sms", "keyword", connector=self.connector)
        sms = self._sms_button("Promoção!")
        self.assertFalse(sms.cc_message_id)
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_optout"))
        self.assertEqual(self._notification(sms).notification_status, "exception")
        # Odoo's composer checks numbers, other senders may not.
        sms = self.env["sms.sms"].create({"number": "abc", "body": "Oi"})
        sms._send()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_number_format"))
        self.assertFalse(self.env["cc.message"].search(
            [("body", "in", ("Promoção!", "Oi"))]), "nothing half-written")

    def test_without_gateway_odoo_uses_its_own_service(self):
        self.env.company.cc_sms_gateway_connector_id = False
        sms = self.env["sms.sms"].create({"number": PHONE, "body": "Oi"})
        with patch("odoo.addons.sms.models.sms_api.SmsApi._send_sms_batch",
                   return_value=[{"res_id": sms.id, "state": "success"}]) as iap:
            sms._send(unlink_sent=False)
        iap.assert_called_once()
        self.assertFalse(sms.cc_message_id)

    def test_gateway_is_chosen_on_the_connector(self):
        self.assertTrue(self.connector.is_odoo_sms_gateway)
        self.connector.with_user(self.user_manager).is_odoo_sms_gateway = False
        self.assertFalse(self.env.company.cc_sms_gateway_connector_id)
        self.connector.with_user(self.user_manager).is_odoo_sms_gateway = True
        self.assertEqual(self.env.company.cc_sms_gateway_connector_id, self.connector)
