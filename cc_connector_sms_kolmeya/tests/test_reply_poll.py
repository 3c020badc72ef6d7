# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestReplyPoll(KolmeyaCase):
    """The cron reads /sms/replys and delivers what the webhook missed, once."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.outbound = self._queue(self.conversation, "Confirma a visita?")
        self._send()

    def _replys_item(self, reply_id, text, received="15/11/2025 10:35:12"):
        """An item of /sms/replys as Kolmeya lists it."""
        return {"id": reply_id, "reply": text, "received_at": received,
                "message": {"id": self.outbound.provider_message_id,
                            "reference": self.outbound._reference(),
                            "phone": 11987654321},
                "request": {"id": self.outbound.provider_batch_id, "reference": None}}

    def _inbound(self):
        return self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")

    def _poll(self):
        self.env["cc.connector"]._cron_kolmeya_poll_replies()

    def test_poll_delivers_a_missed_reply(self):
        self.server.replies = [self._replys_item("r-1", "Confirmo")]
        self._poll()
        self.assertEqual(self._inbound().body, "Confirmo")
        event = self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id), ("topic", "=", "poll")])
        self.assertEqual(event.state, "processed", "polled replies are journaled")
        self.assertTrue(self.connector.kolmeya_last_poll_date)

    def test_webhook_then_poll_is_one_message(self):
        item = self._replys_item("r-2", "Sim")
        self._webhook("reply", {"reply": item})
        self.server.replies = [item]
        self._poll()
        self._poll()
        self.assertEqual(len(self._inbound()), 1)

    def test_poll_then_webhook_is_one_message(self):
        item = self._replys_item("r-3", "Sim")
        self.server.replies = [item]
        self._poll()
        self.assertEqual(self._webhook("reply", {"reply": item}).state, "duplicate")
        self.assertEqual(len(self._inbound()), 1)

    def test_flat_webhook_without_id_then_poll_is_one_message(self):
        self._webhook("reply", {"phone": "5511987654321", "message": "Pode ser amanhã",
                                "reference": self.outbound._reference(),
                                "data": "2025-11-15 10:35:12"})
        self.server.replies = [self._replys_item("r-4", "Pode ser amanhã")]
        self._poll()
        self.assertEqual(self._inbound().mapped("body"), ["Pode ser amanhã"])

    def test_a_repeated_answer_later_is_a_new_message(self):
        self.server.replies = [self._replys_item("r-5", "Sim"),
                               self._replys_item("r-6", "Sim", "15/11/2025 11:40:00")]
        self._poll()
        self.assertEqual(len(self._inbound()), 2)

    def test_pages_are_followed(self):
        self.server.per_page = 2
        self.server.replies = [self._replys_item("p-%s" % n, "resposta %s" % n)
                               for n in range(5)]
        self._poll()
        self.assertEqual(len(self._inbound()), 5)
        self.assertEqual(len(self.server.requests_to("/sms/replys")), 3)

    def test_period_covers_the_time_since_the_last_poll(self):
        now = fields.Datetime.now()
        self.connector.kolmeya_last_poll_date = now - timedelta(minutes=10)
        self.assertEqual(self.connector._kolmeya_poll_period(now), 2)
        self.connector.kolmeya_last_poll_date = now - timedelta(days=30)
        self.assertEqual(self.connector._kolmeya_poll_period(now), 168)
        self._poll()
        self.assertEqual(self.server.requests_to("/sms/replys")[0].json,
                         {"period": 168, "page": 1})

    def test_nothing_new_journals_nothing(self):
        self._poll()
        self.assertFalse(self.env["cc.webhook.event"].search_count(
            [("connector_id", "=", self.connector.id), ("topic", "=", "poll")]))

    def test_poll_error_is_recorded_on_the_connector(self):
        self.server.enqueue("/sms/replys", status=401, json={"errors": ["Unauthenticated."]})
        self._poll()
        self.assertIn("API token", self.connector.last_error)

    def test_connectors_without_polling_are_skipped(self):
        self.connector.kolmeya_poll_replies = False
        self._poll()
        self.assertFalse(self.server.requests_to("/sms/replys"))
