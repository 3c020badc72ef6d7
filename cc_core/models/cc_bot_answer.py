# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcBotAnswer(models.Model):
    """An answer the customer gave the bot (e.g. CPF, order number)."""

    _name = "cc.bot.answer"
    _description = "Contact Center Bot Answer"
    _order = "date desc, id desc"

    conversation_id = fields.Many2one("cc.conversation", required=True, index=True,
                                      ondelete="cascade")
    company_id = fields.Many2one(related="conversation_id.company_id", store=True)
    name = fields.Char(string="Question", required=True)
    value = fields.Char(string="Answer", required=True)
    cycle = fields.Integer()
    date = fields.Datetime(default=fields.Datetime.now, required=True)
