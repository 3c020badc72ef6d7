# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KolmeyaCase

INBOUND_LOGGER = "odoo.addons.cc_core.models.cc_inbound"


@tagged("post_install", "-at_install")
class TestStatus(KolmeyaCase):
    """Status webhook: every shape of the reference, codes 1-6, forward-only."""

    def setUp(self):
        super().setUp()
        self.message = self._queue(self._conversation())
        self._send()
        self.kolmeya_id = self.message.provider_message_id
        self.ref = self.message._reference()

    def _nested(self, code, status="", message_id=None, reference=None):
        return {"id": self.message.provider_batch_id, "reference": None, "messages": [
            {"id": message_id or self.kolmeya_id, "reference": reference or self.ref,
             "status_code": code, "status": status}]}

    def test_sent_then_delivered_nested_vendor_shape(self):
        self.assertIn("waiting", self.message.delivery_note)
        self._webhook("status", self._nested(2, "enviado"))
        self.assertEqual(self.message.state, "sent")
        self.assertIn("no delivery receipt from this operator",
                      self.message.delivery_note,
                      "an operator without receipts is shown honestly, not as failed")
        self._webhook("status", self._nested(3, "entregue"))
        self.assertEqual(self.message.state, "delivered")
        self.assertTrue(self.message.delivered_date)
        self.assertEqual(self.message.delivery_note, "Delivered to the handset.")

    def test_codes_map_forward_only(self):
        self._webhook("status", self._nested(3))
        self._webhook("status", self._nested(1))
        self._webhook("status", self._nested(2))
        self.assertEqual(self.message.state, "delivered")
        self._webhook("status", self._nested(4))
        self.assertEqual(self.message.state, "delivered",
                         "a late failure cannot undo a delivery")

    def test_failure_codes_have_reasons(self):
        for code, words in ((4, "Not delivered"), (5, "Rejected"), (6, "Expired")):
            message = self._queue(self._conversation("+55119%08d" % code))
            self._send()
            self._webhook("status", {"id": message.provider_message_id,
                                     "reference": message._reference(),
                                     "status_code": code, "phone": "5511987654321"})
            self.assertEqual(message.state, "failed")
            self.assertIn(words, message.failure_reason)
            self.assertIn("(Kolmeya status %s)" % code, message.failure_reason)

    def test_flat_shapes_match_by_id_then_reference(self):
        variants = [
            {"reference": self.ref, "status": "failed", "error_code": "E42",
             "error_message": "Handset unreachable"},  # D: reference only
        ]
        self._webhook("status", {"message_id": self.kolmeya_id, "status_code": 2,
                                 "status": "enviado",
                                 "updated_at": "2025-11-15T10:31:02-03:00"})  # F
        self.assertEqual(self.message.state, "sent")
        self._webhook("status", {"reference_id": self.ref, "status": "3",
                                 "delivered_at": "2025-11-15 10:31:02"})  # H
        self.assertEqual(self.message.state, "delivered")
        self.assertEqual(str(self.message.delivered_date), "2025-11-15 13:31:02",
                         "Kolmeya's naive times are São Paulo time")
        other = self._queue(self._conversation("+5511912345678"))
        self._send()
        variants[0]["reference"] = other._reference()
        self._webhook("status", variants[0])
        self.assertEqual(other.state, "failed")
        self.assertIn("E42: Handset unreachable", other.failure_reason)

    def test_readme_and_handler_shapes(self):
        self._webhook("status", {"id": self.kolmeya_id, "status": "delivered",
                                 "phone": "5511987654321", "reference": self.ref,
                                 "delivered_at": "2025-11-15T13:31:02Z"})
        self.assertEqual(self.message.state, "delivered")
        self.assertEqual(str(self.message.delivered_date), "2025-11-15 13:31:02")

    def test_request_rejected_by_homologation_fails_every_message_of_it(self):
        self._webhook("status", {"id": self.message.provider_batch_id,
                                 "reference": "batch-7", "status": "rejected",
                                 "status_message": "Mensagem reprovada na homologação"})
        self.assertEqual(self.message.state, "failed")
        self.assertIn("reprovada", self.message.failure_reason)

    def test_same_status_twice_is_one_event(self):
        first = self._webhook("status", self._nested(3))
        second = self._webhook("status", self._nested(3))
        self.assertEqual((first.state, second.state), ("processed", "duplicate"))

    def test_unknown_message_is_journaled_not_an_error(self):
        with mute_logger(INBOUND_LOGGER):
            event = self._webhook("status", self._nested(3, message_id="nope",
                                                         reference="cc-0"))
        self.assertEqual(event.state, "processed")

    def test_malformed_bodies(self):
        event = self._webhook("status", b"not json")
        self.assertEqual(event.state, "failed")
        event = self._webhook("status", {"status_code": 3})
        self.assertEqual(event.state, "failed", "no id and no reference")
        event = self._webhook("status", {"messages": [
            {"id": self.kolmeya_id, "status_code": 3}, {"id": "x", "status_code": 99}]})
        self.assertEqual(self.message.state, "delivered",
                         "the good item of a list is still applied")
        self.assertEqual(event.state, "failed")
        self.assertIn("unknown status code 99", event.error)

    def test_no_receipt_after_a_day_is_said_not_failed(self):
        self._webhook("status", self._nested(2, "enviado"))
        Message = self.env["cc.message"]
        self.assertFalse(Message._cron_kolmeya_note_missing_receipts(),
                         "too early to tell")
        self.message.sent_date = fields.Datetime.now() - timedelta(hours=25)
        delivered = self._queue(self._conversation("+5511912345678"))
        self._send()
        delivered.sent_date = self.message.sent_date
        self._webhook("status", {"id": delivered.provider_message_id,
                                 "status_code": 3})
        self.assertEqual(Message._cron_kolmeya_note_missing_receipts(), self.message)
        self.assertEqual(self.message.state, "sent")
        self.assertEqual(self.message.delivery_note,
                         "Sent — no delivery receipt from this operator.")
        self.assertFalse(Message._cron_kolmeya_note_missing_receipts(), "noted once")
