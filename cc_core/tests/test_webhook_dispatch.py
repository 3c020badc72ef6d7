# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from unittest.mock import patch

from odoo import http
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import config, mute_logger

from ..controllers import webhook_dispatch
from .common import CcHttpCase


@tagged("post_install", "-at_install")
class TestWebhookDirectDispatch(CcHttpCase):
    """Webhook requests are answered before Odoo's request machinery, with the
    same answers as the Odoo route, which serves them when it is off."""

    def _post(self, msg_id, token="s3cret", path=None, method="POST"):
        body = {"messages": [{"id": msg_id, "from": "+5511987654321", "text": "Oi"}]}
        return self.opener.request(
            method, self.base_url() + (path or "/cc/webhook/%s" % self.connector.webhook_key),
            data=json.dumps(body).encode(), timeout=30,
            headers={"Content-Type": "application/json", "X-Fake-Token": token})

    def _stored(self, msg_id):
        return self.env["cc.message"].search_count([("provider_message_id", "=", msg_id)])

    def _odoo_sessions(self):
        """Counts how often Odoo's request machinery set up a session."""
        return patch.object(http.Root, "setup_session", autospec=True,
                            side_effect=http.Root.setup_session)

    def test_answered_without_odoo_request_machinery(self):
        with self._odoo_sessions() as setup_session:
            response = self._post("wamid.D1")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {"status": "ok"})
            self.assertFalse(setup_session.called)
        self.assertNotIn("session_id", response.cookies)
        self.assertEqual(self._stored("wamid.D1"), 1)
        # the same delivery again: still one message
        self.assertEqual(self._post("wamid.D1").status_code, 200)
        self.assertEqual(self._stored("wamid.D1"), 1)

    def test_queries_of_a_request_into_an_open_conversation(self):
        """The whole request, as the test server runs it: the connector, the
        journal, the conversation's UPDATE that claims the event id and
        stores the message, the bus INSERT (4; Odoo's registry check is
        skipped in test mode), plus the savepoints by which the test cursor
        stands in for the connection, its two commits and its close (5). A
        value the journal's commit dropped from the cache and read again
        would show here."""
        self.assertEqual(self._post("wamid.Q0").status_code, 200)
        self.env["base"].flush()
        with self.assertQueryCount(default=9):
            self.assertEqual(self._post("wamid.Q1").status_code, 200)
        self.assertEqual(self._stored("wamid.Q1"), 1)

    @mute_logger("odoo.addons.cc_core.controllers.webhook")
    def test_same_answers_as_the_odoo_route(self):
        cases = [("wamid.D2", "s3cret", None, "POST"),
                 ("wamid.D3", "wrong", None, "POST"),
                 ("wamid.D4", "s3cret", "/cc/webhook/unknown-key", "POST"),
                 ("wamid.D5", "s3cret", "/cc/webhook/%s/bad topic!" % (
                     self.connector.webhook_key,), "POST")]
        direct = [self._post(*case).status_code for case in cases]
        with patch.dict(config.options, {"cc_webhook_direct_dispatch": False}), \
                self._odoo_sessions() as setup_session:
            routed = [self._post(msg_id + "-odoo", token, path, method).status_code
                      for msg_id, token, path, method in cases]
            self.assertTrue(setup_session.called, "served by Odoo's route")
        self.assertEqual(direct, [200, 403, 404, 404])
        self.assertEqual(routed, direct)
        self.assertEqual((self._stored("wamid.D2"), self._stored("wamid.D2-odoo")), (1, 1))

    def test_anything_else_goes_through_odoo(self):
        with self._odoo_sessions() as setup_session:
            response = self._post("wamid.D6", method="PUT")
            self.assertEqual(response.status_code, 405, "Odoo's answer to PUT")
            self.assertTrue(setup_session.called)
            setup_session.reset_mock()
            self.assertEqual(self._post("wamid.D7", path="/cc/webhook/").status_code, 404)
            self.assertTrue(setup_session.called)
        self.assertFalse(self._stored("wamid.D6") or self._stored("wamid.D7"))


class TestWebhookPaths(BaseCase):
    def test_only_the_routes_url_shapes_are_taken(self):
        self.assertEqual(webhook_dispatch.webhook_path_args("/cc/webhook/abc"),
                         ("abc", None))
        self.assertEqual(webhook_dispatch.webhook_path_args("/cc/webhook/abc/status"),
                         ("abc", "status"))
        for path in ("/cc/webhook/", "/cc/webhook//x", "/cc/webhook/a/b/c",
                     "/cc/webhook/a/", "/cc/webhooks/a", "/web/login"):
            self.assertIsNone(webhook_dispatch.webhook_path_args(path), path)


class _FakeRegistry:
    """What ``_check_signaling`` reads of a registry, outside test mode."""

    def __init__(self, registry_sequence, cache_sequence):
        self.registry_sequence = registry_sequence
        self.cache_sequence = cache_sequence
        self.cache_invalidated = True

    def in_test_mode(self):
        return False


@tagged("post_install", "-at_install")
class TestWebhookSignalingCheck(TransactionCase):
    """Odoo's per-request registry check, on the request's own cursor."""

    def _sequences(self):
        self.env.cr.execute(webhook_dispatch.SIGNALING_QUERY)
        return self.env.cr.fetchone()

    def test_unchanged_sequences_serve_the_request(self):
        registry = _FakeRegistry(*self._sequences())
        webhook_dispatch._check_signaling(registry, self.env.cr)
        self.assertFalse(registry.cache_invalidated, "nothing inherited to signal")

    def test_moved_sequences_hand_over_to_odoos_check(self):
        registry_sequence, cache_sequence = self._sequences()
        for registry, moved in ((_FakeRegistry(registry_sequence - 1, cache_sequence), True),
                                (_FakeRegistry(registry_sequence, cache_sequence - 1), False)):
            with self.assertRaises(webhook_dispatch._RegistryChanged) as raised:
                webhook_dispatch._check_signaling(registry, self.env.cr)
            self.assertEqual(raised.exception.registry_moved, moved)

    def test_a_registry_change_ends_the_kept_sessions(self):
        """Only a registry change (modules), not a cache clearing: the
        request is served again after Odoo's own check."""
        for moved in (True, False):
            answers = [webhook_dispatch._RegistryChanged(moved), "served"]

            def serve(*args, **kwargs):
                answer = answers.pop(0)
                if isinstance(answer, Exception):
                    raise answer
                return answer

            with patch.object(webhook_dispatch, "_serve", side_effect=serve), \
                    patch.object(webhook_dispatch, "forget_sessions") as forget, \
                    patch.object(type(self.registry), "check_signaling",
                                 autospec=True, side_effect=lambda registry: registry):
                self.assertEqual(webhook_dispatch._serve_current(
                    self.env.cr.dbname, self.registry, None, "key", None), "served")
            self.assertEqual(forget.called, moved)
