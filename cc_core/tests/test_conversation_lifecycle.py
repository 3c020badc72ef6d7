# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestConversationLifecycle(CcCase):
    """An agent takes, answers, transfers, closes; the customer reopens."""

    def _events(self, conversation):
        return conversation.message_ids_cc.filtered(
            lambda m: m.message_type == "event").mapped("event_type")

    def test_inbound_creates_new_conversation_in_queue(self):
        self._inbound("Oi, preciso de ajuda")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual(len(conversation), 1)
        self.assertEqual(conversation.state, "new")
        self.assertFalse(conversation.agent_id)
        self.assertEqual(conversation.unread_count, 1)
        self.assertTrue(conversation.first_unanswered_date)
        self.assertEqual(conversation.address, "+5511987654321")

    def test_take_release_close_reopen_cycle(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        self.assertEqual(conversation.state, "current")
        self.assertEqual(conversation.agent_id, self.agent)
        conversation.with_user(self.user_agent).action_release()
        self.assertEqual((conversation.state, conversation.agent_id.id), ("new", False))
        conversation.with_user(self.user_agent2).action_take()
        conversation.with_user(self.user_agent2).action_close()
        self.assertEqual(conversation.state, "done")
        self.assertEqual(conversation.stage_id, self.stage_closing)
        self.assertEqual(conversation.cycle, 1)
        # The customer writes again: the same conversation reopens, next cycle.
        self.agent2.presence = "offline"
        self._inbound("Voltei", msg_id="again-1")
        self.assertEqual(conversation.state, "new")
        self.assertEqual(conversation.cycle, 2)
        self.assertFalse(conversation.agent_id, "never routed to an offline agent")
        self.assertEqual(self._events(conversation),
                         ["taken", "released", "taken", "closed", "reopened"])
        cycles = conversation.message_ids_cc.filtered(
            lambda m: m.event_type == "reopened").mapped("cycle")
        self.assertEqual(cycles, [2])

    def test_reopen_goes_back_to_last_agent_only_when_available(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_close()
        self._inbound("De novo", msg_id="again-2")
        self.assertEqual(conversation.state, "current")
        self.assertEqual(conversation.agent_id, self.agent)
        self.assertIn("assigned", self._events(conversation))

    def test_balanced_assignment_skips_unavailable_agents(self):
        self.team.write({"assignment_policy": "balanced", "keep_last_agent": False})
        self.agent.presence = "away"
        self._inbound("Quero comprar", address="+5521999990000")
        conversation = self.env["cc.conversation"].search(
            [("address", "=", "+5521999990000")])
        self.assertEqual(conversation.agent_id, self.agent2)
        self.assertEqual(conversation.state, "current")

    def test_take_requires_permission_on_connector(self):
        conversation = self._conversation()
        with self.assertRaisesRegex(UserError, "not allowed"):
            conversation.with_user(self.user_supervisor).action_take()

    def test_take_only_new(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        with self.assertRaisesRegex(UserError, "already taken by Ana Agent"):
            conversation.with_user(self.user_agent).action_take()

    def test_only_owner_or_supervisor_sends(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        with self.assertRaisesRegex(UserError, "handled by"):
            self.env["cc.message"].with_user(self.user_agent2)._queue_outbound(
                conversation.with_user(self.user_agent2), "Oi")
        message = self.env["cc.message"].with_user(self.user_supervisor)._queue_outbound(
            conversation.with_user(self.user_supervisor), "Supervisor aqui")
        self.assertEqual(message.state, "queued")

    def test_transfer_to_agent_and_to_team_records_reason(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        wizard = self.env["cc.conversation.transfer"].with_user(self.user_agent).create({
            "conversation_id": conversation.id, "agent_id": self.agent2.id,
            "reason": "Especialista em vendas"})
        wizard.action_transfer()
        self.assertEqual(conversation.agent_id, self.agent2)
        event = conversation.message_ids_cc.filtered(
            lambda m: m.event_type == "transferred")
        self.assertEqual(event.body, "Especialista em vendas")
        self.assertEqual(event.event_target_agent_id, self.agent2)
        conversation.with_user(self.user_agent2)._transfer(team=self.team, reason="Fila")
        self.assertEqual((conversation.state, conversation.agent_id.id), ("new", False))

    def test_transfer_refuses_agent_without_connector(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        with self.assertRaisesRegex(UserError, "may not work"):
            conversation.with_user(self.user_agent)._transfer(agent=self.agent3,
                                                              reason="x")

    def test_closing_stage_closes(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).write({"stage_id": self.stage_closing.id})
        self.assertEqual(conversation.state, "done")
        self.assertIn("closed", self._events(conversation))

    def test_one_conversation_per_connector_and_customer(self):
        self._conversation("+5511987654321")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._conversation("+55 11 8765-4321")  # same customer, no 9th digit
        other = self._conversation("+5511987654321", connector=self.other_connector)
        self.assertEqual(other.channel_kind, "sms")

    def test_non_phone_address_kept_raw_and_flagged(self):
        conversation = self._conversation("BR.1502576394655843")
        self.assertFalse(conversation.is_phone)
        self.assertEqual(conversation.address, "BR.1502576394655843")

    def test_active_connector_needs_provider(self):
        with self.assertRaises(ValidationError):
            self.env["cc.connector"].create({"name": "No provider", "channel_kind": "sms"})
