# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer replies that become CRM opportunities (only with ``crm``).

Kept from the company's current module (``contacts_realcred``): a reply to a
campaign creates an opportunity for the customer (partner matched by number,
else created), in a chosen sales team, with the campaign and the reply text;
``kolmeya_id`` (reply id) and ``kolmeya_job_id`` (campaign job) are filled
when the database still has those fields on ``crm.lead``. A customer's open
opportunity is updated instead of creating a second one.
"""
import logging

from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, _, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class CcConversationCrm(models.Model):
    _inherit = "cc.conversation"

    crm_installed = fields.Boolean(compute="_compute_crm_installed")

    def _compute_crm_installed(self):
        for conversation in self:
            conversation.crm_installed = "crm.lead" in self.env

    def _on_inbound(self, message, created=False, reopened=False):
        result = super()._on_inbound(message, created=created, reopened=reopened)
        if "crm.lead" in self.env and message.direction == "inbound":
            settings = self._crm_settings()
            if settings is not None and not self.env["cc.inbound"]._is_opt_out_keyword(
                    message.body or ""):
                self._crm_on_reply(message, settings)
        return result

    def _crm_settings(self):
        """The campaign's settings when the campaign asks for opportunities,
        else the connector's; None when neither does."""
        campaign = self.sudo().campaign_id
        if campaign and campaign.crm_opportunity_on_reply:
            return campaign
        connector = self.sudo().connector_id
        return connector if connector.crm_opportunity_on_reply else None

    # ------------------------------------------------------------------
    def _crm_partner(self):
        """The customer's partner: the linked one, matched by number, or new."""
        self.ensure_one()
        conversation = self.sudo()
        if not conversation.partner_id:
            partner = conversation._match_partner()
            if not partner:
                vals = {"name": conversation.customer_name or conversation.address}
                if conversation.is_phone:
                    vals["mobile"] = conversation.address
                partner = self.env["res.partner"].sudo().create(vals)
            conversation.partner_id = partner
        return conversation.partner_id

    def _crm_open_opportunity(self, partner):
        Lead = self.env["crm.lead"].sudo()
        return Lead.search([("partner_id", "=", partner.id),
                            ("type", "=", "opportunity"),
                            ("stage_id.is_won", "=", False)],
                           order="id desc", limit=1)

    def _crm_on_reply(self, message, settings):
        """Create or update the customer's opportunity for this reply."""
        self.ensure_one()
        conversation = self.sudo()
        partner = conversation._crm_partner()
        team = settings._crm_team_record()
        campaign = conversation.campaign_id
        lead = conversation._crm_open_opportunity(partner)
        created = not lead
        if created:
            vals = {
                "name": _("Reply from %(number)s", number=conversation.address),
                "type": "opportunity",
                "partner_id": partner.id,
                "phone": conversation.address if conversation.is_phone else False,
                "description": message.body or False,
            }
            if team:
                vals["team_id"] = team.id
                vals["user_id"] = team.user_id.id or False
            lead = self.env["crm.lead"].sudo().with_context(
                mail_create_nosubscribe=True).create(vals)
        lead_vals = self._crm_kolmeya_mapping(lead, message)
        if lead_vals:
            lead.write(lead_vals)
        if not conversation.document_model:
            conversation.write({"document_model": "crm.lead", "document_id": lead.id})
        note = Markup("<p>%s</p><p>%s</p>") % (
            escape(_("Campaign: %(campaign)s", campaign=campaign.name)) if campaign
            else escape(_("Reply on %(connector)s", connector=conversation.connector_id.name)),
            escape(message.body or ""))
        lead.message_post(body=note, subtype_xmlid="mail.mt_note")
        user = lead.user_id or (team.user_id if team else self.env["res.users"])
        if user:
            # Scheduled by OdooBot: the webhook's technical user has no e-mail
            # address to notify the salesperson from.
            lead.with_user(SUPERUSER_ID).activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=_("The customer replied: %(text)s",
                          text=(message.body or "")[:80]))
        return lead, created

    def _crm_kolmeya_mapping(self, lead, message):
        """``kolmeya_id`` / ``kolmeya_job_id`` as the current module stores
        them, when those columns exist (integers there)."""
        vals = {}
        fields_ = lead._fields
        if "kolmeya_id" in fields_ and (message.provider_message_id or "").isdigit():
            vals["kolmeya_id"] = int(message.provider_message_id)
        job = message.reply_to_id.provider_batch_id if message.reply_to_id else False
        if "kolmeya_job_id" in fields_ and (job or "").isdigit():
            vals["kolmeya_job_id"] = int(job)
        return vals

    # ------------------------------------------------------------------
    # Buttons on the conversation
    # ------------------------------------------------------------------
    def action_cc_create_opportunity(self):
        """Open the conversation's opportunity, creating it when needed."""
        self.ensure_one()
        if "crm.lead" not in self.env:
            raise UserError(_("The CRM app is not installed."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        lead = self._document() if self.document_model == "crm.lead" else None
        if lead is None:
            partner = self._crm_partner()
            lead = self._crm_open_opportunity(partner)
            if not lead:
                team = self.connector_id.sudo()._crm_team_record()
                lead = self.env["crm.lead"].create({
                    "name": _("Conversation with %(name)s", name=self.name),
                    "type": "opportunity", "partner_id": partner.id,
                    "phone": self.address if self.is_phone else False,
                    "team_id": team.id if team else False,
                    "user_id": self.env.uid,
                })
            self.sudo().write({"document_model": "crm.lead", "document_id": lead.id})
        return {"type": "ir.actions.act_window", "res_model": "crm.lead",
                "res_id": lead.id, "view_mode": "form"}
