# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CcConversationDocument(models.Model):
    """The business document a conversation is about (e.g. a CRM lead).

    A model name and an id rather than a Many2one, so cc_core needs no
    dependency on the document's addon (the ChatRoom migration fills it with
    the conversation's CRM lead when ``crm`` is installed).
    """

    _inherit = "cc.conversation"

    document_model = fields.Char(string="Related document model", index=True,
                                 readonly=True)
    document_id = fields.Many2oneReference(
        string="Related document id", model_field="document_model", readonly=True)
    document_name = fields.Char(string="Related document",
                                compute="_compute_document_name")

    @api.depends("document_model", "document_id")
    def _compute_document_name(self):
        for conversation in self:
            document = conversation._document()
            try:
                name = document.display_name if document else False
            except AccessError:
                name = _("Restricted document")
            conversation.document_name = name

    def _document(self):
        """The related document, or None when unset, deleted or its addon is gone."""
        self.ensure_one()
        if not self.document_model or not self.document_id \
                or self.document_model not in self.env:
            return None
        return self.env[self.document_model].browse(self.document_id).exists() or None

    def action_open_document(self):
        self.ensure_one()
        document = self._document()
        if document is None:
            raise UserError(_("The related document no longer exists."))
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }
