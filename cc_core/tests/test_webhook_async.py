# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Asynchronous webhook processing and the "never lost" safety net."""
import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.cc_core.services.types import WebhookRequest

from .common import CcCase, CcHttpCase

MODE = "cc_core.webhook_processing"
CRON = "cc_core.ir_cron_cc_process_webhook_events"


def _body(msg_id, text="Olá", address="+5511987654321"):
    return {"messages": [{"id": msg_id, "from": address, "text": text}]}


@tagged("post_install", "-at_install")
class TestWebhookNeverLost(CcCase):
    """A worker died between the journal's commit and the processing."""

    def _journal_only(self, body, queued=False):
        """What a request did before its worker died: journaled (and, in
        async mode, queued for the cron) and committed, nothing else."""
        raw = json.dumps(body).encode()
        event = self.env["cc.webhook.event"]._journal(self.connector, WebhookRequest(
            "POST", {"content-type": "application/json"}, raw, {}, None))
        if queued:
            event._trigger_processing()
        return event

    def _age(self, events, seconds):
        self.env.cr.execute(
            "UPDATE cc_webhook_event SET create_date = create_date - %s * interval "
            "'1 second' WHERE id IN %s", (seconds, tuple(events.ids)))
        events.invalidate_cache()

    def _count(self, msg_id):
        return self.env["cc.message"].search_count([("provider_message_id", "=", msg_id)])

    def test_sync_mode_dead_worker_events_processed_once_after_grace(self):
        Event = self.env["cc.webhook.event"]
        before = self._process_body(self.connector, _body("w-1", "antes"))
        self.assertEqual(before.state, "processed")
        journaled = self._journal_only(_body("w-1", "antes")) \
            | self._journal_only(_body("w-2", "perdida?")) \
            | self._journal_only(_body("w-3", "e esta?", "+5511911112222"))
        Event._cron_process_received()
        self.assertEqual(set(journaled.mapped("state")), {"received"},
                         "sync mode: a live request may still be on a fresh event")
        self._age(journaled, 200)
        self.assertEqual(Event._cron_process_received(), 3)
        self.assertEqual([e.state for e in journaled.sorted("id")],
                         ["duplicate", "processed", "processed"])
        after = self._process_body(self.connector, _body("w-2", "perdida?"))
        self.assertEqual(after.state, "duplicate")
        for msg_id in ("w-1", "w-2", "w-3"):
            self.assertEqual(self._count(msg_id), 1, msg_id)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", "+5511987654321")])
        self.assertEqual(conversation.unread_count, 2)
        self.assertEqual(Event._cron_process_received(), 0, "nothing left")

    def _synchronous_commit(self):
        self.env.cr.execute("SHOW synchronous_commit")
        return self.env.cr.fetchone()[0]

    def test_only_the_processing_commit_skips_the_wal_wait(self):
        """The journal commits durably (the provider's 200 depends on it);
        the processing of a one-message event, which the safety net above
        redoes from the journal, commits without waiting for the WAL."""
        event = self._journal_only(_body("s-1"))
        self.assertEqual(self._synchronous_commit(), "on", "the journal's commit")
        event._process(own_transaction=True)
        self.assertEqual(event.state, "processed")
        self.assertEqual(self._synchronous_commit(), "off")
        self.assertEqual(self._count("s-1"), 1)

    def test_several_messages_in_one_event_commit_durably(self):
        event = self._journal_only({"messages": [
            {"id": "s-2", "from": "+5511987654321", "text": "um"},
            {"id": "s-3", "from": "+5511987654321", "text": "dois"}]})
        event._process(own_transaction=True)
        self.assertEqual(event.state, "processed")
        self.assertEqual(self._synchronous_commit(), "on")

    def test_async_mode_processes_everything_oldest_first_in_batches(self):
        self.env["ir.config_parameter"].sudo().set_param(MODE, "async")
        Event = self.env["cc.webhook.event"]
        events = Event.browse()
        for index in range(7):
            events |= self._journal_only(_body("a-%s" % index, "msg %s" % index), True)
        events |= self._journal_only(_body("a-3", "msg 3"), True)  # delivered twice
        self.assertEqual(Event._cron_process_received(batch_size=3), 8)
        self.assertEqual(events.mapped("state"),
                         ["processed"] * 7 + ["duplicate"])
        messages = self.env["cc.message"].search(
            [("provider_message_id", "like", "a-%")], order="id")
        self.assertEqual(messages.mapped("body"), ["msg %s" % i for i in range(7)],
                         "oldest first: the conversation reads in order")
        self.assertEqual(messages.conversation_id.unread_count, 7)

    def test_async_one_bad_event_does_not_block_the_others(self):
        self.env["ir.config_parameter"].sudo().set_param(MODE, "async")
        Event = self.env["cc.webhook.event"]
        good1 = self._journal_only(_body("g-1"), True)
        bad = self.env["cc.webhook.event"]._journal(self.connector, WebhookRequest(
            "POST", {"content-type": "application/json"}, b'{"a": NaN}', {}, None))
        bad._trigger_processing()
        good2 = self._journal_only(_body("g-2", "depois"), True)
        with mute_logger("odoo.addons.cc_core.models.cc_inbound"):
            Event._cron_process_received()
        self.assertEqual((good1.state, good2.state), ("processed", "processed"))
        self.assertEqual((bad.state, bad.failure_kind), ("failed", "permanent"),
                         "journaled as in sync mode (the route would answer 400)")

    def test_cron_never_takes_a_fresh_event_a_sync_request_is_processing(self):
        """Whatever mode the cron believes in (a long run may not have seen
        the setting change), only events queued for it or past the grace."""
        self.env["ir.config_parameter"].sudo().set_param(MODE, "async")
        live = self._journal_only(_body("s-1"))  # a sync request on it right now
        queued = self._journal_only(_body("s-2"), True)
        self.assertEqual(self.env["cc.webhook.event"]._cron_process_received(), 1)
        self.assertEqual((live.state, queued.state), ("received", "processed"))
        self.assertEqual(self._count("s-1"), 0)

    def test_unknown_mode_reads_as_sync(self):
        self.env["ir.config_parameter"].sudo().set_param(MODE, "later")
        self.assertEqual(self.env["cc.webhook.event"]._processing_mode(), "sync")


