# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

SLA_KINDS = [("first", "First response"), ("next", "Next response"),
             ("resolution", "Resolution")]


class CcSlaResult(models.Model):
    """Whether one SLA target of one conversation cycle was met (reports)."""

    _name = "cc.sla.result"
    _description = "Contact Center SLA Result"
    _order = "done_date desc, id desc"

    conversation_id = fields.Many2one("cc.conversation", required=True, index=True,
                                      ondelete="cascade", readonly=True)
    team_id = fields.Many2one("cc.team", index=True, readonly=True)
    agent_id = fields.Many2one("cc.agent", readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    channel_kind = fields.Selection(related="conversation_id.channel_kind", store=True)
    cycle = fields.Integer(readonly=True)
    kind = fields.Selection(SLA_KINDS, required=True, readonly=True)
    due_date = fields.Datetime(readonly=True)
    done_date = fields.Datetime(readonly=True)
    met = fields.Boolean(readonly=True)
    breached = fields.Boolean(readonly=True)
