# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The sandbox provider's wire format and simulation rules (no Odoo import).

The sandbox sends nothing outside: it answers every send with an id of its
own, and the simulated "network" posts events back to the connector's
webhook in a small JSON format::

    {"events": [
        {"id": "...", "type": "status", "message_id": "sandbox-...",
         "status": "delivered", "reason": null},
        {"id": "...", "type": "message", "from": "+5511...", "name": "...",
         "text": "...", "media": {"mimetype": "image/png",
                                  "filename": "photo.png", "data": "<base64>"}}
    ]}

signed with ``X-Sandbox-Signature: sha256=<hex HMAC of the body keyed with
the connector's webhook key>``.
"""
import base64
import hashlib
import hmac
import json
import uuid

from . import strict_json
from .types import InboundMessage, MediaRef, StatusUpdate

SIGNATURE_HEADER = "x-sandbox-signature"
MESSAGE_ID_PREFIX = "sandbox-"
MAX_MEDIA_BYTES = 1024 * 1024

# Outbound states the simulated handset moves a message through, in order.
_NEXT_STATE = {"sent": "delivered", "delivered": "read"}

# What the simulated customer answers, in turn (Portuguese: the customers of
# the demo company write Portuguese).
CUSTOMER_REPLIES = (
    "Oi! Obrigado pelo retorno.",
    "Pode me mandar mais detalhes, por favor?",
    "Perfeito, fico no aguardo.",
    "Tudo certo, muito obrigado!",
)

# Caption of the simulated customer's photo (customer text: Portuguese).
PHOTO_CAPTION = "Segue a foto"


def new_message_id():
    return MESSAGE_ID_PREFIX + uuid.uuid4().hex


def new_event_id():
    return "sandbox-event-" + uuid.uuid4().hex


def next_state(state):
    """The state a sandbox message reaches next, or ``None`` when it is final."""
    return _NEXT_STATE.get(state)


REACTION = "\U0001f44d"  # thumbs up


def customer_reply(index):
    """The simulated customer's ``index``-th answer (cycling)."""
    return CUSTOMER_REPLIES[index % len(CUSTOMER_REPLIES)]


def status_event(message_id, status, reason=None):
    return {"id": new_event_id(), "type": "status", "message_id": message_id,
            "status": status, "reason": reason}


def message_event(address, text="", name=None, media=None, reaction_to=None):
    """A customer message; ``media`` is ``(content_bytes, mimetype, filename)``;
    with ``reaction_to`` (a sandbox message id) ``text`` is the customer's
    emoji reaction to that message."""
    event = {"id": new_event_id(), "type": "message", "from": address,
             "name": name, "text": text or ""}
    if reaction_to:
        event["reaction_to"] = reaction_to
    if media:
        content, mimetype, filename = media
        event["media"] = {"mimetype": mimetype, "filename": filename,
                          "data": base64.b64encode(content).decode("ascii")}
    return event


def encode_body(events):
    return json.dumps({"events": list(events)}, sort_keys=True).encode("utf-8")


def sign(key, raw_body):
    digest = hmac.new((key or "").encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


def verify(key, raw_body, signature):
    """Constant-time check of ``signature`` (fails closed without key or header)."""
    if not key or not signature:
        return False
    return hmac.compare_digest(sign(key, raw_body), signature)


def _media_type(mimetype):
    for prefix, message_type in (("image/", "image"), ("audio/", "audio"),
                                 ("video/", "video")):
        if (mimetype or "").startswith(prefix):
            return message_type
    return "document"


def _parse_event(event):
    if not isinstance(event, dict) or not event.get("id"):
        raise ValueError("event without id")
    if event.get("type") == "status":
        status = event.get("status")
        if status not in ("sent", "delivered", "read", "failed") or \
                not event.get("message_id"):
            raise ValueError("status event %s: bad status or message id" % event["id"])
        return StatusUpdate(event["id"], event["message_id"], status,
                            reason=event.get("reason"),
                            error_code="sandbox" if status == "failed" else None)
    if event.get("type") == "message":
        if not event.get("from"):
            raise ValueError("message event %s: no sender" % event["id"])
        media = ()
        message_type = "text"
        if event.get("media"):
            data = event["media"]
            try:
                content = base64.b64decode(data.get("data") or "", validate=True)
            except ValueError:  # binascii.Error is a ValueError
                raise ValueError(
                    "message event %s: media is not base64" % event["id"]) from None
            if len(content) > MAX_MEDIA_BYTES:
                raise ValueError("message event %s: media too large" % event["id"])
            mimetype = data.get("mimetype") or "application/octet-stream"
            media = (MediaRef(mimetype=mimetype, filename=data.get("filename"),
                              content=content),)
            message_type = _media_type(mimetype)
        reaction_to = event.get("reaction_to")
        if reaction_to:
            if not isinstance(reaction_to, str) or media:
                raise ValueError("message event %s: bad reaction" % event["id"])
            message_type = "reaction"
        return InboundMessage(event["id"], event["id"], event["from"],
                              message_type=message_type, text=event.get("text") or "",
                              profile_name=event.get("name"), media=media,
                              reply_to_provider_id=reaction_to or None)
    raise ValueError("event %s: unknown type" % event["id"])


def parse_body(raw_body):
    """``(items, errors)`` from a sandbox webhook body; ``ValueError`` when the
    body as a whole is not the sandbox format."""
    try:
        data = strict_json.loads(raw_body)
    except ValueError:
        raise ValueError("The body is not JSON.") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ValueError("The body has no list of events.")
    items, errors = [], []
    for event in data["events"]:
        try:
            items.append(_parse_event(event))
        except ValueError as error:
            errors.append(str(error))
    return items, errors
