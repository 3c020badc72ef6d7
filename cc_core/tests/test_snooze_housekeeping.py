# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Snooze, automatic release and automatic close."""
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .test_routing import RoutingCase


@tagged("post_install", "-at_install")
class TestSnooze(RoutingCase):
    def _held(self, address, agent=None):
        return self._conversation(address, agent_id=(agent or self.agent).id,
                                  state="current")

    def test_snooze_until_date_frees_the_slot_and_wakes_to_its_agent(self):
        self.agent.capacity = 1
        held = self._held("+5511900000080")
        waiting = self._new("+5511900000081")
        self.assertEqual(waiting.agent_id, self.agent2)
        later = fields.Datetime.add(fields.Datetime.now(), hours=1)
        held.with_user(self.user_agent).action_snooze(later)
        self.assertTrue(held.is_snoozed)
        action = self.env.ref("cc_core.cc_conversation_action_my")
        my_list = self.env["cc.conversation"].with_user(self.user_agent).search(
            safe_eval(action.domain, {"uid": self.user_agent.id}))
        self.assertNotIn(held, my_list)
        self.assertFalse(self.env["cc.conversation"]._cron_wake_snoozed())  # not yet
        held.write({"snoozed_until": fields.Datetime.subtract(
            fields.Datetime.now(), minutes=1)})
        self.assertEqual(self.env["cc.conversation"]._cron_wake_snoozed(), held)
        self.assertFalse(held.is_snoozed)
        self.assertEqual(held.agent_id, self.agent)
        self.assertEqual(held.message_ids_cc.filtered("event_type").mapped("event_type"),
                         ["snoozed", "woken"])

    def test_customer_message_wakes_and_goes_to_queue_when_agent_offline(self):
        self.team.assignment_policy = "manual"
        held = self._held("+5511900000082")
        held.with_user(self.user_agent).action_snooze()
        self.agent.action_set_offline()
        self._inbound("Voltei", address="+5511900000082", msg_id="wake-1")
        self.assertFalse(held.is_snoozed)
        self.assertEqual((held.state, held.agent_id.id), ("new", False))

    def test_snooze_rules(self):
        held = self._held("+5511900000083")
        with self.assertRaises(UserError):
            held.with_user(self.user_agent).action_snooze("2000-01-01 00:00:00")
        with self.assertRaises(UserError):
            held.with_user(self.user_agent2).action_snooze()
        held.with_user(self.user_agent).action_snooze()
        with self.assertRaises(UserError):
            held.with_user(self.user_agent2).action_wake_up()
        held.action_close()
        self.assertFalse(held.is_snoozed)
        with self.assertRaises(UserError):
            held.action_snooze()


@tagged("post_install", "-at_install")
class TestHousekeeping(RoutingCase):
    def test_auto_release_unanswered_to_another_agent(self):
        self.team.auto_release_minutes = 15
        old = fields.Datetime.subtract(fields.Datetime.now(), minutes=20)
        silent = self._conversation("+5511900000090", agent_id=self.agent.id,
                                    state="current")
        silent.write({"assigned_date": old, "first_unanswered_date": old})
        fresh = self._conversation("+5511900000091", agent_id=self.agent.id,
                                   state="current")
        fresh.write({"first_unanswered_date": old})  # assigned just now
        released = self.env["cc.conversation"]._cron_auto_release()
        self.assertEqual(released, silent)
        self.assertEqual(silent.agent_id, self.agent2)  # not back to the silent agent
        self.assertIn("unanswered", silent.message_ids_cc.mapped("event_type"))
        self.assertEqual(fresh.agent_id, self.agent)
        self.assertFalse(self.env["cc.conversation"]._cron_auto_release())

    def test_auto_close_idle_with_closing_message(self):
        self.team.write({"auto_close_hours": 24,
                         "auto_close_message": "Encerramos por inatividade."})
        idle = self._conversation("+5511900000092", agent_id=self.agent.id,
                                  state="current")
        idle.write({"last_inbound_date": fields.Datetime.subtract(
            fields.Datetime.now(), hours=30)})
        active = self._conversation("+5511900000093", agent_id=self.agent.id,
                                    state="current")
        active.write({"last_inbound_date": fields.Datetime.now()})
        self.assertEqual(self.env["cc.conversation"]._cron_auto_close(), idle)
        self.assertEqual(idle.state, "done")
        closing = idle.message_ids_cc.filtered("is_automatic")
        self.assertEqual((closing.body, closing.auto_kind),
                         ("Encerramos por inatividade.", "closing"))
        self.assertEqual(active.state, "current")
        self.assertFalse(self.env["cc.conversation"]._cron_auto_close())
