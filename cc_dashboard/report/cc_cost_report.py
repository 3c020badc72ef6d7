# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS

from .cc_report_sql import COMPANY_TZ, COMPANY_TZ_JOIN


class CcCostReport(models.Model):
    """What the providers bill: SMS parts x price per connector and cost
    centre, WhatsApp messages by pricing category. Provider-neutral: reads
    the ``cost_*`` fields the connectors fill on cc.message. One row per
    conversation, day (in the company's time zone), category, cost centre
    and billed conversation (the messages summed; materialized view)."""

    _name = "cc.cost.report"
    _inherit = "cc.report.materialized.mixin"
    _description = "Contact Center Cost Report"
    _auto = False
    _order = "date desc"
    _cc_indexes = ("date", "team_id", "company_id")

    @api.model
    def _selection_cost_category(self):
        field = self.env["cc.message"]._fields["cost_category"]
        return field._description_selection(self.env)

    date = fields.Date(readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    cost_category = fields.Selection("_selection_cost_category", string="Cost category",
                                     readonly=True)
    cost_centre = fields.Char(string="Cost centre", readonly=True)
    cost_reference = fields.Char(string="Billed conversation", readonly=True)
    cost_units = fields.Integer(
        string="Billable units", readonly=True,
        help="SMS parts, or 1 per billable WhatsApp message.")
    cost_amount = fields.Float(string="Estimated cost", digits=(16, 2), readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    conversation_count = fields.Integer(
        string="Conversations", readonly=True, group_operator="count_distinct")

    def init(self):
        local_day = "((m.date AT TIME ZONE 'UTC') AT TIME ZONE " + COMPANY_TZ + ")::date"
        self._cc_create_materialized("""
            SELECT min(m.id) AS id, """ + local_day + """ AS date, m.conversation_id,
                   c.connector_id, c.channel_kind, c.company_id, c.team_id,
                   m.cost_category, m.cost_centre, m.cost_reference,
                   sum(COALESCE(m.cost_units, 0)) AS cost_units,
                   sum(COALESCE(m.cost_amount, 0)) AS cost_amount,
                   count(*) AS message_count, m.conversation_id AS conversation_count
              FROM cc_message m
              JOIN cc_conversation c ON c.id = m.conversation_id
              """ + COMPANY_TZ_JOIN % "c.company_id" + """
             WHERE m.cost_category IS NOT NULL
             GROUP BY 2, m.conversation_id, c.connector_id, c.channel_kind,
                      c.company_id, c.team_id, m.cost_category, m.cost_centre,
                      m.cost_reference
        """)
