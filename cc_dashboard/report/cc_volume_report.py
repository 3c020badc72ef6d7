# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS

from .cc_report_sql import COMPANY_TZ, COMPANY_TZ_JOIN, HOURS, WEEKDAYS


class CcVolumeReport(models.Model):
    """Messages per hour of day x weekday (in the company's time zone), per
    day, channel, connector. One row per conversation and hour (the messages
    of that hour summed): exact sums and distinct conversations at every
    grouping, over far fewer rows than messages (materialized view)."""

    _name = "cc.volume.report"
    _inherit = "cc.report.materialized.mixin"
    _description = "Contact Center Volume Report"
    _auto = False
    _order = "date desc"
    _cc_indexes = ("date", "team_id", "company_id")

    date = fields.Datetime(readonly=True)
    hour = fields.Selection(HOURS, string="Hour of day", readonly=True)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    inbound_count = fields.Integer(string="Messages received", readonly=True)
    outbound_count = fields.Integer(string="Messages sent", readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    conversation_count = fields.Integer(
        string="Conversations", readonly=True, group_operator="count_distinct",
        help="Conversations with at least one message in the period.")

    def init(self):
        local = "(h.hour_utc AT TIME ZONE 'UTC') AT TIME ZONE " + COMPANY_TZ
        self._cc_create_materialized("""
            SELECT h.id, h.hour_utc AS date,
                   to_char(""" + local + """, 'HH24') AS hour,
                   (EXTRACT(ISODOW FROM """ + local + """)::int - 1)::text AS weekday,
                   h.conversation_id, c.connector_id, c.channel_kind, c.company_id,
                   c.team_id, h.inbound_count, h.outbound_count, h.message_count,
                   h.conversation_id AS conversation_count
              FROM (
                SELECT min(m.id) AS id, m.conversation_id,
                       date_trunc('hour', m.date) AS hour_utc,
                       count(*) FILTER (WHERE m.direction = 'inbound') AS inbound_count,
                       count(*) FILTER (WHERE m.direction = 'outbound') AS outbound_count,
                       count(*) AS message_count
                  FROM cc_message m
                 WHERE m.direction IN ('inbound', 'outbound')
                 GROUP BY m.conversation_id, date_trunc('hour', m.date)
              ) h
              JOIN cc_conversation c ON c.id = h.conversation_id
              """ + COMPANY_TZ_JOIN % "c.company_id" + """
        """)
