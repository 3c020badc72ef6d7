# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The 24-hour customer-service window."""
import datetime

from cc_connector_whatsapp.whatsapp_cloud import window

LAST = datetime.datetime(2026, 3, 1, 10, 0, 0)
HOUR = datetime.timedelta(hours=1)


def test_open_for_24_hours_after_the_customer_wrote():
    assert window.window_end(LAST) == LAST + 24 * HOUR
    assert window.is_open(LAST, LAST)
    assert window.is_open(LAST, LAST + 23 * HOUR + datetime.timedelta(minutes=59))
    assert not window.is_open(LAST, LAST + 24 * HOUR)
    assert not window.is_open(LAST, LAST + 30 * HOUR)


def test_closed_when_the_customer_never_wrote():
    assert window.window_end(None) is None
    assert not window.is_open(None, LAST)


def test_other_window_lengths():
    assert window.is_open(LAST, LAST + 50 * HOUR, hours=72)
