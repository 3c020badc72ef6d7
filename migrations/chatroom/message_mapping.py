# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom message rows (``acrux_chat_message``) -> ``cc.message`` values.

ChatRoom has no status column: the state is implied by ``msgid``,
``error_msg`` and ``active`` (schema reference §0). ``info`` rows are
lifecycle events, stored with ``from_me = True`` "by convention": they become
cc_core event rows (direction ``internal``).
"""
from .cc_services import text

# Same limit as cc_core's inbound pipeline (cc_core/models/cc_inbound.py).
MAX_TEXT_LENGTH = 65536

MESSAGE_TYPES = {
    "text": "text",
    "image": "image",
    "audio": "audio",
    "video": "video",
    "file": "document",
    "location": "location",
    "sticker": "sticker",
    "contact": "contact",
    # A product sent from the catalogue: its caption is the text; the picture
    # was rendered from the product record, not stored on the message.
    "product": "text",
    "info": "event",
}
UNKNOWN_TYPE = "unsupported"

EVENT_TYPES = {
    "to_curr": "taken",
    "to_done": "closed",
    "to_new": "queued",
    "unanswered": "unanswered",
}
CLOSING_EVENT = "closed"

NOT_SENT_REASON = "Queued in ChatRoom and not sent before the migration."


def direction(ttype, from_me):
    if ttype == "info":
        return "internal"
    return "outbound" if from_me else "inbound"


def message_type(ttype):
    return MESSAGE_TYPES.get(ttype, UNKNOWN_TYPE)


def body(raw_text):
    """The text exactly as cc_core's inbound pipeline stores it."""
    return text.clean_text(raw_text, MAX_TEXT_LENGTH)


def delivery(ttype, from_me, msgid, error_msg, active):
    """(state, failure_reason) of a ChatRoom message.

    Outbound: a provider error wins; an inactive row is a mass-mailing message
    ChatRoom had queued and not sent (never ``queued`` here: cc_core's outbox
    would send it); otherwise it was handed to the provider (``sent``).
    """
    if direction(ttype, from_me) != "outbound":
        return "received", None
    if error_msg:
        return "failed", error_msg
    if active is False:
        return "failed", NOT_SENT_REASON
    return "sent", None


def map_message(row):
    """cc.message values of one ChatRoom message row (a dict of its columns).

    User references stay user ids (``author_user_id``, ``event_user_id``): the
    caller turns them into users/agents of the new suite.
    """
    kind = direction(row["ttype"], row["from_me"])
    state, failure = delivery(row["ttype"], row["from_me"], row.get("msgid"),
                              row.get("error_msg"), row.get("active"))
    is_event = kind == "internal"
    author = None
    if kind == "outbound":
        author = row.get("user_id")
    elif is_event:
        author = row.get("create_uid")
    return {
        "direction": kind,
        "message_type": message_type(row["ttype"]),
        "body": body(row.get("text")),
        "date": row["date_message"],
        "state": state,
        "failure_reason": failure,
        "provider_message_id": (row.get("msgid") or "").strip() or None,
        "sent_date": row["date_message"] if state == "sent" else None,
        "event_type": EVENT_TYPES.get(row.get("event")) if is_event else None,
        "author_user_id": author,
        "event_user_id": row.get("user_id") if is_event else None,
    }


def cycles(event_types):
    """Conversation cycle of each message, given their event types in date order.

    A cycle starts at 1; the first row after a ``closed`` event starts the
    next one (a repeated ``closed`` stays in the cycle it closes). Returns the
    list of cycles, one per row.
    """
    result = []
    cycle = 1
    previous = None
    for event_type in event_types:
        if previous == CLOSING_EVENT and event_type != CLOSING_EVENT:
            cycle += 1
        result.append(cycle)
        previous = event_type
    return result
