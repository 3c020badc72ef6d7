# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Quiet hours: a daily local-time window during which no SMS is sent.

Times are hours of the day as floats (``22.0`` = 22:00, ``7.5`` = 07:30, as
Odoo's ``float_time`` widget stores them) or :class:`datetime.time`. The
window starts at ``start`` (included) and ends at ``end`` (excluded); when
``start`` is later than ``end`` it spans midnight (22:00-08:00). Equal bounds
mean no quiet hours. Everything here works on naive *local* datetimes: the
caller converts from and to UTC with the connector's time zone.
"""

from datetime import time, timedelta

DAY_MINUTES = 24 * 60


def to_minutes(value):
    """Minutes after midnight of a float hour or a ``time`` (24:00 is midnight)."""
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("an hour of the day must be a number")
    minutes = int(round(float(value) * 60))
    if not 0 <= minutes <= DAY_MINUTES:
        raise ValueError("an hour of the day is between 0 and 24")
    return minutes % DAY_MINUTES


def is_quiet(now_local, start, end):
    """True when ``now_local`` falls inside the quiet window."""
    first, last = to_minutes(start), to_minutes(end)
    if first == last:
        return False
    minute = now_local.hour * 60 + now_local.minute
    if first < last:
        return first <= minute < last
    return minute >= first or minute < last


def window_opens_at(now_local, start, end):
    """``None`` when sending is allowed at ``now_local``, else the naive local
    datetime at which the quiet window ends (the next ``end`` time)."""
    if not is_quiet(now_local, start, end):
        return None
    last = to_minutes(end)
    opens = now_local.replace(
        hour=last // 60, minute=last % 60, second=0, microsecond=0
    )
    if opens <= now_local:
        opens += timedelta(days=1)
    return opens
