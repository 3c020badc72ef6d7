# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom conversations -> ``cc.conversation`` values.

The fields cc_core maintains message by message (last dates, unread count,
preview, failure flag, cycle) are recomputed from the migrated messages, so a
conversation merged from two ChatRoom conversations gets coherent values.
"""
from .cc_services import text
from .message_mapping import cycles

STATES = ("new", "current", "done")
PRIORITIES = ("0", "1", "2", "3")


def state(status, has_agent):
    """cc_core state of a ChatRoom status. ``current`` needs an agent in both
    suites: a ``current`` row whose agent was deleted goes back to the queue."""
    if status not in STATES:
        return "new"
    if status == "current" and not has_agent:
        return "new"
    return status


def priority(value):
    value = str(value) if value is not None else "0"
    return value if value in PRIORITIES else "0"


def color(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def summary(messages, conversation_state, type_labels, fallback_date=None):
    """The message-derived fields of a conversation.

    ``messages``: dicts with ``direction``, ``message_type``, ``date``,
    ``body``, ``state``, ``failure_reason``, ``event_type``, in (date, id)
    order. ``type_labels`` maps message types to their labels (used for the
    preview of a message without text, as ``cc.message.preview`` does).
    Returns the values plus ``"cycles"``: the cycle of each message.
    """
    message_cycles = cycles([m["event_type"] if m["direction"] == "internal" else None
                             for m in messages])
    last_in = last_out = last_any = None
    first_unanswered = None
    unread = 0
    last_outbound = None
    for message in messages:
        if message["direction"] == "inbound":
            last_in = message
            unread += 1
            if first_unanswered is None:
                first_unanswered = message["date"]
        elif message["direction"] == "outbound":
            last_out = message
            last_outbound = message
            unread = 0
            first_unanswered = None
        else:
            continue
        last_any = message
    closed = conversation_state == "done"
    failed = bool(last_outbound and last_outbound["state"] == "failed")
    return {
        "last_inbound_date": last_in["date"] if last_in else None,
        "last_outbound_date": last_out["date"] if last_out else None,
        "last_message_date": last_any["date"] if last_any else fallback_date,
        "first_unanswered_date": None if closed else first_unanswered,
        "unread_count": 0 if closed else unread,
        "last_message_preview": preview(last_any, type_labels) if last_any else None,
        "has_failed_message": failed,
        "last_failure_reason": last_outbound["failure_reason"] if failed else None,
        "cycle": message_cycles[-1] if message_cycles else 1,
        "cycles": message_cycles,
    }


def preview(message, type_labels):
    """``cc.message.preview``: the text on one line, else ``[<type label>]``."""
    line = text.preview(message["body"])
    return line or "[%s]" % type_labels.get(message["message_type"], "")
