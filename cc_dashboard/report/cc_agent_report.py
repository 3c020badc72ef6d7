# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .cc_report_sql import AGENT_OF_USER


class CcAgentReport(models.Model):
    """Per agent: cycles answered (with median first response), messages
    sent, time online / away / paused. Rows of three kinds (a cycle, a
    message, a presence period), each filling its own measures.

    Messages are summed per agent, conversation and hour. A materialized
    view read from the one of ``cc.service.report`` (created and refreshed
    before it: this module is imported after that one)."""

    _name = "cc.agent.report"
    _inherit = ["cc.report.percentile.mixin", "cc.report.materialized.mixin"]
    _description = "Contact Center Agent Report"
    _auto = False
    _order = "date desc"
    _cc_indexes = ("date", "agent_id", "team_id", "company_id")

    date = fields.Datetime(readonly=True)
    agent_id = fields.Many2one("cc.agent", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    row_kind = fields.Selection(
        [("cycle", "Cycle answered"), ("message", "Message sent"),
         ("presence", "Presence period")], string="Kind", readonly=True)
    cycle_count = fields.Integer(string="Cycles answered", readonly=True)
    message_count = fields.Integer(string="Messages sent", readonly=True)
    first_response_median = fields.Float(
        string="First response median (min)", readonly=True,
        group_operator="cc_median",
        help="Of the cycles the agent answered first; business minutes when the "
        "team has business hours.")
    online_hours = fields.Float(string="Online (hours)", readonly=True)
    away_hours = fields.Float(string="Away (hours)", readonly=True)
    paused_hours = fields.Float(string="Paused (hours)", readonly=True)

    def init(self):
        self._cc_init_percentiles()
        self._cc_create_materialized("""
                WITH agent_of AS (""" + AGENT_OF_USER + """)
                SELECT s.id * 3 AS id, s.first_response_date AS date, a.agent_id,
                       s.company_id, s.team_id, 'cycle' AS row_kind, 1 AS cycle_count,
                       0 AS message_count, s.first_response_minutes AS first_response_median,
                       0.0::float8 AS online_hours, 0.0::float8 AS away_hours,
                       0.0::float8 AS paused_hours
                  FROM cc_service_report s
                  JOIN agent_of a ON a.user_id = s.responder_id
                UNION ALL
                SELECT min(m.id) * 3 + 1, date_trunc('hour', m.date), a.agent_id,
                       c.company_id, c.team_id, 'message', 0, count(*), NULL, 0.0, 0.0,
                       0.0
                  FROM cc_message m
                  JOIN cc_conversation c ON c.id = m.conversation_id
                  JOIN agent_of a ON a.user_id = m.author_id
                 WHERE m.direction = 'outbound' AND m.is_automatic IS NOT TRUE
                 GROUP BY a.agent_id, m.conversation_id, c.company_id, c.team_id,
                          date_trunc('hour', m.date)
                UNION ALL
                SELECT p.id * 3 + 2, p.date_start, p.agent_id, p.company_id, NULL,
                       'presence', 0, 0, NULL,
                       CASE WHEN p.presence = 'online' THEN p.duration_hours ELSE 0 END,
                       CASE WHEN p.presence = 'away' THEN p.duration_hours ELSE 0 END,
                       CASE WHEN p.presence = 'paused' THEN p.duration_hours ELSE 0 END
                  FROM cc_presence_report p
        """)
