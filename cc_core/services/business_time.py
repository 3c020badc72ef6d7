# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Business-time arithmetic over weekly opening hours, holidays and a time zone.

Datetimes given and returned are naive UTC (as Odoo stores them). Opening
hours are local: ``weekly`` maps a weekday (0 = Monday) to a list of
``(hour_from, hour_to)`` floats, e.g. ``[(8, 12), (13, 18)]`` (a lunch break
is the gap between two intervals, as in Odoo's resource calendars).
``holidays`` is a set of local ``datetime.date``. A schedule without any
opening hours (``weekly`` empty or None) is open around the clock.
"""
from datetime import datetime, time, timedelta, timezone

# How far ahead an opening is looked for before giving up (a calendar that
# never opens, or a year of holidays).
HORIZON_DAYS = 400


class Schedule:
    """Opening hours of a team: weekly intervals, holidays, time zone."""

    def __init__(self, weekly=None, holidays=(), tz=None):
        self.weekly = {
            int(day): sorted((float(a), float(b)) for a, b in intervals if b > a)
            for day, intervals in (weekly or {}).items()
        }
        self.holidays = frozenset(holidays)
        self.tz = tz or timezone.utc
        self._utc_days = {}  # local date -> its opening intervals in UTC

    @property
    def always_open(self):
        return not any(self.weekly.values())

    # -- time zone conversions -------------------------------------------
    def to_local(self, utc_naive):
        return utc_naive.replace(tzinfo=timezone.utc).astimezone(self.tz).replace(
            tzinfo=None)

    def to_utc(self, local_naive):
        localize = getattr(self.tz, "localize", None)  # pytz zones
        aware = localize(local_naive) if localize else local_naive.replace(tzinfo=self.tz)
        return aware.astimezone(timezone.utc).replace(tzinfo=None)

    # -- intervals ---------------------------------------------------------
    def day_intervals(self, day):
        """Local opening intervals of a local date (empty on holidays)."""
        if day in self.holidays:
            return []
        return [
            (_at(day, start), _at(day, end))
            for start, end in self.weekly.get(day.weekday(), [])
        ]

    def utc_day_intervals(self, day):
        """``day_intervals`` converted to UTC, computed once per day (a cron
        pass computes due times of thousands of conversations)."""
        intervals = self._utc_days.get(day)
        if intervals is None:
            intervals = self._utc_days[day] = [
                (self.to_utc(begin), self.to_utc(end))
                for begin, end in self.day_intervals(day)
            ]
        return intervals

    def intervals_from(self, start_utc):
        """Open intervals (UTC) from ``start_utc`` on, in order, clipped to it."""
        local_start = self.to_local(start_utc)
        day = local_start.date()
        for _index in range(HORIZON_DAYS):
            for begin_utc, end_utc in self.utc_day_intervals(day):
                if end_utc <= start_utc:
                    continue
                yield max(begin_utc, start_utc), end_utc
            day += timedelta(days=1)

    def is_open(self, at_utc):
        if self.always_open:
            return True
        first = next(self.intervals_from(at_utc), None)
        return bool(first and first[0] <= at_utc)

    def next_opening(self, at_utc):
        """``at_utc`` itself when open, else the start of the next opening
        (None when the calendar never opens within the horizon)."""
        if self.always_open:
            return at_utc
        first = next(self.intervals_from(at_utc), None)
        return first[0] if first else None

    def add_minutes(self, start_utc, minutes):
        """The moment ``minutes`` of business time after ``start_utc``."""
        if self.always_open:
            return start_utc + timedelta(minutes=minutes)
        left = timedelta(minutes=minutes)
        for begin, end in self.intervals_from(start_utc):
            if begin + left <= end:
                return begin + left
            left -= end - begin
        return None

    def minutes_between(self, start_utc, end_utc):
        """Business minutes from ``start_utc`` to ``end_utc`` (0 if reversed)."""
        if end_utc <= start_utc:
            return 0.0
        if self.always_open:
            return (end_utc - start_utc).total_seconds() / 60.0
        total = timedelta()
        for begin, end in self.intervals_from(start_utc):
            if begin >= end_utc:
                break
            total += min(end, end_utc) - begin
        return total.total_seconds() / 60.0

    def period_start(self, at_utc):
        """Start (UTC) of the closed period ``at_utc`` is in: the end of the
        last opening before it (used to answer once per closed period)."""
        local = self.to_local(at_utc)
        day = local.date()
        for _index in range(HORIZON_DAYS):
            for _begin, end in reversed(self.day_intervals(day)):
                end_utc = self.to_utc(end)
                if end_utc <= at_utc:
                    return end_utc
            day -= timedelta(days=1)
        return None


def _at(day, hours):
    """Local datetime of ``day`` at ``hours`` (24.0 is the next midnight)."""
    if hours >= 24:
        return datetime.combine(day + timedelta(days=1), time())
    minutes = int(round(hours * 60))
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def weekly_from_attendances(attendances):
    """``weekly`` from ``(dayofweek, hour_from, hour_to)`` rows of a calendar."""
    weekly = {}
    for day, hour_from, hour_to in attendances:
        weekly.setdefault(int(day), []).append((hour_from, hour_to))
    return weekly
