# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.cc_core.services.types import SendResult

from .common import CcCase


@tagged("post_install", "-at_install")
class TestSendWindow(CcCase):
    """Providers may hold the outbox (quiet hours, rate limits) without losing
    attempts, and keep their request id on the message."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.conversation.with_user(self.user_agent).action_take()

    def _queue(self, text="Bom dia", conversation=None):
        conversation = conversation or self.conversation
        return self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation.with_user(self.user_agent), text)

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    def test_held_until_window_opens_without_counting_attempts(self):
        opens_at = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=9)
        self.wire.window = opens_at
        message = self._queue()
        cron = self.env.ref("cc_core.ir_cron_cc_send_outbox")
        self._send()
        self.assertEqual(self.wire.sent, [], "nothing sent outside the window")
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.attempt_count, 0)
        self.assertEqual(message.next_attempt_date, opens_at)
        self.assertIn("Held", message.delivery_note)
        self.assertTrue(self.env["ir.cron.trigger"].search(
            [("cron_id", "=", cron.id), ("call_at", "=", opens_at)]),
            "the outbox wakes up when the window opens")
        self._send()
        self.assertEqual(self.wire.sent, [], "still held on the next cron run")
        self.wire.window = None
        with freeze_time(opens_at + timedelta(minutes=1)):
            self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.attempt_count, 1)
        self.assertFalse(message.delivery_note, "the hold note goes once sent")

    def test_window_in_the_past_sends_now(self):
        self.wire.window = fields.Datetime.now() - timedelta(minutes=1)
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "sent")

    def test_hold_is_per_connector(self):
        other = self._conversation(address="+5511912345678",
                                   connector=self.other_connector)
        opens_at = fields.Datetime.now() + timedelta(hours=1)
        self.wire.window = lambda c: opens_at if c == self.connector else None
        held = self._queue(conversation=self.conversation)
        other_message = self.env["cc.message"].sudo().create({
            "conversation_id": other.id, "direction": "outbound", "body": "x",
            "state": "queued"})
        self._send()
        self.assertEqual(held.state, "queued")
        self.assertEqual(other_message.state, "sent")
        self.assertEqual([s[0] for s in self.wire.sent], [other_message.id])

    def test_throttled_waits_without_counting_an_attempt(self):
        self.env["ir.config_parameter"].sudo().set_param("cc_core.send_max_attempts", 1)
        self.wire.results = [SendResult("transient", reason="rate limit",
                                        retry_after=120, throttled=True)] * 3
        message = self._queue()
        now = fields.Datetime.now()
        for minutes in (0, 3, 6):
            with freeze_time(now + timedelta(minutes=minutes)):
                self._send()
            self.assertEqual(message.state, "queued",
                             "a rate limit is a wait, not a failure")
            self.assertEqual(message.attempt_count, 0)
        self.assertEqual(len(self.wire.sent), 3)
        with freeze_time(now + timedelta(minutes=9)):
            self._send()
        self.assertEqual(message.state, "sent")

    def test_transient_still_gives_up(self):
        self.env["ir.config_parameter"].sudo().set_param("cc_core.send_max_attempts", 1)
        self.wire.results = [SendResult("transient", reason="503")]
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "failed")

    def test_batch_id_is_kept(self):
        self.wire.results = [SendResult("sent", provider_message_id="p1",
                                        batch_id="req-1")]
        message = self._queue()
        self._send()
        self.assertEqual((message.provider_message_id, message.provider_batch_id),
                         ("p1", "req-1"))
