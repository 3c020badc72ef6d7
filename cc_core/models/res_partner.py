# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

from ..services import phone as phone_service


class ResPartner(models.Model):
    """Phone identity keys (9th digit aware) and the conversations smart button."""

    _inherit = "res.partner"

    cc_phone_key = fields.Char(compute="_compute_cc_keys", store=True, index=True)
    cc_mobile_key = fields.Char(compute="_compute_cc_keys", store=True, index=True)
    cc_conversation_ids = fields.One2many("cc.conversation", "partner_id")
    cc_conversation_count = fields.Integer(compute="_compute_cc_conversation_count")

    @api.depends("phone", "mobile", "country_id.code")
    def _compute_cc_keys(self):
        for partner in self:
            region = partner.country_id.code or phone_service.DEFAULT_REGION
            partner.cc_phone_key = self._cc_key(partner.phone, region)
            partner.cc_mobile_key = self._cc_key(partner.mobile, region)

    @api.model
    def _cc_key(self, number, region):
        e164 = phone_service.to_e164(number, region)
        return phone_service.ninth_digit_key(e164) if e164 else False

    def _compute_cc_conversation_count(self):
        Conversation = self.env["cc.conversation"]
        for partner in self:
            partner.cc_conversation_count = Conversation.search_count(
                partner._cc_conversation_domain()) if partner.id else 0

    def _cc_conversation_domain(self):
        """The conversations the smart button counts and lists: those of the
        customer's company and all its contacts."""
        self.ensure_one()
        return [("partner_id", "child_of", self.commercial_partner_id.id)]

    @api.model
    def _cc_find_by_address_key(self, key):
        """Best partner for a customer key: companies last, oldest first."""
        if not key:
            return self.browse()
        partners = self.search(
            ["|", ("cc_mobile_key", "=", key), ("cc_phone_key", "=", key)],
            order="is_company, id", limit=1)
        return partners

    def action_view_cc_messages(self):
        """The customer's whole message history, every channel."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("cc_core.cc_message_action")
        action["domain"] = [("conversation_id.partner_id", "child_of",
                             self.commercial_partner_id.id),
                            ("direction", "!=", "internal")]
        action["context"] = {}
        return action

    def action_view_cc_conversations(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_core.cc_conversation_action_all")
        company = self.commercial_partner_id
        action["domain"] = self._cc_conversation_domain()
        action["context"] = {"default_partner_id": self.id}
        if company.child_ids:
            action["name"] = _("Conversations of %(name)s and its contacts",
                               name=company.display_name)
        else:
            action["name"] = _("Conversations of %(name)s", name=company.display_name)
        return action
