# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Satisfaction surveys on WhatsApp Cloud: inside the 24-hour window the
question is a list to tap (cc_core); outside it, the team's approved template
for the number, if any (its quick-reply buttons or "reply 1 to 5" text give the
answer); without one the survey is not sent ("no template")."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..whatsapp_cloud import window
from .cc_connector import PROVIDER

_MEDIA_HEADERS = ("image", "video", "document")


class CcTeamCsatWhatsapp(models.Model):
    _inherit = "cc.team"

    csat_wa_template_ids = fields.Many2many(
        "cc.whatsapp.template", "cc_team_csat_wa_template_rel", "team_id",
        "template_id", string="WhatsApp templates (outside the 24-hour window)",
        domain="[('status', '=', 'approved'), "
               "('header_format', 'not in', ('image', 'video', 'document'))]",
        help="Outside the 24-hour window WhatsApp only delivers approved "
        "templates: the survey is sent as this team's template for the "
        "conversation's number (one per number; in the customer's language when "
        "there are several). Without one it is not sent.")

    @api.constrains("csat_wa_template_ids")
    def _check_csat_wa_templates(self):
        for team in self:
            if team.csat_wa_template_ids.filtered(
                    lambda t: t.header_format in _MEDIA_HEADERS):
                raise ValidationError(_("A satisfaction template cannot have a file "
                                        "in its header."))


class CcConversationCsatWhatsapp(models.Model):
    _inherit = "cc.conversation"

    def _csat_free_form_allowed(self):
        if self.sudo().connector_id.provider != PROVIDER:
            return super()._csat_free_form_allowed()
        return window.is_open(self.last_inbound_date, fields.Datetime.now())

    def _csat_template(self):
        """The team's approved template for this conversation's number, in
        the customer's language when there is one."""
        templates = self.sudo().team_id.csat_wa_template_ids.filtered(
            lambda t: t.connector_id == self.sudo().connector_id
            and t.status == "approved" and t.active
            and t.header_format not in _MEDIA_HEADERS)
        lang = self.env.lang or ""
        return (templates.filtered(lambda t: t.language == lang)
                or templates.filtered(lambda t: t.language.split("_")[0] == lang[:2])
                or templates)[:1]

    def _csat_queue_outside_window(self, survey):
        if self.sudo().connector_id.provider != PROVIDER:
            return super()._csat_queue_outside_window(survey)
        template = self._csat_template()
        if not template:
            return super()._csat_queue_outside_window(survey)
        values = [parameter._render_for(self) or "…"
                  for parameter in template.parameter_ids.sorted(
                      lambda p: (p.sequence, p.id))]
        messages = template.sudo()._queue_send(self, values)
        messages.sudo().write(self._csat_question_values(survey))
        return messages
