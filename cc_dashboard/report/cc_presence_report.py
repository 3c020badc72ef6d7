# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.cc_core.models.cc_agent import PRESENCES


class CcPresenceReport(models.Model):
    """Agents' time per presence state and pause reason (one row per
    presence period; a period still running counts until now)."""

    _name = "cc.presence.report"
    _description = "Contact Center Agent Presence Report"
    _auto = False
    _order = "date_start desc"

    agent_id = fields.Many2one("cc.agent", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    presence = fields.Selection(PRESENCES + [("paused", "Paused")], readonly=True)
    pause_reason_id = fields.Many2one("cc.pause.reason", string="Pause reason",
                                      readonly=True)
    date_start = fields.Datetime(string="From", readonly=True)
    date_end = fields.Datetime(string="To", readonly=True)
    duration_minutes = fields.Float(string="Time (minutes)", readonly=True)
    duration_hours = fields.Float(string="Time (hours)", readonly=True)
    overrun_count = fields.Integer(
        string="Pauses too long", readonly=True,
        help="Pauses longer than their reason allows.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_presence_report AS (
                SELECT id, agent_id, company_id, presence, pause_reason_id, date_start,
                       date_end, minutes AS duration_minutes,
                       minutes / 60.0 AS duration_hours, overrun_count
                  FROM (
                    SELECT e.id, e.agent_id, e.company_id, e.presence,
                           e.pause_reason_id, e.date_start, e.date_end,
                           GREATEST(EXTRACT(EPOCH FROM COALESCE(e.date_end,
                               now() AT TIME ZONE 'UTC') - e.date_start), 0)::float8
                               / 60.0 AS minutes,
                           (e.overrun IS TRUE)::int AS overrun_count
                      FROM cc_agent_presence_event e
                  ) p
            )
        """)
