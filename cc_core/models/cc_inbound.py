# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Turn parsed provider items into conversations, messages and states.

Runs as the technical user ``cc_core.user_cc_webhook`` (least privilege),
one savepoint per item.
"""
import logging

from odoo import _, api, fields, models

from ..services import text as text_service
from ..services.types import InboundMessage, OptOut, StatusUpdate

_logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 65536


class CcInbound(models.AbstractModel):
    _name = "cc.inbound"
    _description = "Contact Center Inbound Processing"

    @api.model
    def _process_item(self, connector, item, webhook_event):
        """Process one item in its own savepoint: 'ok', 'duplicate' or an error text."""
        try:
            with self.env.cr.savepoint():
                if item.event_id and not self.env["cc.webhook.receipt"]._claim(
                        connector, item.event_id, webhook_event):
                    return "duplicate"
                self._dispatch(connector, item)
            return "ok"
        except Exception as error:  # noqa: B902 - one bad item must not lose the others
            _logger.warning("Webhook event %s: item %s failed: %s",
                            webhook_event.id, item.event_id, type(error).__name__)
            return "%s: %s" % (item.event_id, error)

    @api.model
    def _dispatch(self, connector, item):
        if isinstance(item, InboundMessage):
            return self._process_inbound_message(connector, item)
        if isinstance(item, StatusUpdate):
            return self._process_status(connector, item)
        if isinstance(item, OptOut):
            return self._process_opt_out(connector, item.address, "provider", item.reason)
        raise ValueError(_("Unknown item type %(type)s", type=type(item).__name__))

    # ------------------------------------------------------------------
    # Inbound messages
    # ------------------------------------------------------------------
    @api.model
    def _process_inbound_message(self, connector, item):
        conversation, created = self.env["cc.conversation"]._find_or_create(
            connector, item.address,
            {"customer_name": item.profile_name,
             "customer_user_id": item.customer_user_id})
        if not created:
            self._refresh_identity(conversation, item)
        message = self.env["cc.message"].create(self._message_vals(conversation, item))
        if item.media:
            message._store_media(item.media)
        conversation._on_inbound(message, created=created)
        if item.text and self._is_opt_out_keyword(item.text):
            self._process_opt_out(connector, conversation.address_key, "keyword",
                                  _("Customer wrote %(keyword)s",
                                    keyword=text_service.fold_keyword(item.text)))
        return message

    @api.model
    def _message_vals(self, conversation, item):
        return {
            "conversation_id": conversation.id,
            "direction": "inbound",
            "message_type": item.message_type or "text",
            "body": text_service.clean_text(item.text, MAX_TEXT_LENGTH),
            "provider_message_id": item.provider_message_id,
            "state": "received",
            "date": item.timestamp or fields.Datetime.now(),
        }

    @api.model
    def _refresh_identity(self, conversation, item):
        vals = {}
        if item.profile_name and item.profile_name != conversation.customer_name:
            vals["customer_name"] = item.profile_name
        if item.customer_user_id and item.customer_user_id != conversation.customer_user_id:
            vals["customer_user_id"] = item.customer_user_id
        if vals:
            conversation.write(vals)

    @api.model
    def _is_opt_out_keyword(self, text):
        if len(text) > 40:
            return False
        keywords = self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.opt_out_keywords", "SAIR,PARE,STOP,CANCELAR")
        return text_service.is_opt_out(text, [k for k in keywords.split(",") if k.strip()])

    @api.model
    def _process_opt_out(self, connector, address_key, source, note=None):
        opt_out = self.env["cc.opt.out"]._record_opt_out(
            address_key, connector.channel_kind, source, connector=connector, note=note)
        connector._provider()._on_opt_out(connector, address_key)
        return opt_out

    # ------------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------------
    @api.model
    def _process_status(self, connector, update):
        message = self.env["cc.message"]._find_outbound(connector, update)
        if not message:
            _logger.info("Connector %s: status for an unknown message (event %s)",
                         connector.id, update.event_id)
            return False
        return message._apply_status(update)
