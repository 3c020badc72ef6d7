# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import delivery
from ..services.types import WebhookRequest

_logger = logging.getLogger(__name__)

KEPT_HEADERS = ("content-type", "user-agent", "x-hub-signature-256", "x-request-id",
                "x-forwarded-for")


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
    raw_body = fields.Text()
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

    @api.model
    def _journal(self, connector, request_data):
        """Store the raw request (sudo): the first thing done with an event."""
        headers = {k: v for k, v in request_data.headers.items() if k in KEPT_HEADERS}
        return self.sudo().create({
            "connector_id": connector.id,
            "company_id": connector.company_id.id,
            "topic": request_data.topic,
            "headers": json.dumps(headers),
            "query": json.dumps(request_data.query),
            "raw_body": request_data.raw_body.decode("utf-8", "replace"),
        })

    def _as_request(self):
        self.ensure_one()
        return WebhookRequest(
            method="POST",
            headers=json.loads(self.headers or "{}"),
            raw_body=(self.raw_body or "").encode("utf-8"),
            query=json.loads(self.query or "{}"),
            topic=self.topic,
        )

    def _processor(self):
        """``cc.inbound`` as the least-privilege webhook user, in the
        connector's company (the user id is looked up once per registry)."""
        connector = self.connector_id
        user_id = self.env["ir.model.data"]._xmlid_to_res_id("cc_core.user_cc_webhook")
        return self.env["cc.inbound"].with_user(user_id).with_company(
            connector.company_id)

    def _process(self, own_transaction=False):
        """Parse and process every item; one bad item never loses the others.

        Each item runs in its own savepoint. With ``own_transaction`` (the
        webhook route, whose transaction holds nothing but this event) a
        single-item event skips the savepoint: if it fails, the whole
        transaction is rolled back before the failure is recorded.
        """
        self.ensure_one()
        connector = self.connector_id
        processor = self._processor()
        try:
            items, errors = connector._provider()._parse_webhook(
                connector, self._as_request())
        except ValueError as error:
            self._set_result("failed", [str(error)], 0, transient=False)
            raise
        isolate = not (own_transaction and len(items) == 1 and not errors)
        outcomes = [processor._process_item(connector.with_env(processor.env),
                                            item, self, isolate=isolate)
                    for item in items]
        if not isolate and outcomes[0] not in ("ok", "duplicate"):
            self.env.cr.rollback()
        errors = list(errors) + [o for o in outcomes if o not in ("ok", "duplicate")]
        state = "failed" if errors else (
            "duplicate" if items and all(o == "duplicate" for o in outcomes)
            else "processed")
        self._set_result(state, errors, len(items), transient=bool(errors))
        return state

    def _set_result(self, state, errors, item_count, transient):
        vals = {"state": state, "error": "\n".join(errors) or False,
                "item_count": item_count, "is_retryable": transient}
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
            "&", "&", ("state", "=", "failed"), ("is_retryable", "=", True),
            "&", ("next_attempt_date", "<=", now), ("attempt_count", "<", max_attempts),
            "&", ("state", "=", "received"), ("create_date", "<", now - timedelta(minutes=5)),
        ], limit=limit, order="id")
        for event in events:
            try:
                with self.env.cr.savepoint():
                    event._process()
            except Exception:  # noqa: B902 - next event must still be retried
                _logger.exception("Retry of webhook event %s failed", event.id)
