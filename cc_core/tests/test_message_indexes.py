# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged

from ..models.cc_message_sparse_indexes import SPARSE_COLUMNS


@tagged("post_install", "-at_install")
class TestMessageSparseIndexes(TransactionCase):
    """Mostly-empty message columns are indexed only where set."""

    def _indexes(self):
        self.env.cr.execute("SELECT indexname, indexdef FROM pg_indexes "
                            "WHERE tablename = 'cc_message'")
        return dict(self.env.cr.fetchall())

    def test_partial_indexes_replace_the_full_ones(self):
        indexes = self._indexes()
        for column in SPARSE_COLUMNS:
            self.assertNotIn("cc_message_%s_index" % column, indexes)
            definition = indexes["cc_message_%s_set_index" % column]
            self.assertIn("WHERE (%s IS NOT NULL)" % column, definition)

    def test_an_upgrade_drops_the_full_index(self):
        self.env.cr.execute("CREATE INDEX cc_message_failure_code_index "
                            "ON cc_message (failure_code)")
        self.env["cc.message"].init()
        self.assertNotIn("cc_message_failure_code_index", self._indexes())

    def test_lookups_by_value_use_them(self):
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("EXPLAIN SELECT id FROM cc_message WHERE campaign_id = 1")
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("cc_message_campaign_id_set_index", plan)
