# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Presence periods, pauses and disconnected agents."""
from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_routing import RoutingCase


@tagged("post_install", "-at_install")
class TestPresence(RoutingCase):
    def _events(self, agent):
        return self.env["cc.agent.presence.event"].search(
            [("agent_id", "=", agent.id)], order="date_start, id")

    def test_every_change_is_a_period_of_the_timeline(self):
        lunch = self.env.ref("cc_core.cc_pause_reason_lunch")
        self.agent.with_user(self.user_agent).action_set_away()
        self.agent.with_user(self.user_agent).action_pause(lunch)
        self.agent.with_user(self.user_agent).action_set_online()
        events = self._events(self.agent)
        self.assertEqual(events.mapped("presence"), ["online", "away", "paused", "online"])
        self.assertEqual(events[2].pause_reason_id, lunch)
        self.assertTrue(all(events[:3].mapped("date_end")))
        self.assertFalse(events[3].date_end)
        self.assertEqual(events[0].date_end, events[1].date_start)
        self.assertFalse(self.agent.pause_reason_id)
        # Same state again: no new period.
        self.agent.with_user(self.user_agent).action_set_online()
        self.assertEqual(len(self._events(self.agent)), 4)

    def test_durations_and_overrun_pauses(self):
        brk = self.env.ref("cc_core.cc_pause_reason_break")  # 15 minutes at most
        start = fields.Datetime.subtract(fields.Datetime.now(), minutes=40)
        event = self.env["cc.agent.presence.event"].create({
            "agent_id": self.agent.id, "presence": "paused", "pause_reason_id": brk.id,
            "date_start": start, "date_end": fields.Datetime.add(start, minutes=20)})
        self.assertEqual(event.duration_minutes, 20)
        self.assertTrue(event.overrun)
        groups = self.env["cc.agent.presence.event"].read_group(
            [("agent_id", "=", self.agent.id), ("presence", "=", "paused")],
            ["duration_minutes"], ["agent_id"])
        self.assertEqual(groups[0]["duration_minutes"], 20)

    def test_period_day_is_the_company_day_whoever_writes_it(self):
        """21:30 on 6 December in São Paulo is 00:30 UTC on the 7th and
        already the 7th afternoon in Kiritimati: the period is of the 6th
        (the company's day), whoever's session records it."""
        self.env.company.partner_id.tz = "America/Sao_Paulo"
        Event = self.env["cc.agent.presence.event"]
        for writer_tz in ("Pacific/Kiritimati", "Pacific/Pago_Pago", False):
            event = Event.with_context(tz=writer_tz).create({
                "agent_id": self.agent.id, "presence": "online",
                "date_start": datetime(2026, 12, 7, 0, 30)})
            self.assertEqual(event.day, date(2026, 12, 6), writer_tz)

    def test_agents_pause_only_themselves(self):
        lunch = self.env.ref("cc_core.cc_pause_reason_lunch")
        with self.assertRaises(AccessError):
            self.agent2.with_user(self.user_agent).action_pause(lunch)
        self.agent2.with_user(self.user_supervisor).action_pause(lunch)
        self.assertEqual(self.agent2.presence, "paused")

    def test_supervisor_sees_team_timeline_agent_only_his(self):
        Event = self.env["cc.agent.presence.event"]
        self.agent2.action_set_away()
        mine = Event.with_user(self.user_agent).search([])
        self.assertEqual(mine.mapped("agent_id"), self.agent)
        team = Event.with_user(self.user_supervisor).search([])
        self.assertIn(self.agent2, team.mapped("agent_id"))

    def test_disconnected_agent_goes_offline_and_unanswered_return_to_queue(self):
        self.team.assignment_policy = "manual"
        answered = self._conversation("+5511900000060", agent_id=self.agent.id,
                                      state="current")
        answered.write({"last_outbound_date": fields.Datetime.add(
            answered.assigned_date, seconds=1)})
        unanswered = self._conversation("+5511900000061", agent_id=self.agent.id,
                                        state="current")
        unanswered.write({"first_unanswered_date": fields.Datetime.now()})
        self.env["bus.presence"].search([("user_id", "=", self.user_agent.id)]).write(
            {"last_poll": fields.Datetime.subtract(fields.Datetime.now(), minutes=10)})
        agents = self.env["cc.agent"]._cron_disconnected_offline()
        self.assertIn(self.agent, agents)
        self.assertNotIn(self.agent2, agents)  # still connected
        self.assertEqual(self.agent.presence, "offline")
        self.assertEqual((unanswered.state, unanswered.agent_id.id), ("new", False))
        self.assertEqual(answered.agent_id, self.agent)
        self.assertIn("unanswered", unanswered.message_ids_cc.mapped("event_type"))
        self.assertFalse(self.env["cc.agent"]._cron_disconnected_offline())  # idempotent

    def test_pause_dialog_and_pause_by_id(self):
        training = self.env.ref("cc_core.cc_pause_reason_training")
        wizard = self.env["cc.agent.pause"].with_user(self.user_agent).create(
            {"agent_id": self.agent.id, "reason_id": training.id})
        wizard.action_pause()
        self.assertEqual((self.agent.presence, self.agent.pause_reason_id),
                         ("paused", training))
        brk = self.env.ref("cc_core.cc_pause_reason_break")
        self.agent.with_user(self.user_agent).action_pause(brk.id)  # as over RPC
        self.assertEqual(self.agent.pause_reason_id, brk)
        self.assertEqual(self._events(self.agent)[-1].pause_reason_id, brk)
