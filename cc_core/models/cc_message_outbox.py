# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outbox: agents queue messages, a cron sends them.

The agent's click never waits on the provider. Each batch is committed as
``sending`` before any provider call, so a crash mid-send leaves messages in
``sending`` (later surfaced as ``unknown``) rather than queued for a blind
re-send.
"""
import logging
import threading
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import delivery
from ..services.types import (
    SEND_PERMANENT,
    SEND_SENT,
    SEND_TRANSIENT,
    SEND_UNKNOWN,
    SendResult,
)

_logger = logging.getLogger(__name__)

STUCK_SENDING_MINUTES = 10


class CcMessageOutbox(models.Model):
    _inherit = "cc.message"

    provider_batch_id = fields.Char(
        string="Provider request", copy=False, readonly=True,
        help="Provider id of the request that carried the message (e.g. a "
        "Kolmeya request with up to 1000 SMS).")

    # ------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------
    @api.model
    def _queue_outbound(self, conversation, body, attachments=None, template=None,
                        message_type=None, reply_to=None, values=None):
        """Validate the channel rules and create ``queued`` message(s).

        ``reply_to`` (a ``cc.message`` of the same conversation) is quoted by
        the first message (a WhatsApp context reply); ``values`` are written
        on the first message too (e.g. the composer's ``client_uuid``)."""
        conversation.ensure_one()
        conversation._check_can_send()
        if reply_to and reply_to.sudo().conversation_id != conversation:
            raise UserError(_("Only a message of this conversation can be quoted."))
        attachments = attachments or self.env["ir.attachment"]
        body = (body or "").strip()
        if not body and not attachments:
            raise UserError(_("Write a message or attach a file."))
        conversation._check_channel_rules(body, attachments, message_type or "text")
        vals_list = []
        if body or not attachments:
            vals_list.append(self._outbound_vals(conversation, body,
                                                 message_type or "text", template))
        for attachment in attachments:
            vals = self._outbound_vals(conversation, "", self._type_for(attachment),
                                       template)
            vals["attachment_ids"] = [(6, 0, attachment.ids)]
            vals_list.append(vals)
        vals_list[0].update(values or {})
        if reply_to:
            vals_list[0]["reply_to_id"] = reply_to.id
        messages = self.sudo().create(vals_list)
        messages._adopt_uploaded_attachments()
        conversation.sudo()._on_outbound(messages)
        self._trigger_outbox()
        return messages

    def _adopt_uploaded_attachments(self):
        """Files uploaded in the composer belong to the message from now on
        (whoever may read the message may open them); a template's files stay
        the template's."""
        for message in self:
            uploaded = message.attachment_ids.filtered(
                lambda a: a.res_model in (False, "cc.message.compose"))
            if uploaded:
                uploaded.sudo().write({"res_model": "cc.message", "res_id": message.id})

    @api.model
    def _outbound_vals(self, conversation, body, message_type, template):
        return {
            "conversation_id": conversation.id,
            "direction": "outbound",
            "message_type": message_type,
            "body": body,
            "template_id": template.id if template else False,
            "author_id": self.env.uid,
            "state": "queued",
        }

    @api.model
    def _type_for(self, attachment):
        mimetype = attachment.mimetype or ""
        for prefix in ("image", "audio", "video"):
            if mimetype.startswith(prefix + "/"):
                return "sticker" if mimetype == "image/webp" else prefix
        return "document"

    @api.model
    def _trigger_outbox(self):
        """Wake the outbox cron up (the xmlid is resolved from the registry
        cache: no existence query on every send)."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "cc_core.ir_cron_cc_send_outbox", raise_if_not_found=True)
        self.env["ir.cron"].sudo().browse(cron_id)._trigger()

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _auto_commit(self):
        """Commit per batch in production, never inside tests (as ``sms.sms``)."""
        testing = getattr(threading.current_thread(), "testing", False)
        return not testing and not self.env.context.get("cc_no_commit")

    @api.model
    def _cron_send_outbox(self, batch_size=None):
        """Send due queued messages, one batch per connector at a time (each
        batch is one provider request when the provider has a batch API)."""
        batch_size = batch_size or int(
            self.env["ir.config_parameter"].sudo().get_param(
                "cc_core.outbox_batch_size", 100)
        )
        self._recover_stuck_sending()
        for _round in range(50):
            batch = self._lock_due_batch(batch_size)
            if not batch:
                break
            batch = batch._hold_outside_send_window()
            if batch:
                batch._send_batch()
            if self._auto_commit():
                self.env.cr.commit()  # pylint: disable=invalid-commit

    # Messages of a paused campaign wait in the outbox (cc.campaign).
    _HELD_CAMPAIGN_SQL = """(campaign_id IS NULL OR campaign_id NOT IN (
        SELECT id FROM cc_campaign WHERE state = 'paused'))"""

    @api.model
    def _lock_due_batch(self, batch_size):
        """Lock the next batch: due messages of one connector (the one whose
        oldest due message waited longest; agents' messages before campaign
        messages, so a reply never waits behind a campaign), as many as its provider takes in
        one request (``ChannelLimits.max_batch``, e.g. 1000 for Kolmeya) or
        ``batch_size``. Rows locked by a concurrent worker are skipped."""
        self.flush()
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            SELECT connector_id FROM cc_message
             WHERE state = 'queued' AND direction = 'outbound'
               AND (next_attempt_date IS NULL OR next_attempt_date <= %s)
               AND """ + self._HELD_CAMPAIGN_SQL + """
             ORDER BY campaign_id IS NOT NULL, date, id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """,
            (now,),
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.sudo().browse()
        connector = self.env["cc.connector"].sudo().browse(row[0])
        self.env.cr.execute(
            """
            SELECT id FROM cc_message
             WHERE state = 'queued' AND direction = 'outbound'
               AND connector_id = %s
               AND (next_attempt_date IS NULL OR next_attempt_date <= %s)
               AND """ + self._HELD_CAMPAIGN_SQL + """
             ORDER BY campaign_id IS NOT NULL, date, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            (connector.id, now, self._batch_size_of(connector, batch_size)),
        )
        return self.sudo().browse([r[0] for r in self.env.cr.fetchall()])

    @api.model
    def _batch_size_of(self, connector, default):
        if not connector.provider or "cc.provider.%s" % connector.provider not in self.env:
            return default  # _call_provider fails these messages with a clear reason
        try:
            return connector._limits().max_batch or default
        except Exception:  # noqa: B902 - a provider bug must not stop the outbox
            _logger.exception("Connector %s: channel limits failed", connector.id)
            return default

    def _hold_outside_send_window(self):
        """Postpone the messages of connectors that may not send now (quiet
        hours, rate limit): no provider call, no attempt counted. Returns the
        messages to send now."""
        now = fields.Datetime.now()
        to_send = self.browse()
        for connector in self.connector_id:
            messages = self.filtered(
                lambda m, connector=connector: m.connector_id == connector)
            opens_at = self._send_window_of(connector, now)
            if not opens_at or opens_at <= now:
                to_send |= messages
                continue
            messages.write({
                "next_attempt_date": opens_at,
                "delivery_note": _("Held: the connector does not send at this "
                                   "time; it will be sent when its sending "
                                   "window opens."),
            })
            self.env.ref("cc_core.ir_cron_cc_send_outbox").sudo()._trigger(at=opens_at)
        return to_send

    @api.model
    def _send_window_of(self, connector, now):
        if not connector.active or not connector.provider or \
                "cc.provider.%s" % connector.provider not in self.env:
            return None  # _call_provider fails these messages with a clear reason
        try:
            return connector._provider()._next_send_window(connector, now)
        except Exception:  # noqa: B902 - a provider bug must not stop the outbox
            _logger.exception("Connector %s: send window check failed", connector.id)
            return None

    def _send_batch(self):
        """Mark as sending (committed), call the providers, apply the results."""
        # One write per distinct attempt count (usually one), not per message.
        for count in set(self.mapped("attempt_count")):
            self.filtered(lambda m, count=count: m.attempt_count == count).write(
                {"state": "sending", "attempt_count": count + 1,
                 "delivery_note": False})
        if self._auto_commit():
            self.env.cr.commit()  # pylint: disable=invalid-commit
        # An opt-out may have arrived since queueing (one query for the batch).
        self.conversation_id.invalidate_cache(["is_opted_out"])
        opted_out = self.filtered(lambda m: m.conversation_id.is_opted_out)
        for message in opted_out:
            message._apply_send_result(SendResult(SEND_PERMANENT, reason=_(
                "The customer opted out after this message was queued: "
                "it was not sent.")), notify=False)
        for connector in (self - opted_out).connector_id:
            messages = (self - opted_out).filtered(
                lambda m, connector=connector: m.connector_id == connector)
            results = messages._call_provider(connector)
            for message in messages:
                result = results.get(message.id) or SendResult(
                    SEND_UNKNOWN, reason=_("The provider returned no result.")
                )
                message._apply_send_result(result, notify=False)
        self._notify_state()

    def _call_provider(self, connector):
        if not connector.active or not connector.provider:
            # No parameter: the reader's language is chosen when it is shown.
            reason = _("The connector of this conversation is not active: ask an "
                       "administrator to activate it, then retry.")
            return {m.id: SendResult(SEND_PERMANENT, reason=reason) for m in self}
        try:
            return connector._provider()._send_messages(self)
        except Exception as error:  # noqa: B902 - a provider bug must not stop the cron
            _logger.exception("Connector %s failed to send messages %s",
                              connector.id, self.ids)
            reason = _("Unexpected error while sending: %(error)s", error=error)
            return {m.id: SendResult(SEND_UNKNOWN, reason=reason) for m in self}

    def _apply_send_result(self, result, notify=True):
        """Move the message per the provider's answer (``notify=False``: the
        caller notifies the whole batch at once)."""
        self.ensure_one()
        now = fields.Datetime.now()
        if result.status == SEND_SENT:
            vals = {"state": delivery.advance("sending", "sent"),
                    "provider_message_id": result.provider_message_id,
                    "sent_date": now, "failure_reason": False,
                    "failure_code": result.error_code or False,
                    "delivery_note": result.note or False}
            if result.batch_id:
                vals["provider_batch_id"] = result.batch_id
            if self.state in ("delivered", "read"):
                vals.pop("state")  # a status report overtook the send answer
            self.write(vals)
            if result.address:
                self.conversation_id._learn_address(result.address)
        elif result.status == SEND_TRANSIENT and (
                result.throttled or self.attempt_count < self._max_attempts()):
            delay = result.retry_after or delivery.retry_delay(
                self.attempt_count, *self._retry_schedule())
            vals = {"state": "queued", "failure_reason": result.reason,
                    "failure_code": result.error_code or False,
                    "next_attempt_date": now + timedelta(seconds=delay)}
            if result.throttled:  # refused before sending: not an attempt
                vals["attempt_count"] = max(0, self.attempt_count - 1)
            self.write(vals)
        elif result.status == SEND_UNKNOWN:
            self.write({"state": "unknown", "failure_reason": result.reason,
                        "failure_code": result.error_code or False})
            self.conversation_id._on_delivery_problem(self)
        else:
            self.write({"state": "failed",
                        "failure_code": result.error_code or False,
                        "failure_reason": result.reason
                        or _("The provider refused the message.")})
            self.conversation_id._on_delivery_problem(self)
        if notify:
            self._notify_state()

    def _max_attempts(self):
        return int(self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.send_max_attempts", 5))

    def _retry_schedule(self):
        params = self.env["ir.config_parameter"].sudo()
        return (int(params.get_param("cc_core.retry_base_seconds", 30)),
                int(params.get_param("cc_core.retry_max_seconds", 3600)))

    @api.model
    def _recover_stuck_sending(self):
        """Messages left ``sending`` by a crash: outcome unknown, never resent."""
        limit = fields.Datetime.now() - timedelta(minutes=STUCK_SENDING_MINUTES)
        stuck = self.sudo().search([("state", "=", "sending"),
                                    ("write_date", "<", limit)])
        for message in stuck:
            message._apply_send_result(SendResult(
                SEND_UNKNOWN,
                reason=_("Sending was interrupted; the provider may or may not "
                         "have received the message.")))

    # ------------------------------------------------------------------
    # Status reports and agent actions
    # ------------------------------------------------------------------
    def _apply_status(self, update):
        """Apply a delivery report; states only move forward."""
        self.ensure_one()
        new_state = delivery.advance(self.state, update.state)
        if new_state == "failed" and self.state != "failed" and \
                self._provider_requeued(update):
            return self.state
        vals = {}
        stamp = update.timestamp or fields.Datetime.now()
        if new_state != self.state:
            vals["state"] = new_state
            date_field = {"sent": "sent_date", "delivered": "delivered_date",
                          "read": "read_date"}.get(new_state)
            if date_field:
                vals[date_field] = stamp
            if new_state == "failed":
                vals["failure_reason"] = update.reason or _("Not delivered.")
                vals["failure_code"] = update.error_code or False
        if update.note and new_state in ("sent", "delivered"):
            vals["delivery_note"] = update.note
        if vals:
            self.write(vals)
            if vals.get("state") == "failed":
                self.conversation_id._on_delivery_problem(self)
            self._notify_state()
        return new_state

    def _provider_requeued(self, update):
        connector = self.connector_id
        if not connector.provider or "cc.provider.%s" % connector.provider not in self.env:
            return False
        if not connector._provider()._requeue_failed_delivery(self, update):
            return False
        # Keep what the provider said: the code is usable in reports, and the
        # thread shows the failed attempt on the message being retried.
        self.sudo().write({"failure_code": update.error_code or False,
                           "failure_reason": update.reason or False})
        self._notify_state()
        self._trigger_outbox()
        return True

    def action_retry(self):
        """Resend a failed message, or 'retry anyway' one whose outcome is unknown."""
        for message in self:
            if message.direction != "outbound" or \
                    message.state not in ("failed", "unknown"):
                raise UserError(_("Only failed or unknown outbound messages can be "
                                  "retried."))
            message.conversation_id._check_can_send()
        self.sudo().write({"state": "queued", "failure_reason": False,
                           "failure_code": False, "attempt_count": 0,
                           "next_attempt_date": False})
        self._trigger_outbox()
        self._notify_state()
        return True

    def action_mark_sent(self):
        """An agent confirms an ``unknown`` message did reach the customer."""
        self.filtered(lambda m: m.state == "unknown").sudo().write(
            {"state": "sent", "failure_reason": False, "failure_code": False})
        return True

    def _notify_state(self):
        """Tell the conversations' agents and the authors the new states, in
        one bus insert whatever the number of messages."""
        notifications = []
        for message in self:
            conversation = message.conversation_id
            payload = {"id": message.id, "conversation_id": conversation.id,
                       "state": message.state}
            for partner in (conversation.agent_id.user_id.partner_id
                            | message.author_id.partner_id):
                notifications.append((partner, "cc.message/state", payload))
        self.env["bus.bus"].sudo()._cc_sendmany(notifications)
