# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reports whose rows are costly to compute (one row per conversation cycle
with business-time arithmetic) are PostgreSQL materialized views: a pivot
over a quarter then reads a small indexed table instead of recomputing
every cycle. A cron refreshes them (concurrently: readers are never
blocked) every few minutes; ``_cc_refresh_reports`` does it on demand."""
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


def drop_relation(cr, name):
    """Drop a view or materialized view of that name (and what reads it)."""
    cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", (name,))
    row = cr.fetchone()
    if row and row[0] == "m":
        cr.execute("DROP MATERIALIZED VIEW %s CASCADE" % name)
    elif row and row[0] == "v":
        cr.execute("DROP VIEW %s CASCADE" % name)


class CcReportMaterializedMixin(models.AbstractModel):
    _name = "cc.report.materialized.mixin"
    _description = "Contact Center report kept in a materialized view"

    # Columns to index besides the unique id (filters and groupings).
    _cc_indexes = ()

    def _cc_create_materialized(self, select_sql):
        cr = self.env.cr
        drop_relation(cr, self._table)
        cr.execute("CREATE MATERIALIZED VIEW %s AS (%s)" % (self._table, select_sql))
        cr.execute("CREATE UNIQUE INDEX %s_id_uniq ON %s (id)" % (self._table, self._table))
        for column in self._cc_indexes:
            cr.execute("CREATE INDEX %s_%s_idx ON %s (%s)"
                       % (self._table, column, self._table, column))

    def _cc_refresh(self):
        self.env["base"].flush()
        self.env.cr.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY %s" % self._table)
        self.invalidate_cache()

    @api.model
    def _cc_refresh_reports(self):
        """Refresh every materialized report (cron)."""
        for name in self._cc_materialized_models():
            self.env[name].sudo()._cc_refresh()
            _logger.debug("Refreshed report %s", name)
        return True

    @api.model
    def _cc_materialized_models(self):
        return [name for name in self.env.registry[self._name]._inherit_children
                if not self.env.registry[name]._abstract]
