# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS


class CcCostReport(models.Model):
    """What the providers bill: one row per outbound message with a cost
    category (SMS parts x price per connector and cost centre; WhatsApp
    messages by pricing category). Provider-neutral: reads the ``cost_*``
    fields the connectors fill on cc.message."""

    _name = "cc.cost.report"
    _description = "Contact Center Cost Report"
    _auto = False
    _order = "date desc"

    @api.model
    def _selection_cost_category(self):
        field = self.env["cc.message"]._fields["cost_category"]
        return field._description_selection(self.env)

    date = fields.Datetime(readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    cost_category = fields.Selection("_selection_cost_category", string="Cost category",
                                     readonly=True)
    cost_centre = fields.Char(string="Cost centre", readonly=True)
    cost_reference = fields.Char(string="Billed conversation", readonly=True)
    is_billable = fields.Boolean(string="Billable", readonly=True)
    cost_units = fields.Integer(
        string="Billable units", readonly=True,
        help="SMS parts, or 1 per billable WhatsApp message.")
    cost_amount = fields.Float(string="Estimated cost", digits=(16, 4), readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    conversation_count = fields.Integer(
        string="Conversations", readonly=True, group_operator="count_distinct")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_cost_report AS (
                SELECT m.id, m.date, m.conversation_id, c.connector_id, c.channel_kind,
                       c.company_id, c.team_id, m.cost_category, m.cost_centre,
                       m.cost_reference, COALESCE(m.cost_units, 0) > 0 AS is_billable,
                       COALESCE(m.cost_units, 0) AS cost_units,
                       COALESCE(m.cost_amount, 0) AS cost_amount, 1 AS message_count,
                       m.conversation_id AS conversation_count
                  FROM cc_message m
                  JOIN cc_conversation c ON c.id = m.conversation_id
                 WHERE m.cost_category IS NOT NULL
            )
        """)
