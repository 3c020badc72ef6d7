# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .report_common import T0, ReportCase

TEAM_REPORTS = ("cc.volume.report", "cc.service.report", "cc.sla.report",
                "cc.cost.report", "cc.agent.report")


@tagged("post_install", "-at_install")
class TestReportRules(ReportCase):
    """A supervisor sees his teams' numbers only; a manager sees all; an
    agent opens no report."""

    def setUp(self):
        super().setUp()
        self.billing = self.env["cc.team"].create({"name": "Billing (rules)"})
        self.stranger = self.agent3
        self.billing.member_ids = self.stranger
        self.mine = self._answered(3, "+5511988880001", close_after=20)
        self.theirs = self._answered(5, "+5511988880002", team=self.billing,
                                     close_after=30)
        for conversation in (self.mine, self.theirs):
            conversation.message_ids_cc.filtered(
                lambda m: m.direction == "outbound").sudo().write(
                    {"cost_category": "other", "cost_units": 1})
            self.env["cc.sla.result"].sudo().create({
                "conversation_id": conversation.id, "team_id": conversation.team_id.id,
                "company_id": conversation.company_id.id, "kind": "first",
                "due_date": T0, "done_date": T0, "met": True})
        for agent in (self.agent, self.stranger):
            self.env["cc.agent.presence.event"].create({
                "agent_id": agent.id, "presence": "online", "date_start": T0,
                "date_end": T0 + timedelta(hours=1)})
        self._event(self.mine, 1, "taken")
        self._event(self.theirs, 1, "taken", agent=self.stranger)
        self._refresh_all()

    def _teams_seen(self, model, user):
        rows = self.env[model].with_user(user).search(
            [("team_id", "in", (self.team | self.billing).ids)])
        return rows.mapped("team_id")

    def test_supervisor_sees_his_teams(self):
        for model in TEAM_REPORTS:
            self.assertEqual(self._teams_seen(model, self.user_supervisor), self.team,
                             "%s: the supervisor's team only" % model)
            self.assertEqual(self._teams_seen(model, self.user_manager),
                             self.team | self.billing, model)
        groups = self._group("cc.service.report", [], ["first_response_median"],
                             ["team_id"], user=self.user_supervisor)
        self.assertNotIn(self.billing.id, [g["team_id"] and g["team_id"][0]
                                           for g in groups])

    def test_supervisor_sees_his_agents_presence_and_occupancy(self):
        for model in ("cc.presence.report", "cc.occupancy.report", "cc.agent.report"):
            agents = self.env[model].with_user(self.user_supervisor).search(
                [("agent_id", "in", (self.agent | self.stranger).ids)]).mapped("agent_id")
            self.assertEqual(agents, self.agent, model)
            agents = self.env[model].with_user(self.user_manager).search(
                [("agent_id", "in", (self.agent | self.stranger).ids)]).mapped("agent_id")
            self.assertEqual(agents, self.agent | self.stranger, model)

    def test_agents_open_no_report(self):
        for model in TEAM_REPORTS + ("cc.presence.report", "cc.occupancy.report"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_agent).search([])
