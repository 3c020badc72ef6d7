# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya refusals: 401/403 hold the connector (not retried), 503 is
retried, error codes are kept; hostile webhook bodies change nothing; a
reply links the SMS it answers."""
from odoo import fields
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestProviderErrors(KolmeyaCase):

    def _manager_notifications(self):
        return self.env["mail.message"].search_count([
            ("model", "=", "cc.connector"), ("res_id", "=", self.connector.id),
            ("message_type", "=", "comment"),
            ("partner_ids", "in", self.user_manager.partner_id.ids)])

    def _assert_held(self, status, errors, expected):
        self.server.enqueue("/sms/store", status=status, json={"errors": errors})
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual((message.state, message.attempt_count), ("queued", 0),
                         "held, no attempt used")
        self.assertEqual(message.failure_code, "http-%s" % status)
        self.assertIn(expected, message.failure_reason)
        connector = self.connector
        self.assertTrue(connector.kolmeya_access_refused)
        self.assertIn(expected, connector.kolmeya_access_refused_reason)
        self.assertEqual(self._manager_notifications(), 1, "managers told once")
        self.assertTrue(connector.activity_ids, "the responsible has an activity")
        # The next rounds call nothing and notify nobody again.
        message.next_attempt_date = fields.Datetime.now()
        for _round in range(5):
            self._send()
        self.assertEqual(len(self._stored_bodies()), 1, "no call while refused")
        self.assertEqual((message.state, message.attempt_count), ("queued", 0))
        self.assertEqual(self._manager_notifications(), 1)
        # A manager fixes it (new token): the held SMS goes out at once.
        connector.with_user(self.user_manager).write({"kolmeya_token": "new-token"})
        self.assertFalse(connector.kolmeya_access_refused)
        self.addCleanup(setattr, self.server, "token", self.server.token)
        self.server.token = "new-token"
        self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(len(self._stored_bodies()), 2)

    def test_401_holds_the_connector_and_tells_the_managers(self):
        self._assert_held(401, ["Unauthenticated."], "API token")

    def test_403_ip_not_whitelisted_holds_the_connector(self):
        self._assert_held(403, ["IP not allowed (whitelist)"], "IP address")

    def test_403_forbidden_holds_the_connector(self):
        self._assert_held(403, ["Forbidden"], "refused the request")

    def test_successful_test_connection_lifts_the_hold(self):
        self.connector._kolmeya_flag_access("Kolmeya rejected the API token")
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual(message.state, "queued")
        self.assertFalse(self._stored_bodies())
        self.connector.action_test_connection()
        self.assertFalse(self.connector.kolmeya_access_refused)
        self._send()
        self.assertEqual(message.state, "sent")

    def test_503_maintenance_page_is_retried_with_backoff(self):
        self.server.enqueue("/sms/store", status=503,
                            body=b"<html><head><title>Em manutencao</title></head>"
                                 b"<body>Voltamos logo</body></html>")
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual((message.state, message.attempt_count), ("queued", 1),
                         "not processed by Kolmeya: retried, not unknown")
        self.assertGreater(message.next_attempt_date, fields.Datetime.now())
        self.assertEqual(message.failure_code, "http-503")
        self.assertIn("Em manutencao", message.failure_reason)
        self.assertNotIn("<html>", message.failure_reason)
        message.next_attempt_date = fields.Datetime.now()
        self._send()
        self.assertEqual(message.state, "sent")

    def test_failure_status_keeps_kolmeya_code(self):
        message = self._queue(self._conversation())
        self._send()
        self._webhook("status", {"id": message.provider_message_id, "status_code": 5,
                                 "error_code": "E203", "error_message": "bloqueado"})
        self.assertEqual((message.state, message.failure_code), ("failed", "E203"))
        other = self._queue(self._conversation("+5511912345678"))
        self._send()
        self._webhook("status", {"id": other.provider_message_id, "status_code": 6})
        self.assertEqual((other.state, other.failure_code), ("failed", "kolmeya-6"))

    def test_reply_links_the_sms_it_answers(self):
        message = self._queue(self._conversation(), "Posso ajudar?")
        self._send()
        self._webhook("reply", {"reply": {
            "id": "r-link", "reply": "Sim", "received_at": "15/11/2025 10:35:12",
            "message": {"id": message.provider_message_id}}})
        reply = self.env["cc.message"].search([("provider_message_id", "=", "r-link")])
        self.assertEqual(reply.reply_to_id, message)

    def test_status_messages_object_or_array_changes_nothing(self):
        message = self._queue(self._conversation())
        self._send()
        kid = message.provider_message_id
        for body in ({"id": "req", "messages": {"0": {"id": kid, "status_code": 3}}},
                     [{"id": kid, "status_code": 3}]):
            event = self._webhook("status", body)
            self.assertEqual((event.state, event.failure_kind), ("failed", "permanent"))
        self.assertEqual(message.state, "sent", "not moved to delivered")

    def test_reply_not_utf8_opts_nobody_out(self):
        message = self._queue(self._conversation())
        self._send()
        before = (self.env["cc.opt.out"].search_count([]),
                  self.env["cc.kolmeya.blacklist.sync"].search_count([]),
                  self.env["cc.message"].search_count([]))
        body = (b'{"reply": {"id": "r-ff", "reply": "SAIR\xff", "message": {"id": "'
                + message.provider_message_id.encode() + b'"}}}')
        event = self._webhook("reply", body)
        self.assertEqual((event.state, event.failure_kind), ("failed", "permanent"))
        self.assertEqual(event._raw_bytes(), body)
        self.assertEqual((self.env["cc.opt.out"].search_count([]),
                          self.env["cc.kolmeya.blacklist.sync"].search_count([]),
                          self.env["cc.message"].search_count([])), before)
