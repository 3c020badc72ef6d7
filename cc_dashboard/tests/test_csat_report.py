# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.cc_core.tests.common import CcCase


@tagged("post_install", "-at_install")
class TestCsatReport(CcCase):
    """Quality report: average rating, distribution, response rate per team,
    agent, channel and month, on a small known dataset; supervisors see their
    teams only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.other_team = env["cc.team"].create({
            "name": "Billing", "member_ids": [(6, 0, cls.agent3.ids)]})
        Survey = env["cc.csat.survey"]
        cls.surveys = Survey
        # Support (whatsapp): 5, 4, 2 answered; 1 expired; 1 opted out; 1 waiting.
        # Billing (sms): 1 answered; 1 expired.
        rows = [
            ("support", cls.agent, "answered", 5, datetime(2026, 10, 5)),
            ("support", cls.agent, "answered", 4, datetime(2026, 10, 6)),
            ("support", cls.agent2, "answered", 2, datetime(2026, 11, 7)),
            ("support", cls.agent2, "expired", 0, datetime(2026, 11, 8)),
            ("support", cls.agent, "not_sent", 0, datetime(2026, 11, 9)),
            ("support", cls.agent, "sent", 0, datetime(2026, 11, 10)),
            ("billing", cls.agent3, "answered", 1, datetime(2026, 11, 11)),
            ("billing", cls.agent3, "expired", 0, datetime(2026, 11, 12)),
        ]
        for index, (team, agent, state, rating, date) in enumerate(rows):
            billing = team == "billing"
            conversation = env["cc.conversation"].create({
                "connector_id": (cls.other_connector if billing else cls.connector).id,
                "address": "+55119876500%02d" % index,
                "team_id": (cls.other_team if billing else cls.team).id})
            survey = Survey.create({
                "conversation_id": conversation.id, "cycle": 1,
                "team_id": conversation.team_id.id, "agent_id": agent.id,
                "connector_id": conversation.connector_id.id,
                "channel_kind": conversation.channel_kind,
                "company_id": conversation.company_id.id,
            })
            vals = {"state": state, "rating": rating}
            if state == "not_sent":
                vals["not_sent_reason"] = "opted_out"
            survey.write(vals)
            cls.surveys |= survey
            env.cr.execute("UPDATE cc_csat_survey SET create_date = %s WHERE id = %s",
                           (date, survey.id))
        cls.surveys.invalidate_cache()

    def _group(self, groupby, user=None, fields=None):
        Report = self.env["cc.csat.report"]
        if user:
            Report = Report.with_user(user)
        Report.env["base"].flush()
        fields = fields or ["rating:avg", "response_rate:avg", "satisfied_rate:avg",
                            "answered_count:sum", "asked_count:sum",
                            "survey_count:sum"]
        return Report.read_group([("survey_id", "in", self.surveys.ids)], fields,
                                 groupby, lazy=False)

    def test_per_team_average_response_rate(self):
        groups = {g["team_id"][1]: g for g in self._group(["team_id"])}
        support, billing = groups["Support"], groups["Billing"]
        self.assertAlmostEqual(support["rating"], 11 / 3.0, places=4)
        self.assertAlmostEqual(support["response_rate"], 75.0,
                               msg="3 answered of 4 asked and over; the waiting one "
                               "and the one not sent do not count")
        self.assertAlmostEqual(support["satisfied_rate"], 200 / 3.0, places=4)
        self.assertEqual((support["answered_count"], support["asked_count"],
                          support["survey_count"]), (3, 5, 6))
        self.assertAlmostEqual(billing["rating"], 1.0)
        self.assertAlmostEqual(billing["response_rate"], 50.0)

    def test_distribution_of_ratings(self):
        groups = self._group(["rating_value"])
        distribution = {g["rating_value"]: g["answered_count"] for g in groups}
        self.assertEqual(distribution, {"1": 1, "2": 1, "4": 1, "5": 1, False: 0})

    def test_per_agent_channel_and_month(self):
        agents = {g["agent_id"][0]: g["rating"] for g in self._group(["agent_id"])}
        self.assertAlmostEqual(agents[self.agent.id], 4.5)
        self.assertAlmostEqual(agents[self.agent2.id], 2.0)
        channels = {g["channel_kind"]: g["response_rate"]
                    for g in self._group(["channel_kind"])}
        self.assertAlmostEqual(channels["whatsapp"], 75.0)
        self.assertAlmostEqual(channels["sms"], 50.0)
        months = {g["date:month"]: g["rating"] for g in self._group(["date:month"])}
        self.assertAlmostEqual(months["October 2026"], 4.5)
        self.assertAlmostEqual(months["November 2026"], 1.5)

    def test_supervisor_sees_his_teams_only(self):
        groups = self._group(["team_id"], user=self.user_supervisor)
        self.assertEqual([g["team_id"][1] for g in groups], ["Support"])
        surveys = self.env["cc.csat.survey"].with_user(self.user_supervisor).search(
            [("id", "in", self.surveys.ids)])
        self.assertEqual(surveys.team_id, self.team)
        self.assertEqual(len(self.env["cc.csat.report"].with_user(self.user_manager)
                             .search([("survey_id", "in", self.surveys.ids)])), 8)

    def test_agent_sees_his_own_surveys_and_no_report(self):
        surveys = self.env["cc.csat.survey"].with_user(self.user_agent).search(
            [("id", "in", self.surveys.ids)])
        self.assertEqual(surveys.agent_id, self.agent)
        self.assertFalse(self.env["cc.csat.report"].with_user(self.user_agent)
                         .check_access_rights("read", raise_exception=False))