@tagged("post_install", "-at_install")
class TestWebhookAsyncRoute(CcHttpCase):
    """In async mode the route answers after the journal; the cron processes."""

    def _post(self, body):
        return self.url_open("/cc/webhook/%s" % self.connector.webhook_key,
                             data=json.dumps(body).encode(), headers={
                                 "Content-Type": "application/json",
                                 "X-Fake-Token": "s3cret"})

    def test_answered_at_once_processed_by_the_cron_duplicates_once(self):
        self.env["ir.config_parameter"].sudo().set_param(MODE, "async")
        cron = self.env.ref(CRON)
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        for _attempt in range(2):
            response = self._post(_body("r-1", "oi"))
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {"status": "ok"})
        self.assertEqual(self.env["cc.message"].search_count(
            [("provider_message_id", "=", "r-1")]), 0, "not processed in the request")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]),
                         triggers + 2, "each request schedules the cron")
        self.assertEqual(self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id)]).mapped("queued"), [True, True])
        self.env["cc.webhook.event"]._cron_process_received()
        self.assertEqual(self._post(_body("r-1", "oi")).status_code, 200)
        self.env["cc.webhook.event"]._cron_process_received()
        self.assertEqual(self.env["cc.message"].search_count(
            [("provider_message_id", "=", "r-1")]), 1)
        states = self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id)], order="id").mapped("state")
        self.assertEqual(states, ["processed", "duplicate", "duplicate"])

    def test_async_bad_signature_still_rejected_and_not_journaled(self):
        self.env["ir.config_parameter"].sudo().set_param(MODE, "async")
        response = self.url_open(
            "/cc/webhook/%s" % self.connector.webhook_key,
            data=json.dumps(_body("x-1")).encode(),
            headers={"Content-Type": "application/json", "X-Fake-Token": "wrong"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id)]))
