# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending through the WhatsApp gateway: text, media by signed link,
location, quoted replies.

Called by cc_core's outbox cron. Gateway errors become ``SendResult``s:
refusals (bad number, unsupported) are permanent, an account, token or URL
problem is permanent and recorded on the connector, network failures before
sending, 429 and 5xx are retried, an unanswered send is ``unknown`` (never
resent blindly).
"""
import logging
import re

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services.types import (
    SEND_PERMANENT,
    SEND_SENT,
    SEND_TRANSIENT,
    SEND_UNKNOWN,
    SendResult,
)

from ..whatsapp_gateway import errors, media_link
from ..whatsapp_gateway.client import MEDIA_PATHS

_logger = logging.getLogger(__name__)

LOCATION = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


class CcProviderWhatsappGatewaySend(models.AbstractModel):
    _inherit = "cc.provider.whatsapp_gateway"

    @api.model
    def _send_message(self, message):
        return self._send_messages(message)[message.id]

    @api.model
    def _send_messages(self, messages):
        connector = messages.connector_id.sudo()
        connector.ensure_one()
        try:
            client = connector._wg_client()
        except UserError as error:
            return {m.id: SendResult(SEND_PERMANENT, reason=str(error)) for m in messages}
        results = {}
        with client:
            for message in messages:
                results[message.id] = self._wg_send_one(client, connector, message)
        return results

    @api.model
    def _wg_send_one(self, client, connector, message):
        message = message.sudo()
        try:
            outcome = self._wg_dispatch(client, message)
        except errors.GatewayError as error:
            return self._wg_result_for_error(connector, error)
        except (ValueError, UserError) as error:
            return SendResult(SEND_PERMANENT, reason=str(error))
        return SendResult(SEND_SENT, provider_message_id=outcome.message_id)

    @api.model
    def _wg_dispatch(self, client, message):
        number = self._wg_number(message.conversation_id)
        external_id = message._reference()
        quote = self._wg_quote(message, number)
        kind = message.message_type
        if kind == "text":
            return client.send_text(number, message.body or "", external_id, quote)
        if kind in MEDIA_PATHS:
            attachment = message.attachment_ids[:1]
            if not attachment:
                raise ValueError(_("The file of this message is missing."))
            return client.send_media(
                kind, number, self._wg_media_url(attachment),
                caption=message.body or None,
                filename=attachment.name if kind == "document" else None,
                external_id=external_id, quote=quote)
        if kind == "location":
            match = LOCATION.match(message.body or "")
            if not match:
                raise ValueError(_("A location is sent as \"latitude, longitude\"."))
            return client.send_location(number, match.group(1), match.group(2),
                                        external_id=external_id, quote=quote)
        raise ValueError(_("The WhatsApp gateway cannot send %(type)s messages.",
                           type=kind))

    @api.model
    def _wg_quote(self, message, number):
        """The quoted message of a reply (``reply_to_id``)."""
        quoted = message.reply_to_id
        if not quoted or not quoted.provider_message_id:
            return None
        return {"msg_id": quoted.provider_message_id, "number": number,
                "from_me": quoted.direction == "outbound"}

    @api.model
    def _wg_media_url(self, attachment):
        """A public URL of the attachment: its own when it is a link, else a
        signed link that expires (``media_link``)."""
        if attachment.type == "url":
            return attachment.url
        params = self.env["ir.config_parameter"].sudo()
        base_url = (params.get_param("web.base.url") or "").rstrip("/")
        return base_url + media_link.build_path(self._wg_media_secret(), attachment.id)

    @api.model
    def _wg_media_secret(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        if not secret:
            raise UserError(_("The database has no secret to sign media links."))
        return secret

    @api.model
    def _wg_result_for_error(self, connector, error):
        if isinstance(error, errors.UnknownOutcomeError):
            return SendResult(SEND_UNKNOWN, reason=_(
                "The WhatsApp gateway did not answer: the message may or may not have "
                "been sent. Check with the customer before retrying."))
        if error.transient:
            return SendResult(SEND_TRANSIENT, retry_after=error.retry_after,
                              reason=_("WhatsApp gateway unavailable, retrying: "
                                       "%(error)s", error=error.message))
        if isinstance(error, errors.AuthError):
            reason = _("The WhatsApp gateway refused the connector's token or client "
                       "ID: %(error)s", error=error.message)
        elif isinstance(error, errors.AccountError):
            reason = _("The WhatsApp gateway account cannot send (phone disconnected "
                       "or account problem): %(error)s", error=error.message)
        elif isinstance(error, errors.WrongUrlError):
            reason = _("The gateway URL of the connector is wrong: %(error)s",
                       error=error.message)
        else:
            reason = _("The WhatsApp gateway refused the message: %(error)s",
                       error=error.message)
        if error.blocks_connector:
            connector._record_error(reason)
        return SendResult(SEND_PERMANENT, reason=reason)
