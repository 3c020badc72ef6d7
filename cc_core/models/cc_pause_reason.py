# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcPauseReason(models.Model):
    """Why an agent is paused (lunch, break, training...), set by managers."""

    _name = "cc.pause.reason"
    _description = "Contact Center Pause Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    max_minutes = fields.Integer(
        string="Maximum duration (minutes)",
        help="Pauses longer than this are shown as overrun on the agents' "
        "timeline. 0: no limit.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
