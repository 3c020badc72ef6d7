# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcStage(models.Model):
    """Kanban stage of conversations; a closing stage closes the conversation."""

    _name = "cc.stage"
    _description = "Contact Center Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(help="Folded in the kanban view.")
    is_closing = fields.Boolean(
        string="Closing stage", help="Moving a conversation here closes it."
    )
    active = fields.Boolean(default=True)
