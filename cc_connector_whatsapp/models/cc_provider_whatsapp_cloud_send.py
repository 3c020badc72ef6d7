# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending with the Cloud API: text, media (uploaded or by link), templates.

Called by cc_core's outbox cron, never in an agent's request. Graph errors
become ``SendResult``s: window closed, undeliverable and other refusals are
permanent (Meta's text shown to the agent), rate limits are retried with a
growing delay, an unanswered send is ``unknown`` (never resent blindly), and
a refused token flags the connector and holds the rest of the batch.
"""
import json
import logging

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import delivery
from odoo.addons.cc_core.services import phone as phone_service
from odoo.addons.cc_core.services.types import (
    SEND_PERMANENT,
    SEND_SENT,
    SEND_TRANSIENT,
    SEND_UNKNOWN,
    SendResult,
)

from ..whatsapp_cloud import errors, interactive, payloads, templates
from .cc_provider_whatsapp_cloud import TOKEN_HOLD

_logger = logging.getLogger(__name__)

RATE_LIMIT_MAX_DELAY = 15 * 60


class CcProviderWhatsappCloudSend(models.AbstractModel):
    _inherit = "cc.provider.whatsapp_cloud"

    @api.model
    def _send_message(self, message):
        return self._send_messages(message)[message.id]

    @api.model
    def _send_messages(self, messages):
        """Send a batch of one connector's messages over one HTTP session."""
        connector = messages.connector_id.sudo()
        connector.ensure_one()
        if connector.wa_token_invalid:
            return {m.id: self._wa_token_hold() for m in messages}
        try:
            client = connector._wa_client()
        except UserError as error:
            return {m.id: SendResult(SEND_PERMANENT, reason=str(error))
                    for m in messages}
        results = {}
        with client:
            for message in messages:
                if connector.wa_token_invalid:
                    results[message.id] = self._wa_token_hold()
                    continue
                results[message.id] = self._wa_send_one(client, connector, message)
        return results

    @api.model
    def _wa_send_one(self, client, connector, message):
        try:
            try:
                outcome = client.send(self._wa_payload(client, message))
            except errors.UndeliverableError as undeliverable:
                other = not message.wa_recipient and self._wa_other_spelling(
                    message.conversation_id)
                if not other:
                    raise
                # The account may be registered under the other spelling of
                # this Brazilian mobile: one controlled retry (reference §13).
                _logger.info("Message %s undeliverable: retrying once with the "
                             "other 9th-digit spelling", message.id)
                outcome = client.send(self._wa_payload(client, message, to=other))
                return SendResult(
                    SEND_SENT, provider_message_id=outcome.wamid,
                    address="+%s" % outcome.wa_id if outcome.wa_id else None,
                    error_code=self._wa_error_code(undeliverable),
                    note=_("WhatsApp could not deliver to the first spelling of the "
                           "number (%(code)s: %(error)s); sent to +%(number)s.",
                           code=self._wa_error_code(undeliverable),
                           error=undeliverable.message, number=other))
        except errors.AuthError as error:
            connector._wa_flag_token(error.message)
            return self._wa_token_hold()
        except errors.WhatsAppError as error:
            return self._wa_result_for_error(connector, message, error)
        except (ValueError, UserError) as error:
            return SendResult(SEND_PERMANENT, reason=str(error))
        address = "+%s" % outcome.wa_id if outcome.wa_id else None
        return SendResult(SEND_SENT, provider_message_id=outcome.wamid,
                          address=address)

    @api.model
    def _wa_error_code(self, error):
        """Meta's numeric code (e.g. 131026), else our error class code."""
        return str(error.graph_code) if error.graph_code is not None else error.code

    @api.model
    def _wa_token_hold(self):
        """Nothing was sent: wait for a new token without counting an attempt."""
        return SendResult(
            SEND_TRANSIENT,
            reason=_("WhatsApp refused the connector's access token: waiting for a "
                     "manager to enter a new one."),
            retry_after=int(TOKEN_HOLD.total_seconds()),
            throttled=True,
        )

    @api.model
    def _wa_result_for_error(self, connector, message, error):
        """A Graph error as a SendResult (see the module docstring)."""
        meta_text = error.message
        if error.details and error.details != error.message:
            meta_text = "%s (%s)" % (error.message, error.details)
        code = self._wa_error_code(error)
        if isinstance(error, errors.UnknownOutcomeError):
            return SendResult(SEND_UNKNOWN, error_code=code, reason=_(
                "WhatsApp did not answer: the message may or may not have been "
                "sent. Check with the customer before retrying."))
        if isinstance(error, errors.RateLimitError):
            delay = delivery.retry_delay(
                message.attempt_count, base=error.retry_after or 5,
                cap=RATE_LIMIT_MAX_DELAY)
            return SendResult(SEND_TRANSIENT, retry_after=delay, error_code=code,
                              reason=_("WhatsApp rate limit, retrying: %(error)s",
                                       error=meta_text))
        if error.transient:
            return SendResult(SEND_TRANSIENT, retry_after=error.retry_after,
                              reason=meta_text, error_code=code)
        if isinstance(error, errors.WindowClosedError):
            reason = _("The 24-hour window is closed: send an approved template or "
                       "the text by SMS. WhatsApp: %(error)s", error=meta_text)
        elif isinstance(error, errors.MediaRejectedError):
            reason = _("WhatsApp does not accept this file: %(error)s",
                       error=meta_text)
        elif isinstance(error, errors.UndeliverableError):
            reason = _("WhatsApp cannot deliver to this number: %(error)s",
                       error=meta_text)
        else:
            reason = _("WhatsApp refused the message: %(error)s", error=meta_text)
        if error.blocks_connector:
            connector._record_error(reason)
        return SendResult(SEND_PERMANENT, reason=reason, error_code=code)

    # ------------------------------------------------------------------
    # Payloads
    # ------------------------------------------------------------------
    @api.model
    def _wa_recipient(self, conversation):
        """Digits of the number as WhatsApp spells it, or the BSUID."""
        if conversation.is_phone:
            return conversation.address.lstrip("+")
        return conversation.customer_user_id or conversation.address

    @api.model
    def _requeue_failed_delivery(self, message, update):
        """131026 reported after the send: the account may be registered under
        the other 9th-digit spelling; queue the message once more for it."""
        message = message.sudo()
        if str(update.error_code) not in {str(c) for c in errors.UNDELIVERABLE_CODES} \
                or message.wa_recipient:
            return False
        other = self._wa_other_spelling(message.conversation_id)
        if not other:
            return False
        message.write({
            "state": "queued",
            "wa_recipient": other,
            "next_attempt_date": False,
            "delivery_note": _("WhatsApp could not deliver to this number; trying "
                               "its other spelling +%(number)s.", number=other),
        })
        return True

    @api.model
    def _wa_other_spelling(self, conversation):
        """Digits of the other 9th-digit spelling of a Brazilian mobile the
        customer never wrote from (a number WhatsApp confirmed by writing to
        us is never second-guessed), or ``None``."""
        conversation = conversation.sudo()
        if not conversation.is_phone or conversation.last_inbound_date:
            return None
        others = [v for v in phone_service.ninth_digit_variants(conversation.address)
                  if v != conversation.address]
        return others[0].lstrip("+") if others else None

    @api.model
    def _wa_payload(self, client, message, to=None):
        message = message.sudo()
        to = to or message.wa_recipient or self._wa_recipient(message.conversation_id)
        kind = message.message_type
        if kind == "template":
            return self._wa_quote(message, self._wa_template_payload(client, message, to))
        if kind in payloads.MEDIA_KINDS:
            return self._wa_quote(message, self._wa_media_payload(client, message, to,
                                                                  kind))
        options = message._options_payload() if kind == "text" else None
        interactive_payload = options and interactive.options_message(
            to, options.get("question"),
            [(option.get("id"), option.get("title")) for option in options["options"]],
            button_label=options.get("button"))
        if interactive_payload:
            payload = interactive_payload
        elif kind == "text":
            body = message.body or ""
            preview = "https://" in body or "http://" in body
            payload = payloads.text(to, body, preview_url=preview)
        else:
            raise ValueError(_("WhatsApp cannot send %(type)s messages from here.",
                               type=kind))
        return self._wa_quote(message, payload)

    @api.model
    def _wa_quote(self, message, payload):
        """A message quoting another one goes as a context reply."""
        quoted = message.reply_to_id.provider_message_id
        return dict(payload, context={"message_id": quoted}) if quoted else payload

    @api.model
    def _wa_media_payload(self, client, message, to, kind):
        attachment = message.attachment_ids[:1]
        if not attachment:
            raise ValueError(_("The file of this message is missing."))
        filename = attachment.name if kind == "document" else None
        caption = (message.body or None) if kind in payloads.CAPTION_KINDS else None
        if attachment.type == "url":
            return payloads.media(to, kind, link=attachment.url, caption=caption,
                                  filename=filename)
        media_id = self._wa_upload(client, attachment, kind)
        return payloads.media(to, kind, media_id=media_id, caption=caption,
                              filename=filename)

    @api.model
    def _wa_upload(self, client, attachment, kind):
        """Upload an attachment to Meta (valid 30 days); returns the media id."""
        content = attachment.raw or b""
        mimetype = payloads.base_mime(attachment.mimetype)
        payloads.check_media(mimetype, len(content), kind)
        return client.upload_media(content, mimetype, attachment.name or kind)

    @api.model
    def _wa_template_payload(self, client, message, to):
        template = message.wa_template_id
        if not template:
            raise ValueError(_("The WhatsApp template of this message was deleted."))
        definition = template._components()
        slots = templates.parameter_slots(definition)
        values = json.loads(message.wa_template_values or "[]")
        if len(values) != len(slots):
            raise ValueError(_("Template %(name)s changed since the message was "
                               "written: write it again.", name=template.name))
        resolved = [
            value if slot.kind == "text"
            else self._wa_header_media(client, message, slot.kind, value)
            for slot, value in zip(slots, values)
        ]
        components = payloads.render_template_components(definition, resolved)
        return payloads.template(to, template.name, template.language, components)

    @api.model
    def _wa_header_media(self, client, message, kind, link):
        """The media header: the attached file (uploaded) or a public link."""
        attachment = message.attachment_ids[:1]
        filename = None
        if attachment and kind == "document":
            filename = attachment.name
        if attachment and attachment.type == "url":
            return payloads.media_parameter(kind, link=attachment.url,
                                            filename=filename)
        if attachment:
            media_id = self._wa_upload(client, attachment, kind)
            return payloads.media_parameter(kind, media_id=media_id,
                                            filename=filename)
        if not link:
            raise ValueError(_("The template's %(kind)s header has no file.",
                               kind=kind))
        return payloads.media_parameter(kind, link=link)
