# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .cc_connector import CHANNEL_KINDS


class CcTemplate(models.Model):
    """Canned answer with placeholders rendered on a conversation.

    The body uses Odoo's inline templates (``mail.render.mixin``), e.g.
    ``Olá {{ object.partner_id.name or object.name }}!``.
    """

    _name = "cc.template"
    _description = "Contact Center Template"
    _inherit = ["mail.render.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    body = fields.Text(required=True, translate=True, render_engine="inline_template")
    category_id = fields.Many2one("cc.template.category", string="Category")
    channel_kind = fields.Selection(
        [("all", "All channels")] + CHANNEL_KINDS,
        string="Usable on", default="all", required=True,
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    def _compute_render_model(self):
        self.render_model = "cc.conversation"

    @api.model
    def _domain_for(self, conversation):
        return [("channel_kind", "in", ("all", conversation.channel_kind))]

    def _render_for(self, conversation):
        """The body rendered for ``conversation``, as plain text."""
        self.ensure_one()
        return self._render_field("body", conversation.ids)[conversation.id] or ""
