# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reasons the server writes (in the cron, in English) are shown in the
reader's language; a provider's own text is shown as it came."""
from odoo.tests import TransactionCase, tagged

from .test_sandbox import SandboxMixin


@tagged("post_install", "-at_install")
class TestWorkspaceLanguage(SandboxMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sandbox()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])

    def _bubble(self, user, lang, message):
        thread = self.env["cc.workspace"].with_user(user).with_context(
            lang=lang).workspace_thread(message.conversation_id.id)
        return next(m for m in thread["messages"] if m["id"] == message.id)

    def test_failure_reason_in_the_readers_language(self):
        conversation = self.env["cc.conversation"].create({
            "connector_id": self.whatsapp.id, "address": "+5511987654321",
            "customer_name": "Maria"})
        conversation.with_user(self.user_agent).action_take()
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": "Olá!"})
        composer.action_send()
        message = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.whatsapp.active = False
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(message.state, "failed")
        self.assertIn("not active", message.failure_reason, "stored as the cron wrote it")

        self.assertIn("não está ativo", self._bubble(
            self.user_agent, "pt_BR", message)["failure_reason"])
        self.assertIn("not active", self._bubble(
            self.user_agent, "en_US", message)["failure_reason"])

        message.failure_reason = "(#131026) Message undeliverable"
        self.assertEqual(self._bubble(self.user_agent, "pt_BR", message)["failure_reason"],
                         "(#131026) Message undeliverable", "the provider's text as it came")

    def test_row_of_a_voice_note_says_what_it_is(self):
        conversation = self.env["cc.conversation"].create({
            "connector_id": self.whatsapp.id, "address": "+5511987650000"})
        conversation.with_user(self.user_agent).action_take()
        conversation.write({"last_message_type": "audio", "last_message_preview": False})
        ws = self.env["cc.workspace"].with_user(self.user_agent)
        self.assertEqual(ws.with_context(lang="pt_BR").workspace_row(conversation.id)[
            "preview"], "[Áudio]")
        self.assertEqual(ws.with_context(lang="en_US").workspace_row(conversation.id)[
            "preview"], "[Audio]")
