# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcMessageComposeWaValue(models.TransientModel):
    """The value of one WhatsApp template parameter in the composer."""

    _name = "cc.message.compose.wa.value"
    _description = "WhatsApp template value in the composer"
    _order = "sequence, id"

    compose_id = fields.Many2one(
        "cc.message.compose", required=True, ondelete="cascade"
    )
    parameter_id = fields.Many2one(
        "cc.whatsapp.template.parameter", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    label = fields.Char(related="parameter_id.label")
    kind = fields.Selection(related="parameter_id.kind")
    example = fields.Char(related="parameter_id.example")
    value = fields.Char()
