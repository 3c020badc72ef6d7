# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SLA due times, states, breach notification and results."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .test_routing import RoutingCase


@tagged("post_install", "-at_install")
class TestSla(RoutingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.assignment_policy = "manual"
        cls.policy = cls.env["cc.sla.policy"].create({
            "name": "Padrão", "team_id": cls.team.id, "first_response_minutes": 10,
            "next_response_minutes": 5, "resolution_minutes": 600})

    def _waiting(self, address, since):
        conversation = self._conversation(address)
        conversation.write({"first_unanswered_date": since, "cycle_start_date": since})
        return conversation

    def test_states_on_time_at_risk_breached(self):
        start = datetime(2026, 12, 7, 12, 0)
        conversation = self._waiting("+5511900000070", start)
        Conversation = self.env["cc.conversation"]
        Conversation._cron_sla(now=start + timedelta(minutes=5))
        self.assertEqual((conversation.sla_state, conversation.sla_kind),
                         ("on_time", "first"))
        self.assertEqual(conversation.sla_due, start + timedelta(minutes=10))
        Conversation._cron_sla(now=start + timedelta(minutes=8))  # 80 %
        self.assertEqual(conversation.sla_state, "at_risk")
        Conversation._cron_sla(now=start + timedelta(minutes=11))
        self.assertEqual(conversation.sla_state, "breached")
        self.assertEqual(conversation._sla_badges(), {conversation.id: {
            "state": "breached", "due": "2026-12-07 12:10:00"}})

    def test_breach_notifies_supervisors_once(self):
        start = datetime(2026, 12, 7, 12, 0)
        conversation = self._waiting("+5511900000071", start)
        Conversation = self.env["cc.conversation"]
        self.assertEqual(Conversation._cron_sla(now=start + timedelta(minutes=20)), 1)
        self.assertEqual(Conversation._cron_sla(now=start + timedelta(minutes=21)), 0)
        activities = conversation.activity_ids
        self.assertEqual(activities.user_id, self.user_supervisor)
        self.assertEqual(len(activities), 1)
        self.assertTrue(conversation.sla_breach_notified)

    def test_answer_stores_the_result_and_next_response_starts(self):
        conversation = self._conversation("+5511900000072", agent_id=self.agent.id,
                                          state="current")
        now = fields.Datetime.now()  # naive UTC, as stored (not the machine's local time)
        conversation.write({"first_unanswered_date": now - timedelta(minutes=3),
                            "cycle_start_date": now - timedelta(minutes=3)})
        self.env["cc.conversation"]._cron_sla()
        self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation.with_user(self.user_agent), "Olá!")
        result = conversation.sla_result_ids
        self.assertEqual((result.kind, result.met, result.cycle), ("first", True, 1))
        conversation.write({"first_unanswered_date": now})  # the customer writes again
        self.env["cc.conversation"]._cron_sla()
        self.assertEqual(conversation.sla_kind, "next")
        self.assertEqual(conversation.sla_due, now + timedelta(minutes=5))
        conversation.action_close()
        kinds = sorted(conversation.sla_result_ids.mapped("kind"))
        self.assertEqual(kinds, ["first", "next", "resolution"])
        self.assertEqual(conversation.sla_state, "none")

    def test_due_counts_business_time_only(self):
        calendar = self.env.ref("resource.resource_calendar_std").copy(
            {"tz": "America/Sao_Paulo"})
        self.team.resource_calendar_id = calendar
        # Friday 11 Dec 2026 16:55 local (19:55 UTC): 10 minutes = 5 on Friday
        # (closes 17:00) + 5 on Monday from 08:00 local = Monday 11:05 UTC.
        conversation = self._waiting("+5511900000073", datetime(2026, 12, 11, 19, 55))
        self.env["cc.conversation"]._cron_sla(now=datetime(2026, 12, 12, 15, 0))
        self.assertEqual(conversation.sla_due, datetime(2026, 12, 14, 11, 5))
        self.assertEqual(conversation.sla_state, "on_time")  # clock stopped

    def test_channel_policy_wins(self):
        self.env["cc.sla.policy"].create({
            "name": "WhatsApp", "team_id": self.team.id, "channel_kind": "whatsapp",
            "first_response_minutes": 2})
        start = datetime(2026, 12, 7, 12, 0)
        conversation = self._waiting("+5511900000074", start)
        self.env["cc.conversation"]._cron_sla(now=start)
        self.assertEqual(conversation.sla_due, start + timedelta(minutes=2))
