# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS

from .cc_business_time_sql import create_business_minutes_function

# Minutes of one cycle: business minutes when the team has business hours,
# else wall-clock minutes.
_MINUTES = """
    CASE WHEN %(end)s IS NULL OR %(start)s IS NULL THEN NULL
         ELSE COALESCE(
             CASE WHEN t.resource_calendar_id IS NOT NULL
                  THEN cc_business_minutes(c.team_id, %(start)s, %(end)s) END,
             GREATEST(EXTRACT(EPOCH FROM %(end)s - %(start)s), 0)::float8 / 60.0)
    END
"""


class CcServiceReport(models.Model):
    """One row per conversation cycle: first response and resolution times
    (average, median, 90th percentile), abandonment, transfers, reopenings."""

    _name = "cc.service.report"
    _inherit = ["cc.report.percentile.mixin", "cc.report.materialized.mixin"]
    _description = "Contact Center Service Report"
    _auto = False
    _rec_name = "conversation_id"
    _order = "start_date desc"
    _cc_indexes = ("start_date", "team_id", "company_id", "responder_id")

    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    cycle = fields.Integer(readonly=True, group_operator=False)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    responder_id = fields.Many2one(
        "res.users", string="Agent (first answer)", readonly=True,
        help="Agent who sent the first answer of the cycle.")
    start_date = fields.Datetime(string="Started", readonly=True)
    first_response_date = fields.Datetime(string="First answer", readonly=True)
    closed_date = fields.Datetime(string="Closed", readonly=True)
    first_response_minutes = fields.Float(
        string="First response average (min)", readonly=True, group_operator="avg",
        help="From the customer's first message of the cycle to the first answer "
        "of an agent, in business minutes when the team has business hours.")
    first_response_median = fields.Float(
        string="First response median (min)", readonly=True,
        group_operator="cc_median")
    first_response_p90 = fields.Float(
        string="First response P90 (min)", readonly=True,
        group_operator="cc_p90",
        help="90th percentile: 9 customers out of 10 had their first answer "
        "within this many minutes.")
    resolution_minutes = fields.Float(
        string="Resolution average (min)", readonly=True, group_operator="avg",
        help="From the start of the cycle to its close, in business minutes "
        "when the team has business hours.")
    resolution_median = fields.Float(
        string="Resolution median (min)", readonly=True, group_operator="cc_median")
    resolution_p90 = fields.Float(
        string="Resolution P90 (min)", readonly=True, group_operator="cc_p90",
        help="90th percentile: 9 cycles out of 10 were closed within this many "
        "minutes.")
    transfer_count = fields.Integer(string="Transfers", readonly=True)
    transfers_per_cycle = fields.Float(
        string="Transfers per cycle", readonly=True, group_operator="avg")
    abandoned_percent = fields.Float(
        string="Abandoned (%)", readonly=True, group_operator="avg",
        help="Closed cycles in which the customer wrote and never got an answer.")
    reopened_percent = fields.Float(
        string="Reopened (%)", readonly=True, group_operator="avg",
        help="Closed cycles after which the conversation was reopened.")
    is_answered = fields.Boolean(string="Answered", readonly=True)
    is_closed = fields.Boolean(string="Closed cycle", readonly=True)
    is_abandoned = fields.Boolean(string="Abandoned", readonly=True)

    def init(self):
        self._cc_init_percentiles()
        create_business_minutes_function(self.env.cr)
        first = _MINUTES % {"start": "cy.first_inbound_date", "end": "answer.date"}
        resolution = _MINUTES % {"start": "cy.start_date", "end": "cy.closed_date"}
        self._cc_create_materialized("""
                WITH cycles AS (
                    SELECT m.conversation_id, m.cycle, min(m.id) AS id,
                           min(m.date) FILTER (
                               WHERE m.direction IN ('inbound', 'outbound')) AS start_date,
                           min(m.date) FILTER (
                               WHERE m.direction = 'inbound') AS first_inbound_date,
                           max(m.date) FILTER (
                               WHERE m.event_type = 'closed') AS closed_date,
                           count(*) FILTER (
                               WHERE m.event_type = 'transferred') AS transfer_count
                      FROM cc_message m
                     GROUP BY m.conversation_id, m.cycle
                ), timed AS (
                    SELECT cy.*, c.connector_id, c.channel_kind, c.company_id, c.team_id,
                           c.cycle > cy.cycle AS reopened,
                           answer.date AS first_response_date,
                           answer.author_id AS responder_id,
                           """ + first + """ AS first_response_minutes,
                           """ + resolution + """ AS resolution_minutes
                      FROM cycles cy
                      JOIN cc_conversation c ON c.id = cy.conversation_id
                      LEFT JOIN cc_team t ON t.id = c.team_id
                      LEFT JOIN LATERAL (
                            SELECT o.date, o.author_id
                              FROM cc_message o
                             WHERE o.conversation_id = cy.conversation_id
                               AND o.cycle = cy.cycle
                               AND o.direction = 'outbound'
                               AND o.is_automatic IS NOT TRUE
                               AND o.date >= cy.first_inbound_date
                             ORDER BY o.date, o.id
                             LIMIT 1) answer ON TRUE
                     WHERE cy.start_date IS NOT NULL
                )
                SELECT id, conversation_id, cycle, connector_id, channel_kind,
                       company_id, team_id, responder_id, start_date,
                       first_response_date, closed_date,
                       first_response_minutes,
                       first_response_minutes AS first_response_median,
                       first_response_minutes AS first_response_p90,
                       resolution_minutes,
                       resolution_minutes AS resolution_median,
                       resolution_minutes AS resolution_p90,
                       transfer_count,
                       transfer_count::float8 AS transfers_per_cycle,
                       first_response_date IS NOT NULL AS is_answered,
                       closed_date IS NOT NULL AS is_closed,
                       (closed_date IS NOT NULL AND first_inbound_date IS NOT NULL
                        AND first_response_date IS NULL) AS is_abandoned,
                       CASE WHEN closed_date IS NULL OR first_inbound_date IS NULL
                                THEN NULL
                            WHEN first_response_date IS NULL THEN 100.0
                            ELSE 0.0 END::float8 AS abandoned_percent,
                       CASE WHEN closed_date IS NULL THEN NULL
                            WHEN reopened THEN 100.0 ELSE 0.0 END::float8
                           AS reopened_percent
                  FROM timed
        """)
