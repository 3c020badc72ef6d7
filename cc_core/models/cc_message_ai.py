# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcMessageAi(models.Model):
    _inherit = "cc.message"

    ai_transcript = fields.Text(
        string="Transcript", readonly=True, copy=False,
        help="Text of a voice note, from the AI assistant (searchable in the Inbox).")
