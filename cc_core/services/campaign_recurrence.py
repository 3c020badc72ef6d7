# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Next run of a recurring campaign (daily, weekly, monthly, every N)."""
import calendar
from datetime import timedelta

RECURRENCES = ("daily", "weekly", "monthly")


def add_months(moment, months):
    """Same day ``months`` later; the 31st becomes the month's last day."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def occurrence(start, recurrence, interval, index):
    """The ``index``-th run (0 = ``start``)."""
    interval = max(1, int(interval or 1))
    if recurrence == "daily":
        return start + timedelta(days=interval * index)
    if recurrence == "weekly":
        return start + timedelta(weeks=interval * index)
    if recurrence == "monthly":
        return add_months(start, interval * index)
    raise ValueError("Unknown recurrence: %r" % (recurrence,))


def next_run(start, recurrence, interval, after):
    """First run strictly after ``after`` (never before ``start``). Months are
    counted from ``start`` so a campaign started on the 31st runs on the last
    day of shorter months and on the 31st again afterwards."""
    if after < start:
        return start
    if recurrence == "monthly":
        months = (after.year - start.year) * 12 + (after.month - start.month)
        index = max(0, months // max(1, int(interval or 1)))
    else:
        step = occurrence(start, recurrence, interval, 1) - start
        index = int((after - start) / step)
    candidate = occurrence(start, recurrence, interval, index)
    while candidate <= after:
        index += 1
        candidate = occurrence(start, recurrence, interval, index)
    return candidate
