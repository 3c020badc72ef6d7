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

    def test_campaign_sms_count_in_the_costs(self):
        """Campaign messages are inserted in SQL (100,000 recipients): they
        carry the same cost fields as an agent's SMS."""
        partner = self.env["res.partner"].create(
            {"name": "Rita Campanha", "mobile": "+5511988887777"})
        campaign = self.env["cc.campaign"].with_user(self.user_manager).create({
            "name": "Lembrete", "connector_id": self.connector.id,
            "partner_domain": "[('id', '=', %d)]" % partner.id,
            "body": "Sua fatura de dezembro já está disponível. " * 4,
            "window_start": 0, "window_end": 0, "tz": "America/Sao_Paulo",
        })
        campaign.action_start()
        self.env["cc.campaign"]._cron_run_campaigns()
        message = self.env["cc.message"].search([("campaign_id", "=", campaign.id)])
        self.assertEqual(len(message), 1)
        self.assertEqual((message.cost_category, message.cost_units,
                          message.cost_centre), ("sms", 3, "CORPORATIVO"))
        self.assertAlmostEqual(message.cost_amount, 0.24)
