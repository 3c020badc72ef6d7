# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS
from odoo.addons.cc_core.models.cc_sla_result import SLA_KINDS


class CcSlaReport(models.Model):
    """SLA compliance: one row per SLA target of a cycle (cc.sla.result)."""

    _name = "cc.sla.report"
    _description = "Contact Center SLA Compliance Report"
    _auto = False
    _order = "done_date desc"

    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    cycle = fields.Integer(readonly=True, group_operator=False)
    team_id = fields.Many2one("cc.team", readonly=True)
    agent_id = fields.Many2one("cc.agent", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    kind = fields.Selection(SLA_KINDS, string="SLA target", readonly=True)
    due_date = fields.Datetime(string="Due", readonly=True)
    done_date = fields.Datetime(string="Done", readonly=True)
    met_count = fields.Integer(string="Met", readonly=True)
    breached_count = fields.Integer(string="Breached", readonly=True)
    met_percent = fields.Float(
        string="Compliance (%)", readonly=True, group_operator="avg",
        help="Targets met out of all targets fulfilled.")
    late_minutes = fields.Float(
        string="Late by, average (min)", readonly=True, group_operator="avg",
        help="How late the breached targets were fulfilled.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_sla_report AS (
                SELECT r.id, r.conversation_id, r.cycle, r.team_id, r.agent_id,
                       r.company_id, r.channel_kind, r.kind, r.due_date, r.done_date,
                       (r.met IS TRUE)::int AS met_count,
                       (r.breached IS TRUE)::int AS breached_count,
                       CASE WHEN r.met THEN 100.0 ELSE 0.0 END::float8 AS met_percent,
                       CASE WHEN r.breached THEN GREATEST(EXTRACT(EPOCH FROM
                                r.done_date - r.due_date), 0)::float8 / 60.0
                       END AS late_minutes
                  FROM cc_sla_result r
            )
        """)
