# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcMessage(models.Model):
    """What a queued WhatsApp message needs when the outbox sends it."""

    _inherit = "cc.message"

    wa_template_id = fields.Many2one(
        "cc.whatsapp.template",
        string="WhatsApp template",
        ondelete="set null",
        readonly=True,
    )
    wa_template_values = fields.Text(
        string="Template values",
        readonly=True,
        help="Parameter values in the template's order (JSON), fixed when the "
        "agent sent it.",
    )
    wa_recipient = fields.Char(
        string="WhatsApp recipient",
        readonly=True,
        copy=False,
        help="Digits the message goes to when they differ from the "
        "conversation's number (the other 9th-digit spelling, tried once).",
    )
