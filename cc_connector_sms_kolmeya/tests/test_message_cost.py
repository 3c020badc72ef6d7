# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya SMS fill cc_core's provider-neutral cost fields (cost reports)."""
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestMessageCost(KolmeyaCase):
    def test_parts_price_and_cost_centre(self):
        conversation = self._conversation()
        short = self._queue(conversation, "Bom dia, tudo bem?")
        long_text = "Sua fatura de dezembro já está disponível. " * 4  # accents: UCS-2
        long = self._queue(conversation, long_text)
        self.assertEqual((short.cost_category, short.cost_units), ("sms", 1))
        self.assertAlmostEqual(short.cost_amount, 0.08)
        self.assertEqual(long.cost_units, long.sms_segments)
        self.assertEqual(long.cost_units, 3, "172 UCS-2 characters: 3 parts of 67")
        self.assertAlmostEqual(long.cost_amount, 0.24)
        self.assertEqual(short.cost_centre, "CORPORATIVO")

    def test_customer_messages_cost_nothing(self):
        conversation = self._conversation()
        message = self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "inbound",
            "state": "received", "body": "Oi"})
        self.assertFalse(message.cost_category)
        self.assertEqual(message.cost_units, 0)
