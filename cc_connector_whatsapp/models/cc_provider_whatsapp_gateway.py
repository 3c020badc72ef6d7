# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The WhatsApp gateway provider (apichat.io / chat-smart.io): webhooks,
connection, limits, media, read receipts.

Sending lives in ``cc_provider_whatsapp_gateway_send.py``; messages typed on
the phone, deletions, contact and phone-status updates are applied by
``cc_inbound_gateway.py``. Pure logic is in ``whatsapp_gateway``.

No 24-hour window and no templates: the gateway drives an ordinary WhatsApp
session, so any message can be sent at any time (Meta's rules on
unsolicited messages still apply to the number: see the README).
"""
import ipaddress
import logging
import mimetypes
from datetime import timedelta

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.http import request as http_request

from odoo.addons.cc_core.services.types import (
    ChannelLimits,
    InboundMessage,
    MediaRef,
    StatusUpdate,
)

from ..whatsapp_gateway import errors, webhook

_logger = logging.getLogger(__name__)

MAX_TEXT = 65536
MEDIA_MIMETYPES = ("image/", "video/", "audio/", "application/", "text/")
MAX_MEDIA_BYTES = 64 * 1024 * 1024


class CcProviderWhatsappGateway(models.AbstractModel):
    _name = "cc.provider.whatsapp_gateway"
    _inherit = "cc.provider.abstract"
    _description = "Contact Center Provider: WhatsApp gateway"

    # ------------------------------------------------------------------
    # Webhooks
    # ------------------------------------------------------------------
    @api.model
    def _verify_webhook(self, connector, request):
        """The gateway signs nothing: the secret key in the URL (already
        matched by the route) and, when configured, the caller's address."""
        networks = connector._wg_networks()
        if not networks:
            return True
        address = request.remote_addr or self._wg_remote_address()
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        allowed = any(ip in network for network in networks)
        if not allowed:
            _logger.warning("Connector %s: webhook call from an address outside the "
                            "gateway allow-list", connector.id)
        return allowed

    @api.model
    def _wg_remote_address(self):
        """The caller's address from the current HTTP request, for a
        ``WebhookRequest`` built without one (Odoo applies X-Forwarded-For
        in proxy mode)."""
        try:
            return http_request and http_request.httprequest.remote_addr
        except RuntimeError:  # no request bound (cron replay)
            return None

    @api.model
    def _parse_webhook(self, connector, request):
        try:
            result = webhook.parse(request.raw_body)
        except webhook.WebhookPayloadError as error:
            raise ValueError(str(error)) from None
        items = []
        for parsed in result.items:
            if isinstance(parsed, webhook.GatewayMessage) and not parsed.from_me:
                items.append(self._wg_inbound_item(parsed))
            elif isinstance(parsed, webhook.GatewayFailed):
                items.append(StatusUpdate(
                    event_id=parsed.event_id, provider_message_id=parsed.message_id,
                    state="failed", reason=parsed.reason))
            elif isinstance(parsed, webhook.GatewayAck):
                items.append(StatusUpdate(
                    event_id=parsed.event_id, provider_message_id=parsed.message_id,
                    state=parsed.state))
            else:
                # From-me messages, deletions, phone status, contact updates:
                # gateway-only items, applied by cc_inbound_gateway.
                items.append(parsed)
        return items, ["%s: %s" % (e.location, e.reason) for e in result.errors]

    @api.model
    def _wg_address(self, number, private):
        return number if private else "+%s" % number

    @api.model
    def _wg_inbound_item(self, message):
        media = ()
        if message.url:
            mimetype = mimetypes.guess_type(message.filename or message.url)[0]
            media = (MediaRef(url=message.url, mimetype=mimetype,
                              filename=message.filename or self._wg_filename(
                                  message.type, mimetype)),)
        text = message.text
        if message.type in ("image", "audio", "video", "document", "sticker") \
                and message.url and text == message.url:
            text = ""
        return InboundMessage(
            event_id=message.event_id,
            provider_message_id=message.message_id,
            address=self._wg_address(message.number, message.private),
            message_type=message.type,
            text=text,
            timestamp=message.timestamp,
            profile_name=message.name,
            media=media,
            reply_to_provider_id=message.quote_msg_id,
        )

    @api.model
    def _wg_filename(self, kind, mimetype):
        extension = mimetypes.guess_extension(mimetype or "") or ""
        return "%s%s" % (kind, extension)

    # ------------------------------------------------------------------
    # Connection and limits
    # ------------------------------------------------------------------
    @api.model
    def _test_connection(self, connector):
        try:
            state = connector._wg_refresh_state()
        except errors.GatewayError as error:
            raise UserError(_("The gateway answered: %(error)s",
                              error=error.message)) from None
        if state == "connected":
            return _("The gateway answers and the WhatsApp phone is connected.")
        if state == "qr":
            raise UserError(_("The gateway answers but WhatsApp needs a QR code scan: "
                              "open WhatsApp on the company phone > Linked devices and "
                              "scan the code shown on the connector."))
        raise UserError(_("The gateway answers but the WhatsApp phone is disconnected: "
                          "check that the phone is on and online."))

    @api.model
    def _channel_limits(self, connector):
        """No 24-hour window (``session_window_hours`` None), no templates."""
        return ChannelLimits(max_length=MAX_TEXT, media_types=MEDIA_MIMETYPES,
                             session_window_hours=None)

    @api.model
    def _check_can_send(self, conversation, message_type):
        if message_type == "template":
            raise UserError(_("WhatsApp templates exist only on the Cloud API: on this "
                              "number, write the message itself."))
        return True

    @api.model
    def _next_send_window(self, connector, now):
        """Nothing is sent while the phone is known to be offline: the
        messages wait (the state cron or a phone-status event resumes them)."""
        if connector.sudo().wg_state in ("qr", "disconnected"):
            return now + timedelta(minutes=5)
        return None

    # ------------------------------------------------------------------
    # Media and read receipts
    # ------------------------------------------------------------------
    @api.model
    def _fetch_media(self, connector, media_ref):
        if media_ref.content is not None or not media_ref.url:
            return super()._fetch_media(connector, media_ref)
        try:
            with connector._wg_client() as client:
                content, mimetype = client.download(media_ref.url, MAX_MEDIA_BYTES)
        except errors.GatewayError as error:
            if error.transient:
                raise
            raise UserError(_("The gateway cannot give this media: %(error)s",
                              error=error.message)) from error
        return content, mimetype or media_ref.mimetype, media_ref.filename

    @api.model
    def _mark_read(self, conversation):
        """Blue ticks on the customer's phone: ``readChat``."""
        conversation = conversation.sudo()
        connector = conversation.connector_id
        if connector.wg_state in ("qr", "disconnected"):
            return False
        with connector._wg_client() as client:
            return client.read_chat(self._wg_number(conversation))

    @api.model
    def _wg_number(self, conversation):
        """The gateway's chat id of a conversation: digits, or the raw private id."""
        if conversation.is_phone:
            return conversation.address.lstrip("+")
        return conversation.address
