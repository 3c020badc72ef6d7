# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .report_common import T0, ReportCase


@tagged("post_install", "-at_install")
class TestSlaReport(ReportCase):
    def _result(self, conversation, kind, met, late=0, agent=None):
        due = T0 + timedelta(minutes=15)
        return self.env["cc.sla.result"].sudo().create({
            "conversation_id": conversation.id, "team_id": conversation.team_id.id,
            "agent_id": (agent or self.agent).id, "company_id": conversation.company_id.id,
            "cycle": 1, "kind": kind, "due_date": due,
            "done_date": due + timedelta(minutes=late if not met else -5),
            "met": met, "breached": not met})

    def test_compliance_counts_and_lateness_per_agent(self):
        conversation = self._conversation(team_id=self.team.id)
        self._result(conversation, "first", True)
        self._result(conversation, "first", True)
        self._result(conversation, "first", False, late=30)
        self._result(conversation, "resolution", False, late=90, agent=self.agent2)
        self.env["base"].flush()
        domain = [("conversation_id", "=", conversation.id)]
        measures = ["met_percent", "met_count", "breached_count", "late_minutes"]
        total = self._group("cc.sla.report", domain, measures, [])[0]
        self.assertEqual((total["met_count"], total["breached_count"]), (2, 2))
        self.assertAlmostEqual(total["met_percent"], 50.0)
        self.assertAlmostEqual(total["late_minutes"], 60.0)
        by_agent = {g["agent_id"][0]: g for g in self._group(
            "cc.sla.report", domain, measures, ["agent_id"])}
        self.assertAlmostEqual(by_agent[self.agent.id]["met_percent"], 200.0 / 3)
        self.assertAlmostEqual(by_agent[self.agent2.id]["met_percent"], 0.0)
        by_kind = {g["kind"]: g for g in self._group(
            "cc.sla.report", domain, ["met_count"], ["kind", "channel_kind"])}
        self.assertEqual(by_kind["first"]["met_count"], 2)
        self.assertEqual(by_kind["first"]["channel_kind"], "whatsapp")


@tagged("post_install", "-at_install")
class TestAgentReports(ReportCase):
    """Presence per reason, agents' activity, occupancy."""

    def setUp(self):
        super().setUp()
        self.lunch = self.env["cc.pause.reason"].create({"name": "Lunch (test)",
                                                         "max_minutes": 60})
        Event = self.env["cc.agent.presence.event"]
        self.periods = Event
        for presence, start, end, reason in (
                ("online", 0, 120, False), ("paused", 120, 195, self.lunch.id),
                ("online", 195, 255, False), ("away", 255, 265, False)):
            self.periods |= Event.create({
                "agent_id": self.agent.id, "presence": presence,
                "pause_reason_id": reason,
                "date_start": T0 + timedelta(minutes=start),
                "date_end": T0 + timedelta(minutes=end)})

    def test_time_per_presence_and_pause_reason(self):
        self.env["base"].flush()
        domain = [("id", "in", self.periods.ids)]
        groups = {(g["presence"], g["pause_reason_id"] and g["pause_reason_id"][0]): g
                  for g in self._group("cc.presence.report", domain,
                                       ["duration_minutes", "duration_hours",
                                        "overrun_count"],
                                       ["presence", "pause_reason_id"])}
        self.assertAlmostEqual(groups[("online", False)]["duration_minutes"], 180.0)
        self.assertAlmostEqual(groups[("online", False)]["duration_hours"], 3.0)
        self.assertAlmostEqual(groups[("paused", self.lunch.id)]["duration_minutes"], 75.0)
        self.assertEqual(groups[("paused", self.lunch.id)]["overrun_count"], 1,
                         "75 minutes of a 60-minute lunch")
        self.assertAlmostEqual(groups[("away", False)]["duration_minutes"], 10.0)

    def test_agent_activity(self):
        first = self._answered(4, "+5511966660001")
        self._message(first, 6, "outbound")
        second = self._answered(10, "+5511966660002")
        self._answered(20, "+5511966660003", team=self.env["cc.team"].create(
            {"name": "Elsewhere"}))
        self._refresh_all()
        groups = self._group(
            "cc.agent.report", [("agent_id", "=", self.agent.id),
                                ("team_id", "in", [self.team.id, False]),
                                # not the agent's own presence since the set-up
                                ("date", "<", T0 + timedelta(days=1))],
            ["cycle_count", "message_count", "first_response_median", "online_hours",
             "away_hours", "paused_hours"], ["agent_id"])
        self.assertEqual(len(groups), 1)
        row = groups[0]
        self.assertEqual(row["cycle_count"], 2)
        self.assertEqual(row["message_count"], 3)
        self.assertAlmostEqual(row["first_response_median"], 7.0)
        self.assertAlmostEqual(row["online_hours"], 3.0)
        self.assertAlmostEqual(row["paused_hours"], 1.25)
        self.assertAlmostEqual(row["away_hours"], 10 / 60.0)
        self.assertTrue(second)

    def test_occupancy_is_held_time_over_capacity_online(self):
        self.agent.capacity = 2
        conversation = self._conversation(team_id=self.team.id)
        self._event(conversation, 0, "taken")
        self._event(conversation, 30, "transferred", agent=self.agent2)
        self._event(conversation, 50, "transferred", agent=self.agent)
        self._event(conversation, 80, "closed")
        other = self._conversation(address="+5511966660009", team_id=self.team.id)
        self._event(other, 10, "assigned")
        self._event(other, 70, "released")
        self._refresh_all()
        row = self.env["cc.occupancy.report"].search(
            [("agent_id", "=", self.agent.id), ("day", "=", T0.date())])
        # Held: 30 + 30 minutes of the first, 60 of the other = 2 hours;
        # online 3 hours x capacity 2 = 6 hours: 33.3 %.
        self.assertAlmostEqual(row.held_hours, 2.0)
        self.assertAlmostEqual(row.online_hours, 3.0)
        self.assertAlmostEqual(row.capacity_hours, 6.0)
        self.assertAlmostEqual(row.occupancy_percent, 100.0 / 3)
        other_agent = self.env["cc.occupancy.report"].search(
            [("agent_id", "=", self.agent2.id), ("day", "=", T0.date())])
        self.assertAlmostEqual(other_agent.held_hours, 20 / 60.0)
        self.assertFalse(other_agent.occupancy_percent, "never online that day")

    def test_occupancy_days_are_the_company_days(self):
        """An evening shift in São Paulo, 21:00-23:00 on Tuesday 3 November,
        is 00:00-02:00 UTC on the 4th: it counts on the 3rd."""
        self.env.company.partner_id.tz = "America/Sao_Paulo"  # UTC-3
        evening = datetime(2026, 11, 4, 0, 0)
        self.env["cc.agent.presence.event"].create({
            "agent_id": self.agent2.id, "presence": "online",
            "date_start": evening, "date_end": evening + timedelta(hours=2)})
        conversation = self._conversation(address="+5511966660010", team_id=self.team.id)
        self._event(conversation, 0, "assigned", agent=self.agent2,
                    date=evening + timedelta(minutes=30))
        self._event(conversation, 0, "closed", agent=self.agent2,
                    date=evening + timedelta(minutes=90))
        self._refresh_all()
        rows = self.env["cc.occupancy.report"].search(
            [("agent_id", "=", self.agent2.id),
             ("day", "in", [date(2026, 11, 3), date(2026, 11, 4)])])
        self.assertEqual(rows.mapped("day"), [date(2026, 11, 3)])
        self.assertAlmostEqual(rows.held_hours, 1.0)
        self.assertAlmostEqual(rows.online_hours, 2.0)
