# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The WhatsApp Cloud API provider: webhooks, connection, window, media.

Sending lives in ``cc_provider_whatsapp_cloud_send.py``. Pure logic (HTTP
client, parser, signature, payloads) is in ``whatsapp_cloud``; this model
only adapts it to cc_core's contract and plain types.
"""
import logging
import mimetypes
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from odoo.addons.cc_core.services import filenames
from odoo.addons.cc_core.services.types import (
    ChannelLimits,
    InboundMessage,
    MediaRef,
    StatusUpdate,
)

from ..whatsapp_cloud import errors, payloads, signature, webhook, window

_logger = logging.getLogger(__name__)

# Meta's message types -> cc.message types.
MESSAGE_TYPES = {
    "text": "text",
    "image": "image",
    "audio": "audio",
    "video": "video",
    "document": "document",
    "sticker": "sticker",
    "location": "location",
    "contacts": "contact",
    "interactive": "interactive",
    "button": "interactive",
    "reaction": "reaction",
    "unsupported": "unsupported",
}
# Meta's statuses -> cc_core delivery states ("played" = a voice note heard).
STATUSES = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "played": "read",
    "failed": "failed",
}
MEDIA_MIMETYPES = tuple(
    mime for mimes, _limit in payloads.MEDIA_LIMITS.values() for mime in mimes
)
TOKEN_HOLD = timedelta(minutes=15)


class CcProviderWhatsappCloud(models.AbstractModel):
    _name = "cc.provider.whatsapp_cloud"
    _inherit = "cc.provider.abstract"
    _description = "Contact Center Provider: WhatsApp Cloud API"

    # ------------------------------------------------------------------
    # Webhooks
    # ------------------------------------------------------------------
    @api.model
    def _verify_webhook(self, connector, request):
        """``X-Hub-Signature-256`` over the raw body with the app secret."""
        return signature.verify(
            connector.sudo().wa_app_secret,
            request.raw_body,
            request.headers.get(signature.HEADER_NAME.lower()),
        )

    @api.model
    def _handshake_webhook(self, connector, request):
        """Meta's GET: echo ``hub.challenge`` when the verify token matches."""
        challenge = webhook.verify_handshake(
            request.query, connector.sudo().wa_verify_token
        )
        if challenge is not None:
            connector.sudo().write({"wa_webhook_verified_date": fields.Datetime.now()})
        return challenge

    @api.model
    def _parse_webhook(self, connector, request):
        try:
            result = webhook.parse(request.raw_body)
        except webhook.WebhookPayloadError as error:
            raise ValueError(str(error)) from None
        own_number = (connector.sudo().wa_phone_number_id or "").strip()
        items = []
        for parsed in result.items:
            if parsed.phone_number_id != own_number:
                _logger.warning(
                    "Connector %s: ignored a WhatsApp event for another phone "
                    "number id", connector.id)
                continue
            if isinstance(parsed, webhook.InboundMessage):
                items.append(self._wa_inbound_item(connector, parsed))
            else:
                item = self._wa_status_item(parsed)
                if item:
                    items.append(item)
        for error in result.meta_errors:
            _logger.warning("Connector %s: WhatsApp reported error %s (%s)",
                            connector.id, error.code, error.title)
        errors_found = ["%s: %s" % (e.location, e.reason) for e in result.errors]
        return items, errors_found

    @api.model
    def _wa_inbound_item(self, connector, message):
        media = ()
        if message.media:
            mimetype = payloads.base_mime(message.media.mime_type)
            media = (MediaRef(
                provider_media_id=message.media.id,
                mimetype=mimetype or None,
                filename=filenames.sanitize(
                    message.media.filename,
                    default=self._wa_media_filename(message.type, mimetype)),
                sha256=message.media.sha256,
                voice=message.media.voice,
            ),)
        text = message.text
        if message.type == "unsupported" and not text and message.errors:
            text = message.errors[0].message or message.errors[0].title
        return InboundMessage(
            event_id=message.event_id,
            provider_message_id=message.wamid,
            address=self._wa_address(connector, message.wa_id, message.bsuid),
            message_type=MESSAGE_TYPES.get(message.type, "unsupported"),
            text=text,
            timestamp=message.timestamp,
            profile_name=message.profile_name,
            media=media,
            reply_to_provider_id=message.reaction_to or message.context_wamid,
            customer_user_id=message.bsuid,
            interactive_reply_id=message.reply_id if message.type == "interactive"
            else None,
            interactive_reply_title=message.reply_title,
            button_payload=message.button_payload,
        )

    @api.model
    def _wa_address(self, connector, wa_id, bsuid):
        """The customer's address: ``+<wa_id>``; without a number (username
        users), the address of their earlier conversation, else the BSUID."""
        if wa_id:
            return "+%s" % wa_id.lstrip("+")
        known = self.env["cc.conversation"].sudo().search(
            [("connector_id", "=", connector.id), ("customer_user_id", "=", bsuid)],
            limit=1,
        )
        return known.address or bsuid

    @api.model
    def _wa_media_filename(self, kind, mimetype):
        extension = mimetypes.guess_extension(mimetype or "") or ""
        return "%s%s" % (kind, extension)

    @api.model
    def _wa_status_item(self, status):
        state = STATUSES.get(status.status)
        if not state:
            _logger.info("WhatsApp status %r ignored", status.status)
            return None
        reason = "; ".join(
            "%s %s: %s" % (e.code or "", e.title, e.message)
            if e.message and e.message != e.title else "%s %s" % (e.code or "", e.title)
            for e in status.errors
        ).strip() or None
        codes = [str(e.code) for e in status.errors if e.code is not None]
        return StatusUpdate(
            event_id=status.event_id,
            provider_message_id=status.wamid,
            state=state,
            timestamp=status.timestamp,
            reason=reason,
            error_code=codes[0] if codes else None,
        )

    # ------------------------------------------------------------------
    # Connection, limits, 24-hour window
    # ------------------------------------------------------------------
    @api.model
    def _test_connection(self, connector):
        """Read the number's display name and quality rating."""
        try:
            with connector._wa_client() as client:
                info = client.phone_number_info()
        except errors.AuthError as error:
            connector._wa_flag_token_now(error.message)
            raise UserError(_("WhatsApp refused the access token: %(error)s",
                              error=error.message)) from None
        except errors.WhatsAppError as error:
            raise UserError(_("WhatsApp answered: %(error)s",
                              error=error.message)) from None
        connector._wa_store_phone_info(info)
        connector._wa_unflag_token()
        return _(
            "%(name)s (%(number)s), quality rating %(quality)s.",
            name=info.get("verified_name") or "?",
            number=info.get("display_phone_number") or "?",
            quality=info.get("quality_rating") or "?",
        )

    @api.model
    def _channel_limits(self, connector):
        return ChannelLimits(
            max_length=payloads.MAX_TEXT,
            media_types=MEDIA_MIMETYPES,
            session_window_hours=window.SERVICE_WINDOW_HOURS,
        )

    @api.model
    def _check_can_send(self, conversation, message_type):
        """Free-form messages only within 24 h of the customer's last message."""
        if message_type == "template":
            return True
        last_inbound = conversation.sudo().last_inbound_date
        if window.is_open(last_inbound, fields.Datetime.now()):
            return True
        if last_inbound:
            raise UserError(_(
                "The 24-hour WhatsApp window closed on %(date)s (the customer last "
                "wrote 24 hours before): only an approved WhatsApp template can be "
                "sent now, or the text by SMS.",
                date=format_datetime(self.env, window.window_end(last_inbound)),
            ))
        raise UserError(_(
            "This customer never wrote on this WhatsApp number: only an approved "
            "WhatsApp template can be sent, or the text by SMS."
        ))

    @api.model
    def _next_send_window(self, connector, now):
        """Hold the outbox while Meta refuses the connector's token."""
        if connector.sudo().wa_token_invalid:
            return now + TOKEN_HOLD
        return None

    # ------------------------------------------------------------------
    # Media and read receipts (called from cc_core's crons)
    # ------------------------------------------------------------------
    @api.model
    def _fetch_media(self, connector, media_ref):
        """Media id -> short-lived URL -> bytes, downloaded with the token."""
        if media_ref.content is not None or not media_ref.provider_media_id:
            return super()._fetch_media(connector, media_ref)
        try:
            with connector._wa_client() as client:
                content, info = client.fetch_media(media_ref.provider_media_id)
        except errors.WhatsAppError as error:
            if error.transient:
                raise  # retried by cc_core's media cron
            raise UserError(_("WhatsApp cannot give this media: %(error)s",
                              error=error.message)) from error
        mimetype = payloads.base_mime(info.mime_type) or media_ref.mimetype
        return content, mimetype, media_ref.filename

    @api.model
    def _mark_read(self, conversation):
        """Blue ticks: mark the customer's latest message read."""
        connector = conversation.connector_id.sudo()
        if connector.wa_token_invalid:
            return False
        last = self.env["cc.message"].sudo().search([
            ("conversation_id", "=", conversation.id),
            ("direction", "=", "inbound"),
            ("provider_message_id", "!=", False),
        ], order="date desc, id desc", limit=1)
        if not last:
            return False
        with connector._wa_client() as client:
            return client.mark_read(last.provider_message_id)
