# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace's read methods: what the screen draws."""
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestWorkspace(CcCase):
    def setUp(self):
        super().setUp()
        self.ws = self.env["cc.workspace"]

    def _ws(self, user):
        return self.env["cc.workspace"].with_user(user)

    def _mine(self, text="Olá", address="+5511987654321", user=None):
        """A conversation the agent (Ana by default) holds, with one message."""
        self._inbound(text, address=address, msg_id="in-%s-%s" % (address, text))
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", address)])
        conversation.with_user(user or self.user_agent).action_take()
        return conversation

    def test_open_lists_tabs_thread_and_panel(self):
        mine = self._mine("Preciso de ajuda <b>agora</b>")
        self._inbound("Na fila", address="+5521999990000", msg_id="q1")
        result = self._ws(self.user_agent).workspace_open(conversation_id=mine.id)
        rows = result["list"]["rows"]
        self.assertEqual([r["id"] for r in rows], [mine.id])
        row = rows[0]
        self.assertEqual(row["address_display"], "+55 11 98765-4321")
        self.assertEqual(row["preview"], "Preciso de ajuda <b>agora</b>")
        self.assertTrue(row["is_mine"])
        self.assertEqual(row["connector"]["name"], "Fake WhatsApp")
        counts = result["list"]["counts"]
        self.assertEqual((counts["mine"], counts["queue"], counts["all"]), (1, 1, 0))
        self.assertEqual(result["me"]["queue_count"], 1)
        self.assertEqual(result["me"]["agent_id"], self.agent.id)
        self.assertEqual([c["id"] for c in result["me"]["connectors"]],
                         [self.connector.id])
        messages = result["thread"]["messages"]
        self.assertEqual(messages[0]["body"], "Preciso de ajuda <b>agora</b>")
        self.assertEqual(messages[0]["direction"], "inbound")
        self.assertEqual(messages[1]["event"]["type"], "taken")
        self.assertEqual(messages[1]["event"]["agent"], "Ana Agent")
        panel = result["panel"]
        self.assertEqual(panel["conversation"]["agent"]["name"], "Ana Agent")
        self.assertTrue(panel["permissions"]["can_send"])
        self.assertFalse(panel["permissions"]["can_take"])
        self.assertEqual(panel["numbers"], ["+55 11 98765-4321"])
        self.assertEqual(panel["composer"]["attachments_allowed"], True)

    def test_queue_tab_and_take(self):
        self._inbound("Na fila", address="+5521999990000", msg_id="q1")
        ws = self._ws(self.user_agent)
        queue = ws.workspace_list(tab="queue")
        self.assertEqual(len(queue["rows"]), 1)
        conversation_id = queue["rows"][0]["id"]
        panel = ws.workspace_panel(conversation_id)
        self.assertFalse(panel["permissions"]["can_send"])
        self.assertTrue(panel["permissions"]["can_take"])
        result = ws.workspace_action(conversation_id, "take")
        self.assertTrue(result["row"]["is_mine"])
        self.assertEqual(ws.workspace_list(tab="queue")["rows"], [])
        self.assertEqual(ws.workspace_me()["queue_count"], 0)

    def test_thread_pages(self):
        conversation = self._mine("primeira")
        for index in range(40):
            self._inbound("msg %s" % index, msg_id="p-%s" % index)
        ws = self._ws(self.user_agent)
        page = ws.workspace_thread(conversation.id)
        self.assertEqual(len(page["messages"]), 30)
        self.assertTrue(page["has_more"])
        self.assertEqual(page["messages"][-1]["body"], "msg 39")
        older = ws.workspace_thread(conversation.id, before_id=page["messages"][0]["id"])
        self.assertFalse(older["has_more"])
        self.assertEqual(len(older["messages"]), 42 - 30)
        self.assertEqual(older["messages"][0]["body"], "primeira")
        newer = ws.workspace_thread(conversation.id,
                                    after_id=page["messages"][-3]["id"])
        self.assertEqual([m["body"] for m in newer["messages"]], ["msg 38", "msg 39"])

    def test_post_queues_once_per_client_uuid(self):
        conversation = self._mine()
        ws = self._ws(self.user_agent)
        first = ws.workspace_post(conversation.id, body="Bom dia!", client_uuid="u-1")
        again = ws.workspace_post(conversation.id, body="Bom dia!", client_uuid="u-1")
        self.assertEqual(first["message"]["id"], again["message"]["id"])
        self.assertEqual(first["message"]["state"], "queued")
        self.assertEqual(first["message"]["author"]["name"], "Ana Agent")
        outbound = conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual(len(outbound), 1)
        self.assertEqual(first["row"]["preview"], "Bom dia!")

    def test_bus_taken_conversation_leaves_the_other_agents_queue(self):
        """The other agents of the connector hear that it was taken, on the
        channel Odoo's bus polls (so their Queue drops it at once)."""
        self._inbound("Na fila", address="+5521999990000", msg_id="q1")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", "+5521999990000")])
        Bus = self.env["bus.bus"].sudo()
        last = Bus.search([], order="id desc", limit=1).id
        self._ws(self.user_agent).workspace_action(conversation.id, "take")
        notifications = Bus._poll([self.user_agent2.partner_id], last=last)
        taken = [n for n in notifications
                 if n["message"]["type"] == "cc.conversation/taken"]
        self.assertEqual(len(taken), 1)
        payload = taken[0]["message"]["payload"]
        self.assertEqual((payload["id"], payload["agent_id"], payload["state"],
                          payload["event"]), (conversation.id, self.agent.id,
                                              "current", "taken"))
        self.assertFalse(Bus._poll([self.user_outsider.partner_id], last=last),
                         "agents of other connectors hear nothing")

    def test_bus_new_message_and_state(self):
        conversation = self._mine()
        Bus = self.env["bus.bus"].sudo()
        last = Bus.search([], order="id desc", limit=1).id
        self._inbound("Mais uma", msg_id="more-1")
        posted = self._ws(self.user_agent).workspace_post(conversation.id, body="Já vai")
        self.env["cc.message"]._cron_send_outbox()
        types = [(n["message"]["type"], n["message"]["payload"].get("message_id")
                  or n["message"]["payload"].get("id"))
                 for n in Bus._poll([self.user_agent.partner_id], last=last)]
        inbound = conversation.message_ids_cc.filtered(lambda m: m.body == "Mais uma")
        self.assertIn(("cc.message/new", inbound.id), types)
        self.assertIn(("cc.message/new", posted["message"]["id"]), types)
        self.assertIn(("cc.message/state", posted["message"]["id"]), types)
