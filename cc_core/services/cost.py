# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a provider bills for one message, carried by a delivery report.

Connectors that learn the cost of a message from a status webhook (WhatsApp's
``pricing`` object) return a :class:`CostedStatusUpdate`; cc_core stores the
:class:`MessageCost` on the message (``cost_*`` fields) for the cost reports.
"""
from collections import namedtuple

from .types import StatusUpdate


class MessageCost(namedtuple("MessageCost", "category units amount centre reference")):
    """``category``: a key of ``cc.message.cost_category``; ``units``:
    billable units (SMS parts, 1 per billable WhatsApp message); ``amount``:
    estimated cost or None; ``centre``: cost centre name or None;
    ``reference``: the provider's id of the billed conversation or None."""

    __slots__ = ()

    def __new__(cls, category, units=0, amount=None, centre=None, reference=None):
        return super().__new__(cls, category, int(units or 0), amount, centre, reference)


class CostedStatusUpdate(StatusUpdate):
    """A :class:`StatusUpdate` that also says what the message costs."""

    def __new__(cls, *args, cost=None, **kwargs):
        update = super().__new__(cls, *args, **kwargs)
        update.cost = cost
        return update


def cost_of(update):
    """The :class:`MessageCost` a status update carries, or None."""
    return getattr(update, "cost", None)
