# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .cc_report_sql import COMPANY_TZ, COMPANY_TZ_JOIN


class CcOccupancyReport(models.Model):
    """Occupancy per agent and day (the day in the company's time zone, as
    the other reports): conversation-minutes held (from the assignment
    events: taken, assigned, transferred to, until released, transferred
    away or closed) over capacity x minutes online."""

    _name = "cc.occupancy.report"
    _inherit = "cc.report.materialized.mixin"
    _description = "Contact Center Agent Occupancy Report"
    _auto = False
    _order = "day desc"
    _cc_indexes = ("day", "agent_id", "company_id")

    day = fields.Date(readonly=True)
    agent_id = fields.Many2one("cc.agent", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    capacity = fields.Integer(string="Capacity", readonly=True, group_operator="max",
                              help="The agent's capacity today (open conversations).")
    held_hours = fields.Float(
        string="Conversations held (hours)", readonly=True,
        help="Sum over the conversations held of the hours each was held.")
    online_hours = fields.Float(string="Online (hours)", readonly=True)
    capacity_hours = fields.Float(
        string="Capacity x online (hours)", readonly=True,
        help="What the agent could have held: capacity x hours online.")
    occupancy_percent = fields.Float(
        string="Occupancy (%)", readonly=True, group_operator="avg",
        help="Conversations held over capacity x time online, per agent and "
        "day; groups show the average of the days. For an exact ratio over a "
        "period, divide the two sums above.")

    def init(self):
        # The day of a naive UTC column in the company's time zone.
        local_day = "((%s AT TIME ZONE 'UTC') AT TIME ZONE " + COMPANY_TZ + ")::date"
        self._cc_create_materialized("""
                WITH steps AS (
                    SELECT m.conversation_id, m.date,
                           CASE WHEN m.event_type IN ('taken', 'assigned', 'transferred')
                                THEN m.event_target_agent_id END AS holder,
                           lead(m.date) OVER (PARTITION BY m.conversation_id
                                              ORDER BY m.date, m.id) AS until
                      FROM cc_message m
                     WHERE m.event_type IN ('taken', 'assigned', 'transferred',
                                            'released', 'closed', 'unanswered')
                ), held AS (
                    SELECT s.holder AS agent_id, """ + local_day % "s.date" + """ AS day,
                           sum(EXTRACT(EPOCH FROM COALESCE(s.until,
                               now() AT TIME ZONE 'UTC') - s.date))::float8 / 60.0
                               AS minutes
                      FROM steps s
                      JOIN cc_agent holder ON holder.id = s.holder
                      """ + COMPANY_TZ_JOIN % "holder.company_id" + """
                     GROUP BY 1, 2
                ), online AS (
                    SELECT e.agent_id, """ + local_day % "e.date_start" + """ AS day,
                           sum(EXTRACT(EPOCH FROM COALESCE(e.date_end,
                               now() AT TIME ZONE 'UTC') - e.date_start))::float8 / 60.0
                               AS minutes
                      FROM cc_agent_presence_event e
                      JOIN cc_agent online_agent ON online_agent.id = e.agent_id
                      """ + COMPANY_TZ_JOIN % "online_agent.company_id" + """
                     WHERE e.presence = 'online'
                     GROUP BY 1, 2
                ), days AS (
                    SELECT COALESCE(h.agent_id, o.agent_id) AS agent_id,
                           COALESCE(h.day, o.day) AS day,
                           COALESCE(h.minutes, 0) AS held_minutes,
                           COALESCE(o.minutes, 0) AS online_minutes
                      FROM held h FULL JOIN online o
                        ON o.agent_id = h.agent_id AND o.day = h.day
                )
                SELECT (d.day - DATE '2000-01-01') * 100000 + d.agent_id AS id,
                       d.day, d.agent_id, a.company_id, a.capacity,
                       d.held_minutes / 60.0 AS held_hours,
                       d.online_minutes / 60.0 AS online_hours,
                       a.capacity * d.online_minutes / 60.0 AS capacity_hours,
                       CASE WHEN a.capacity * d.online_minutes > 0
                            THEN 100.0 * d.held_minutes / (a.capacity * d.online_minutes)
                       END::float8 AS occupancy_percent
                  FROM days d
                  JOIN cc_agent a ON a.id = d.agent_id
        """)
