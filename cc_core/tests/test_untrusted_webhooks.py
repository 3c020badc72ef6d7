# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hostile and broken bodies on the webhook route: a 4xx (never a 5xx),
nothing stored but the journal, the raw bytes journaled exactly; malformed
items are permanent failures the retry cron leaves alone."""
import base64
import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..services.types import WebhookRequest
from .common import CcHttpCase

ROUTE = "odoo.addons.cc_core.controllers.webhook"
INBOUND = "odoo.addons.cc_core.models.cc_inbound"


@tagged("post_install", "-at_install")
class TestUntrustedWebhooks(CcHttpCase):

    def _post(self, data, path=None):
        path = path or "/cc/webhook/%s" % self.connector.webhook_key
        return self.url_open(path, data=data, headers={
            "Content-Type": "application/json", "X-Fake-Token": "s3cret"})

    def _counts(self):
        return tuple(self.env[m].search_count([]) for m in (
            "cc.conversation", "cc.message", "cc.webhook.receipt", "cc.opt.out"))

    def _last_event(self):
        return self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id)], order="id desc", limit=1)

    def _refused(self, data):
        """Post ``data``: 400, nothing but the journal row, bytes kept."""
        before = self._counts()
        with mute_logger(ROUTE, INBOUND):
            response = self._post(data)
        self.assertEqual(response.status_code, 400, data[:80])
        self.assertEqual(self._counts(), before, "nothing stored but the journal")
        event = self._last_event()
        self.assertEqual(event._raw_bytes(), data, "raw bytes journaled exactly")
        self.assertEqual((event.state, event.failure_kind, event.is_retryable),
                         ("failed", "permanent", False))
        return event

    def test_nul_byte_is_refused_and_journaled_as_bytes(self):
        data = b'{"messages": [{"id": "n1", "from": "+5511987654321", "text": "a\x00b"}]}'
        event = self._refused(data)
        self.assertFalse(event.raw_body, "no text copy: PostgreSQL text cannot hold NUL")
        self.assertIn(str(len(data)), event.body_note)
        self.assertEqual(base64.b64decode(event.raw_body_data), data)

    def test_escaped_nul_is_refused(self):
        self._refused(b'{"messages": [{"id": "n2", "from": "+5511987654321", '
                      b'"text": "SAIR\\u0000"}]}')

    def test_deep_nesting_is_refused(self):
        self._refused(b'{"messages": ' + b"[" * 5000 + b"]" * 5000 + b"}")
        self._refused(b'{"messages": [], "x": ' + b"[" * 100 + b"]" * 100 + b"}")

    def test_invalid_utf8_is_refused_not_replaced(self):
        latin1 = json.dumps({"messages": [{"id": "l1", "from": "+5511987654321",
                                           "text": "Olá, ação"}]},
                            ensure_ascii=False).encode("latin-1")
        event = self._refused(latin1)
        self.assertFalse(event.raw_body)
        self._refused(b'{"messages": [{"id": "s1", "from": "+5511987654321", '
                      b'"text": "SAIR\xff"}]}')
        # (_refused checked that no opt-out was recorded for "SAIR\xff")

    def test_lone_surrogate_and_nan_are_refused(self):
        self._refused(b'{"messages": [{"id": "u1", "from": "+5511987654321", '
                      b'"text": "oi \\ud83d"}]}')
        self._refused(b'{"messages": [{"id": "f1", "from": "+5511987654321", '
                      b'"text": "oi", "ts": NaN}]}')
        self._refused(b'{"messages": [{"id": "f2", "from": "+5511987654321", '
                      b'"text": "oi", "ts": 1e999}]}')

    def test_parser_crash_on_wrong_types_is_a_400(self):
        """Any exception of a provider's parser means the body is malformed."""
        self._refused(b'{"statuses": [{"status": "read"}]}')  # KeyError in the parser
        self._refused(b'{"messages": 42}')  # TypeError in the parser

    def test_unsafe_key_or_topic_is_404(self):
        key = self.connector.webhook_key
        for path in ("/cc/webhook/%s%%00" % key, "/cc/webhook/%s/st%%00atus" % key,
                     "/cc/webhook/%s/%s" % (key, "t" * 65)):
            self.assertEqual(self._post(b"{}", path=path).status_code, 404, path)
        self.assertFalse(self.env["cc.webhook.event"].search_count([]))

    def test_valid_utf8_body_keeps_a_readable_copy(self):
        data = json.dumps({"messages": [{"id": "ok1", "from": "+5511987654321",
                                         "text": "Olá 😀"}]},
                          ensure_ascii=False).encode("utf-8")
        self.assertEqual(self._post(data).status_code, 200)
        event = self._last_event()
        self.assertEqual((event.raw_body, event._raw_bytes()), (data.decode(), data))
        self.assertEqual(self.env["cc.message"].search(
            [("provider_message_id", "=", "ok1")]).body, "Olá 😀")

    def test_malformed_item_in_a_batch_is_permanent_and_never_retried(self):
        data = json.dumps({"messages": [
            {"id": "b-good", "from": "+5511987654321", "text": "bom"},
            {"id": "b-bad", "from": "+5511987654321", "text": 42},
        ]}).encode()
        with mute_logger(ROUTE, INBOUND):
            response = self._post(data)
        self.assertEqual(response.status_code, 200, "the good item is kept")
        self.assertTrue(self.env["cc.message"].search([("provider_message_id", "=",
                                                        "b-good")]))
        event = self._last_event()
        self.assertEqual((event.state, event.failure_kind, event.is_retryable),
                         ("failed", "permanent", False))
        self.assertIn("text must be a string", event.error)
        self.assertFalse(event.next_attempt_date)
        failed_list = self.env["cc.webhook.event"].search(
            [("state", "=", "failed"), ("failure_kind", "=", "permanent")])
        self.assertIn(event, failed_list, "the Failed events screen shows it")
        event.write({"next_attempt_date": "2000-01-01 00:00:00"})
        self.env["cc.webhook.event"]._cron_retry_failed()
        self.assertEqual((event.attempt_count, event.state), (0, "failed"),
                         "the retry cron skips permanent failures")
        with mute_logger(INBOUND):
            event.action_replay()  # a manager may still replay it by hand
        self.assertEqual(event.state, "failed")

    def test_rows_journaled_as_text_before_still_replay(self):
        """Backward compatibility: rows with only the old text column."""
        body = json.dumps({"messages": [{"id": "old-1", "from": "+5511987654321",
                                         "text": "antigo"}]})
        event = self.env["cc.webhook.event"]._journal(self.connector, WebhookRequest(
            "POST", {"content-type": "application/json"}, body.encode(), {}, None))
        event.write({"raw_body_data": False, "raw_body": body, "state": "failed"})
        self.assertEqual(event._raw_bytes(), body.encode())
        event.action_replay()
        self.assertEqual(event.state, "processed")

    def test_crashed_event_found_malformed_by_the_cron_is_not_retried_again(self):
        """An event left ``received`` (crash) that turns out malformed is
        marked permanent by the cron, not retried at every run."""
        event = self.env["cc.webhook.event"]._journal(self.connector, WebhookRequest(
            "POST", {"content-type": "application/json"}, b'{"a": NaN}', {}, None))
        self.env.cr.execute("UPDATE cc_webhook_event SET create_date = now() - "
                            "interval '1 hour' WHERE id = %s", (event.id,))
        event.invalidate_cache()
        self.env["cc.webhook.event"]._cron_retry_failed()
        self.assertEqual((event.state, event.failure_kind), ("failed", "permanent"))
