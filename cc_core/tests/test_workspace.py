# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace's read methods: what the screen draws."""
from odoo.exceptions import AccessError, UserError
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

    def test_search_by_text_number_and_name(self):
        mine = self._mine("Quero a segunda via do boleto")
        ws = self._ws(self.user_agent)
        for search in ("segunda via", "98765", "+55 11 98765-4321"):
            rows = ws.workspace_list(search=search)["rows"]
            self.assertEqual([r["id"] for r in rows], [mine.id], search)
        self.assertEqual(ws.workspace_list(search="inexistente")["rows"], [])
        self.assertEqual(ws.workspace_list(channel_kind="sms")["rows"], [])
        self.assertEqual(len(ws.workspace_list(connector_id=self.connector.id)["rows"]), 1)

    def test_list_reorders_when_a_message_arrives(self):
        first = self._mine("primeiro", address="+5511911110001")
        second = self._mine("segundo", address="+5511911110002")
        ws = self._ws(self.user_agent)
        ids = [r["id"] for r in ws.workspace_list()["rows"]]
        self.assertEqual(ids, [second.id, first.id])
        self.env.cr.execute("UPDATE cc_conversation SET last_message_date = "
                            "last_message_date - interval '1 minute'")
        self.env["cc.conversation"].invalidate_cache()
        self._inbound("de novo", address="+5511911110001", msg_id="again")
        ids = [r["id"] for r in ws.workspace_list()["rows"]]
        self.assertEqual(ids, [first.id, second.id])

    def test_transfer_with_note_release_close_reopen(self):
        self.team.keep_last_agent = False
        conversation = self._mine()
        ws = self._ws(self.user_agent)
        targets = ws.workspace_transfer_targets(conversation.id)
        self.assertIn(self.agent2.id, [a["id"] for a in targets["agents"]])
        result = ws.workspace_action(conversation.id, "transfer", agent_id=self.agent2.id,
                                     note="Cliente quer falar de cobrança")
        self.assertEqual(result, {"row": False, "panel": False},
                         "Ana no longer reads Bruno's conversation")
        bruno = self._ws(self.user_agent2)
        event = bruno.workspace_thread(conversation.id)["messages"][-1]["event"]
        self.assertEqual((event["type"], event["target_agent"], event["note"]),
                         ("transferred", "Bruno Agent", "Cliente quer falar de cobrança"))
        result = bruno.workspace_action(conversation.id, "close")
        self.assertEqual(result["row"]["state"], "done")
        self.assertTrue(result["panel"]["permissions"]["can_reopen"])
        result = bruno.workspace_action(conversation.id, "reopen")
        self.assertEqual(result["row"]["state"], "new")
        self.assertEqual(result["panel"]["conversation"]["cycle"], 2)
        bruno.workspace_action(conversation.id, "take")
        result = bruno.workspace_action(conversation.id, "release")
        self.assertEqual((result["row"]["state"], result["row"]["agent"]), ("new", False))

    def test_edit_actions(self):
        conversation = self._mine()
        ws = self._ws(self.user_agent)
        options = ws.workspace_options()
        stage = next(s for s in options["stages"]
                     if s["id"] != conversation.stage_id.id
                     and s["id"] != self.stage_closing.id)
        tag = self.env["cc.tag"].create({"name": "Cobrança WS", "color": 3})
        ws.workspace_action(conversation.id, "set_stage", stage_id=stage["id"])
        ws.workspace_action(conversation.id, "set_priority", priority="2")
        ws.workspace_action(conversation.id, "set_tags", tag_ids=[tag.id])
        result = ws.workspace_action(conversation.id, "set_note", note="Prefere manhã")
        panel = result["panel"]["conversation"]
        self.assertEqual(panel["stage"]["id"], stage["id"])
        self.assertEqual(panel["priority"], "2")
        self.assertEqual(panel["tags"], [{"id": tag.id, "name": "Cobrança WS",
                                          "color": 3}])
        self.assertEqual(panel["note"], "Prefere manhã")
        with self.assertRaises(UserError):
            ws.workspace_action(conversation.id, "set_priority", priority="9")
        self.assertFalse(result["panel"]["permissions"]["can_create_partner"])
        with self.assertRaises(AccessError):
            ws.workspace_action(conversation.id, "create_partner")
        self.user_agent.groups_id |= self.env.ref("base.group_partner_manager")
        result = ws.workspace_action(conversation.id, "create_partner")
        self.assertTrue(result["panel"]["permissions"]["can_create_partner"])
        partner = result["panel"]["partner"]
        self.assertEqual(partner["mobile"], "+5511987654321")
        other = self.env["res.partner"].create({"name": "Maria Existente",
                                                "phone": "+551133334444"})
        result = ws.workspace_action(conversation.id, "link_partner", partner_id=other.id)
        self.assertEqual(result["panel"]["partner"]["name"], "Maria Existente")
        self.assertEqual(result["row"]["name"], "Maria Existente")
        self.assertEqual(result["panel"]["numbers"],
                         ["+55 11 98765-4321", "+55 11 3333-4444"])

    def test_retry_and_retry_anyway(self):
        from odoo.addons.cc_core.services.types import SendResult

        conversation = self._mine()
        ws = self._ws(self.user_agent)
        failed = ws.workspace_post(conversation.id, body="um")["message"]
        unknown = ws.workspace_post(conversation.id, body="dois")["message"]
        self.wire.results = [SendResult("permanent", reason="Número inválido"),
                             SendResult("unknown", reason="Timeout")]
        self.env["cc.message"]._cron_send_outbox()
        messages = {m["id"]: m for m in ws.workspace_thread(conversation.id)["messages"]}
        self.assertEqual((messages[failed["id"]]["state"],
                          messages[failed["id"]]["failure_reason"],
                          messages[failed["id"]]["can_retry"]),
                         ("failed", "Número inválido", True))
        self.assertTrue(messages[unknown["id"]]["can_retry_anyway"])
        with self.assertRaises(UserError):
            ws.workspace_action(conversation.id, "retry_anyway", message_id=failed["id"])
        ws.workspace_action(conversation.id, "retry", message_id=failed["id"])
        ws.workspace_action(conversation.id, "retry_anyway", message_id=unknown["id"])
        states = {m["id"]: m["state"]
                  for m in ws.workspace_thread(conversation.id)["messages"]}
        self.assertEqual((states[failed["id"]], states[unknown["id"]]),
                         ("queued", "queued"))

    def test_location_and_contact_previews(self):
        conversation = self._mine()
        self.env["cc.message"].create([{
            "conversation_id": conversation.id, "direction": "inbound",
            "message_type": "location", "state": "received",
            "body": "Loja \u2014 Av. Paulista, 1000 (-23.5614, -46.6559)",
        }, {
            "conversation_id": conversation.id, "direction": "inbound",
            "message_type": "contact", "state": "received",
            "body": "Ana Lima: +55 11 91234-5678",
        }])
        messages = self._ws(self.user_agent).workspace_thread(conversation.id)["messages"]
        location = next(m["location"] for m in messages if m["location"])
        self.assertEqual((location["name"], location["latitude"]), ("Loja", -23.5614))
        contact = next(m["contact"] for m in messages if m["contact"])
        self.assertEqual(contact["phones"], ["+55 11 91234-5678"])

    def test_timeline_across_channels(self):
        partner = self.env["res.partner"].create({"name": "Cliente Duplo"})
        conversation = self._mine()
        conversation.partner_id = partner
        self.connector.agent_ids |= self.agent
        sms = self.env["cc.conversation"].create({
            "connector_id": self.connector.id, "address": "+5511955554444",
            "partner_id": partner.id})
        sms.with_user(self.user_agent).action_take()
        self.env["cc.message"].create({"conversation_id": sms.id, "direction": "inbound",
                                       "state": "received", "body": "pelo outro número"})
        ws = self._ws(self.user_agent)
        others = ws.workspace_panel(conversation.id)["other_conversations"]
        self.assertEqual([o["id"] for o in others], [sms.id])
        bodies = [m["body"] for m in ws.workspace_timeline(conversation.id)["messages"]]
        self.assertIn("pelo outro número", bodies)
        self.assertIn("Olá", bodies)

    def test_presence_and_me(self):
        ws = self._ws(self.user_agent)
        me = ws.workspace_set_presence("away")
        self.assertEqual(me["presence"], "away")
        self.assertEqual(self.agent.presence, "away")
        with self.assertRaises(UserError):
            ws.workspace_set_presence("dancing")
        with self.assertRaises(UserError):
            self._ws(self.user_manager).workspace_set_presence("online")

    def test_new_conversation_with_number_or_partner(self):
        ws = self._ws(self.user_agent)
        result = ws.workspace_new_conversation(self.connector.id, number="(11) 91234-0000")
        conversation = self.env["cc.conversation"].browse(result["conversation_id"])
        self.assertEqual((conversation.address, conversation.agent_id, conversation.state),
                         ("+5511912340000", self.agent, "current"))
        self.assertTrue(result["row"]["is_mine"])
        again = ws.workspace_new_conversation(self.connector.id, number="+5511912340000")
        self.assertEqual(again["conversation_id"], conversation.id)
        partner = self.env["res.partner"].create({"name": "Joana", "mobile": "11 98888-7777"})
        result = ws.workspace_new_conversation(self.connector.id, partner_id=partner.id)
        self.assertEqual(result["row"]["name"], "Joana")
        with self.assertRaisesRegex(UserError, "not a valid phone number"):
            ws.workspace_new_conversation(self.connector.id, number="12ab")
        with self.assertRaisesRegex(UserError, "not a valid phone number"):
            ws.workspace_new_conversation(self.connector.id, number="123")
        with self.assertRaisesRegex(UserError, "may not start"):
            ws.workspace_new_conversation(self.other_connector.id, number="+5511912340000")
        # A customer another agent holds is not taken over.
        held = self._mine("oi", address="+5511977776666", user=self.user_agent2)
        with self.assertRaisesRegex(UserError, "handled by Bruno Agent"):
            ws.workspace_new_conversation(self.connector.id, number="+5511977776666")
        self.assertEqual(held.agent_id, self.agent2)

    def test_canned_answers_rendered_for_the_conversation(self):
        conversation = self._mine()
        conversation.customer_name = "Paula"
        self.env["cc.template"].create({
            "name": "Saudação WS", "body": "Olá {{ object.customer_name }}, tudo bem?"})
        canned = self._ws(self.user_agent).workspace_canned(conversation.id, "Saudação WS")
        self.assertEqual([c["body"] for c in canned], ["Olá Paula, tudo bem?"])
