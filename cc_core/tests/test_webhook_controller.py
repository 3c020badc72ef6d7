# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CcHttpCase


@tagged("post_install", "-at_install")
class TestWebhookController(CcHttpCase):
    """The public webhook route answers real HTTP status codes."""

    def _post(self, body, key=None, token="s3cret", content_type="application/json"):
        key = key or self.connector.webhook_key
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": content_type}
        if token:
            headers["X-Fake-Token"] = token
        return self.url_open("/cc/webhook/%s" % key, data=data, headers=headers)

    def _message(self, msg_id="wamid.A", text="Olá"):
        return {"messages": [{"id": msg_id, "from": "+5511987654321", "text": text}]}

    def _counts(self):
        return (self.env["cc.conversation"].search_count([]),
                self.env["cc.message"].search_count([]))

    def test_signed_message_accepted(self):
        response = self._post(self._message())
        self.assertEqual(response.status_code, 200)
        message = self.env["cc.message"].search([("provider_message_id", "=", "wamid.A")])
        self.assertEqual(message.body, "Olá")
        event = self.env["cc.webhook.event"].search([("connector_id", "=",
                                                      self.connector.id)])
        self.assertEqual(event.state, "processed")
        self.assertNotIn("x-fake-token", event.headers.lower(),
                         "secrets are not journaled")

    @mute_logger("odoo.addons.cc_core.controllers.webhook")
    def test_unsigned_or_wrongly_signed_rejected(self):
        before = self._counts()
        self.assertEqual(self._post(self._message(), token=None).status_code, 403)
        self.assertEqual(self._post(self._message(), token="wrong").status_code, 403)
        self.assertEqual(self._counts(), before)
        self.assertFalse(self.env["cc.webhook.event"].search_count([]))

    def test_unknown_or_archived_key_is_404(self):
        self.assertEqual(self._post(self._message(), key="nope").status_code, 404)
        old_key = self.connector.webhook_key
        self.connector.action_rotate_webhook_key()
        self.assertEqual(self._post(self._message(), key=old_key).status_code, 404)
        self.assertEqual(self._post(self._message()).status_code, 200)

    @mute_logger("odoo.addons.cc_core.controllers.webhook")
    def test_malformed_bodies_are_4xx_and_create_nothing(self):
        before = self._counts()
        self.assertEqual(self._post(b'{"messages": [{"id": "x"').status_code, 400)
        self.assertEqual(self._post(b"[1, 2]").status_code, 400)
        self.assertEqual(self._post(b"a=b", content_type="text/plain").status_code, 400)
        huge = b'{"messages": [], "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'
        self.assertEqual(self._post(huge).status_code, 413)
        self.assertEqual(self._counts(), before)
        failed = self.env["cc.webhook.event"].search([("state", "=", "failed")])
        self.assertEqual(len(failed), 3, "malformed bodies are kept for ops")

    def test_same_event_three_times_one_message(self):
        for _attempt in range(3):
            self.assertEqual(self._post(self._message("wamid.DUP")).status_code, 200)
        self.assertEqual(
            self.env["cc.message"].search_count([("provider_message_id", "=", "wamid.DUP")]),
            1)
        states = self.env["cc.webhook.event"].search([]).mapped("state")
        self.assertEqual(sorted(states), ["duplicate", "duplicate", "processed"])

    def test_failed_single_message_leaves_nothing_half_written(self):
        """The route processes a one-message event without a savepoint: when
        it fails, everything but the journaled event is rolled back."""
        self.env.cr.execute("ALTER TABLE cc_message ADD CONSTRAINT cc_test_block "
                            "CHECK (body IS NULL OR body <> 'bloqueado')")
        before = self._counts()
        with mute_logger("odoo.sql_db", "odoo.addons.cc_core.models.cc_inbound"):
            response = self._post(self._message("wamid.block", "bloqueado"))
        self.assertEqual(response.status_code, 200, "journaled: the provider must not resend")
        self.assertEqual(self._counts(), before, "no conversation without its message")
        event = self.env["cc.webhook.event"].search([("connector_id", "=",
                                                      self.connector.id)])
        self.assertEqual((event.state, event.is_retryable), ("failed", True))
        self.assertFalse(self.env["cc.webhook.receipt"].search_count(
            [("event_id", "=", "wamid.block")]), "a later retry must not see a duplicate")
        self.env.cr.execute("ALTER TABLE cc_message DROP CONSTRAINT cc_test_block")
        event.action_replay()
        self.assertEqual(event.state, "processed")
        self.assertEqual(self._counts(), (before[0] + 1, before[1] + 1))

    def test_handshake(self):
        url = "/cc/webhook/%s?token=%s&challenge=%s"
        ok = self.url_open(url % (self.connector.webhook_key, "s3cret", "12345"))
        self.assertEqual((ok.status_code, ok.text), (200, "12345"))
        with mute_logger("odoo.addons.cc_core.controllers.webhook"):
            bad = self.url_open(url % (self.connector.webhook_key, "bad", "12345"))
        self.assertEqual(bad.status_code, 403)
