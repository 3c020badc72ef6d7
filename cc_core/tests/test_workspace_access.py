# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace never shows or lets act on what the caller may not."""
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestWorkspaceAccess(CcCase):
    def _ws(self, user):
        return self.env["cc.workspace"].with_user(user)

    def _held_by(self, user, address="+5511987654321", text="Olá"):
        self._inbound(text, address=address, msg_id="in-%s" % address)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", address)])
        conversation.with_user(user).action_take()
        return conversation

    def test_reads_of_a_conversation_he_may_not_see_fail(self):
        bruno = self._held_by(self.user_agent2)
        other = self._conversation("+5531988887777", connector=self.other_connector)
        ws = self._ws(self.user_agent)
        for conversation in (bruno, other):
            for method, args in (("workspace_thread", ()), ("workspace_panel", ()),
                                 ("workspace_row", ()), ("workspace_timeline", ()),
                                 ("workspace_canned", ()),
                                 ("workspace_transfer_targets", ()),
                                 ("workspace_post", ("oi",)),
                                 ("workspace_sms_info", ("oi",)),
                                 ("workspace_action", ("take",))):
                with self.assertRaises(AccessError, msg=method):
                    getattr(ws, method)(conversation.id, *args)
            with self.assertRaises(AccessError):
                ws.workspace_open(conversation_id=conversation.id)
        self.assertEqual(ws.workspace_list(tab="team")["rows"], [],
                         "Bruno's conversation is not in Ana's team tab")
        search = ws.workspace_list(tab="team", search="Olá")
        self.assertEqual(search["rows"], [])
        with self.assertRaises(AccessError):
            ws.workspace_list(tab="all")
        with self.assertRaisesRegex(UserError, "Unknown tab"):
            ws.workspace_list(tab="everything")
        # The supervisor of the team sees Bruno's conversation, not the other one.
        supervisor = self._ws(self.user_supervisor)
        self.assertEqual([r["id"] for r in supervisor.workspace_list(tab="all")["rows"]],
                         [bruno.id])
        with self.assertRaises(AccessError):
            supervisor.workspace_panel(other.id)

    def test_agent_cannot_act_or_send_on_a_queued_conversation_he_does_not_own(self):
        self._inbound("Na fila", address="+5521999990000", msg_id="q1")
        queued = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", "+5521999990000")])
        ws = self._ws(self.user_agent)
        panel = ws.workspace_panel(queued.id)
        self.assertFalse(panel["permissions"]["can_send"])
        self.assertFalse(panel["permissions"]["can_close"])
        with self.assertRaisesRegex(UserError, "Take the conversation"):
            ws.workspace_post(queued.id, body="Oi")
        for action, kw in (("close", {}), ("release", {}), ("set_note", {"note": "x"}),
                           ("transfer", {"agent_id": self.agent2.id})):
            with self.assertRaises(UserError, msg=action):
                ws.workspace_action(queued.id, action, **kw)
        self.assertFalse(queued.message_ids_cc.filtered(
            lambda m: m.direction == "outbound"))
        self.assertEqual(queued.state, "new")

    def test_supervisor_watching_never_marks_read(self):
        conversation = self._held_by(self.user_agent)
        self.assertEqual(conversation.unread_count, 1)
        self._ws(self.user_supervisor).workspace_action(conversation.id, "mark_read")
        self.assertEqual(conversation.unread_count, 1)
        self._ws(self.user_agent).workspace_action(conversation.id, "mark_read")
        self.assertEqual(conversation.unread_count, 0)

    def test_refused_sends_create_nothing_and_say_why(self):
        conversation = self._held_by(self.user_agent)
        ws = self._ws(self.user_agent)
        with self.assertRaisesRegex(UserError, "at most 500"):
            ws.workspace_post(conversation.id, body="x" * 501, client_uuid="long-1")
        with self.assertRaisesRegex(UserError, "Write a message"):
            ws.workspace_post(conversation.id, body="   ")
        self.env["cc.opt.out"].create({"address": conversation.address_key,
                                       "channel_kind": "whatsapp"})
        conversation.invalidate_cache(["is_opted_out"])  # a new request
        self.assertTrue(ws.workspace_row(conversation.id)["is_opted_out"])
        with self.assertRaisesRegex(UserError, "opted out"):
            ws.workspace_post(conversation.id, body="Oi", client_uuid="opt-1")
        self.assertFalse(self.env["cc.message"].search(
            [("conversation_id", "=", conversation.id), ("direction", "=", "outbound")]))

    def test_attachments_must_be_own_uploads_on_the_conversation(self):
        conversation = self._held_by(self.user_agent)
        foreign = self.env["ir.attachment"].with_user(self.user_supervisor).create({
            "name": "alheio.png", "raw": self.wire.media["MEDIA42"], "mimetype": "image/png",
            "res_model": "cc.conversation", "res_id": conversation.id})
        with self.assertRaises(AccessError):
            self._ws(self.user_agent).workspace_post(conversation.id,
                                                     attachment_ids=[foreign.id])
        own = self.env["ir.attachment"].with_user(self.user_agent).create({
            "name": "foto.png", "raw": self.wire.media["MEDIA42"], "mimetype": "image/png",
            "res_model": "cc.conversation", "res_id": conversation.id})
        result = self._ws(self.user_agent).workspace_post(
            conversation.id, body="Veja", attachment_ids=[own.id], client_uuid="att-1")
        self.assertEqual([m["message_type"] for m in result["messages"]],
                         ["text", "image"])
        self.assertEqual(result["messages"][1]["attachments"][0]["name"], "foto.png")
        again = self._ws(self.user_agent).workspace_post(
            conversation.id, body="Veja", attachment_ids=[own.id], client_uuid="att-1")
        self.assertEqual([m["id"] for m in again["messages"]],
                         [m["id"] for m in result["messages"]])

    def test_payloads_carry_no_secret(self):
        conversation = self._held_by(self.user_agent)
        ws = self._ws(self.user_agent)
        dumped = json.dumps([ws.workspace_open(conversation_id=conversation.id),
                             ws.workspace_me()])
        self.assertNotIn("s3cret", dumped)
        self.assertNotIn(self.connector.sudo().webhook_key, dumped)
