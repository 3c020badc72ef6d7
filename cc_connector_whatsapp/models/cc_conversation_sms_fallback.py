# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS fallback: when WhatsApp refuses free-form text (24-hour window
closed), the agent sends the same text by SMS, in the customer's SMS
conversation.

Only cc_core concepts are used (an active connector whose channel is SMS,
of the conversation's company): any SMS connector addon works, and this
addon does not depend on one.
"""
from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import phone as phone_service


class CcConversationSmsFallback(models.Model):
    _inherit = "cc.conversation"

    def _sms_fallback_connector(self):
        """The SMS connector to use: the current agent's, else (supervisors)
        any of the company's. Empty when there is none."""
        self.ensure_one()
        connectors = self.env["cc.connector"].sudo().search([
            ("channel_kind", "=", "sms"),
            ("provider", "!=", False),
            ("company_id", "=", self.sudo().company_id.id),
        ])
        agent = self._sms_fallback_agent()
        allowed = connectors.filtered(lambda c: agent and agent._may_work(c))
        if allowed or not self._is_supervisor():
            return allowed[:1]
        return connectors[:1]

    def _sms_fallback_agent(self):
        return self.env["cc.agent"].sudo().search(
            [("user_id", "=", self.env.uid)], limit=1
        )

    def _sms_fallback_number(self):
        """The customer's mobile number (E.164), or False.

        The contact's mobile first, else the WhatsApp number itself when it is
        a mobile one (spelled with the Brazilian 9th digit).
        """
        self.ensure_one()
        partner = self.sudo().partner_id
        if partner.mobile:
            region = partner.country_id.code or phone_service.DEFAULT_REGION
            e164 = phone_service.to_e164(partner.mobile, region)
            if e164:
                return phone_service.ninth_digit_key(e164)
        if self.is_phone and phone_service.is_mobile(self.address):
            return phone_service.ninth_digit_key(self.address)
        return False

    def _send_by_sms(self, body):
        """Queue ``body`` in the customer's SMS conversation; returns it."""
        self.ensure_one()
        self._check_can_send()
        body = (body or "").strip()
        if not body:
            raise UserError(_("Write the text to send by SMS."))
        connector = self._sms_fallback_connector()
        if not connector:
            raise UserError(_("No SMS connector is available to you."))
        number = self._sms_fallback_number()
        if not number:
            raise UserError(_("%(customer)s has no mobile number to send an SMS to.",
                              customer=self.name))
        sms_conversation = self._sms_fallback_conversation(connector, number)
        messages = self.env["cc.message"].sudo()._queue_outbound(sms_conversation, body)
        self.env["cc.message"].sudo().create({
            "conversation_id": self.id,
            "direction": "internal",
            "message_type": "note",
            "state": "received",
            "author_id": self.env.uid,
            "body": _("Sent by SMS on %(connector)s (the WhatsApp window is "
                      "closed):\n%(text)s", connector=connector.name, text=body),
        })
        return messages

    def _sms_fallback_conversation(self, connector, number):
        """The customer's SMS conversation, held by the current agent."""
        sms_conversation, _created = self.env["cc.conversation"].sudo()._find_or_create(
            connector, number,
            {"customer_name": self.customer_name, "partner_id": self.partner_id.id},
        )
        agent = self._sms_fallback_agent()
        reopened = sms_conversation.state == "done"
        if reopened:
            sms_conversation._reopen(_("The agent answered by SMS."))
        holder = sms_conversation.agent_id
        if agent and holder != agent and agent._may_work(connector):
            if sms_conversation.state == "current" and not reopened and \
                    not self._is_supervisor():
                raise UserError(_("The SMS conversation with this customer is handled "
                                  "by %(agent)s.", agent=holder.name))
            sms_conversation._assign(agent, "taken", by_agent=agent)
        return sms_conversation
