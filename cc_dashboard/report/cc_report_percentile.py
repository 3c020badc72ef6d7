# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Medians and 90th percentiles in pivots and graphs.

``read_group`` only knows simple SQL aggregates, and a median cannot be
computed from medians of sub-groups. So two PostgreSQL aggregates are created
(``cc_median`` and ``cc_p90``: the values of the group gathered into an array,
then ``percentile_cont`` over it) and report fields name them as their
``group_operator``: every cell of a pivot, totals included, is then computed
from the raw rows of that cell by PostgreSQL itself.

The web client asks for ``field:operator`` and Odoo accepts only its own
operator names in that form; ``read_group`` below turns the request for one of
our aggregates back into the plain field name, which Odoo aggregates with the
field's own ``group_operator`` (never anything else).
"""
from odoo import api, models

PERCENTILE_AGGREGATES = {"cc_median": 0.5, "cc_p90": 0.9}


def create_percentile_aggregates(cr):
    """Create (or replace) the aggregates; idempotent."""
    for name, fraction in PERCENTILE_AGGREGATES.items():
        cr.execute("""
            CREATE OR REPLACE FUNCTION %(name)s_final(float8[]) RETURNS float8
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT percentile_cont(%(fraction)s) WITHIN GROUP (ORDER BY v)
                  FROM unnest($1) AS v
            $$;
            CREATE OR REPLACE AGGREGATE %(name)s(float8) (
                SFUNC = array_append, STYPE = float8[], INITCOND = '{}',
                FINALFUNC = %(name)s_final
            );
        """ % {"name": name, "fraction": repr(fraction)})


class CcReportPercentileMixin(models.AbstractModel):
    _name = "cc.report.percentile.mixin"
    _description = "Contact Center report with medians and percentiles"

    def _cc_init_percentiles(self):
        create_percentile_aggregates(self.env.cr)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        return super().read_group(domain, self._cc_percentile_specs(fields), groupby,
                                  offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def _cc_percentile_specs(self, fields):
        """``name:cc_median`` -> ``name`` when that is the field's own operator."""
        specs = []
        for spec in fields or []:
            name, _sep, func = spec.partition(":")
            field = self._fields.get(name)
            if func in PERCENTILE_AGGREGATES and field is not None \
                    and field.group_operator == func:
                spec = name
            specs.append(spec)
        return specs
