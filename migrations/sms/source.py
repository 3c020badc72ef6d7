# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reading the current SMS modules' tables (schema: current-sms-modules.md)."""

MESSAGE = "sms_message"
CAMPAIGN = "sms_campaign"
SCHEDULED = "sms_scheduled"
BLACKLIST = "sms_blacklist"
TEMPLATE = "sms_template"
TABLES = (MESSAGE, CAMPAIGN, SCHEDULED, BLACKLIST, TEMPLATE)


class Source:
    """What the database holds of the SMS modules."""

    def __init__(self, cr):
        self.cr = cr
        cr.execute("SELECT relname FROM pg_class c JOIN pg_namespace n "
                   "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                   "AND c.relkind = 'r' AND relname = ANY(%s)", (list(TABLES),))
        self.tables = {row[0] for row in cr.fetchall()}

    def has(self, table):
        return table in self.tables

    def columns(self, table):
        self.cr.execute("SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = %s AND table_schema = current_schema()",
                        (table,))
        return {row[0] for row in self.cr.fetchall()}

    def _select(self, table, wanted, where="", params=()):
        available = self.columns(table)
        parts = [('"%s"' % c) if c in available else ("NULL AS %s" % c) for c in wanted]
        self.cr.execute('SELECT %s FROM "%s" %s ORDER BY id' % (
            ", ".join(parts), table, where), params)
        names = list(wanted)
        return [dict(zip(names, row)) for row in self.cr.fetchall()]

    MESSAGE_COLUMNS = ("id", "partner_id", "phone", "body", "direction", "state",
                       "provider_message_id", "provider_job_id", "parent_id",
                       "sent_date", "delivered_date", "error_message", "sms_count",
                       "cost", "campaign_id", "create_date", "write_date")

    def messages(self, after_id=0, limit=1000):
        """Up to ``limit`` sms_message rows with an id above ``after_id``."""
        return self._select_limited(MESSAGE, self.MESSAGE_COLUMNS, after_id, limit)

    def _select_limited(self, table, wanted, after_id, limit):
        available = self.columns(table)
        parts = [('"%s"' % c) if c in available else ("NULL AS %s" % c) for c in wanted]
        self.cr.execute('SELECT %s FROM "%s" WHERE id > %%s ORDER BY id LIMIT %%s' % (
            ", ".join(parts), table), (after_id, limit))
        return [dict(zip(wanted, row)) for row in self.cr.fetchall()]

    def campaigns(self):
        if not self.has(CAMPAIGN):
            return []
        return self._select(CAMPAIGN, ("id", "name", "state", "template_id", "start_date",
                                       "create_date", "write_date"))

    def blacklist(self):
        if not self.has(BLACKLIST):
            return []
        return self._select(BLACKLIST, ("id", "phone", "partner_id", "reason", "notes",
                                        "active", "create_date", "write_date"))

    def used_template_ids(self):
        ids = set()
        for table in (CAMPAIGN, SCHEDULED):
            if self.has(table) and "template_id" in self.columns(table):
                self.cr.execute('SELECT DISTINCT template_id FROM "%s" '
                                'WHERE template_id IS NOT NULL' % table)
                ids.update(row[0] for row in self.cr.fetchall())
        return sorted(ids)

    def templates(self):
        ids = self.used_template_ids()
        if not ids or not self.has(TEMPLATE):
            return []
        return self._select(TEMPLATE, ("id", "name", "body", "model", "write_date"),
                            "WHERE id = ANY(%s)", (ids,))

    def count(self, table):
        if not self.has(table):
            return 0
        self.cr.execute('SELECT count(*) FROM "%s"' % table)
        return self.cr.fetchone()[0]
