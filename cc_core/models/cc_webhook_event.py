# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import json
import logging
from collections import namedtuple
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import delivery, strict_json
from ..services import text as text_service
from ..services.types import WebhookRequest

_logger = logging.getLogger(__name__)

KEPT_HEADERS = ("content-type", "user-agent", "x-hub-signature-256", "x-request-id",
                "x-forwarded-for")
MAX_ERROR_LENGTH = 4000

# A failed item: the error text and whether it may go away by itself
# (database conflict, outage) or never will (malformed content).
ItemFailure = namedtuple("ItemFailure", "text transient")


class MalformedWebhookBody(ValueError):
    """The body (or every item in it) is malformed: answer 4xx, never retry."""


def _readable(raw):
    """The body as text for the screens, only when it is valid UTF-8 that
    PostgreSQL text can hold (no NUL); else False."""
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return False if "\x00" in text else text


class CcWebhookEvent(models.Model):
    """Journal of every authenticated webhook request, written before processing."""

    _name = "cc.webhook.event"
    _description = "Contact Center Webhook Event"
    _order = "id desc"
    _rec_name = "received_date"

    connector_id = fields.Many2one("cc.connector", required=True, index=True,
                                   ondelete="cascade")
    company_id = fields.Many2one("res.company", readonly=True, index=True,
                                 help="The connector's company when received.")
    received_date = fields.Datetime(required=True, default=fields.Datetime.now)
    topic = fields.Char()
    headers = fields.Text(help="Headers that matter, as JSON.")
    query = fields.Text(help="Query parameters, as JSON.")
    raw_body_data = fields.Binary(
        string="Raw body", attachment=False, readonly=True,
        help="The request body exactly as received (bytes).")
    raw_body = fields.Text(
        string="Body", readonly=True,
        help="Readable copy of the body when it is valid UTF-8 text (search and "
        "display); the raw bytes are kept in Raw body.")
    body_size = fields.Integer(string="Body size (bytes)", readonly=True)
    body_note = fields.Char(compute="_compute_body_note")
    raw_body_filename = fields.Char(compute="_compute_raw_body_filename")
    state = fields.Selection(
        [("received", "Received"), ("processed", "Processed"), ("failed", "Failed"),
         ("duplicate", "Duplicate")],
        default="received", required=True, index=True,
    )
    error = fields.Text()
    item_count = fields.Integer(readonly=True)
    attempt_count = fields.Integer(readonly=True)
    next_attempt_date = fields.Datetime(readonly=True, index=True)
    is_retryable = fields.Boolean(
        readonly=True, help="The failure may go away by itself: the cron retries it.")
    failure_kind = fields.Selection(
        [("transient", "Transient (retried)"), ("permanent", "Permanent (malformed)")],
        readonly=True, index=True,
        help="Transient: the database or a service failed, the cron retries it. "
        "Permanent: the body or an item in it is malformed; it is never retried "
        "automatically (Replay still processes it again).")

    def _compute_raw_body_filename(self):
        for event in self:
            event.raw_body_filename = "webhook-event-%s.bin" % (event.id or "new")

    @api.depends("raw_body", "body_size")
    def _compute_body_note(self):
        for event in self:
            event.body_note = False if event.raw_body or not event.body_size else _(
                "The body is not valid UTF-8 text (%(size)s bytes): download the raw "
                "body to inspect it.", size=event.body_size)

    # Columns the journal writes; the rest start empty.
    _JOURNAL_COLUMNS = ("connector_id", "company_id", "topic", "headers", "query",
                        "raw_body_data", "raw_body", "body_size")

    @api.model
    def _journal(self, connector, request_data):
        """Store the raw request: the first thing done with an event.

        One ``INSERT`` (no ``SELECT now()``, no read back): the returned
        event has every column in its record cache, so processing it reads
        nothing (the webhook route puts them back after its commit).
        """
        headers = {k: v for k, v in request_data.headers.items() if k in KEPT_HEADERS}
        raw = bytes(request_data.raw_body)
        values = {
            "connector_id": connector.id,
            "company_id": connector.company_id.id or None,
            "topic": request_data.topic,
            "headers": json.dumps(headers),
            "query": json.dumps(request_data.query),
            # as the ORM stores a Binary column: its base64 text, as bytes
            "raw_body_data": base64.b64encode(raw),
            "raw_body": _readable(raw) or None,
            "body_size": len(raw),
        }
        cursor = self.env.cr
        cursor.execute(
            """
            INSERT INTO cc_webhook_event
                   (%s, state, received_date, create_uid, write_uid,
                    create_date, write_date)
            VALUES (%s, 'received', now() at time zone 'UTC', %%s, %%s,
                    now() at time zone 'UTC', now() at time zone 'UTC')
         RETURNING id, received_date, create_date
            """ % (", ".join(self._JOURNAL_COLUMNS),
                   ", ".join(["%s"] * len(self._JOURNAL_COLUMNS))),
            [psycopg2.Binary(values[name]) if name == "raw_body_data" else values[name]
             for name in self._JOURNAL_COLUMNS] + [self.env.uid, self.env.uid],
        )
        event_id, received, created = cursor.fetchone()
        event = self.browse(event_id)
        values.update(received_date=received, create_date=created, write_date=created,
                      create_uid=self.env.uid, write_uid=self.env.uid, state="received")
        for name, field in self._fields.items():
            if field.store and field.column_type and name != "id":
                field_value = values.get(name)
                self.env.cache.set(event, field, field.convert_to_cache(
                    field_value if field_value is not None else False, event,
                    validate=False))
        return event

    def _raw_bytes(self):
        """The body exactly as received (rows journaled before the bytes were
        kept only have the text copy)."""
        self.ensure_one()
        event = self.with_context(bin_size=False) if self.env.context.get("bin_size") \
            else self  # (same cache slot as the journal's create: no query)
        data = event.raw_body_data
        if data:
            return base64.b64decode(data)
        return (self.raw_body or "").encode("utf-8")

    def _as_request(self):
        self.ensure_one()
        return WebhookRequest(
            method="POST",
            headers=json.loads(self.headers or "{}"),
            raw_body=self._raw_bytes(),
            query=json.loads(self.query or "{}"),
            topic=self.topic,
        )

    def _processor(self):
        """``cc.inbound`` as the least-privilege webhook user, in the
        connector's company (the user id is looked up once per registry)."""
        connector = self.connector_id
        user_id = self.env["cc.connector"]._webhook_user_id()
        return self.env["cc.inbound"].with_user(user_id).with_company(
            connector.company_id)

    def _process(self, own_transaction=False):
        """Parse and process every item; one bad item never loses the others.

        Each item runs in its own savepoint. With ``own_transaction`` (the
        webhook route, whose transaction holds nothing but this event) a
        single-item event skips the savepoint: if it fails, the whole
        transaction is rolled back before the failure is recorded.

        Raises :class:`MalformedWebhookBody` (a ``ValueError``: the route
        answers 400) when the body, or every item in it, is malformed; such
        failures are permanent and never retried automatically.
        """
        self.ensure_one()
        connector = self.connector_id
        processor = self._processor()
        items, errors = self._parse()
        isolate = not (own_transaction and len(items) == 1 and not errors)
        # One item in its own transaction: its receipt's claim also marks
        # the event processed (undone with the rest if the item fails).
        marked = not isolate and bool(items[0].event_id) and self.state != "processed"
        outcomes = [processor._process_item(connector.with_env(processor.env),
                                            item, self, isolate=isolate,
                                            mark_processed=marked)
                    for item in items]
        if not isolate and outcomes[0] not in ("ok", "duplicate"):
            self.env.cr.rollback()
        failures = [ItemFailure(e, False) for e in errors] + [
            o for o in outcomes if isinstance(o, ItemFailure)]
        texts = [f.text for f in failures]
        if not failures:
            state = "duplicate" if items and all(o == "duplicate" for o in outcomes) \
                else "processed"
            if marked and state == "processed":
                self._processed_values()
            else:
                self._set_result(state, [], len(items), kind=False)
            return state
        transient = any(f.transient for f in failures)
        self._set_result("failed", texts, len(items),
                         kind="transient" if transient else "permanent")
        if not transient and not any(o in ("ok", "duplicate") for o in outcomes):
            raise MalformedWebhookBody("; ".join(texts))
        return "failed"

    def _parse(self):
        """``(items, errors)`` from the provider; a body that cannot be read,
        or whose items are all malformed, fails the event for good."""
        connector = self.connector_id
        provider = connector._provider()
        request_data = self._as_request()
        try:
            if provider._webhook_body_is_json(connector):
                strict_json.loads(request_data.raw_body)
            items, errors = provider._parse_webhook(connector, request_data)
            if errors and not items:
                raise MalformedWebhookBody("; ".join(errors))
        except psycopg2.Error:
            raise  # the database failed, not the body
        except Exception as error:  # noqa: B902 - any parser failure means malformed
            text = str(error) or type(error).__name__
            self._set_result("failed", [text], 0, kind="permanent")
            raise MalformedWebhookBody(text) from None
        return items, list(errors)

    def _processed_values(self):
        """Put in the record cache what ``cc.webhook.receipt._claim`` wrote
        with ``mark_processed`` (``write_date`` is read again if needed)."""
        values = {"state": "processed", "error": False, "item_count": 1,
                  "is_retryable": False, "failure_kind": False,
                  "next_attempt_date": False, "write_uid": self.env.uid}
        self.invalidate_cache(["write_date"], self.ids)
        for name, value in values.items():
            field = self._fields[name]
            self.env.cache.set(self, field, field.convert_to_cache(value, self,
                                                                   validate=False))

    def _set_result(self, state, errors, item_count, kind):
        error = text_service.clean_text("\n".join(errors), MAX_ERROR_LENGTH)
        transient = kind == "transient"
        vals = {"state": state, "error": error or False, "item_count": item_count,
                "is_retryable": transient, "failure_kind": kind or False}
        if state == "failed" and transient:
            attempt = self.attempt_count + 1
            vals.update(attempt_count=attempt, next_attempt_date=fields.Datetime.now()
                        + timedelta(seconds=delivery.retry_delay(attempt, 60, 6 * 3600)))
        else:
            vals["next_attempt_date"] = False
        self.sudo().write(vals)

    def action_replay(self):
        """Process the stored request again (duplicates inside are skipped)."""
        for event in self:
            if event.state in ("processed", "duplicate"):
                raise UserError(_("Only failed or unprocessed events can be replayed."))
            try:
                event._process()
            except ValueError:
                _logger.info("Replay of webhook event %s: body still malformed", event.id)
        return True

    @api.model
    def _cron_retry_failed(self, limit=200, max_attempts=8):
        """Retry transient failures with capped exponential backoff, and events
        left ``received`` by a crash."""
        now = fields.Datetime.now()
        events = self.search([
            "|",
            "&", "&", ("state", "=", "failed"), ("failure_kind", "=", "transient"),
            "&", ("next_attempt_date", "<=", now), ("attempt_count", "<", max_attempts),
            "&", ("state", "=", "received"), ("create_date", "<", now - timedelta(minutes=5)),
        ], limit=limit, order="id")
        for event in events:
            try:
                with self.env.cr.savepoint():
                    try:
                        event._process()
                    except MalformedWebhookBody:
                        pass  # recorded as a permanent failure: kept, not retried
            except Exception:  # noqa: B902 - next event must still be retried
                _logger.exception("Retry of webhook event %s failed", event.id)
