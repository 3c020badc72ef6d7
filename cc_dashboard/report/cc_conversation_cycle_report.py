# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS
from odoo.addons.cc_core.models.cc_conversation import PRIORITIES


class CcConversationCycleReport(models.Model):
    """One row per conversation cycle (from the customer's first message to
    the close), read from the messages and lifecycle event rows."""

    _name = "cc.conversation.cycle.report"
    _description = "Contact Center Conversation Cycle Report"
    _auto = False
    _rec_name = "conversation_id"
    _order = "start_date desc"

    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    cycle = fields.Integer(readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    responder_id = fields.Many2one(
        "res.users", string="First responder", readonly=True,
        help="Agent who sent the first answer of the cycle.")
    closed_by_id = fields.Many2one("cc.agent", string="Closed by", readonly=True)
    start_date = fields.Datetime(string="Started", readonly=True)
    first_response_date = fields.Datetime(string="First answer", readonly=True)
    closed_date = fields.Datetime(string="Closed", readonly=True)
    first_response_minutes = fields.Float(
        string="Minutes to first answer", readonly=True, group_operator="avg",
        help="From the customer's first message of the cycle to the first answer.")
    resolution_minutes = fields.Float(
        string="Minutes to close", readonly=True, group_operator="avg",
        help="From the start of the cycle to its close.")
    inbound_count = fields.Integer(string="Received", readonly=True)
    outbound_count = fields.Integer(string="Sent", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    is_answered = fields.Boolean(string="Answered", readonly=True)
    is_closed = fields.Boolean(string="Closed cycle", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_conversation_cycle_report AS (
                WITH cycles AS (
                    SELECT m.conversation_id, m.cycle,
                           min(m.id) AS id,
                           min(m.date) FILTER (
                               WHERE m.direction IN ('inbound', 'outbound')) AS start_date,
                           min(m.date) FILTER (
                               WHERE m.direction = 'inbound') AS first_inbound_date,
                           max(m.date) FILTER (
                               WHERE m.event_type = 'closed') AS closed_date,
                           count(*) FILTER (WHERE m.direction = 'inbound') AS inbound_count,
                           count(*) FILTER (WHERE m.direction = 'outbound') AS outbound_count,
                           count(*) FILTER (WHERE m.direction = 'outbound'
                                              AND m.state = 'failed') AS failed_count
                      FROM cc_message m
                     GROUP BY m.conversation_id, m.cycle
                )
                SELECT cy.id, cy.conversation_id, cy.cycle,
                       c.connector_id, c.channel_kind, c.company_id, c.team_id, c.partner_id,
                       c.priority,
                       answer.author_id AS responder_id,
                       closing.event_agent_id AS closed_by_id,
                       cy.start_date, answer.date AS first_response_date,
                       cy.closed_date,
                       EXTRACT(EPOCH FROM answer.date - cy.first_inbound_date) / 60.0
                           AS first_response_minutes,
                       EXTRACT(EPOCH FROM cy.closed_date - cy.start_date) / 60.0
                           AS resolution_minutes,
                       cy.inbound_count, cy.outbound_count, cy.failed_count,
                       answer.date IS NOT NULL AS is_answered,
                       cy.closed_date IS NOT NULL AS is_closed
                  FROM cycles cy
                  JOIN cc_conversation c ON c.id = cy.conversation_id
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
                  LEFT JOIN LATERAL (
                        SELECT e.event_agent_id
                          FROM cc_message e
                         WHERE e.conversation_id = cy.conversation_id
                           AND e.cycle = cy.cycle
                           AND e.event_type = 'closed'
                         ORDER BY e.date DESC, e.id DESC
                         LIMIT 1) closing ON TRUE
                 WHERE cy.start_date IS NOT NULL
            )
        """)
