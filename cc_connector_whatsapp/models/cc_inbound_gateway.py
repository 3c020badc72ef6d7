# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Gateway-only webhook items: messages typed on the company phone,
deletions, contact updates (name, picture) and the phone's connection.

They have no cc_core item type: the gateway provider's parser returns the
``whatsapp_gateway.webhook`` tuples and this extension of ``cc.inbound``
applies them (same savepoint and deduplication as every item).
"""
import logging

from odoo import _, api, fields, models

from odoo.addons.cc_core.services import phone as phone_service
from odoo.addons.cc_core.services import text as text_service

from ..whatsapp_gateway import webhook

_logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 65536


class CcInbound(models.AbstractModel):
    _inherit = "cc.inbound"

    @api.model
    def _dispatch(self, connector, item):
        if isinstance(item, webhook.GatewayMessage):
            return self._wg_process_from_me(connector, item)
        if isinstance(item, webhook.GatewayDeleted):
            return self._wg_process_deleted(connector, item)
        if isinstance(item, webhook.GatewayContactUpdate):
            return self._wg_process_contact(connector, item)
        if isinstance(item, webhook.GatewayPhoneStatus):
            connector.sudo()._wg_set_state(item.state, item.reason)
            return True
        return super()._dispatch(connector, item)

    @api.model
    def _wg_address(self, connector, number, private):
        return connector._provider()._wg_address(number, private)

    @api.model
    def _wg_process_from_me(self, connector, item):
        """A message typed on the company phone (WhatsApp app or Web): stored
        as sent, never sent again. Our own sends echoed back are skipped."""
        Message = self.env["cc.message"]
        if Message._find_outbound(connector, item.message_id, item.external_id):
            return False
        address = self._wg_address(connector, item.number, item.private)
        conversation, _created = self.env["cc.conversation"]._find_or_create(
            connector, address)
        body = text_service.clean_text(item.text, MAX_TEXT_LENGTH)
        if item.type != "text" and item.url:
            body = "\n".join(p for p in (body, item.url) if p)
        date = item.timestamp or fields.Datetime.now()
        message = Message.create({
            "conversation_id": conversation.id,
            "connector_id": connector.id,
            "company_id": conversation.company_id.id,
            "channel_kind": conversation.channel_kind,
            "cycle": conversation.cycle,
            "direction": "outbound",
            "message_type": item.type if item.type != "unsupported" else "text",
            "body": body,
            "provider_message_id": item.message_id,
            "state": "sent",
            "sent_date": date,
            "date": date,
            "delivery_note": _("Typed on the company phone."),
        })
        conversation.write({
            "last_outbound_date": date,
            "last_message_date": max(date, conversation.last_message_date or date),
            "last_message_preview": message.preview,
            "first_unanswered_date": False,
            "unread_count": 0,
        })
        conversation._notify_new_message(message)
        return message

    @api.model
    def _wg_process_deleted(self, connector, item):
        """The sender deleted the message on WhatsApp: kept for the record,
        marked (the agent may already have read it)."""
        message = self.env["cc.message"].search([
            ("connector_id", "=", connector.id),
            ("provider_message_id", "=", item.message_id)], limit=1)
        if not message:
            return False
        note = _("Deleted on WhatsApp by its sender.")
        if message.direction == "outbound":
            message.write({"delivery_note": note})
        else:
            message.write({"body": "%s\n[%s]" % (message.body or "", note)})
        return message

    @api.model
    def _wg_process_contact(self, connector, item):
        """A contact changed on WhatsApp: refresh the conversation's name and,
        when the gateway gives a picture URL, ask for the picture (downloaded
        later by cc_core's cron, never in this request)."""
        if not item.name and not item.image_url:
            return False
        address = self._wg_address(connector, item.number, item.private)
        key = phone_service.normalize_address(address).key
        conversation = self.env["cc.conversation"].search([
            ("connector_id", "=", connector.id), ("address_key", "=", key)], limit=1)
        if conversation and item.name and conversation.customer_name != item.name:
            conversation.write({"customer_name": item.name})
        if conversation and item.image_url:
            conversation._request_customer_avatar(item.image_url)
        return conversation
