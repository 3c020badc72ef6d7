# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A customer reopening a closed conversation: what the one-statement reopen
(the conversation's UPDATE feeding the event row's INSERT) and the one-INSERT
bus batch leave behind must be what the ORM path leaves."""
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CcCase

# What an event row of a reopen says, whichever path wrote it.
EVENT_FIELDS = ["connector_id", "channel_kind", "company_id", "cycle", "direction",
                "message_type", "state", "event_type", "event_agent_id",
                "event_target_agent_id", "event_team_id", "media_state"]
CONVERSATION_FIELDS = ["state", "agent_id", "cycle", "stage_id", "queue_date",
                       "cycle_start_date", "csat_pending_until", "bot_node_id",
                       "bot_option_id", "unread_count", "write_date"]


@tagged("post_install", "-at_install")
class TestInboundReopenRows(CcCase):

    def _closed_by_agent(self, address):
        conversation = self._conversation(address=address)
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_close()
        # A satisfaction survey still waiting when the customer writes.
        conversation.csat_pending_until = fields.Datetime.now() + timedelta(days=1)
        self.assertEqual(conversation.state, "done")
        return conversation

    def _reopened_event(self, conversation):
        return conversation.message_ids_cc.filtered(
            lambda m: m.event_type == "reopened")

    def test_inbound_reopen_writes_what_the_orm_path_writes(self):
        self.team.keep_last_agent = False
        self.agent.presence = self.agent2.presence = "offline"
        by_customer = self._closed_by_agent("+5511911110001")
        by_agent = self._closed_by_agent("+5511911110002")
        before = set(by_customer.message_ids_cc.ids)  # read: in the record cache
        start = fields.Datetime.now()

        self._inbound("Voltei", address="+5511911110001", msg_id="rows-1")
        # The manual reopen, with tracking: the ORM write and create.
        by_agent.with_context(tracking_disable=False).with_user(
            self.user_supervisor).action_reopen()

        # What the record cache says is what the database says.
        cached = {name: by_customer[name] for name in CONVERSATION_FIELDS}
        messages_cached = set(by_customer.message_ids_cc.ids)
        by_customer.invalidate_cache()
        self.assertEqual({name: by_customer[name] for name in CONVERSATION_FIELDS},
                         cached)
        self.assertEqual(set(by_customer.message_ids_cc.ids), messages_cached,
                         "the conversation's messages in cache include the new rows")
        self.assertEqual(len(messages_cached - before), 2, "event row + message")

        for conversation in (by_customer, by_agent):
            self.assertEqual(conversation.state, "new")
            self.assertFalse(conversation.agent_id)
            self.assertEqual(conversation.cycle, 2)
            self.assertFalse(conversation.csat_pending_until)
            self.assertFalse(conversation.stage_id.is_closing)
            self.assertGreaterEqual(conversation.queue_date, start)
            self.assertGreaterEqual(conversation.cycle_start_date, start)
        self.assertEqual(by_customer.unread_count, 1)
        event, manual = self._reopened_event(by_customer), self._reopened_event(by_agent)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.read(EVENT_FIELDS)[0], dict(
            manual.read(EVENT_FIELDS)[0], id=event.id))
        self.assertEqual(event.event_agent_id, self.agent, "the previous owner")
        self.assertEqual(event.body, "The customer wrote again.")
        self.assertEqual(event.author_id, self.env.ref("cc_core.user_cc_webhook"))
        self.assertTrue(event.date and event.create_date)
        # The customer's message belongs to the new cycle, after the event row.
        message = by_customer.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual((message.body, message.cycle), ("Voltei", 2))
        self.assertGreater(message.id, event.id)

    def test_inbound_reopen_bus_rows(self):
        """Queue audience told twice (entered the queue, the message), in that
        order, one row per person, the payloads the Inbox reads."""
        self.team.keep_last_agent = False
        self.agent.presence = self.agent2.presence = "offline"
        conversation = self._closed_by_agent("+5511911110003")
        self.env["bus.bus"].sudo().search([]).unlink()
        self._inbound("De novo", address="+5511911110003", msg_id="rows-2")
        rows = self.env["bus.bus"].sudo().search([], order="id")
        audience = sorted((self.user_agent | self.user_agent2
                           | self.user_supervisor).partner_id.ids)
        notifications = [(json.loads(row.channel), json.loads(row.message))
                         for row in rows]
        self.assertEqual([(channel[2], message["type"])
                          for channel, message in notifications],
                         [(partner, "cc.conversation/new_in_queue") for partner in audience]
                         + [(partner, "cc.message/new") for partner in audience])
        message = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        payload = notifications[-1][1]["payload"]
        self.assertEqual(payload, {
            "id": conversation.id, "state": "new", "agent_id": False,
            "connector_id": self.connector.id, "channel_kind": "whatsapp",
            "unread_count": 1, "message_id": message.id, "direction": "inbound"})
        self.assertTrue(all(channel[:2] == [self.env.cr.dbname, "res.partner"]
                            for channel, _message in notifications))

    def test_inbound_reopen_to_last_agent_bus_rows(self):
        """Routed back to its last agent: the assignment to him, the team's
        supervisors and the queue; the message to him and the supervisors."""
        self.team.write({"keep_last_agent": True})
        conversation = self._closed_by_agent("+5511911110004")
        self.env["bus.bus"].sudo().search([]).unlink()
        self._inbound("Oi de novo", address="+5511911110004", msg_id="rows-3")
        self.assertEqual(conversation.agent_id, self.agent)
        heard = {}
        for row in self.env["bus.bus"].sudo().search([], order="id"):
            heard.setdefault(json.loads(row.message)["type"], []).append(
                json.loads(row.channel)[2])
        self.assertEqual(heard["cc.conversation/assigned"], sorted(
            (self.user_agent | self.user_agent2 | self.user_supervisor).partner_id.ids))
        self.assertEqual(heard["cc.message/new"], sorted(
            (self.user_agent | self.user_supervisor).partner_id.ids))

    def test_no_team_reopen_waits_in_queue(self):
        """Without a team nobody is picked (only a team's agents are): the
        conversation waits in the queue even with agents online."""
        connector = self.env["cc.connector"].create({
            "name": "No team", "provider": "fake", "channel_kind": "whatsapp",
            "fake_token": "noteam", "agent_ids": [(6, 0, (self.agent | self.agent2).ids)],
        })
        conversation = self._conversation(address="+5511911110005", connector=connector)
        self.assertFalse(conversation.team_id)
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_close()
        self._inbound("Alguém?", address="+5511911110005", msg_id="rows-4",
                      connector=connector)
        self.assertEqual((conversation.state, conversation.agent_id.id, conversation.cycle),
                         ("new", False, 2))
