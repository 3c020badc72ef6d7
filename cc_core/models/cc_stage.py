# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools


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

    @api.model
    @tools.ormcache()
    def _first_open_stage_id(self):
        """Id of the first active non-closing stage (where a reopened
        conversation goes), cached per registry until a stage changes."""
        return self.sudo().search([("is_closing", "=", False)], limit=1).id

    @api.model_create_multi
    def create(self, vals_list):
        self.clear_caches()
        return super().create(vals_list)

    def write(self, vals):
        if {"sequence", "is_closing", "active"} & set(vals):
            self.clear_caches()
        return super().write(vals)

    def unlink(self):
        self.clear_caches()
        return super().unlink()
