# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Query counts as ratios: cost must not grow with the data."""
import json
import logging
from functools import partial

from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import CcCase

_logger = logging.getLogger(__name__)

KANBAN_FIELDS = ["name", "stage_id", "state", "priority", "color", "tag_ids",
                 "user_id", "agent_id", "channel_kind", "connector_id", "partner_id",
                 "unread_count", "last_message_date", "last_message_summary",
                 "has_failed_message", "activity_ids", "activity_state"]


@tagged("post_install", "-at_install", "cc_performance")
class TestPerformance(CcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.env["cc.tag"].create({"name": "Perf test tag"})
        partner = cls.env["res.partner"].create({"name": "Perf"})
        cls.env["cc.conversation"].create([{
            "connector_id": cls.connector.id, "address": "+55119%08d" % i,
            "tag_ids": [(6, 0, tag.ids)], "partner_id": partner.id,
        } for i in range(50)])
        # Only this test's rows: the same shape whatever demo data is loaded.
        cls.domain = [("connector_id", "=", cls.connector.id)]

    @users("cc_manager")
    @warmup
    def test_kanban_cost_independent_of_size(self):
        Conversation = self.env["cc.conversation"]
        Conversation.invalidate_cache()
        start = self.cr.sql_log_count
        Conversation.web_search_read(self.domain, KANBAN_FIELDS, limit=1)
        one = self.cr.sql_log_count - start
        Conversation.invalidate_cache()
        _logger.info("cc_performance: kanban read of 1 conversation: %s queries", one)
        with self.assertQueryCount(cc_manager=one):
            result = Conversation.web_search_read(self.domain, KANBAN_FIELDS, limit=50)
        self.assertEqual(len(result["records"]), 50)

    def _journal_text(self, text, msg_id, address="+5511987654321"):
        from odoo.addons.cc_core.services.types import WebhookRequest

        body = {"messages": [{"id": msg_id, "from": address, "text": text}]}
        data = WebhookRequest("POST", {"content-type": "application/json"},
                              json.dumps(body).encode(), {}, None)
        return self.env["cc.webhook.event"]._journal(self.connector, data)

    def _journal_into(self, events, text, msg_id):
        events.append(self._journal_text(text, msg_id))

    def _queries(self, function):
        start = self.cr.sql_log_count
        function()
        return self.cr.sql_log_count - start

    def test_inbound_message_constant_query_count(self):
        """What the webhook route does per message, each in a fresh request
        (empty record cache, connector already read by the route)."""
        self._inbound("primeira", msg_id="p-0")
        journal_counts, process_counts = [], []
        for index in range(1, 101):
            self.env["base"].invalidate_cache()
            self.connector.provider  # noqa: B018 - the route reads it first
            events = []
            journal_counts.append(self._queries(partial(
                self._journal_into, events, "mensagem %s" % index, "p-%s" % index)))
            process_counts.append(self._queries(
                partial(events[0]._process, own_transaction=True)))
            self.assertEqual(events[0].state, "processed")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id),
             ("address", "=", "+5511987654321")])
        self.assertEqual(conversation.unread_count, 101)
        self.assertEqual(len(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")), 101)
        _logger.info("cc_performance: inbound text into an existing conversation: "
                     "journal %s + processing %s queries (1st) / %s + %s (100th)",
                     journal_counts[0], process_counts[0], journal_counts[-1],
                     process_counts[-1])
        self.assertEqual(journal_counts, [1] * 100)
        self.assertEqual(process_counts[0], process_counts[-1],
                         "1st vs 100th message: %s vs %s" % (process_counts[0],
                                                             process_counts[-1]))
        self.assertLessEqual(process_counts[0], 6)

    def test_batch_isolates_items_at_constant_cost(self):
        """Events carrying several messages pay a savepoint per item, not more."""
        self._inbound("primeira", msg_id="b-0")
        counts = []
        for size in (2, 20):
            self.env["base"].invalidate_cache()
            self.connector.provider  # noqa: B018
            body = {"messages": [{"id": "b-%s-%s" % (size, i), "from": "+5511987654321",
                                  "text": "lote %s" % i} for i in range(size)]}
            counts.append(self._queries(
                partial(self._process_body, self.connector, body)) / size)
        self.assertLessEqual(counts[1], counts[0])
