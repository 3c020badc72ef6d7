# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS

from .cc_report_sql import COMPANY_TZ, COMPANY_TZ_JOIN, HOURS, WEEKDAYS


class CcVolumeReport(models.Model):
    """One row per customer or agent message: volume per hour of day x
    weekday (in the company's time zone), per day, channel, connector."""

    _name = "cc.volume.report"
    _description = "Contact Center Volume Report"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    hour = fields.Selection(HOURS, string="Hour of day", readonly=True)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    direction = fields.Selection(
        [("inbound", "From the customer"), ("outbound", "From an agent")], readonly=True)
    inbound_count = fields.Integer(string="Messages received", readonly=True)
    outbound_count = fields.Integer(string="Messages sent", readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    conversation_count = fields.Integer(
        string="Conversations", readonly=True, group_operator="count_distinct",
        help="Conversations with at least one message in the period.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        local = "(m.date AT TIME ZONE 'UTC') AT TIME ZONE " + COMPANY_TZ
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_volume_report AS (
                SELECT id, date, to_char(local_date, 'HH24') AS hour,
                       (EXTRACT(ISODOW FROM local_date)::int - 1)::text AS weekday,
                       conversation_id, connector_id, channel_kind, company_id, team_id,
                       direction, inbound_count, outbound_count, message_count,
                       conversation_count
                  FROM (
                    SELECT m.id, m.date, """ + local + """ AS local_date,
                           m.conversation_id, c.connector_id, c.channel_kind,
                           c.company_id, c.team_id, m.direction,
                           (m.direction = 'inbound')::int AS inbound_count,
                           (m.direction = 'outbound')::int AS outbound_count,
                           1 AS message_count, m.conversation_id AS conversation_count
                      FROM cc_message m
                      JOIN cc_conversation c ON c.id = m.conversation_id
                      """ + COMPANY_TZ_JOIN % "c.company_id" + """
                     WHERE m.direction IN ('inbound', 'outbound')
                  ) v
            )
        """)
