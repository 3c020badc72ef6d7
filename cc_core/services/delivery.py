# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Delivery states and retry schedule of outbound messages."""

# Rank of the states an outbound message moves through. Status reports may
# arrive in any order; a message only ever moves to a higher rank.
_RANK = {"queued": 0, "sending": 1, "unknown": 1, "sent": 2, "delivered": 3, "read": 4}
FINAL_STATES = ("failed", "read", "received")


def advance(current, reported):
    """State after a status report: never backwards, ``failed`` is final.

    ``failed`` is accepted only before the handset confirmed delivery: a
    late failure report cannot undo a read receipt.
    """
    if current in ("failed", "received") or reported not in _RANK and reported != "failed":
        return current
    if reported == "failed":
        return "failed" if _RANK.get(current, 0) < _RANK["delivered"] else current
    if _RANK[reported] > _RANK.get(current, 0):
        return reported
    return current


def retry_delay(attempt, base=30, cap=3600):
    """Seconds to wait before retry number ``attempt`` (1-based): capped exponential."""
    if attempt < 1:
        attempt = 1
    return int(min(cap, base * (2 ** (attempt - 1))))
