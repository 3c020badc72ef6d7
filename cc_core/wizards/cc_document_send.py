# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Send a message from a business document (a contact, and when their apps
are installed a lead, a quotation / sales order or an invoice).

The message goes into the customer's conversation on the chosen connector
(found or created, linked to the document) through the outbox, and a line
is left in the document's chatter. The apps stay optional: the document is a
model name and an id, and the actions on leads, orders and invoices are
created when those models exist (``cc.document.bindings``).
"""
import base64

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import phone as phone_service

# Models that get a "Send message" action when installed, and the report
# whose PDF may be attached.
DOCUMENT_MODELS = {
    "res.partner": None,
    "crm.lead": None,
    "sale.order": "sale.action_report_saleorder",
    "account.move": "account.account_invoices",
}


class CcDocumentSend(models.TransientModel):
    _name = "cc.document.send"
    _description = "Send a Contact Center message from a document"

    document_model = fields.Char(required=True, readonly=True)
    document_id = fields.Many2oneReference(string="Document id", model_field="document_model",
                                           required=True, readonly=True)
    document_name = fields.Char(compute="_compute_document_name", string="Document")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    number = fields.Char(required=True, help="The customer's mobile number.")
    connector_id = fields.Many2one(
        "cc.connector", string="Send by", required=True,
        domain="[('active', '=', True)]")
    channel_kind = fields.Selection(related="connector_id.channel_kind")
    template_id = fields.Many2one(
        "cc.template", domain="[('channel_kind', 'in', ('all', channel_kind))]")
    body = fields.Text(string="Message")
    attach_pdf = fields.Boolean(string="Attach the document (PDF)")
    can_attach_pdf = fields.Boolean(compute="_compute_document_name")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        record_id = self.env.context.get("active_id")
        if model in DOCUMENT_MODELS and record_id:
            document = self.env[model].browse(record_id)
            document.check_access_rule("read")
            partner = self._partner_of(document)
            values.update(document_model=model, document_id=record_id,
                          partner_id=partner.id,
                          number=self._number_of(document, partner))
        connector = self.env["cc.connector"].search([("active", "=", True)], limit=1)
        values.setdefault("connector_id", connector.id)
        return values

    @api.model
    def _partner_of(self, document):
        if document._name == "res.partner":
            return document
        return document.partner_id

    @api.model
    def _number_of(self, document, partner):
        for record in (document, partner):
            for name in ("mobile", "phone"):
                value = record[name] if name in record._fields else False
                if value and phone_service.to_e164(value):
                    return value
        return False

    @api.depends("document_model", "document_id")
    def _compute_document_name(self):
        for wizard in self:
            document = wizard._document()
            wizard.document_name = document.display_name if document else False
            wizard.can_attach_pdf = bool(DOCUMENT_MODELS.get(wizard.document_model))

    def _document(self):
        if not self.document_model or self.document_model not in self.env \
                or not self.document_id:
            return None
        return self.env[self.document_model].browse(self.document_id).exists() or None

    @api.onchange("template_id")
    def _onchange_template_id(self):
        document = self._document()
        if self.template_id and document is not None:
            self.body = self.template_id._render_template(
                self.template_id.body, document._name, document.ids,
                engine="inline_template")[document.id]
            self.attachment_ids = self.template_id.attachment_ids

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.number:
            self.number = self._number_of(self.partner_id, self.partner_id)

    # ------------------------------------------------------------------
    def action_send(self):
        self.ensure_one()
        document = self._document()
        if document is None:
            raise UserError(_("The document no longer exists."))
        document.check_access_rights("read")
        document.check_access_rule("read")
        if not phone_service.to_e164(self.number or ""):
            raise UserError(_("%(number)s is not a valid phone number.",
                              number=self.number or _("(empty)")))
        body = (self.body or "").strip()
        attachments = self.attachment_ids
        if self.attach_pdf and self.can_attach_pdf:
            attachments |= self._document_pdf(document)
        if not body and not attachments:
            raise UserError(_("Write a message or attach a file."))
        conversation = self._conversation()
        messages = self.env["cc.message"]._queue_outbound(conversation, body,
                                                          attachments=attachments)
        self._log_on_document(document, conversation, body, attachments)
        return {
            "type": "ir.actions.act_window", "res_model": "cc.conversation",
            "res_id": conversation.id, "view_mode": "form",
            "context": {"cc_sent_message_ids": messages.ids},
        }

    def _conversation(self):
        """The customer's conversation, ready for this user to write in."""
        Conversation = self.env["cc.conversation"]
        conversation, _created = Conversation.sudo()._find_or_create(
            self.connector_id, self.number, {"partner_id": self.partner_id.id})
        vals = {"document_model": self.document_model, "document_id": self.document_id}
        if not conversation.partner_id:
            vals["partner_id"] = self.partner_id.id
        conversation.write(vals)
        conversation = conversation.sudo(False).with_env(self.env)
        if conversation.state == "done":
            conversation.sudo()._reopen(_("Message sent from %(document)s",
                                          document=self.document_name))
        if conversation.state == "new" and not conversation._is_supervisor():
            conversation.action_take()
        return conversation

    def _document_pdf(self, document):
        report = self.env.ref(DOCUMENT_MODELS[document._name], raise_if_not_found=False)
        if not report:
            return self.env["ir.attachment"]
        content, _format = report._render_qweb_pdf(document.ids)
        return self.env["ir.attachment"].create({
            "name": "%s.pdf" % (document.display_name or document._name).replace("/", "_"),
            "datas": base64.b64encode(content), "mimetype": "application/pdf",
            "res_model": "cc.conversation", "res_id": 0,
        })

    def _log_on_document(self, document, conversation, body, attachments):
        if not hasattr(document, "message_post"):
            return
        channels = dict(conversation.connector_id._fields["channel_kind"]
                        ._description_selection(self.env))
        note = Markup("<p>%s</p><p>%s</p>") % (
            escape(_("%(channel)s message to %(number)s via %(connector)s",
                     channel=channels.get(conversation.channel_kind, ""),
                     number=conversation.address,
                     connector=conversation.connector_id.name)),
            escape(body or ", ".join(attachments.mapped("name"))))
        # The sender may only read the document (an agent reads contacts):
        # the line records what they did, under their name.
        document.sudo().message_post(body=note, subtype_xmlid="mail.mt_note",
                                     author_id=self.env.user.partner_id.id)
