# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""How many campaign messages may be queued now, and when the next may be.

A campaign has a throttle (messages per minute and per hour, 0 = no limit),
a daily cap (0 = none) and a sending window (local hours ``start`` to ``end``,
``start == end`` meaning all day). Counts are of the campaign's messages
queued in the last minute / hour / local day.
"""
from collections import namedtuple
from datetime import datetime, time, timedelta

Allowance = namedtuple("Allowance", "count next_at reason")

REASON_WINDOW = "window"
REASON_MINUTE = "minute"
REASON_HOUR = "hour"
REASON_DAY = "day"


def in_window(local_now, start_hour, end_hour):
    """True when ``local_now`` (naive local time) is inside [start, end)
    hours; a window across midnight (22 -> 6) works; start == end is all day."""
    if start_hour == end_hour:
        return True
    hour = local_now.hour + local_now.minute / 60.0
    if start_hour < end_hour:
        return start_hour <= hour < end_hour
    return hour >= start_hour or hour < end_hour


def window_opens(local_now, start_hour, end_hour):
    """Next local datetime at which the window opens (``local_now`` when open)."""
    if in_window(local_now, start_hour, end_hour):
        return local_now
    hours = int(start_hour)
    minutes = int(round((start_hour - hours) * 60))
    opening = datetime.combine(local_now.date(), time(hours % 24, minutes % 60))
    if opening <= local_now:
        opening += timedelta(days=1)
    return opening


def allowance(local_now, per_minute=0, per_hour=0, daily_cap=0,
              sent_last_minute=0, sent_last_hour=0, sent_today=0,
              window_start=0.0, window_end=0.0):
    """How many messages may be queued at ``local_now``.

    Returns ``Allowance(count, next_at, reason)``: ``count`` >= 0, and when it
    is 0, ``next_at`` (local naive datetime) is the earliest moment worth
    trying again, ``reason`` which limit holds it. ``count`` None means no
    limit at all.
    """
    if not in_window(local_now, window_start, window_end):
        return Allowance(0, window_opens(local_now, window_start, window_end),
                         REASON_WINDOW)
    limits = []
    if daily_cap:
        limits.append((daily_cap - sent_today, REASON_DAY))
    if per_hour:
        limits.append((per_hour - sent_last_hour, REASON_HOUR))
    if per_minute:
        limits.append((per_minute - sent_last_minute, REASON_MINUTE))
    if not limits:
        return Allowance(None, None, None)
    count, reason = min(limits, key=lambda item: item[0])
    if count > 0:
        return Allowance(count, None, None)
    if reason == REASON_DAY:
        next_at = datetime.combine(local_now.date() + timedelta(days=1), time(0, 0))
        next_at = window_opens(next_at, window_start, window_end)
    elif reason == REASON_HOUR:
        next_at = local_now + timedelta(minutes=5)
    else:
        next_at = local_now + timedelta(minutes=1)
    return Allowance(0, next_at, reason)
