# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer-service window.

Free-form messages may be sent only within 24 hours of the customer's last
message; every new customer message restarts the window, our own messages do
not. Outside it only approved templates go through (else error 131047).
Datetimes are naive UTC, as Odoo stores them.
"""
import datetime

SERVICE_WINDOW_HOURS = 24


def window_end(last_inbound, hours=SERVICE_WINDOW_HOURS):
    """When the window closes, or None when the customer never wrote."""
    if not last_inbound:
        return None
    return last_inbound + datetime.timedelta(hours=hours)


def is_open(last_inbound, now, hours=SERVICE_WINDOW_HOURS):
    """True while free-form messages are allowed."""
    end = window_end(last_inbound, hours)
    return bool(end) and now < end
