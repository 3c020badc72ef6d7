# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Query counts as ratios: cost must not grow with the data."""
import logging

from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import CcCase

_logger = logging.getLogger(__name__)

KANBAN_FIELDS = ["name", "stage_id", "state", "priority", "color", "tag_ids",
                 "user_id", "agent_id", "channel_kind", "connector_id", "partner_id",
                 "unread_count", "last_message_date", "last_message_preview",
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

    def test_inbound_message_constant_query_count(self):
        self._inbound("primeira", msg_id="p-0")
        counts = []
        for index in range(1, 101):
            start = self.cr.sql_log_count
            self._inbound("mensagem %s" % index, msg_id="p-%s" % index)
            counts.append(self.cr.sql_log_count - start)
        _logger.info("cc_performance: inbound text into an existing conversation "
                     "(journal + processing): %s queries (1st) / %s (100th)",
                     counts[0], counts[-1])
        self.assertEqual(counts[0], counts[-1],
                         "1st vs 100th message: %s vs %s" % (counts[0], counts[-1]))
