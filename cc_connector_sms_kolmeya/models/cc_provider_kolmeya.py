# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Kolmeya implementation of the cc_core connector contract.

Pure work (HTTP, payloads, parsing, segments) is done by ``kolmeya_api``; this
model adapts cc records to it and returns plain cc_core types. It never writes
messages or conversations itself (cc_core applies the results).
"""
import logging
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import phone as phone_service, text as text_service
from odoo.addons.cc_core.services.types import (
    SEND_PERMANENT,
    SEND_SENT,
    SEND_TRANSIENT,
    SEND_UNKNOWN,
    ChannelLimits,
    InboundMessage,
    SendResult,
    StatusUpdate,
)

from ..kolmeya_api import (
    ACCEPTED,
    MAX_BATCH,
    MAX_SEGMENTS,
    REJECTED,
    InvalidPhoneError,
    KolmeyaError,
    OutboundMessage,
    PayloadBuildError,
    parse_reply,
    parse_status,
    to_kolmeya,
)
from ..kolmeya_api.segments import GSM7, LIMITS, UCS2, count
from .cc_connector_access_hold import ACCESS_CODES, ACCESS_HOLD

_logger = logging.getLogger(__name__)

# Kolmeya's own clock (no offset is ever sent): São Paulo, see the reference.
KOLMEYA_TZ = "America/Sao_Paulo"
WEBHOOK_TOPICS = ("status", "reply")
POLL_TOPIC = "poll"
# Kolmeya delivery codes 1-6 -> cc.message states (forward-only in cc_core).
STATE_BY_CODE = {1: "sending", 2: "sent", 3: "delivered", 4: "failed", 5: "failed",
                 6: "failed"}
DEFAULT_RATE_LIMIT_WAIT = 60
# Same text, same customer, this close in time: a polled reply (with a Kolmeya
# id) already delivered by a webhook call that carried no id.
POLL_DEDUP_SECONDS = 300


class CcProviderKolmeya(models.AbstractModel):
    _name = "cc.provider.kolmeya"
    _inherit = "cc.provider.abstract"
    _description = "Contact Center Provider: Kolmeya SMS"

    # ------------------------------------------------------------------
    # Webhooks
    # ------------------------------------------------------------------
    @api.model
    def _verify_webhook(self, connector, request):
        """Kolmeya signs nothing: the connector's secret key in the URL (already
        matched by the route) is the authentication. Only our two topics are
        accepted (the ``poll`` topic is internal, never taken from outside)."""
        return request.topic in WEBHOOK_TOPICS

    @api.model
    def _parse_webhook(self, connector, request):
        if request.topic == "status":
            return self._parse_statuses(connector, request.raw_body)
        if request.topic in ("reply", POLL_TOPIC):
            return self._parse_replies(connector, request.raw_body,
                                       polled=request.topic == POLL_TOPIC)
        raise ValueError("Unknown Kolmeya webhook topic %r" % (request.topic,))

    @api.model
    def _parse_statuses(self, connector, raw_body):
        result = parse_status(raw_body)  # KolmeyaPayloadError is a ValueError
        items = []
        for item in result.items:
            if item.scope == "request":
                items.extend(self._request_status_updates(connector, item))
            else:
                items.append(self._status_update(item, "status:%s" % item.event_id,
                                                 item.message_id, item.reference))
        return items, self._item_errors(result)

    @api.model
    def _status_update(self, item, event_id, provider_message_id, reference):
        return StatusUpdate(
            event_id=event_id,
            provider_message_id=provider_message_id,
            state=STATE_BY_CODE[item.code],
            timestamp=self._to_utc(item.timestamp),
            reason=self._failure_reason(item),
            reference=reference,
            note=self._status_note(item.code),
            error_code=self._status_error_code(item),
        )

    @api.model
    def _status_error_code(self, item):
        """Kolmeya's error code of a failure, else its status code (4-6)."""
        if item.code not in (4, 5, 6):
            return None
        raw = item.raw.get("error_code") if isinstance(item.raw, dict) else None
        if raw not in (None, "") and not isinstance(raw, (dict, list, bool)):
            return str(raw)[:64]
        return "kolmeya-%s" % item.code

    @api.model
    def _request_status_updates(self, connector, item):
        """A request-level report (e.g. rejected by homologation) concerns every
        message of that Kolmeya request."""
        if not item.request_id:
            return []
        messages = self.env["cc.message"].search([
            ("connector_id", "=", connector.id), ("direction", "=", "outbound"),
            ("provider_batch_id", "=", item.request_id)])
        return [self._status_update(item, "status:%s:%s" % (item.event_id, m.id),
                                    m.provider_message_id or None, m._reference())
                for m in messages]

    @api.model
    def _failure_reason(self, item):
        if item.code == 4:
            reason = _("Not delivered by the operator (Kolmeya status 4).")
        elif item.code == 5:
            reason = _("Rejected by the operator or Kolmeya (Kolmeya status 5).")
        elif item.code == 6:
            reason = _("Expired: the operator could not deliver it in time "
                       "(Kolmeya status 6).")
        else:
            return None
        return "%s %s" % (reason, item.detail) if item.detail else reason

    @api.model
    def _status_note(self, code):
        if code == 2:
            return _("Sent — no delivery receipt from this operator yet (some "
                     "operators never send one).")
        if code == 3:
            return _("Delivered to the handset.")
        return None

    @api.model
    def _parse_replies(self, connector, raw_body, polled=False):
        result = parse_reply(raw_body)
        items, errors = [], self._item_errors(result)
        for item in result.items:
            address = self._reply_address(connector, item)
            if not address:
                errors.append("reply %s: %s" % (
                    item.reply_id, "no original message and no valid phone number"))
                continue
            timestamp = self._to_utc(item.received_at)
            if polled and self._delivered_without_id(connector, address, item.text,
                                                     timestamp):
                continue
            items.append(InboundMessage(
                event_id="reply:%s" % item.reply_id,
                provider_message_id=item.reply_id,
                address=address,
                text=item.text,
                timestamp=timestamp,
                reply_to_provider_id=item.message_id,
                reference=item.reference,
            ))
        return items, errors

    @api.model
    def _reply_address(self, connector, item):
        """The customer of a reply: the conversation of the original message
        (by Kolmeya message id, then our reference), else the phone number
        (whose conversation received the latest outbound SMS)."""
        original = self.env["cc.message"]._find_outbound(
            connector, item.message_id, item.reference)
        if original:
            return original.conversation_id.address
        return item.phone

    @api.model
    def _delivered_without_id(self, connector, address, text, timestamp):
        """A webhook reply without a Kolmeya id got a synthetic id ("syn-...");
        when the poller later reads the same reply with its real id, match it by
        customer, text and time instead."""
        if not timestamp:
            return False
        key = phone_service.normalize_address(address).key
        window = timedelta(seconds=POLL_DEDUP_SECONDS)
        return bool(self.env["cc.message"].search_count([
            ("connector_id", "=", connector.id), ("direction", "=", "inbound"),
            ("conversation_id.address_key", "=", key),
            ("provider_message_id", "=like", "syn-%"),
            ("body", "=", text_service.clean_text(text)),
            ("date", ">=", timestamp - window), ("date", "<=", timestamp + window)]))

    @api.model
    def _item_errors(self, result):
        return ["item %s: %s" % (error.index, error.message) for error in result.errors]

    @api.model
    def _to_utc(self, moment):
        """Kolmeya time (naive = São Paulo) -> naive UTC; None if absurd."""
        if moment is None:
            return None
        if moment.tzinfo is None:
            moment = pytz.timezone(KOLMEYA_TZ).localize(moment)
        utc = moment.astimezone(pytz.utc).replace(tzinfo=None)
        if utc > fields.Datetime.now() + timedelta(minutes=10):
            return None
        return utc

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def _channel_limits(self, connector):
        return ChannelLimits(max_length=MAX_SEGMENTS * LIMITS[GSM7][1], media_types=(),
                             session_window_hours=None, max_batch=MAX_BATCH)

    @api.model
    def _sms_number(self, conversation):
        """The number SMS go to: the customer's address key, i.e. a Brazilian
        mobile always with its 9th digit (an old spelling learned from
        WhatsApp or typed by an agent would be refused by Kolmeya)."""
        return conversation.address_key

    @api.model
    def _check_can_send(self, conversation, message_type):
        if message_type not in ("text", "template"):
            raise UserError(_("SMS carries text only."))
        try:
            to_kolmeya(self._sms_number(conversation))
        except InvalidPhoneError:
            raise UserError(self._not_mobile_text(conversation.address)) from None
        return True

    @api.model
    def _too_long_text(self, sms):
        return _(
            "This SMS needs %(parts)s parts; at most %(max)s are sent: "
            "%(gsm)s characters, or %(ucs2)s when the text has accents outside "
            "GSM-7 (ã, õ, á, ç...) or emoji.",
            parts=sms.segments, max=MAX_SEGMENTS,
            gsm=MAX_SEGMENTS * LIMITS[GSM7][1], ucs2=MAX_SEGMENTS * LIMITS[UCS2][1])

    @api.model
    def _not_mobile_text(self, address):
        return _("%(address)s is not a Brazilian mobile number: Kolmeya sends SMS "
                 "to Brazilian mobile numbers only.", address=address)

    @api.model
    def _send_message(self, message):
        return self._send_messages(message)[message.id]

    @api.model
    def _send_messages(self, messages):
        """Send through ``/sms/store``: up to 1000 SMS per request, one SMS per
        phone number per request (Kolmeya would report a second one as a
        duplicate). Every message gets a result; none is silently dropped."""
        results = {}
        for connector in messages.connector_id:
            mine = messages.filtered(
                lambda m, connector=connector: m.connector_id == connector)
            sendable = []
            for message in mine:
                refusal = self._refusal(message)
                if refusal:
                    results[message.id] = SendResult(SEND_PERMANENT, reason=refusal)
                else:
                    sendable.append(message)
            if sendable:
                results.update(self._send_to_kolmeya(connector, sendable))
        return results

    @api.model
    def _refusal(self, message):
        """Why ``message`` cannot be sent at all (permanent), or None."""
        conversation = message.conversation_id
        if message.message_type not in ("text", "template") or message.attachment_ids:
            return _("SMS carries text only: attachments cannot be sent.")
        if not (message.body or "").strip():
            return _("The message is empty.")
        sms = count(message.body)
        if sms.too_long:
            return self._too_long_text(sms)
        try:
            to_kolmeya(self._sms_number(conversation))
        except InvalidPhoneError:
            return self._not_mobile_text(conversation.address)
        return None

    @api.model
    def _send_to_kolmeya(self, connector, messages):
        """One ``/sms/store`` call per request; after a call that failed as a
        whole (network, 5xx, 429, configuration), the other requests wait."""
        if connector.sudo().kolmeya_access_refused:
            return self._access_hold(connector, messages)
        wait = self._rate_limit_wait(connector)
        if wait:
            return self._not_tried(messages, wait)
        try:
            client = connector._kolmeya_client()
        except UserError as error:
            connector._record_error(str(error.args[0]))
            return {m.id: SendResult(SEND_TRANSIENT, reason=str(error.args[0]))
                    for m in messages}
        results = {}
        try:
            requests = self._split_requests(messages)
            for index, request in enumerate(requests):
                answered, error = self._post_request(connector, client, request)
                results.update(answered)
                rest = [m for part in requests[index + 1:] for m in part]
                wait = self._rate_limit_wait(connector)
                if rest and connector.sudo().kolmeya_access_refused:
                    results.update(self._access_hold(connector, rest))
                    break
                if rest and (wait or (error and error.code != "validation")):
                    results.update(self._not_tried(rest, wait or DEFAULT_RATE_LIMIT_WAIT))
                    break
        finally:
            client.close()
        return results

    @api.model
    def _split_requests(self, messages, size=MAX_BATCH):
        """Requests of at most ``size`` messages, each phone at most once."""
        requests = []
        for message in messages:
            phone = message.conversation_id.address_key
            for request in requests:
                if len(request) < size and phone not in request:
                    request[phone] = message
                    break
            else:
                requests.append({phone: message})
        return [list(request.values()) for request in requests]

    @api.model
    def _post_request(self, connector, client, messages):
        """``({message id: SendResult}, KolmeyaError or None)`` of one request."""
        outbound = [OutboundMessage(self._sms_number(m.conversation_id), m.body, m._reference())
                    for m in messages]
        centre = connector.kolmeya_cost_centre_id.kolmeya_id or None
        try:
            answer = client.send_batch(outbound, webhook_url=connector.kolmeya_status_url,
                                       cost_centre=centre)
        except KolmeyaError as error:
            result = self._error_result(connector, error)
            connector._record_error(result.reason)
            return {m.id: result for m in messages}, error
        except PayloadBuildError as error:  # validated before: a bug, not the provider
            _logger.warning("Kolmeya payload refused for connector %s: %s",
                            connector.id, type(error).__name__)
            return {m.id: SendResult(SEND_PERMANENT, reason=str(error))
                    for m in messages}, None
        self._remember_rate_limit(connector, answer.rate_limit)
        return {m.id: self._outcome_result(answer.outcomes[m._reference()],
                                           answer.request_id) for m in messages}, None

    @api.model
    def _outcome_result(self, outcome, request_id):
        if outcome.status == ACCEPTED:
            return SendResult(
                SEND_SENT, provider_message_id=outcome.message_id or None,
                batch_id=request_id,
                note=_("Accepted by Kolmeya; waiting for the operator's report."))
        if outcome.status == REJECTED:
            return SendResult(SEND_PERMANENT, reason=self._rejection_text(outcome))
        return SendResult(SEND_UNKNOWN, reason=_(
            "Kolmeya's answer did not mention this message: check it in the "
            "Kolmeya panel before sending it again."))

    @api.model
    def _rejection_text(self, outcome):
        texts = {
            "invalid": _("Kolmeya refused the number as invalid."),
            "blacklist": _("The number is on the Kolmeya blacklist (the customer "
                           "asked not to receive SMS)."),
            "not_disturb": _("The number is on the 'Não Perturbe' (do not disturb) "
                             "registry: Kolmeya does not send to it."),
            "duplicate": _("Kolmeya discarded it as a duplicate."),
        }
        text = texts.get(outcome.reason) or _("Kolmeya refused the message.")
        return "%s %s" % (text, outcome.detail) if outcome.detail else text

    @api.model
    def _error_result(self, connector, error):
        """A failed ``/sms/store`` call -> the result of each of its messages."""
        text = self._error_text(connector, error)
        if error.code == "rate_limited":
            wait = error.retry_after or DEFAULT_RATE_LIMIT_WAIT
            self._set_rate_limit_wait(connector, wait)
            return SendResult(SEND_TRANSIENT, reason=text, retry_after=wait,
                              throttled=True)
        code = "http-%s" % error.status if error.status else error.code
        if error.code in ACCESS_CODES:
            # Not transient: hold the outbox and tell the managers (once).
            connector._kolmeya_flag_access(text)
            return SendResult(SEND_TRANSIENT, reason=text, error_code=code,
                              retry_after=int(ACCESS_HOLD.total_seconds()),
                              throttled=True)
        if error.outcome_unknown:
            return SendResult(SEND_UNKNOWN, reason=text, error_code=code)
        if error.transient or error.blocks_connector:
            return SendResult(SEND_TRANSIENT, reason=text, error_code=code)
        return SendResult(SEND_PERMANENT, reason=text, error_code=code)

    @api.model
    def _access_hold(self, connector, messages):
        """Nothing sent: wait until a manager fixes the access (no attempt)."""
        reason = _("Held: Kolmeya refused this connector (%(reason)s). It will be "
                   "sent once a manager fixes the access.",
                   reason=connector.sudo().kolmeya_access_refused_reason or "?")
        return {m.id: SendResult(SEND_TRANSIENT, reason=reason, throttled=True,
                                 retry_after=int(ACCESS_HOLD.total_seconds()))
                for m in messages}

    @api.model
    def _not_tried(self, messages, wait):
        reason = _("Not sent yet: Kolmeya asked to wait (rate limit) or an "
                   "earlier request of the same batch failed; it will be tried "
                   "again.")
        return {m.id: SendResult(SEND_TRANSIENT, reason=reason, retry_after=wait,
                                 throttled=True) for m in messages}

    # ------------------------------------------------------------------
    # Rate limit and quiet hours
    # ------------------------------------------------------------------
    @api.model
    def _set_rate_limit_wait(self, connector, seconds):
        """Remember on the connector (seen by every worker) until when Kolmeya
        asked us to wait."""
        until = fields.Datetime.now() + timedelta(seconds=max(1, int(seconds)))
        connector = connector.sudo()
        if not connector.kolmeya_rate_limited_until or \
                connector.kolmeya_rate_limited_until < until:
            connector.kolmeya_rate_limited_until = until

    @api.model
    def _rate_limit_wait(self, connector):
        """Seconds still to wait for ``connector`` (0 when free)."""
        until = connector.sudo().kolmeya_rate_limited_until
        if not until:
            return 0
        seconds = (until - fields.Datetime.now()).total_seconds()
        return int(seconds) + 1 if seconds > 0 else 0

    @api.model
    def _remember_rate_limit(self, connector, info):
        """``X-RateLimit-Remaining: 0`` -> wait until the reset (or a minute)."""
        if info is not None and info.remaining is not None and info.remaining <= 0:
            self._set_rate_limit_wait(connector,
                                      info.retry_after or DEFAULT_RATE_LIMIT_WAIT)

    @api.model
    def _next_send_window(self, connector, now):
        if connector.sudo().kolmeya_access_refused:
            return now + ACCESS_HOLD
        windows = [connector._kolmeya_quiet_until(now)]
        wait = self._rate_limit_wait(connector)
        if wait:
            windows.append(now + timedelta(seconds=wait))
        windows = [w for w in windows if w]
        return max(windows) if windows else None

    # ------------------------------------------------------------------
    # Opt-out / opt-in: queued, pushed by a cron (no network here)
    # ------------------------------------------------------------------
    @api.model
    def _on_opt_out(self, connector, address_key):
        self.env["cc.kolmeya.blacklist.sync"]._queue(connector, address_key, "add")
        return True

    @api.model
    def _on_opt_in(self, connector, address_key):
        self.env["cc.kolmeya.blacklist.sync"]._queue(connector, address_key, "remove")
        return True

    # ------------------------------------------------------------------
    # Connection test and errors
    # ------------------------------------------------------------------
    @api.model
    def _test_connection(self, connector):
        balance = connector._kolmeya_refresh_balance()
        centres = self.env["cc.kolmeya.cost.centre"]._refresh_for(connector)
        connector.sudo().write({"last_error": False, "last_error_date": False})
        connector._kolmeya_unflag_access()
        return _("Connected to Kolmeya. Balance: %(balance)s. Cost centres: "
                 "%(centres)s.", balance=connector._kolmeya_format(balance),
                 centres=", ".join(centres.mapped("name")) or _("none"))

    @api.model
    def _call(self, connector, method, *args):
        """Call a client method; a Kolmeya error becomes a translated UserError."""
        try:
            return method(*args)
        except KolmeyaError as error:
            raise UserError(self._error_text(connector, error)) from None

    @api.model
    def _error_text(self, connector, error):
        """What an administrator should read for a Kolmeya error."""
        details = "; ".join(error.messages)[:300]
        code = error.code
        if code == "auth":
            text = _("Kolmeya rejected the API token (HTTP 401): check the token "
                     "in the Kolmeya panel.")
        elif code == "ip_not_whitelisted":
            text = _("Kolmeya refused this server's IP address (HTTP 403): add "
                     "it to the IP whitelist in the Kolmeya panel.")
        elif code == "forbidden":
            text = _("Kolmeya refused the request (HTTP 403): the token lacks the "
                     "permission, or this server's IP address is not whitelisted "
                     "in the Kolmeya panel.")
        elif code == "not_found":
            text = _("Kolmeya answered 'not found' (HTTP 404): check the Kolmeya "
                     "API URL (%(url)s).", url=connector.kolmeya_base_url)
        elif code == "validation":
            text = _("Kolmeya refused the request (HTTP %(status)s).",
                     status=error.status or 422)
        elif code == "rate_limited":
            text = _("Kolmeya's rate limit was reached (HTTP 429): waiting "
                     "%(seconds)s seconds before sending again.",
                     seconds=error.retry_after or DEFAULT_RATE_LIMIT_WAIT)
        elif code == "server":
            text = _("Kolmeya has a problem on its side (HTTP %(status)s): try "
                     "again later.", status=error.status)
        elif code == "timeout":
            text = _("Kolmeya did not answer in time: check the Kolmeya API URL "
                     "and this server's network, or try again later.")
        elif code == "tls":
            text = _("Secure connection to Kolmeya failed: check the Kolmeya API "
                     "URL (it should be %(url)s).",
                     url="https://kolmeya.com.br/api/v1")
        elif code == "connection":
            text = _("Cannot reach Kolmeya at %(url)s: check the URL and this "
                     "server's network.", url=connector.kolmeya_base_url)
        elif code == "bad_response":
            text = _("Kolmeya answered something this connector cannot read.")
        else:
            text = _("Unexpected answer from Kolmeya (HTTP %(status)s).",
                     status=error.status or "?")
        if error.outcome_unknown:
            text = "%s %s" % (text, _("The SMS may have been accepted anyway: "
                                      "check the Kolmeya panel before sending "
                                      "again."))
        return "%s %s" % (text, details) if details else text
