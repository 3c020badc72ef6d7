# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure mapping of the current SMS modules' rows to Contact Center values
(no Odoo import: tested by tests/test_sms_migration_mapping.py)."""
import re
from collections import namedtuple

MessageState = namedtuple("MessageState", "state failure_reason")

# sms_message.state -> cc.message.state (outbound). "outgoing" means handed
# to Kolmeya without a report yet: sent. Drafts and cancelled rows never left.
_OUTBOUND_STATES = {
    "sent": MessageState("sent", None),
    "outgoing": MessageState("sent", None),
    "delivered": MessageState("delivered", None),
    "error": MessageState("failed", "Error in the previous SMS module."),
    "rejected": MessageState("failed", "Rejected by the operator (previous SMS module)."),
    "expired": MessageState("failed", "Expired without delivery (previous SMS module)."),
    "draft": MessageState("failed", "Never sent: draft in the previous SMS module."),
    "canceled": MessageState("failed", "Never sent: cancelled in the previous SMS module."),
}

BLACKLIST_REASONS = {
    "user_request": "Customer request",
    "auto_bounce": "Automatic (bounces)",
    "manual": "Manual",
    "legal": "Legal",
}


def message_direction(direction):
    """``outgoing``/``incoming`` -> ``outbound``/``inbound`` (None: unknown)."""
    return {"outgoing": "outbound", "incoming": "inbound"}.get(direction)


def message_state(direction, state, error_message=None):
    """The cc state of a sms_message row, and its failure reason."""
    if direction == "incoming":
        return MessageState("received", None)
    mapped = _OUTBOUND_STATES.get(state)
    if mapped is None:
        return MessageState("failed", "Unknown state %r in the previous SMS module." % (
            state,))
    if mapped.state == "failed" and error_message:
        return MessageState("failed", str(error_message).strip()[:500])
    return mapped


def blacklist_note(reason, notes):
    label = BLACKLIST_REASONS.get(reason, reason or "")
    text = " - ".join(part for part in (label, (notes or "").strip()) if part)
    return ("Previous SMS blacklist: %s" % text) if text else "Previous SMS blacklist"


_PY_FORMAT = re.compile(r"\{partner\.(\w+)\}")
_OBJECT = re.compile(r"\{\{\s*object\.(?!partner_id\b)")


def template_body(body, model):
    """An ``sms.template`` body rendered on a contact, as a ``cc.template``
    body rendered on a conversation: ``{{ object.name }}`` becomes
    ``{{ object.partner_id.name }}``; the seed templates' ``{partner.name}``
    (never substituted by the old module) becomes the same inline placeholder.
    Legacy ``|NOME|`` placeholders are kept (campaigns render them)."""
    text = body or ""
    text = _PY_FORMAT.sub(lambda m: "{{ object.partner_id.%s }}" % m.group(1), text)
    if model in (None, "", "res.partner"):
        text = _OBJECT.sub("{{ object.partner_id.", text)
    return text
