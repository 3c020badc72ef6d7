# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Uninstall: drop what the reports created in PostgreSQL that Odoo does not
know about (materialized views, the percentile aggregates, the business-time
function). Odoo drops plain views only, and a plain view read by a
materialized view could not be dropped without this."""

MATERIALIZED = ("cc_agent_report", "cc_occupancy_report", "cc_cost_report",
                "cc_volume_report", "cc_service_report")


def uninstall_hook(cr, registry):
    for name in MATERIALIZED:
        cr.execute("DROP MATERIALIZED VIEW IF EXISTS %s CASCADE" % name)
    for name in ("cc_median", "cc_p90"):
        cr.execute("DROP AGGREGATE IF EXISTS %s(float8)" % name)
        cr.execute("DROP FUNCTION IF EXISTS %s_final(float8[])" % name)
    cr.execute("DROP FUNCTION IF EXISTS cc_business_minutes(integer, timestamp, timestamp)")
