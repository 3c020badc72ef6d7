# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import PHONE, KolmeyaCase


@tagged("post_install", "-at_install")
class TestReply(KolmeyaCase):
    """Reply webhook: every shape of the reference lands in the customer's
    conversation."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.outbound = self._queue(self.conversation, "Posso ajudar?")
        self._send()

    def _inbound(self, conversation=None):
        conversation = conversation or self.conversation
        return conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")

    def test_nested_vendor_shape(self):
        event = self._webhook("reply", {"reply": {
            "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "reply": "Quero sim",
            "received_at": "15/11/2025 10:35:12",
            "message": {"id": self.outbound.provider_message_id,
                        "reference": self.outbound._reference(),
                        "phone": 11987654321, "content": "Posso ajudar?"}}})
        self.assertEqual(event.state, "processed")
        reply = self._inbound()
        self.assertEqual(reply.body, "Quero sim")
        self.assertEqual(reply.provider_message_id,
                         "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        self.assertEqual(str(reply.date), "2025-11-15 13:35:12")
        self.assertEqual(self.conversation.unread_count, 1)

    def test_flat_shapes(self):
        shapes = [
            {"phone": "5511987654321", "message": "B", "reference":
             self.outbound._reference(), "data": "2025-11-15 10:35:12"},
            {"phone": "5511987654321", "message": "C", "reference":
             self.outbound._reference(), "received_at": "2025-11-15 10:36:12"},
            {"reply": {"reply": "D",
                       "message": {"id": self.outbound.provider_message_id,
                                   "to": "5511987654321"},
                       "received_at": "15/11/2025 10:37:12"}},
            {"phone": "11987654321", "message": "E", "received_at":
             "2025-11-15 10:38:12", "original_message_id":
             self.outbound.provider_message_id, "job_id": "j1"},
        ]
        for body in shapes:
            self.assertEqual(self._webhook("reply", body).state, "processed")
        self.assertEqual(self._inbound().mapped("body"), ["B", "C", "D", "E"])
        self.assertEqual(self.env["cc.conversation"].search_count(
            [("connector_id", "=", self.connector.id)]), 1)

    def test_found_by_original_message_when_the_phone_is_missing_or_different(self):
        self._webhook("reply", {"reply": {
            "id": "r-1", "reply": "sem telefone",
            "message": {"id": self.outbound.provider_message_id}}})
        self._webhook("reply", {"message": "por referência",
                                "reference": self.outbound._reference()})
        self.assertEqual(self._inbound().mapped("body"),
                         ["sem telefone", "por referência"])

    def test_unknown_original_falls_back_to_the_phone(self):
        other = self._conversation("+5511912345678")
        self._webhook("reply", {"phone": "11912345678", "message": "oi",
                                "reference": "not-ours"})
        self.assertEqual(self._inbound(other).body, "oi")
        self._webhook("reply", {"phone": "5521988887777", "message": "novo"})
        new = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id),
             ("address", "=", "+5521988887777")])
        self.assertEqual(self._inbound(new).body, "novo", "a new customer gets a new "
                         "conversation")

    def test_reply_reopens_a_done_conversation(self):
        self.conversation.with_user(self.user_agent).action_close()
        self.assertEqual(self.conversation.state, "done")
        self._webhook("reply", {"phone": PHONE[1:], "message": "voltei"})
        self.assertNotEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.cycle, 2)

    def test_same_reply_twice_is_one_message(self):
        body = {"reply": {"id": "r-dup", "reply": "ok",
                          "message": {"id": self.outbound.provider_message_id}}}
        self._webhook("reply", body)
        self.assertEqual(self._webhook("reply", body).state, "duplicate")
        self.assertEqual(len(self._inbound()), 1)

    def test_malformed_replies(self):
        self.assertEqual(self._webhook("reply", b"{").state, "failed")
        self.assertEqual(self._webhook("reply", {"reply": {"id": "x"}}).state, "failed")
        event = self._webhook("reply", {"message": "quem sou eu?",
                                        "reference": "cc-999999999"})
        self.assertEqual(event.state, "failed",
                         "no original message and no phone: reported, not guessed")
        self.assertFalse(self._inbound())
