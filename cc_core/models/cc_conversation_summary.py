# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A conversation's summary, one per cycle (written on transfer or close,
usually from the AI assistant's draft, always saved by an agent)."""
from odoo import fields, models


class CcConversationSummary(models.Model):
    _name = "cc.conversation.summary"
    _description = "Contact Center conversation summary"
    _order = "cycle desc, id desc"

    conversation_id = fields.Many2one("cc.conversation", required=True,
                                      ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="conversation_id.company_id", store=True)
    cycle = fields.Integer(required=True, readonly=True)
    body = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Written by", readonly=True,
                              default=lambda self: self.env.user)
    from_ai = fields.Boolean(string="Drafted by the AI assistant", readonly=True)

    _sql_constraints = [
        ("conversation_cycle_unique", "unique(conversation_id, cycle)",
         "A conversation has one summary per cycle."),
    ]


class CcConversationSummaries(models.Model):
    _inherit = "cc.conversation"

    summary_ids = fields.One2many("cc.conversation.summary", "conversation_id",
                                  string="Summaries", readonly=True)
