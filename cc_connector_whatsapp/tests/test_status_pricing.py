# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The pricing of status webhooks lands in cc_core's cost fields."""
from odoo.tests import tagged

from ..models.cc_provider_whatsapp_cloud_cost import wa_cost
from .common import WhatsAppCase, meta_body, status


def priced(wamid, state, category, billable=True, conversation_id=None):
    item = status(wamid, state)
    item["pricing"] = {"billable": billable, "pricing_model": "PMP",
                       "category": category}
    if conversation_id:
        item["conversation"] = {"id": conversation_id, "origin": {"type": category}}
    return item


@tagged("post_install", "-at_install")
class TestStatusPricing(WhatsAppCase):
    def _sent_message(self):
        conversation = self._taken_conversation()
        message = self._queue(conversation, "Seu código é 123456")
        self._send()
        return message

    def test_pricing_category_and_billed_conversation_are_stored(self):
        message = self._sent_message()
        self._process(meta_body(statuses=[priced(
            message.provider_message_id, "sent", "authentication",
            conversation_id="CONV-1")]))
        self.assertEqual(message.cost_category, "authentication")
        self.assertEqual(message.cost_units, 1)
        self.assertEqual(message.cost_reference, "CONV-1")
        self.assertEqual(message.state, "sent")
        # Later statuses repeat the pricing: nothing changes.
        self._process(meta_body(statuses=[priced(
            message.provider_message_id, "delivered", "authentication")]))
        self.assertEqual((message.state, message.cost_category, message.cost_reference),
                         ("delivered", "authentication", "CONV-1"))

    def test_free_service_reply_counts_no_billable_unit(self):
        message = self._sent_message()
        self._process(meta_body(statuses=[priced(
            message.provider_message_id, "delivered", "service", billable=False)]))
        self.assertEqual((message.cost_category, message.cost_units), ("service", 0))

    def test_status_without_pricing_leaves_the_cost_empty(self):
        message = self._sent_message()
        self._process(meta_body(statuses=[status(message.provider_message_id, "read")]))
        self.assertEqual(message.state, "read")
        self.assertFalse(message.cost_category)

    def test_category_names(self):
        self.assertEqual(wa_cost({"category": "MARKETING_LITE", "billable": True},
                                 None).category, "marketing")
        self.assertEqual(wa_cost({"category": "authentication_international"},
                                 None).category, "authentication")
        self.assertEqual(wa_cost({"category": "something_new"}, None).category, "other")
        self.assertEqual(wa_cost({"category": "utility", "billable": "yes"},
                                 None).units, 0, "only a real true is billable")
        self.assertIsNone(wa_cost(None, {"id": "x"}))
        self.assertIsNone(wa_cost({"category": "utility"}, {"id": 5}).reference)
