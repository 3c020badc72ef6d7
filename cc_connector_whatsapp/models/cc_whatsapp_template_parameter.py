# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One variable of a WhatsApp template and how to fill it.

``value`` is an inline template rendered on the conversation, e.g.
``{{ object.partner_id.name or object.name }}``; the composer shows the
result and the agent may still change it before sending.
"""
import logging

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

COMPONENTS = [("header", "Header"), ("body", "Body"), ("button", "Button")]
KINDS = [
    ("text", "Text"),
    ("image", "Image"),
    ("video", "Video"),
    ("document", "Document"),
    ("location", "Location"),
]


class CcWhatsappTemplateParameter(models.Model):
    _name = "cc.whatsapp.template.parameter"
    _description = "WhatsApp Template Parameter"
    _inherit = ["mail.render.mixin"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "cc.whatsapp.template", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    component = fields.Selection(COMPONENTS, required=True, readonly=True)
    placeholder = fields.Char(readonly=True, help="Variable name: 1, 2... or a name.")
    button_index = fields.Integer(readonly=True, default=-1)
    kind = fields.Selection(KINDS, required=True, readonly=True, default="text")
    example = fields.Char(readonly=True, help="Sample value given to Meta.")
    label = fields.Char(compute="_compute_label")
    value = fields.Char(
        render_engine="inline_template",
        help="Filled in on each conversation, e.g. "
        "{{ object.partner_id.name or object.name }} for the customer's name. "
        "For a media header: a public link to the file (or the agent attaches one).",
    )

    def _compute_render_model(self):
        self.render_model = "cc.conversation"

    @api.depends("component", "placeholder", "button_index", "kind")
    def _compute_label(self):
        for parameter in self:
            parameter.label = self._label_for(
                parameter.component, parameter.placeholder, parameter.button_index,
                parameter.kind)

    @api.model
    def _label_for(self, component, placeholder, button_index, kind):
        """What the agent sees next to the value, e.g. ``Body {{1}}``."""
        if component == "button":
            what = _("link") if placeholder == "url" else _("code")
            return _("Button %(number)s (%(what)s)", number=button_index + 1,
                     what=what)
        if kind != "text":
            return _("Header %(kind)s", kind=dict(KINDS)[kind])
        if component == "header":
            return _("Header {{%(name)s}}", name=placeholder)
        return _("Body {{%(name)s}}", name=placeholder)

    def _slot_key(self):
        self.ensure_one()
        return (self.component, self.placeholder or False, self.button_index)

    def _render_for(self, conversation):
        """The value for ``conversation`` ("" when unset or not renderable)."""
        self.ensure_one()
        if not self.value:
            return ""
        try:
            return self._render_field("value", conversation.ids)[conversation.id] or ""
        except Exception as error:  # noqa: B902 - the agent fills the value in
            _logger.info("Template parameter %s could not be rendered: %s",
                         self.id, type(error).__name__)
            return ""
