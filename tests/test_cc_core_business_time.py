# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of business-time arithmetic: lunch, holidays, nights, zones."""
from datetime import date, datetime, timedelta, timezone

import pytest

from cc_core.services.business_time import Schedule, weekly_from_attendances

zoneinfo = pytest.importorskip("zoneinfo")
SAO_PAULO = zoneinfo.ZoneInfo("America/Sao_Paulo")  # UTC-3, no DST since 2019
LISBON = zoneinfo.ZoneInfo("Europe/Lisbon")  # UTC+0 in winter, +1 in summer

# Monday to Friday 08:00-12:00 and 13:00-18:00 (lunch 12-13).
WEEKDAYS = {day: [(8, 12), (13, 18)] for day in range(5)}


def utc(*args):
    return datetime(*args)


def sp():
    return Schedule(WEEKDAYS, tz=SAO_PAULO)


def test_always_open_without_hours():
    schedule = Schedule()
    start = utc(2026, 12, 6, 3, 0)
    assert schedule.always_open
    assert schedule.is_open(start)
    assert schedule.add_minutes(start, 90) == start + timedelta(minutes=90)


def test_lunch_break_is_skipped():
    # Monday 7 Dec 2026, 11:30 in Sao Paulo = 14:30 UTC; 60 business minutes
    # are 30 before lunch and 30 after: 13:30 local = 16:30 UTC.
    assert sp().add_minutes(utc(2026, 12, 7, 14, 30), 60) == utc(2026, 12, 7, 16, 30)
    assert not sp().is_open(utc(2026, 12, 7, 15, 30))  # 12:30 local, lunch
    assert sp().next_opening(utc(2026, 12, 7, 15, 30)) == utc(2026, 12, 7, 16, 0)


def test_overnight_and_weekend():
    # Friday 11 Dec 2026 17:30 local (20:30 UTC) + 60 min: 30 on Friday, then
    # Monday 14 Dec 08:30 local (11:30 UTC).
    assert sp().add_minutes(utc(2026, 12, 11, 20, 30), 60) == utc(2026, 12, 14, 11, 30)
    # Saturday is closed; the next opening is Monday 08:00 local.
    assert sp().next_opening(utc(2026, 12, 12, 15, 0)) == utc(2026, 12, 14, 11, 0)


def test_start_before_opening_counts_from_opening():
    # Tuesday 06:00 local (09:00 UTC) + 30 min = 08:30 local (11:30 UTC).
    assert sp().add_minutes(utc(2026, 12, 8, 9, 0), 30) == utc(2026, 12, 8, 11, 30)


def test_holiday_is_closed():
    # Friday 25 Dec 2026 is Christmas: Thursday 17:50 local + 20 min ends
    # Monday 28 Dec 08:10 local.
    schedule = Schedule(WEEKDAYS, holidays={date(2026, 12, 25)}, tz=SAO_PAULO)
    assert not schedule.is_open(utc(2026, 12, 25, 14, 0))
    assert schedule.add_minutes(utc(2026, 12, 24, 20, 50), 20) == utc(2026, 12, 28, 11, 10)


def test_minutes_between_stops_when_closed():
    # From Friday 17:00 local to Monday 09:00 local: 60 + 60 business minutes.
    assert sp().minutes_between(utc(2026, 12, 11, 20, 0), utc(2026, 12, 14, 12, 0)) == 120
    assert sp().minutes_between(utc(2026, 12, 14, 12, 0), utc(2026, 12, 11, 20, 0)) == 0


def test_company_in_another_time_zone():
    # Same hours in Lisbon (UTC+0 in December): Monday 09:00 UTC is open there
    # and closed in Sao Paulo (06:00 local).
    lisbon = Schedule(WEEKDAYS, tz=LISBON)
    monday_9_utc = utc(2026, 12, 7, 9, 0)
    assert lisbon.is_open(monday_9_utc)
    assert not sp().is_open(monday_9_utc)
    # Summer time: Monday 6 July 2026 07:30 UTC is 08:30 in Lisbon (UTC+1).
    assert lisbon.is_open(utc(2026, 7, 6, 7, 30))
    assert lisbon.add_minutes(utc(2026, 7, 6, 7, 0), 30) == utc(2026, 7, 6, 7, 30)


def test_local_day_differs_from_utc_day():
    # Monday 7 Dec 2026 17:30 local is 20:30 UTC; the holiday set is local:
    # a holiday on Tuesday 8 Dec must not close Monday evening.
    schedule = Schedule(WEEKDAYS, holidays={date(2026, 12, 8)}, tz=SAO_PAULO)
    assert schedule.is_open(utc(2026, 12, 7, 20, 30))
    assert schedule.next_opening(utc(2026, 12, 7, 21, 30)) == utc(2026, 12, 9, 11, 0)


def test_never_open_calendar_gives_none():
    schedule = Schedule(WEEKDAYS, holidays={date(2026, 1, 1) + timedelta(days=i)
                                            for i in range(800)}, tz=timezone.utc)
    assert schedule.add_minutes(utc(2026, 1, 1), 10) is None
    assert schedule.next_opening(utc(2026, 1, 1)) is None


def test_period_start_is_the_last_closing():
    # Saturday noon local: the closed period started Friday 18:00 local.
    assert sp().period_start(utc(2026, 12, 12, 15, 0)) == utc(2026, 12, 11, 21, 0)
    # During lunch it started at 12:00 local.
    assert sp().period_start(utc(2026, 12, 7, 15, 30)) == utc(2026, 12, 7, 15, 0)


def test_weekly_from_attendances():
    assert weekly_from_attendances([("0", 8.0, 12.0), ("0", 13.0, 17.5), ("4", 8, 12)]) \
        == {0: [(8.0, 12.0), (13.0, 17.5)], 4: [(8, 12)]}
    # 24.0 closes at midnight.
    schedule = Schedule({0: [(22, 24)]}, tz=timezone.utc)
    assert schedule.add_minutes(utc(2026, 12, 7, 23, 0), 90) == utc(2026, 12, 14, 22, 30)
