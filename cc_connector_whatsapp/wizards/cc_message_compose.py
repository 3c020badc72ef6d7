# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The composer on a WhatsApp conversation: window state, approved
templates with their parameters, and the SMS fallback."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..whatsapp_cloud import payloads


class CcMessageCompose(models.TransientModel):
    _inherit = "cc.message.compose"

    wa_is_cloud = fields.Boolean(related="conversation_id.wa_is_cloud")
    wa_window_open = fields.Boolean(related="conversation_id.wa_window_open")
    wa_window_info = fields.Char(related="conversation_id.wa_window_info")
    wa_connector_id = fields.Many2one(related="conversation_id.connector_id")
    wa_template_id = fields.Many2one(
        "cc.whatsapp.template",
        string="WhatsApp template",
        domain="[('connector_id', '=', wa_connector_id), ('status', '=', 'approved')]",
    )
    wa_value_ids = fields.One2many(
        "cc.message.compose.wa.value", "compose_id", string="Template values"
    )
    wa_preview = fields.Text(string="Preview", compute="_compute_wa_preview")
    wa_media_header = fields.Selection(
        related="wa_template_id.header_format", string="Header"
    )
    sms_fallback_connector_id = fields.Many2one(
        "cc.connector", string="SMS connector", compute="_compute_sms_fallback"
    )
    sms_fallback_number = fields.Char(
        string="Mobile number", compute="_compute_sms_fallback"
    )
    sms_fallback_info = fields.Char(
        string="SMS fallback", compute="_compute_sms_fallback"
    )

    @api.depends("conversation_id")
    def _compute_sms_fallback(self):
        for wizard in self:
            conversation = wizard.conversation_id
            connector = number = info = False
            if conversation.wa_is_cloud and not conversation.wa_window_open:
                connector = conversation._sms_fallback_connector()
                number = conversation._sms_fallback_number()
                if connector and number:
                    info = _("Or send this text by SMS to %(number)s on %(connector)s.",
                             number=number, connector=connector.name)
                    connector = connector.id
                else:
                    connector = number = False
            wizard.sms_fallback_connector_id = connector
            wizard.sms_fallback_number = number
            wizard.sms_fallback_info = info

    @api.depends("wa_template_id", "wa_value_ids.value")
    def _compute_wa_preview(self):
        for wizard in self:
            template = wizard.wa_template_id
            wizard.wa_preview = template and payloads.render_preview(
                template._components(), wizard._wa_values(strict=False)) or False

    @api.onchange("wa_template_id")
    def _onchange_wa_template_id(self):
        lines = [(5, 0, 0)]
        for parameter in self.wa_template_id.parameter_ids:
            lines.append((0, 0, {
                "parameter_id": parameter.id,
                "sequence": parameter.sequence,
                "value": parameter._render_for(self.conversation_id),
            }))
        self.wa_value_ids = lines

    def _wa_values(self, strict=True):
        """Values in the template's order; ``strict`` refuses missing ones."""
        values = []
        for line in self.wa_value_ids.sorted(lambda v: (v.sequence, v.id)):
            value = (line.value or "").strip()
            media = line.kind != "text"
            if strict and not value and not (media and self.attachment_ids):
                if media:
                    raise UserError(_("Attach the file for the template's header "
                                      "or give a public link to it."))
                raise UserError(_("Fill in %(label)s.", label=line.label))
            values.append(value or ("" if media else "…"))
        return values

    def action_send(self):
        if self.wa_template_id:
            return self._wa_send_template()
        return super().action_send()

    def _wa_send_template(self):
        self.ensure_one()
        self.wa_template_id._queue_send(self.conversation_id, self._wa_values(),
                                        self.attachment_ids[:1],
                                        reply_to=self.reply_to_id)
        return {"type": "ir.actions.act_window_close"}

    def action_send_sms_fallback(self):
        self.ensure_one()
        self.conversation_id._send_by_sms(self._signed_body("sms"))
        return {"type": "ir.actions.act_window_close"}
