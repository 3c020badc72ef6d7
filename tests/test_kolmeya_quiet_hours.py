# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.quiet_hours import (
    is_quiet,
    to_minutes,
    window_opens_at,
)


def at(hour, minute=0, second=0, day=10):
    return datetime(2026, 3, day, hour, minute, second)


@pytest.mark.parametrize(
    "now, expected",
    [
        (at(21, 59, 59), None),  # still allowed
        (at(22, 0), at(8, 0, day=11)),  # the window starts at 22:00 sharp
        (at(23, 30), at(8, 0, day=11)),
        (at(0, 0), at(8, 0)),  # after midnight: opens the same day
        (at(7, 59, 59), at(8, 0)),
        (at(8, 0), None),  # 08:00 is outside again
        (at(12, 0), None),
    ],
)
def test_window_spanning_midnight(now, expected):
    assert window_opens_at(now, 22.0, 8.0) == expected
    assert is_quiet(now, 22.0, 8.0) == (expected is not None)


@pytest.mark.parametrize(
    "now, expected",
    [
        (at(12, 29), None),
        (at(12, 30), at(13, 45)),
        (at(13, 44), at(13, 45)),
        (at(13, 45), None),
    ],
)
def test_window_inside_one_day_with_minutes(now, expected):
    assert window_opens_at(now, 12.5, 13.75) == expected


def test_equal_bounds_mean_no_quiet_hours():
    assert window_opens_at(at(3), 8.0, 8.0) is None
    assert window_opens_at(at(3), 0.0, 24.0) is None, "24:00 is midnight"


def test_time_objects_are_accepted():
    assert window_opens_at(at(23), time(22), time(8)) == at(8, day=11)


@pytest.mark.parametrize("value", [-1, 24.5, "22", None, True])
def test_bad_hours_are_refused(value):
    with pytest.raises(ValueError):
        to_minutes(value)
