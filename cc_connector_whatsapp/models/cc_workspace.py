# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace on WhatsApp: the 24-hour window on each row, the
template picker and the SMS fallback in the composer."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import phone as phone_service

from ..whatsapp_cloud import window
from .cc_connector import PROVIDER


class CcWorkspace(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _window(self, data):
        last_inbound = data["last_inbound_date"]
        end = window.window_end(last_inbound)
        return {"open": window.is_open(last_inbound, fields.Datetime.now()),
                "end": self._date(end)}

    @api.model
    def _row_window(self, data):
        if data["connector_provider"] != PROVIDER:
            return super()._row_window(data)
        return self._window(data)

    # ------------------------------------------------------------------
    # Composer
    # ------------------------------------------------------------------
    @api.model
    def _composer(self, data, me):
        composer = super()._composer(data, me)
        if data["connector_provider"] != PROVIDER:
            return composer
        state = self._window(data)
        composer["mode"] = "text" if state["open"] else "template"
        composer["whatsapp"] = {
            "window_open": state["open"],
            "window_end": state["end"],
            "templates": self._wa_templates(data),
            "sms_fallback": self._wa_sms_fallback(data, me),
        }
        return composer

    @api.model
    def _wa_templates(self, data):
        """Approved templates of the conversation's number, with their
        parameters and each one's value rendered for this conversation."""
        templates = self.env["cc.whatsapp.template"].search([
            ("connector_id", "=", data["connector_id"]), ("status", "=", "approved")])
        conversation = self.env["cc.conversation"].browse(data["id"])
        result = []
        for template in templates:
            result.append({
                "id": template.id,
                "name": template.name,
                "language": template.language,
                "body": template.body_text or "",
                "header_format": template.header_format or False,
                "parameters": [{
                    "key": str(parameter.id),
                    "label": parameter.label,
                    "kind": parameter.kind,
                    "example": parameter.example or "",
                    "default": parameter._render_for(conversation)
                    if parameter.value else "",
                } for parameter in template.parameter_ids],
            })
        return result

    @api.model
    def _wa_sms_fallback(self, data, me):
        """Whether the text can go by SMS instead (same rules as
        ``cc.conversation._sms_fallback_connector`` / ``_sms_fallback_number``,
        from what the panel already read)."""
        if self._window(data)["open"]:
            return {"available": False, "reason": False}
        sms = [c for c in me["connectors"] if c["channel_kind"] == "sms"
               and c.get("company_id") == data["company_id"]
               and (me["is_supervisor"] or c["id"] in me["work_connector_ids"])]
        if not sms:
            return {"available": False,
                    "reason": _("No SMS connector is available to you.")}
        mobile = phone_service.to_e164(data["partner_mobile"]) \
            if data["partner_mobile"] else None
        if not mobile and not (data["is_phone"]
                               and phone_service.is_mobile(data["address"])):
            return {"available": False,
                    "reason": _("%(customer)s has no mobile number to send an SMS to.",
                                customer=data["name"])}
        return {"available": True, "reason": False}

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def workspace_send_template(self, conversation_id, template_id, values=None,
                                attachment_ids=None):
        """Queue an approved template; ``values`` by parameter key."""
        conversation = self._check_conversation(conversation_id)
        template = self.env["cc.whatsapp.template"].browse(int(template_id)).exists()
        if not template:
            raise UserError(_("This template no longer exists."))
        attachments = self._post_attachments(conversation, attachment_ids or [])
        ordered = template._ordered_values(values or {}, bool(attachments))
        messages = template._queue_send(conversation, ordered, attachments[:1])
        return self._sent_result(conversation, messages)

    @api.model
    def workspace_send_sms_fallback(self, conversation_id, body=""):
        """Send the text by SMS in the customer's SMS conversation."""
        conversation = self._check_conversation(conversation_id)
        messages = conversation._send_by_sms(self.env["cc.agent"]._signed(body))
        sms_conversation = messages[:1].conversation_id
        result = self._sent_result(sms_conversation, messages)
        result["conversation_id"] = sms_conversation.id
        return result
