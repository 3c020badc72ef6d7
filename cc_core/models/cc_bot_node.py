# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcBotNode(models.Model):
    """One menu of a bot flow: a question and its numbered options."""

    _name = "cc.bot.node"
    _description = "Contact Center Bot Menu"
    _order = "sequence, id"

    flow_id = fields.Many2one("cc.bot.flow", required=True, index=True,
                              ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, help="For you, e.g. \"Main menu\".")
    question = fields.Text(
        required=True,
        help="What the customer reads above the options, e.g. \"How can we "
        "help you?\". The options follow as \"1 - ...\" lines (SMS) or as "
        "buttons or a list (WhatsApp).")
    option_ids = fields.One2many("cc.bot.option", "node_id", string="Options",
                                 copy=True)
    option_count = fields.Integer(compute="_compute_option_count")

    @api.depends("option_ids")
    def _compute_option_count(self):
        for node in self:
            node.option_count = len(node.option_ids)
