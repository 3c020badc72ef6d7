# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Webhook events processed by a cron ("async" mode) and the safety net.

``cc_core.webhook_processing`` (system parameter): ``sync`` (default) the
webhook route processes each event in the request, after journaling it;
``async`` the route journals, commits and answers at once, and the cron
"Contact Center: process received webhooks" processes the journaled events
in batches (oldest first).

In both modes the same cron also processes events a worker journaled and
committed but never processed (it died in between): in sync mode once they
are ``SYNC_GRACE_SECONDS`` old, so an event answered 200 is never lost.
"""
import logging
import threading
import time
from datetime import timedelta

import psycopg2
from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from odoo import api, fields, models

from . import bus_notify
from .cc_webhook_event import MalformedWebhookBody

_logger = logging.getLogger(__name__)

MODE_PARAM = "cc_core.webhook_processing"
BATCH_PARAM = "cc_core.webhook_batch_size"
MODES = ("sync", "async")
DEFAULT_BATCH = 20
# A sync-mode request is killed by Odoo after ``limit_time_real`` (120 s by
# default): a ``received`` event not queued for the cron and older than this
# was left by a worker that died.
SYNC_GRACE_SECONDS = 150
# One cron run keeps draining what arrives for at most this long; the next
# trigger (or the 1-minute interval) continues.
RUN_SECONDS = 50
# A drained queue is watched this long before the run ends (async mode).
IDLE_SECONDS = 3.0
POLL_SECONDS = 0.05
CRON_XMLID = "cc_core.ir_cron_cc_process_webhook_events"


def _notify_cron_workers(dbname):
    """``NOTIFY cron_trigger`` (what Odoo's ``ir.cron._notifydb`` sends) on
    the connection kept per process for bus notifications, not a new one."""
    bus_notify.notify("cron_trigger", dbname)


class CcWebhookEventAsync(models.Model):
    _inherit = "cc.webhook.event"

    queued = fields.Boolean(
        string="Queued for the cron", readonly=True,
        help="Received in asynchronous mode: answered at once, processed by the "
        "cron \"Contact Center: process received webhooks\".")

    def init(self):
        # The cron claims the oldest pending event many times a second: a
        # small partial index keeps that from scanning the whole journal.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cc_webhook_event_pending_idx "
            "ON cc_webhook_event (id) WHERE state = 'received'")

    @api.model
    def _processing_mode(self):
        """``sync`` or ``async`` (anything else reads as ``sync``); cached by
        ``ir.config_parameter`` (no query per request)."""
        mode = (self.env["ir.config_parameter"].sudo().get_param(MODE_PARAM)
                or "sync").strip().lower()
        return mode if mode in MODES else "sync"

    @api.model
    def _trigger_processing(self):
        """Schedule the processing cron in this transaction (the trigger row
        commits with the journaled event, or not at all) and wake the cron
        workers after the commit."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(CRON_XMLID,
                                                             raise_if_not_found=False)
        if not cron_id:
            return
        cr = self.env.cr
        cr.execute(
            """
            WITH queued AS (
                UPDATE cc_webhook_event SET queued = true WHERE id IN %s
            )
            INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid, write_uid,
                                         create_date, write_date)
            VALUES (%s, now() at time zone 'UTC', %s, %s,
                    now() at time zone 'UTC', now() at time zone 'UTC')
            """, (tuple(self.ids) or (0,), cron_id, self.env.uid, self.env.uid))
        self.env.cache.update(self, self._fields["queued"], [True] * len(self))
        dbname = cr.dbname

        @cr.postcommit.add
        def wake():
            try:
                _notify_cron_workers(dbname)
            except psycopg2.Error:
                # the cron still runs at its next interval
                _logger.warning("Could not wake the cron workers", exc_info=True)

    @api.model
    def _cron_process_received(self, batch_size=None, run_seconds=RUN_SECONDS):
        """Process journaled, unprocessed events in batches until none is
        left (or ``run_seconds`` passed); returns how many were processed."""
        if batch_size is None:
            try:
                batch_size = int(self.env["ir.config_parameter"].sudo().get_param(
                    BATCH_PARAM) or DEFAULT_BATCH)
            except ValueError:
                batch_size = DEFAULT_BATCH
        batch_size = max(1, batch_size)
        # In async mode a drained queue is watched a little longer (one
        # cheap query every POLL_SECONDS) before the run ends: starting the
        # cron again for the next message costs more than that.
        idle_seconds = IDLE_SECONDS if self._processing_mode() == "async" \
            and not self._in_shared_test_transaction() else 0
        deadline = time.monotonic() + run_seconds
        idle_since = None
        total = 0
        while True:
            count = self._process_received_batch(batch_size)
            total += count
            now = time.monotonic()
            if now >= deadline:
                return total
            if count:
                idle_since = None
                continue
            idle_since = idle_since or now
            if now - idle_since >= idle_seconds:
                return total
            time.sleep(POLL_SECONDS)

    def _in_shared_test_transaction(self):
        return self.pool.in_test_mode() or getattr(
            threading.current_thread(), "testing", False)

    @api.model
    def _process_received_batch(self, limit):
        """One batch on its own cursor (READ COMMITTED, as the webhook
        route): up to ``limit`` pending events, oldest first, skipping rows
        another worker holds; each in its own transaction (in Odoo's tests,
        where nothing may commit: each in its own savepoint). Returns how
        many events were taken."""
        if self._in_shared_test_transaction():
            return self._process_locked_batch(limit)
        with self.pool.cursor() as cr:
            cr._cnx.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            return self.with_env(self.env(cr=cr))._process_one_by_one(limit)

    def _process_one_by_one(self, limit):
        """Up to ``limit`` events, each claimed (row lock, SKIP LOCKED) and
        processed in its own transaction exactly as the sync route does
        (``own_transaction``: one item, no savepoint), committed at once so
        the agent's screen hears of it without waiting for a whole batch."""
        cr = self.env.cr
        condition, params = self._pending_domain_sql()
        taken = 0
        while taken < limit:
            cr.execute(
                "SELECT id FROM cc_webhook_event WHERE " + condition
                + " ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED", params)
            row = cr.fetchone()
            if not row:
                break
            taken += 1
            event = self.browse(row[0])
            try:
                try:
                    event._process(own_transaction=True)
                except MalformedWebhookBody:
                    pass  # journaled as a permanent failure, as in sync mode
                cr.commit()
            except Exception:  # noqa: B902 - one bad event never blocks the others
                _logger.exception("Processing of webhook event %s failed", event.id)
                cr.rollback()
                self._record_crash(event)
                cr.commit()
        return taken

    def _pending_domain_sql(self):
        """SQL condition (and its parameters) for events waiting to be
        processed: those the route queued for the cron (async mode), and
        any other ``received`` one older than the grace (a sync request
        still processes the younger ones). Decided per event when it was
        journaled, never by the mode the cron believes in (a long cron run
        may not have seen the setting change)."""
        limit = fields.Datetime.now() - timedelta(seconds=SYNC_GRACE_SECONDS)
        return "state = 'received' AND (queued OR create_date < %s)", [limit]

    def _process_locked_batch(self, limit):
        cr = self.env.cr
        condition, params = self._pending_domain_sql()
        cr.execute(
            "SELECT id FROM cc_webhook_event WHERE " + condition
            + " ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED",
            params + [limit])
        ids = [row[0] for row in cr.fetchall()]
        for event in self.browse(ids):
            try:
                with cr.savepoint():
                    try:
                        event._process()
                    except MalformedWebhookBody:
                        pass  # journaled as a permanent failure, as in sync mode
            except Exception:  # noqa: B902 - one bad event never blocks the others
                _logger.exception("Processing of webhook event %s failed", event.id)
                self._record_crash(event)
        return len(ids)

    def _record_crash(self, event):
        """An event whose processing raised (its savepoint rolled back):
        failed, transient, retried by the retry cron as in sync mode."""
        try:
            with self.env.cr.savepoint():
                event.invalidate_cache()
                event._set_result("failed", ["processing raised an error"],
                                  event.item_count, kind="transient")
        except Exception:  # noqa: B902
            _logger.exception("Could not record the failure of event %s", event.id)
