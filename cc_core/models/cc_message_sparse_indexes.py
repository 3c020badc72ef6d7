# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Indexes of message columns that are empty on most rows, on the rows
where they are set.

A full btree index holds an entry for every row, empty or not: each
message inserted (by the webhook, the composer, a campaign or the ChatRoom
migration's 185,000 rows) paid for seven indexes of columns it leaves empty
(a retry date, a failure code, a campaign, a survey, a provider batch, a
quoted message, an assignment reason). Indexed ``WHERE column IS NOT NULL``
they cost nothing for those rows, and still serve every lookup by value
(``column = x``, ``column IN (...)``, ``column <= x`` imply the column is
set). Odoo 15 keeps an index a field no longer asks for: the full ones are
dropped here.
"""
from odoo import models

SPARSE_COLUMNS = ("next_attempt_date", "failure_code", "campaign_id", "csat_survey_id",
                  "provider_batch_id", "reply_to_id", "assignment_reason")


class CcMessageSparseIndexes(models.Model):
    _inherit = "cc.message"

    def init(self):
        super().init()
        for column in SPARSE_COLUMNS:
            self.env.cr.execute(
                'DROP INDEX IF EXISTS "cc_message_%(c)s_index";'
                'CREATE INDEX IF NOT EXISTS "cc_message_%(c)s_set_index" '
                'ON cc_message ("%(c)s") WHERE "%(c)s" IS NOT NULL' % {"c": column})
