# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SLA badges, the SLA order and snoozing in the agent workspace."""
from odoo import fields
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestWorkspaceSlaSnooze(CcCase):
    def _mine(self, text, address):
        self._inbound(text, address=address, msg_id="in-%s" % address)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", address)])
        conversation.with_user(self.user_agent).action_take()
        return conversation

    def test_rows_show_sla_and_sort_by_nearest_due(self):
        now = fields.Datetime.now()
        late = self._mine("primeiro", "+5511900000101")
        urgent = self._mine("segundo", "+5511900000102")
        none = self._mine("terceiro", "+5511900000103")
        late.sudo().write({"sla_state": "on_time",
                           "sla_due": fields.Datetime.add(now, hours=2)})
        urgent.sudo().write({"sla_state": "at_risk",
                             "sla_due": fields.Datetime.add(now, minutes=5)})
        ws = self.env["cc.workspace"].with_user(self.user_agent)
        by_sla = ws.workspace_list(tab="mine", sort="sla")["rows"]
        self.assertEqual([r["id"] for r in by_sla], [urgent.id, late.id, none.id])
        self.assertEqual(by_sla[0]["sla"]["state"], "at_risk")
        self.assertFalse(by_sla[2]["sla"], "no SLA, no badge")
        recent = ws.workspace_list(tab="mine")["rows"]
        self.assertEqual(recent[0]["id"], none.id, "default order: last message first")
        panel = ws.workspace_panel(urgent.id)
        self.assertEqual(panel["conversation"]["sla"]["state"], "at_risk")

    def test_snoozed_conversation_leaves_mine_and_wakes_back(self):
        conversation = self._mine("volto amanhã", "+5511900000201")
        self.agent.presence = "online"
        ws = self.env["cc.workspace"].with_user(self.user_agent)
        self.assertTrue(ws.workspace_panel(conversation.id)["permissions"]["can_snooze"])
        until = fields.Datetime.to_string(
            fields.Datetime.add(fields.Datetime.now(), days=1))
        result = ws.workspace_action(conversation.id, "snooze", until=until)
        self.assertEqual(result["row"]["snoozed"]["until"], until)
        self.assertTrue(result["panel"]["permissions"]["can_wake_up"])
        lists = ws.workspace_list(tab="mine")
        self.assertNotIn(conversation.id, [r["id"] for r in lists["rows"]])
        self.assertEqual(lists["counts"]["snoozed"], 1)
        self.assertEqual([r["id"] for r in ws.workspace_list(tab="snoozed")["rows"]],
                         [conversation.id])
        ws.workspace_action(conversation.id, "wake_up")
        self.assertIn(conversation.id,
                      [r["id"] for r in ws.workspace_list(tab="mine")["rows"]],
                      "woken while its agent is online: back in his Mine tab")
