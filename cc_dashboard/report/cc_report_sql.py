# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SQL pieces shared by the report views."""

# Selection values of the hour of day and weekday columns (local time of
# the company: its partner's time zone).
HOURS = [("%02d" % hour, "%02d:00" % hour) for hour in range(24)]
WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"),
            ("4", "Friday"), ("5", "Saturday"), ("6", "Sunday")]

# Joins giving ``tz``: the time zone of the company ``%s`` (UTC when its
# address has none).
COMPANY_TZ_JOIN = """
    LEFT JOIN res_company tz_company ON tz_company.id = %s
    LEFT JOIN res_partner tz_partner ON tz_partner.id = tz_company.partner_id
"""
COMPANY_TZ = "COALESCE(NULLIF(tz_partner.tz, ''), 'UTC')"

# cc.agent of a user (one agent per user; the active one first).
AGENT_OF_USER = """
    SELECT DISTINCT ON (user_id) user_id, id AS agent_id
      FROM cc_agent ORDER BY user_id, active DESC, id
"""
