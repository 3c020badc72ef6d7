# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The 24-hour customer-service window, in the composer and on the server."""
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WhatsAppCase


@tagged("post_install", "-at_install")
class TestWindow(WhatsAppCase):
    def setUp(self):
        super().setUp()
        self.conversation = self._taken_conversation()

    def _age(self, hours):
        """The customer's last message was ``hours`` ago."""
        self.conversation.sudo().write(
            {"last_inbound_date": self._now() - timedelta(hours=hours)})

    def _composer(self, **vals):
        return self.env["cc.message.compose"].with_user(self.user_agent).create(
            dict({"conversation_id": self.conversation.id}, **vals))

    def test_open_window_allows_free_text(self):
        self._age(23)
        self.assertTrue(self.conversation.wa_window_open)
        composer = self._composer(body="Resposta livre")
        self.assertIn("open until", composer.wa_window_info)
        self.assertFalse(composer.sms_fallback_connector_id,
                         "no fallback offered inside the window")
        composer.action_send()
        self.assertEqual(self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound").body, "Resposta livre")

    def test_closed_window_refuses_free_text_on_the_server(self):
        self._age(25)
        self.assertFalse(self.conversation.wa_window_open)
        composer = self._composer(body="Resposta livre")
        self.assertIn("closed", composer.wa_window_info)
        with self.assertRaisesRegex(UserError, "24-hour WhatsApp window closed"):
            composer.action_send()
        with self.assertRaises(UserError):
            self._queue(self.conversation, "direto no servidor")
        attachment = self.env["ir.attachment"].create(
            {"name": "a.pdf", "raw": b"%PDF", "mimetype": "application/pdf"})
        with self.assertRaises(UserError, msg="media is free-form too"):
            self._queue(self.conversation, "", attachments=attachment)
        self.assertFalse(self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound"))

    def test_closed_window_still_accepts_an_approved_template(self):
        self._age(72)
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        template = self.env["cc.whatsapp.template"].search(
            [("connector_id", "=", self.connector.id), ("name", "=", "boas_vindas")])
        composer = self._composer(wa_template_id=template.id)
        composer._onchange_wa_template_id()
        composer.wa_value_ids.value = "Maria"
        composer.action_send()
        self._send()
        message = self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual((message.message_type, message.state, message.body),
                         ("template", "sent", "Bem-vindo, Maria!"))

    def test_pending_template_cannot_be_sent(self):
        self._age(72)
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        pending = self.env["cc.whatsapp.template"].search(
            [("connector_id", "=", self.connector.id), ("name", "=", "codigo_acesso")])
        composer = self._composer(wa_template_id=pending.id)
        composer._onchange_wa_template_id()
        composer.wa_value_ids.value = "123456"
        with self.assertRaisesRegex(UserError, "not approved"):
            composer.action_send()

    def test_new_customer_message_reopens_the_window(self):
        self._age(30)
        self.assertFalse(self.conversation.wa_window_open)
        self._text_in("Voltei", wamid="wamid.BACK")
        self.conversation.invalidate_cache()
        self.assertTrue(self.conversation.wa_window_open)
        self._queue(self.conversation, "Que bom!")

    def test_customer_who_never_wrote_needs_a_template(self):
        conversation = self.env["cc.conversation"].create(
            {"connector_id": self.connector.id, "address": "+5521998765432"})
        conversation.with_user(self.user_agent).action_take()
        with self.assertRaisesRegex(UserError, "never wrote"):
            self._queue(conversation, "Olá")

    def test_agents_read_the_rule_in_brazilian_portuguese(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(
            ["cc_connector_whatsapp"], ["pt_BR"])
        self.user_agent.lang = "pt_BR"
        self._age(25)
        composer = self.env["cc.message.compose"].with_user(self.user_agent).with_context(
            lang=self.user_agent.lang).create(
            {"conversation_id": self.conversation.id, "body": "Oi"})
        self.assertIn("A janela de 24 horas fechou", composer.wa_window_info)
        with self.assertRaisesRegex(UserError, "só é possível enviar um modelo"):
            composer.action_send()

    def test_window_end_written_one_way_in_the_users_zone_and_language(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(
            ["cc_connector_whatsapp"], ["pt_BR"])
        self.user_agent.write({"lang": "pt_BR", "tz": "America/Sao_Paulo"})
        # Last customer message 2026-12-06 07:47 UTC: the window closes on
        # 2026-12-07 07:47 UTC, i.e. 04:47 in São Paulo (UTC-3).
        self.conversation.sudo().write({"last_inbound_date": "2026-12-06 07:47:25"})
        user_env = self.conversation.with_user(self.user_agent).with_context(
            lang="pt_BR", tz=False)
        conversation = user_env.browse(self.conversation.id)
        composer = self.env["cc.message.compose"].with_user(self.user_agent).with_context(
            lang="pt_BR").create({"conversation_id": self.conversation.id})
        self.assertIn("07/12/2026 04:47", conversation.wa_window_info)
        self.assertNotIn("04:47:25", conversation.wa_window_info)
        self.assertEqual(composer.wa_window_info, conversation.wa_window_info,
                         "the banner and the composer say the same")
