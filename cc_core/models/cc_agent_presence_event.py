# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .cc_agent import PRESENCES


class CcAgentPresenceEvent(models.Model):
    """One period an agent spent in one presence state (a timeline row)."""

    _name = "cc.agent.presence.event"
    _description = "Contact Center Agent Presence Period"
    _order = "date_start desc, id desc"
    _rec_name = "agent_id"

    agent_id = fields.Many2one("cc.agent", required=True, index=True, ondelete="cascade",
                               readonly=True)
    user_id = fields.Many2one(related="agent_id.user_id", store=True)
    company_id = fields.Many2one(related="agent_id.company_id", store=True)
    presence = fields.Selection(PRESENCES + [("paused", "Paused")], required=True,
                                readonly=True)
    pause_reason_id = fields.Many2one("cc.pause.reason", readonly=True)
    date_start = fields.Datetime(required=True, readonly=True, index=True)
    date_end = fields.Datetime(readonly=True)
    day = fields.Date(compute="_compute_day", store=True)
    duration_minutes = fields.Float(
        string="Minutes", compute="_compute_duration", store=True, group_operator="sum")
    overrun = fields.Boolean(compute="_compute_duration", store=True,
                             help="The pause lasted longer than its reason allows.")

    @api.depends("date_start", "agent_id.company_id")
    def _compute_day(self):
        """The day in the company's time zone (as the reports count days),
        whoever writes the period: the agent, a supervisor or a cron."""
        for event in self:
            tz = event.agent_id.sudo().company_id.partner_id.tz or "UTC"
            event.day = fields.Date.context_today(event.with_context(tz=tz),
                                                  event.date_start)

    @api.depends("date_start", "date_end", "pause_reason_id.max_minutes")
    def _compute_duration(self):
        for event in self:
            minutes = 0.0
            if event.date_end:
                minutes = (event.date_end - event.date_start).total_seconds() / 60.0
            event.duration_minutes = minutes
            limit = event.pause_reason_id.max_minutes
            event.overrun = bool(limit and minutes > limit)
