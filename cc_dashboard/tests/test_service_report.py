# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests import tagged

from .report_common import ReportCase

SERVICE = "cc.service.report"


@tagged("post_install", "-at_install")
class TestServicePercentiles(ReportCase):
    """Medians and 90th percentiles are exact at every pivot grouping."""

    def setUp(self):
        super().setUp()
        self.other_team = self.env["cc.team"].create({"name": "Billing (percentiles)"})
        # Support answers after 1, 2, 3 minutes; Billing after 4 and 10.
        self.conversations = self.env["cc.conversation"]
        for index, minutes in enumerate((1, 2, 3)):
            self.conversations |= self._answered(minutes, "+55119000000%02d" % index)
        for index, minutes in enumerate((4, 10)):
            self.conversations |= self._answered(
                minutes, "+55119000001%02d" % index, team=self.other_team,
                close_after=60 * (index + 1))
        self._refresh_all()
        self.domain = [("conversation_id", "in", self.conversations.ids)]

    def test_median_and_p90_per_team_and_overall(self):
        measures = ["first_response_median", "first_response_p90",
                    "first_response_minutes"]
        total = self._group(SERVICE, self.domain, measures, [])[0]
        # 1, 2, 3, 4, 10: the median is 3 (not the mean of the teams' medians,
        # 4.5); p90 interpolates between 4 and 10: 4 + 0.6 x 6.
        self.assertAlmostEqual(total["first_response_median"], 3.0)
        self.assertAlmostEqual(total["first_response_p90"], 7.6)
        self.assertAlmostEqual(total["first_response_minutes"], 4.0)
        by_team = {g["team_id"][0]: g for g in self._group(
            SERVICE, self.domain, measures, ["team_id"])}
        self.assertAlmostEqual(by_team[self.team.id]["first_response_median"], 2.0)
        self.assertAlmostEqual(by_team[self.team.id]["first_response_p90"], 2.8)
        self.assertAlmostEqual(by_team[self.other_team.id]["first_response_median"], 7.0)
        self.assertAlmostEqual(by_team[self.other_team.id]["first_response_p90"], 9.4)

    def test_resolution_percentiles_ignore_open_cycles(self):
        groups = self._group(SERVICE, self.domain, ["resolution_median", "resolution_p90"],
                             [])
        # Only the two Billing cycles are closed: 60 and 120 minutes.
        self.assertAlmostEqual(groups[0]["resolution_median"], 90.0)
        self.assertAlmostEqual(groups[0]["resolution_p90"], 114.0)

    def test_web_client_spec_is_accepted_only_for_the_fields_own_aggregate(self):
        Report = self.env[SERVICE]
        self.assertEqual(Report._cc_percentile_specs(
            ["first_response_median:cc_median", "first_response_minutes:cc_median",
             "resolution_p90:cc_p90", "__count"]),
            ["first_response_median", "first_response_minutes:cc_median",
             "resolution_p90", "__count"])


@tagged("post_install", "-at_install")
class TestServiceReport(ReportCase):
    """Business time, abandonment, reopenings, transfers."""

    def _calendar_team(self):
        calendar = self.env["resource.calendar"].create({
            "name": "Support hours (report test)", "tz": "UTC",
            "attendance_ids": [(0, 0, {"name": "day", "dayofweek": str(day),
                                       "hour_from": start, "hour_to": end,
                                       "day_period": period})
                               for day in range(5)
                               for start, end, period in ((8, 12, "morning"),
                                                          (13, 18, "afternoon"))]})
        self.team.resource_calendar_id = calendar
        return calendar

    def _row(self, conversation, cycle=1):
        self._refresh_all()
        return self.env[SERVICE].search([("conversation_id", "=", conversation.id),
                                         ("cycle", "=", cycle)])

    def test_times_count_business_minutes_only(self):
        self._calendar_team()
        conversation = self._conversation(team_id=self.team.id)
        # Friday 17:50 -> Monday 08:20 (after a Monday holiday): 10 + 20 minutes.
        friday = datetime(2026, 11, 6, 17, 50)
        self.env["cc.holiday"].create({"name": "Company day", "date": date(2026, 11, 9)})
        self._message(conversation, 0, "inbound", date=friday)
        self._message(conversation, 0, "outbound", date=datetime(2026, 11, 10, 8, 20))
        self._event(conversation, 0, "closed", date=datetime(2026, 11, 10, 12, 30))
        row = self._row(conversation)
        self.assertAlmostEqual(row.first_response_minutes, 30.0)
        # Closed Tuesday 12:30, in the lunch break: 10 + 240 (08:00-12:00).
        self.assertAlmostEqual(row.resolution_minutes, 10.0 + 240.0)
        schedule = self.team._cc_schedule(friday)  # that week's holidays
        self.assertAlmostEqual(row.first_response_minutes, schedule.minutes_between(
            friday, datetime(2026, 11, 10, 8, 20)), msg="same rules as the SLA")
        self.assertAlmostEqual(row.resolution_minutes, schedule.minutes_between(
            friday, datetime(2026, 11, 10, 12, 30)))

    def test_team_without_business_hours_counts_clock_minutes(self):
        conversation = self._answered(7, "+5511955550001", close_after=45)
        row = self._row(conversation)
        self.assertAlmostEqual(row.first_response_minutes, 7.0)
        self.assertAlmostEqual(row.resolution_minutes, 45.0)

    def test_automatic_messages_are_not_an_answer(self):
        conversation = self._conversation(team_id=self.team.id)
        self._message(conversation, 0, "inbound")
        self._message(conversation, 0, "outbound", is_automatic=True, author_id=False)
        self._message(conversation, 12, "outbound")
        self.assertAlmostEqual(self._row(conversation).first_response_minutes, 12.0)

    def test_abandoned_reopened_and_transferred(self):
        abandoned = self._answered(None, "+5511955550002", close_after=30)
        answered = self._answered(5, "+5511955550003", close_after=40)
        self._event(answered, 20, "transferred", agent=self.agent2)
        self._event(answered, 25, "transferred", agent=self.agent)
        answered._reopen("customer came back")
        self._message(answered, 600, "inbound")
        self._refresh_all()
        rows = self.env[SERVICE].search(
            [("conversation_id", "in", (abandoned | answered).ids)])
        by_key = {(r.conversation_id, r.cycle): r for r in rows}
        first_abandoned = by_key[(abandoned, 1)]
        self.assertTrue(first_abandoned.is_abandoned)
        self.assertEqual(first_abandoned.abandoned_percent, 100.0)
        self.assertEqual(by_key[(answered, 1)].transfer_count, 2)
        self.assertEqual(by_key[(answered, 1)].reopened_percent, 100.0)
        self.assertFalse(by_key[(answered, 2)].is_closed)
        groups = self._group(SERVICE, [("id", "in", rows.ids)],
                             ["abandoned_percent", "reopened_percent",
                              "transfers_per_cycle", "transfer_count"], [])
        # Closed cycles: abandoned (abandoned, not reopened), answered cycle 1
        # (answered, reopened). The open cycle 2 counts in neither rate.
        self.assertAlmostEqual(groups[0]["abandoned_percent"], 50.0)
        self.assertAlmostEqual(groups[0]["reopened_percent"], 50.0)
        self.assertEqual(groups[0]["transfer_count"], 2)
        self.assertAlmostEqual(groups[0]["transfers_per_cycle"], 2 / 3)
