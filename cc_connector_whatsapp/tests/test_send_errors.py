# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Graph errors: what the agent sees and what the outbox does next."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TOKEN, WhatsAppCase, meta_body, status


@tagged("post_install", "-at_install")
class TestSendErrors(WhatsAppCase):
    def setUp(self):
        super().setUp()
        self.conversation = self._taken_conversation()

    def _fail(self, code, message="Meta says no", status=400, **kw):
        self.graph.fail("*/messages", status, code=code, message=message,
                        method="POST", **kw)

    def test_window_closed_131047_fails_with_advice(self):
        self._fail(131047, "Re-engagement message",
                   details="More than 24 hours have passed")
        message = self._queue(self.conversation)
        self._send()
        self.assertEqual(message.state, "failed")
        self.assertIn("24-hour window is closed", message.failure_reason)
        self.assertIn("More than 24 hours have passed", message.failure_reason)
        self.assertTrue(self.conversation.has_failed_message)

    def test_undeliverable_131026_fails_without_retry(self):
        self._fail(131026, "Message undeliverable")
        message = self._queue(self.conversation)
        self._send()
        self.assertEqual(message.state, "failed")
        self.assertIn("Message undeliverable", message.failure_reason)
        self._send()
        self.assertEqual(len(self._sent_payloads()), 1, "not retried")

    def _queued_to_new_customer(self, address):
        conversation = self.env["cc.conversation"].create(
            {"connector_id": self.connector.id, "address": address})
        return self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "outbound",
            "body": "Seu boleto vence amanhã", "state": "queued"})

    def test_undeliverable_new_br_mobile_retried_once_without_9th_digit(self):
        message = self._queued_to_new_customer("+5511987651234")
        self._fail(131026, "Message undeliverable")
        self._send()
        self.assertEqual([p["to"] for p in self._sent_payloads()],
                         ["5511987651234", "551187651234"])
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.conversation_id.address, "+551187651234",
                         "the spelling WhatsApp accepted is kept for the next messages")

    def test_undeliverable_under_both_spellings_fails_after_one_retry(self):
        message = self._queued_to_new_customer("+5511987651234")
        self._fail(131026, "Message undeliverable", times=2)
        self._send()
        self.assertEqual(len(self._sent_payloads()), 2)
        self.assertEqual(message.state, "failed")
        self.assertIn("Message undeliverable", message.failure_reason)

    def _undeliverable_report(self, message):
        self._process(meta_body(statuses=[status(message.provider_message_id, "failed",
                                                 errors=[{"code": 131026,
                                                          "title": "Message undeliverable"}])]))

    def test_undeliverable_report_requeues_once_with_the_other_spelling(self):
        message = self._queued_to_new_customer("+5511987651234")
        self._send()
        self.assertEqual(message.state, "sent")
        self._undeliverable_report(message)  # Meta's report comes later
        self.assertEqual(message.state, "queued", "one more try, not failed yet")
        self.assertIn("+551187651234", message.delivery_note)
        self._send()
        self.assertEqual([p["to"] for p in self._sent_payloads()],
                         ["5511987651234", "551187651234"])
        self.assertEqual(message.state, "sent")
        self._undeliverable_report(message)  # the other spelling fails too
        self.assertEqual(message.state, "failed")
        self.assertIn("Message undeliverable", message.failure_reason)
        self._send()
        self.assertEqual(len(self._sent_payloads()), 2, "never a third time")

    def test_undeliverable_report_for_a_customer_who_wrote_is_final(self):
        message = self._queue(self.conversation)
        self._send()
        self._undeliverable_report(message)
        self.assertEqual(message.state, "failed")
        self.assertEqual(len(self._sent_payloads()), 1)

    def test_other_errors_are_permanent_with_meta_message(self):
        self._fail(132001, "Template name does not exist in the translation")
        first = self._queue(self.conversation, "a")
        self._send()
        self.assertEqual(first.state, "failed")
        self.assertIn("Template name does not exist", first.failure_reason)
        self._fail(100, "Invalid parameter")
        second = self._queue(self.conversation, "b")
        self._send()
        self.assertEqual(second.state, "failed")
        self.assertIn("Invalid parameter", second.failure_reason)

    def test_rate_limits_retry_with_growing_delay(self):
        for code in (130429, 131056):
            self._fail(code, "Rate limit hit", times=2)
            message = self._queue(self.conversation, "rate %s" % code)
            before = fields.Datetime.now()
            self._send()
            self.assertEqual(message.state, "queued", code)
            first_delay = message.next_attempt_date - before
            self.assertIn("rate limit", message.failure_reason.lower())
            message.next_attempt_date = fields.Datetime.now() - timedelta(seconds=1)
            before = fields.Datetime.now()
            self._send()
            self.assertEqual(message.state, "queued", code)
            self.assertGreater(message.next_attempt_date - before, first_delay,
                               "backoff grows")
            message.next_attempt_date = fields.Datetime.now() - timedelta(seconds=1)
            self._send()
            self.assertEqual(message.state, "sent", code)

    def test_server_error_is_retried(self):
        self._fail(131000, "Something went wrong", status=500)
        message = self._queue(self.conversation)
        self._send()
        self.assertEqual(message.state, "queued")
        message.next_attempt_date = fields.Datetime.now() - timedelta(seconds=1)
        self._send()
        self.assertEqual(message.state, "sent")

    def test_expired_token_190_flags_the_connector_and_holds_the_outbox(self):
        self._fail(190, "Error validating access token: Session has expired",
                   status=401, times=1)
        first = self._queue(self.conversation, "um")
        second = self._queue(self.conversation, "dois")
        self._send()
        self.assertTrue(self.connector.wa_token_invalid)
        self.assertIn("Session has expired", self.connector.last_error)
        self.assertEqual(len(self._sent_payloads()), 1,
                         "the rest of the batch never reaches Meta")
        self.assertEqual((first.state, second.state), ("queued", "queued"))
        self.assertEqual((first.attempt_count, second.attempt_count), (0, 0))
        # Managers are told: a message in their inbox and an activity.
        notice = self.connector.message_ids.filtered(
            lambda m: "Session has expired" in (m.body or ""))
        self.assertIn(self.user_manager.partner_id, notice.partner_ids)
        self.assertEqual(self.connector.activity_ids.user_id, self.user_manager)
        # While flagged, the outbox does not call Meta at all.
        (first | second).write({"next_attempt_date": False})
        self._send()
        self.assertEqual(len(self._sent_payloads()), 1)
        self.assertEqual(first.state, "queued")
        # A new token lifts the flag and the held messages go out.
        self.connector.with_user(self.user_manager).write(
            {"wa_access_token": TOKEN})
        self.assertFalse(self.connector.wa_token_invalid)
        self._send()
        self.assertEqual((first.state, second.state), ("sent", "sent"))

    def test_token_refused_on_every_call_is_flagged_once(self):
        self.connector.wa_access_token = "wrong-token"  # the fake answers 401/190
        self._queue(self.conversation, "um")
        self._send()
        self.assertTrue(self.connector.wa_token_invalid)
        notices = self.connector.message_ids.filtered(
            lambda m: "access token" in (m.body or ""))
        self.assertEqual(len(notices), 1)
