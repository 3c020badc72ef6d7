# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Message templates of a WhatsApp Business Account, synced from Meta.

Outside the 24-hour window only approved templates can be sent. Templates
are created and approved in Meta's WhatsApp Manager; here they are only
synced (Sync templates, or the daily cron), never edited, except the value
of each parameter (see ``cc.whatsapp.template.parameter``).
"""
import json
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..whatsapp_cloud import errors, payloads, templates

_logger = logging.getLogger(__name__)

CATEGORIES = [
    ("marketing", "Marketing"),
    ("utility", "Utility"),
    ("authentication", "Authentication"),
]
STATUSES = [
    ("approved", "Approved"),
    ("pending", "Pending"),
    ("rejected", "Rejected"),
    ("paused", "Paused"),
    ("disabled", "Disabled"),
    ("in_appeal", "In appeal"),
    ("other", "Other"),
]
HEADER_FORMATS = [
    ("text", "Text"),
    ("image", "Image"),
    ("video", "Video"),
    ("document", "Document"),
    ("location", "Location"),
]


class CcWhatsappTemplate(models.Model):
    _name = "cc.whatsapp.template"
    _description = "WhatsApp Message Template"
    _order = "connector_id, name, language"

    name = fields.Char(required=True, readonly=True, index=True)
    language = fields.Char(required=True, readonly=True, help="e.g. pt_BR")
    connector_id = fields.Many2one(
        "cc.connector", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="connector_id.company_id", store=True, index=True
    )
    active = fields.Boolean(default=True, readonly=True)
    meta_id = fields.Char(string="Meta template ID", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    status = fields.Selection(STATUSES, readonly=True, index=True)
    meta_status = fields.Char(readonly=True, help="Status exactly as Meta sends it.")
    header_format = fields.Selection(HEADER_FORMATS, readonly=True)
    header_text = fields.Char(readonly=True)
    body_text = fields.Text(readonly=True)
    footer_text = fields.Char(readonly=True)
    components_json = fields.Text(
        string="Definition", readonly=True, help="Components as Meta sends them."
    )
    parameter_ids = fields.One2many(
        "cc.whatsapp.template.parameter", "template_id", string="Parameters"
    )
    synced_date = fields.Datetime(string="Synced on", readonly=True)

    _sql_constraints = [
        (
            "connector_name_language_unique",
            "unique(connector_id, name, language)",
            "A template exists once per language on a connector.",
        ),
    ]

    def name_get(self):
        return [(t.id, "%s (%s)" % (t.name, t.language)) for t in self]

    def _components(self):
        """The definition as Meta sent it (list of component dicts)."""
        self.ensure_one()
        try:
            components = json.loads(self.components_json or "[]")
        except ValueError:
            return []
        return components if isinstance(components, list) else []

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _queue_send(self, conversation, values, attachment=None, reply_to=None):
        """Queue this template on ``conversation`` with ``values`` (in the
        parameters' order) and, for a media header, ``attachment``, quoting
        ``reply_to`` (a message of the conversation) when given: the composer
        wizard and the agent workspace both send through here."""
        self.ensure_one()
        if self.status != "approved" or not self.active:
            raise UserError(_("Template %(name)s is not approved.", name=self.name))
        if self.sudo().connector_id != conversation.sudo().connector_id:
            raise UserError(_("Template %(name)s belongs to another WhatsApp number.",
                              name=self.name))
        attachment = attachment or self.env["ir.attachment"]
        if self.header_format not in ("image", "video", "document"):
            attachment = self.env["ir.attachment"]
        elif attachment:
            self._check_header_file(attachment)
        preview = payloads.render_preview(self._components(), values)
        extra = {"reply_to_id": reply_to.id} if reply_to else None
        messages = self.env["cc.message"]._queue_outbound(
            conversation, preview, message_type="template", values=extra)
        messages.sudo().write({
            "wa_template_id": self.id,
            "wa_template_values": json.dumps(values, ensure_ascii=False),
            "attachment_ids": [(6, 0, attachment.ids)],
        })
        return messages

    def _ordered_values(self, values_by_key, has_attachment=False):
        """The values in the parameters' order from ``{str(parameter id):
        value}``; a missing value is refused (a media header may come as the
        attached file instead)."""
        self.ensure_one()
        values = []
        for parameter in self.parameter_ids.sorted(lambda p: (p.sequence, p.id)):
            value = str(values_by_key.get(str(parameter.id)) or "").strip()
            media = parameter.kind != "text"
            if not value and not (media and has_attachment):
                if media:
                    raise UserError(_("Attach the file for the template's header "
                                      "or give a public link to it."))
                raise UserError(_("Fill in %(label)s.", label=parameter.label))
            values.append(value)
        return values

    def _check_header_file(self, attachment):
        try:
            payloads.check_media(attachment.mimetype, attachment.file_size,
                                 self.header_format)
        except errors.MediaRejectedError as error:
            raise UserError(_("WhatsApp does not accept %(name)s as the template's "
                              "header: %(error)s", name=attachment.name,
                              error=error.message)) from None

    # ------------------------------------------------------------------
    # Sync
    # ------------------------------------------------------------------
    @api.model
    def _sync_connector(self, connector):
        """Mirror the WABA's templates; archive those Meta no longer lists."""
        connector.ensure_one()
        if not connector.sudo().wa_business_account_id:
            raise UserError(_("Enter the WhatsApp Business Account ID of %(name)s "
                              "to sync its templates.", name=connector.name))
        try:
            with connector._wa_client() as client:
                remote = client.list_templates()
        except errors.WhatsAppError as error:
            raise UserError(_("WhatsApp templates could not be read: %(error)s",
                              error=error.message)) from None
        Template = self.sudo().with_context(active_test=False)
        existing = Template.search([("connector_id", "=", connector.id)])
        by_key = {(t.name, t.language): t for t in existing}
        now = fields.Datetime.now()
        synced = Template.browse()
        for data in remote:
            vals = self._vals_from_meta(data)
            if not vals:
                continue
            template = by_key.get((vals["name"], vals["language"]))
            vals.update(synced_date=now, active=True)
            if template:
                template.write(vals)
            else:
                template = Template.create(dict(vals, connector_id=connector.id))
                by_key[(vals["name"], vals["language"])] = template
            template._sync_parameters()
            synced |= template
        gone = (existing - synced).filtered("active")
        gone.write({"active": False})
        connector.sudo().write({"wa_templates_synced_date": now})
        Template.flush()  # record rules read the stored company of the new rows
        return {
            "total": len(synced),
            "approved": len(synced.filtered(lambda t: t.status == "approved")),
            "archived": len(gone),
        }

    @api.model
    def _vals_from_meta(self, data):
        """Field values of one template from Meta's JSON (None if unusable)."""
        name, language = data.get("name"), data.get("language")
        if not isinstance(name, str) or not isinstance(language, str):
            return None
        components = data.get("components")
        components = components if isinstance(components, list) else []
        meta_status = str(data.get("status") or "").upper()
        status = meta_status.lower()
        if status not in dict(STATUSES):
            status = "other"
        category = str(data.get("category") or "").lower()
        header = templates.header_format(components)
        return {
            "name": name,
            "language": language,
            "meta_id": str(data.get("id") or "") or False,
            "meta_status": meta_status or False,
            "status": status,
            "category": category if category in dict(CATEGORIES) else False,
            "header_format": header if header in dict(HEADER_FORMATS) else False,
            "header_text": templates.component_text(components, "HEADER") or False,
            "body_text": templates.component_text(components, "BODY") or False,
            "footer_text": templates.component_text(components, "FOOTER") or False,
            "components_json": json.dumps(components, ensure_ascii=False),
        }

    def _sync_parameters(self):
        """One parameter line per slot; a manager's value survives a resync."""
        self.ensure_one()
        Parameter = self.env["cc.whatsapp.template.parameter"].sudo()
        old = {p._slot_key(): p for p in self.parameter_ids}
        for sequence, slot in enumerate(templates.parameter_slots(self._components())):
            vals = {
                "sequence": sequence,
                "component": slot.component,
                "placeholder": slot.placeholder or False,
                "button_index": -1 if slot.button_index is None else slot.button_index,
                "kind": slot.kind,
                "example": slot.example or False,
            }
            key = (vals["component"], vals["placeholder"], vals["button_index"])
            parameter = old.pop(key, None)
            if parameter:
                parameter.write(vals)
            else:
                Parameter.create(dict(vals, template_id=self.id))
        for parameter in old.values():
            parameter.unlink()

    @api.model
    def _cron_sync(self):
        """Daily: resync every active WhatsApp connector that has a WABA id."""
        connectors = self.env["cc.connector"].sudo().search([
            ("provider", "=", "whatsapp_cloud"),
            ("wa_business_account_id", "!=", False),
            ("wa_token_invalid", "=", False),
        ])
        for connector in connectors:
            try:
                with self.env.cr.savepoint():
                    self._sync_connector(connector)
            except UserError as error:
                _logger.warning("Connector %s: template sync failed: %s",
                                connector.id, error)
