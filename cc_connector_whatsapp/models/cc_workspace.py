# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace on WhatsApp: the 24-hour window on each row, the
template picker and the SMS fallback in the composer."""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import phone as phone_service

from ..whatsapp_cloud import window
from .cc_connector import PROVIDER

_logger = logging.getLogger(__name__)


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
        """Approved templates of the conversation's number with their
        parameters (one query) and each value rendered for this conversation."""
        from_clause, where_clause, params = self._rule_sql(
            "cc.whatsapp.template", [("connector_id", "=", data["connector_id"]),
                                     ("status", "=", "approved")])
        rows = self._fetch_dicts(
            """
            SELECT t.id, t.name, t.language, t.body_text, t.header_format,
                   (SELECT json_agg(json_build_object(
                               'id', p.id, 'component', p.component,
                               'placeholder', p.placeholder,
                               'button_index', p.button_index, 'kind', p.kind,
                               'example', p.example, 'value', p.value)
                           ORDER BY p.sequence, p.id)
                      FROM cc_whatsapp_template_parameter p
                     WHERE p.template_id = t.id) AS parameters
              FROM cc_whatsapp_template t
             WHERE t.id IN (SELECT cc_whatsapp_template.id FROM %s WHERE %s)
             ORDER BY t.name, t.language, t.id
            """ % (from_clause, where_clause),
            params,
        )
        Parameter = self.env["cc.whatsapp.template.parameter"]
        return [{
            "id": row["id"],
            "name": row["name"],
            "language": row["language"],
            "body": row["body_text"] or "",
            "header_format": row["header_format"] or False,
            "parameters": [{
                "key": str(parameter["id"]),
                "label": Parameter._label_for(
                    parameter["component"], parameter["placeholder"],
                    parameter["button_index"], parameter["kind"]),
                "kind": parameter["kind"],
                "example": parameter["example"] or "",
                "default": self._wa_render(parameter["value"], data["id"]),
            } for parameter in row["parameters"] or []],
        } for row in rows]

    @api.model
    def _wa_render(self, value, conversation_id):
        """A parameter's value for the conversation ("" when it cannot be
        rendered: the agent fills it in)."""
        if not value:
            return ""
        try:
            return self.env["cc.whatsapp.template.parameter"]._render_template(
                value, "cc.conversation", [conversation_id],
                engine="inline_template")[conversation_id] or ""
        except Exception as error:  # noqa: B902 - the agent fills the value in
            _logger.info("Template value %r could not be rendered: %s", value,
                         type(error).__name__)
            return ""

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
                                attachment_ids=None, reply_to_id=False):
        """Queue an approved template; ``values`` by parameter key."""
        conversation = self._check_conversation(conversation_id)
        template = self.env["cc.whatsapp.template"].browse(int(template_id)).exists()
        if not template:
            raise UserError(_("This template no longer exists."))
        attachments = self._post_attachments(conversation, attachment_ids or [])
        ordered = template._ordered_values(values or {}, bool(attachments))
        messages = template._queue_send(conversation, ordered, attachments[:1],
                                        reply_to=self._quoted(reply_to_id))
        return self._sent_result(conversation, messages)

    @api.model
    def workspace_send_sms_fallback(self, conversation_id, body=""):
        """Send the text by SMS in the customer's SMS conversation."""
        conversation = self._check_conversation(conversation_id)
        messages = conversation._send_by_sms(self.env["cc.agent"]._signed(body, "sms"))
        sms_conversation = messages[:1].conversation_id
        result = self._sent_result(sms_conversation, messages)
        result["conversation_id"] = sms_conversation.id
        return result
