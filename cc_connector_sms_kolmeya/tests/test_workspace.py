# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestWorkspaceKolmeya(KolmeyaCase):
    """The workspace composer on SMS: no attachments, live counter and cost."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.conversation.with_user(self.user_agent).action_take()
        self.ws = self.env["cc.workspace"].with_user(self.user_agent)

    def test_panel_composer_is_sms(self):
        composer = self.ws.workspace_panel(self.conversation.id)["composer"]
        self.assertFalse(composer["attachments_allowed"])
        self.assertEqual(composer["sms"]["max_parts"], 4)
        self.assertEqual(composer["sms"]["price_per_part"], 0.08)
        self.assertFalse(composer["whatsapp"])
        self.assertFalse(self.ws.workspace_row(self.conversation.id)["window"])

    def test_sms_info_counts_segments_encoding_and_cost(self):
        info = self.ws.workspace_sms_info(self.conversation.id, "Bom dia")
        self.assertEqual((info["chars"], info["segments"], info["encoding"]),
                         (7, 1, "GSM-7"))
        self.assertAlmostEqual(info["cost"], 0.08)
        self.assertFalse(info["too_long"])
        info = self.ws.workspace_sms_info(self.conversation.id, "Olá, ação! 😀")
        self.assertEqual(info["encoding"], "UCS-2")
        self.assertEqual(info["unicode_characters"], ["á", "ç", "ã", "😀"],
                         "what makes it Unicode, for the agent to replace")
        self.assertEqual(self.ws.workspace_sms_info(
            self.conversation.id, "Bom dia")["unicode_characters"], [])
        info = self.ws.workspace_sms_info(self.conversation.id, "a" * 161)
        self.assertEqual(info["segments"], 2)
        self.assertAlmostEqual(info["cost"], 0.16)
        self.assertTrue(self.ws.workspace_sms_info(self.conversation.id,
                                                   "ç" * 269)["too_long"])

    def test_sandbox_sms_has_the_counter_without_cost(self):
        sandbox = self.env["cc.connector"].create({
            "name": "SMS (sandbox)", "provider": "sandbox", "channel_kind": "sms",
            "team_id": self.team.id, "agent_ids": [(6, 0, self.agent.ids)]})
        conversation = self._conversation(connector_id=sandbox.id)
        conversation.with_user(self.user_agent).action_take()
        info = self.ws.workspace_sms_info(conversation.id, "a" * 161)
        self.assertEqual((info["segments"], info["max_segments"]), (2, 4))
        self.assertFalse(info["cost"])

    def test_signature_is_counted(self):
        self.agent.signature = "Karina"
        self.assertEqual(
            # What is sent: the short SMS signature "Karina: Bom dia".
            self.ws.workspace_sms_info(self.conversation.id, "Bom dia")["chars"], 15)
