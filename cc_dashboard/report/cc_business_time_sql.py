# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``cc_business_minutes(team, start, end)``: business minutes in SQL.

The same rules as ``cc.team._cc_schedule`` and ``services/business_time``:
the team's working-time calendar (weekly attendances in the calendar's time
zone, lunch breaks as gaps), minus Contact Center holidays (national ones,
the company's, the team's) and the calendar's global leaves. NULL when the
team has no calendar or its calendar has no opening hours (always open: the
reports then use wall-clock minutes).
"""

BUSINESS_MINUTES_SQL = """
CREATE OR REPLACE FUNCTION cc_business_minutes(p_team integer, p_start timestamp,
                                               p_end timestamp)
RETURNS float8 LANGUAGE sql STABLE AS $$
    WITH cal AS (
        SELECT rc.id, COALESCE(NULLIF(rc.tz, ''), 'UTC') AS tz, t.company_id,
               t.id AS team_id
          FROM cc_team t
          JOIN resource_calendar rc ON rc.id = t.resource_calendar_id
         WHERE t.id = p_team
           AND EXISTS (SELECT 1 FROM resource_calendar_attendance a
                        WHERE a.calendar_id = rc.id AND a.date_to IS NULL
                          AND a.hour_to > a.hour_from
                          AND COALESCE(a.display_type, '') != 'line_section')
    ), days AS (
        SELECT cal.*, d::date AS day
          FROM cal, generate_series(
                ((p_start AT TIME ZONE 'UTC') AT TIME ZONE cal.tz)::date,
                ((p_end AT TIME ZONE 'UTC') AT TIME ZONE cal.tz)::date,
                interval '1 day') AS d
         WHERE p_end > p_start
           AND NOT EXISTS (
                SELECT 1 FROM cc_holiday h
                 WHERE h.date = d::date
                   AND (h.company_id IS NULL OR h.company_id = cal.company_id)
                   AND (NOT EXISTS (SELECT 1 FROM cc_holiday_cc_team_rel r
                                     WHERE r.cc_holiday_id = h.id)
                        OR EXISTS (SELECT 1 FROM cc_holiday_cc_team_rel r
                                    WHERE r.cc_holiday_id = h.id
                                      AND r.cc_team_id = cal.team_id)))
           AND NOT EXISTS (
                SELECT 1 FROM resource_calendar_leaves l
                 WHERE l.calendar_id = cal.id AND l.resource_id IS NULL
                   AND d::date BETWEEN l.date_from::date AND l.date_to::date)
    ), opening AS (
        SELECT ((days.day + a.hour_from * interval '1 hour') AT TIME ZONE days.tz)
                   AT TIME ZONE 'UTC' AS b,
               ((days.day + a.hour_to * interval '1 hour') AT TIME ZONE days.tz)
                   AT TIME ZONE 'UTC' AS e
          FROM days
          JOIN resource_calendar_attendance a ON a.calendar_id = days.id
         WHERE a.dayofweek::int = extract(isodow FROM days.day)::int - 1
           AND a.date_to IS NULL AND a.hour_to > a.hour_from
           AND COALESCE(a.display_type, '') != 'line_section'
    )
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM cal) THEN NULL
                ELSE COALESCE(sum(GREATEST(extract(epoch FROM
                         LEAST(e, p_end) - GREATEST(b, p_start)), 0)), 0)::float8 / 60.0
           END
      FROM opening
$$;
"""


def create_business_minutes_function(cr):
    cr.execute(BUSINESS_MINUTES_SQL)
