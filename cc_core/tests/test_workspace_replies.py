# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Quoted replies, reactions and voice notes in the workspace's thread.

``cc.message.reply_to_id`` and ``is_voice_note`` come from another change;
until it is merged the workspace reads them only when they exist. These
tests add the two fields to the test registry to check what the thread
draws with them.
"""
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestWorkspaceReplies(CcCase):
    @classmethod
    def _load_fake_provider(cls):
        super()._load_fake_provider()
        if "reply_to_id" not in cls.env["cc.message"]._fields:
            from .fake_reply_fields import CcMessageReplyFields

            cls.loader.update_registry((CcMessageReplyFields,))

    def test_quote_reactions_and_voice_note(self):
        self._inbound("Qual o prazo?", msg_id="q-1")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id),
             ("address", "=", "+5511987654321")])
        conversation.with_user(self.user_agent).action_take()
        question = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        ws = self.env["cc.workspace"].with_user(self.user_agent)
        answer = ws.workspace_post(conversation.id, body="Dois dias úteis",
                                   reply_to_id=question.id, client_uuid="r-1")["message"]
        self.assertEqual(answer["reply_to"]["id"], question.id)
        self.assertEqual(answer["reply_to"]["preview"], "Qual o prazo?")
        self.assertEqual(answer["reply_to"]["direction"], "inbound")
        Message = self.env["cc.message"].sudo()
        Message.create({"conversation_id": conversation.id, "direction": "inbound",
                        "message_type": "reaction", "state": "received", "body": "👍",
                        "reply_to_id": answer["id"]})
        Message.create({"conversation_id": conversation.id, "direction": "inbound",
                        "message_type": "audio", "state": "received",
                        "is_voice_note": True})
        messages = ws.workspace_thread(conversation.id)["messages"]
        self.assertNotIn("reaction", [m["message_type"] for m in messages],
                         "reactions are drawn on their message, not as bubbles")
        bubble = next(m for m in messages if m["id"] == answer["id"])
        self.assertEqual(bubble["reactions"], [{"emoji": "👍", "direction": "inbound"}])
        self.assertTrue(messages[-1]["is_voice_note"])
        other = self._conversation("+5511900001111")
        elsewhere = Message.create({"conversation_id": other.id, "direction": "inbound",
                                    "state": "received", "body": "alheia"})
        with self.assertRaisesRegex(UserError, "only quote"):
            ws.workspace_post(conversation.id, body="x", reply_to_id=elsewhere.id)
