# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""WhatsApp campaigns send an approved template.

Outside the 24-hour window WhatsApp delivers only approved templates, so a
campaign on a WhatsApp connector sends one: each parameter is filled for
each recipient as the template's parameter lines say (an inline template on
the customer's conversation, e.g. ``{{ object.partner_id.name }}``). Templates
with a media header need a file per message: not offered to campaigns.
"""
import json

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..whatsapp_cloud import payloads
from .cc_connector import PROVIDER


class CcCampaign(models.Model):
    _inherit = "cc.campaign"

    wa_template_id = fields.Many2one(
        "cc.whatsapp.template", string="WhatsApp template",
        domain="[('connector_id', '=', connector_id), ('status', '=', 'approved'), "
               "('header_format', 'not in', ('image', 'video', 'document'))]",
        help="The approved template sent to every recipient. Its parameters are "
        "filled as set on the template (WhatsApp templates menu).")
    is_whatsapp = fields.Boolean(compute="_compute_is_whatsapp")

    def _compute_is_whatsapp(self):
        for campaign in self:
            campaign.is_whatsapp = campaign.connector_id.provider == PROVIDER

    def _wa_template(self):
        return self.wa_template_id if self.connector_id.provider == PROVIDER \
            else self.env["cc.whatsapp.template"]

    def _check_ready(self):
        template = self._wa_template()
        if self.connector_id.provider != PROVIDER:
            return super()._check_ready()
        if not template:
            raise UserError(_("A WhatsApp campaign sends an approved template: "
                              "choose one."))
        if template.status != "approved" or not template.active:
            raise UserError(_("Template %(name)s is not approved.", name=template.name))
        if template.header_format in ("image", "video", "document"):
            raise UserError(_("Templates with a file in their header cannot be sent "
                              "by a campaign."))
        if self.schedule_type in ("date", "recurring") and not self.scheduled_date:
            raise UserError(_("Say when the campaign starts."))

    def _wa_values_for(self, conversation):
        return [parameter._render_for(conversation) or "…"
                for parameter in self._wa_template().parameter_ids.sorted(
                    lambda p: (p.sequence, p.id))]

    def _render_for_recipients(self, recipients, conversations=None, dry_run=False):
        template = self._wa_template()
        if not template:
            return super()._render_for_recipients(recipients, conversations, dry_run)
        if dry_run or conversations is None:
            return [template.body_text or "" for _recipient in recipients]
        return [payloads.render_preview(template._components(),
                                        self._wa_values_for(conversation))
                for conversation in conversations]

    def _message_values(self, conversation, text, now):
        values = super()._message_values(conversation, text, now)
        template = self._wa_template()
        if template:
            values.update(
                message_type="template", wa_template_id=template.id,
                wa_template_values=json.dumps(self._wa_values_for(conversation),
                                              ensure_ascii=False))
        return values
