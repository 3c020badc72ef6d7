# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Parsing of the gateway's webhook body.

The gateway posts a JSON-RPC-style envelope (reference §2.3, §3.3)::

    {"jsonrpc": "2.0", "method": "call", "params": {
        "messages": [...], "events": [...], "updates": [...]}}

Each of the three arrays is optional; a body without ``params`` but with
the arrays at the top level is accepted too. Only a body that is not such
an envelope at all raises ``WebhookPayloadError`` (a ``ValueError``: the
route answers 400 and nothing is stored); one odd item becomes an
``ItemError`` and the others are still parsed.

Facts used (reference): message keys ``type``, ``txt`` (chat-smart.io:
``text``), ``name``, ``id``, ``number``, ``filename``, ``url``, ``time``
(epoch seconds), ``metadata``, ``quote_msg_id``, ``from_me``, ``chat_type``;
for apichat the direction may only show in the id prefix (``true_...`` =
sent from the phone) and the number suffix gives the chat kind (``@c.us``
normal, ``@l.us`` private). Events: ``failed`` (id/msgid, reason),
``deleted`` (id/msgid), ``phone-status`` (status). Updates: number,
name, image_url/image.

Assumptions (shapes the reference does not document), parsed defensively:
``time`` in milliseconds when larger than 10^11; a location's coordinates in
``metadata`` (``latitude``/``longitude``, or ``lat``/``lng``) or in the text
as ``"lat,lng"``; ``ack``-type events (``notify_ack``) carry ``id`` and
``status`` in sent/delivered/read; group chats (``@g.us``) are reported as
item errors, never stored.
"""
import datetime
import json
import re
from typing import List, NamedTuple, Optional

MESSAGE_TYPES = {
    "text": "text", "chat": "text", "txt": "text",
    "image": "image", "audio": "audio", "ptt": "audio", "voice": "audio",
    "video": "video", "file": "document", "document": "document",
    "location": "location", "sticker": "sticker",
    "contact": "contact", "vcard": "contact",
    "product": "text", "info": "text",
}
MEDIA_TYPES = ("image", "audio", "video", "document", "sticker")
ACK_STATES = {"sent": "sent", "server": "sent", "delivered": "delivered",
              "device": "delivered", "read": "read", "played": "read",
              "viewed": "read"}
PHONE_STATES = {"connected": "connected", "authenticated": "connected",
                "disconnected": "disconnected", "logout": "disconnected",
                "qr": "qr", "got qr code": "qr", "loading": "connected"}
MAX_ITEMS = 1000


class WebhookPayloadError(ValueError):
    """The body is not a gateway webhook envelope at all."""


class GatewayMessage(NamedTuple):
    """A message of a chat: written by the customer, or on the phone (``from_me``)."""

    message_id: str
    number: str  # digits, or the raw id of a private chat
    private: bool
    from_me: bool
    type: str  # a cc.message type
    text: str
    name: Optional[str]
    timestamp: Optional[datetime.datetime]
    url: Optional[str]
    filename: Optional[str]
    quote_msg_id: Optional[str]
    raw_type: str
    external_id: Optional[str] = None  # our reference, when the gateway echoes it

    @property
    def event_id(self):
        return self.message_id


class GatewayFailed(NamedTuple):
    message_id: str
    reason: str

    @property
    def event_id(self):
        return "failed:%s" % self.message_id


class GatewayAck(NamedTuple):
    message_id: str
    state: str  # sent / delivered / read

    @property
    def event_id(self):
        return "ack:%s:%s" % (self.message_id, self.state)


class GatewayDeleted(NamedTuple):
    message_id: str

    @property
    def event_id(self):
        return "deleted:%s" % self.message_id


class GatewayPhoneStatus(NamedTuple):
    state: str  # connected / qr / disconnected
    reason: Optional[str]

    event_id = None


class GatewayContactUpdate(NamedTuple):
    number: str
    private: bool
    name: Optional[str]
    image_url: Optional[str]

    event_id = None


class ItemError(NamedTuple):
    location: str
    reason: str


class ParseResult(NamedTuple):
    items: list
    errors: List[ItemError]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


def chat_id(raw):
    """``(number, private)`` of a chat id: digits for a phone chat
    (``5511...@c.us`` or ``+55 11 ...``), the raw id for ``@l.us``."""
    raw = _text(raw).strip()
    if not raw:
        raise ValueError("no number")
    lowered = raw.lower()
    if lowered.endswith("@g.us"):
        raise ValueError("group chats are not supported")
    if lowered.endswith("@l.us"):
        return raw, True
    local = raw.split("@", 1)[0]
    digits = re.sub(r"\D", "", local)
    if not digits or len(digits) > 20:
        raise ValueError("invalid number")
    return digits, False


def _timestamp(value):
    if value in (None, ""):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError("invalid time") from None
    if seconds > 1e11:
        seconds /= 1000.0
    if seconds <= 0:
        raise ValueError("invalid time")
    return datetime.datetime.utcfromtimestamp(seconds).replace(microsecond=0)


def _location_text(message):
    text = _text(message.get("txt") or message.get("text")).strip()
    metadata = message.get("metadata") if isinstance(message.get("metadata"), dict) else {}
    lat = metadata.get("latitude", metadata.get("lat"))
    lng = metadata.get("longitude", metadata.get("lng"))
    if lat is not None and lng is not None:
        try:
            coords = "%s, %s" % (float(lat), float(lng))
        except (TypeError, ValueError):
            coords = ""
        if coords:
            address = _text(metadata.get("address") or metadata.get("name")).strip()
            label = " — ".join(p for p in (address or text, coords) if p)
            return "%s\nhttps://maps.google.com/?q=%s" % (label, coords.replace(" ", ""))
    return text


def parse_message(message):
    if not isinstance(message, dict):
        raise ValueError("not an object")
    message_id = _text(message.get("id") or message.get("msgid")).strip()
    if not message_id:
        raise ValueError("no id")
    number, private = chat_id(message.get("number") or message.get("chatId"))
    if message.get("chat_type") == "private":
        private = True
    raw_type = _text(message.get("type")).strip().lower() or "text"
    kind = MESSAGE_TYPES.get(raw_type, "unsupported")
    if "from_me" in message:
        from_me = message.get("from_me") in (True, 1, "true", "True", "1")
    else:
        from_me = message_id.startswith("true_")
    text = _text(message.get("txt") if message.get("txt") is not None
                 else message.get("text"))
    if kind == "location":
        text = _location_text(message)
    if kind == "unsupported" and not text:
        text = "(%s)" % raw_type
    url = _text(message.get("url")).strip() or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    if kind in MEDIA_TYPES and not url and not text:
        raise ValueError("media message without url")
    return GatewayMessage(
        message_id=message_id, number=number, private=private, from_me=from_me,
        type=kind, text=text, name=_text(message.get("name")).strip() or None,
        timestamp=_timestamp(message.get("time")), url=url if kind in MEDIA_TYPES else None,
        filename=_text(message.get("filename")).strip() or None,
        quote_msg_id=_text(message.get("quote_msg_id")).strip() or None,
        raw_type=raw_type,
        external_id=_text(message.get("external_id")).strip() or None,
    )


def parse_event(event):
    if not isinstance(event, dict):
        raise ValueError("not an object")
    kind = _text(event.get("type")).strip().lower()
    message_id = _text(event.get("msgid") or event.get("id")).strip()
    if kind == "failed":
        if not message_id:
            raise ValueError("failed event without id")
        reason = _text(event.get("reason") or event.get("txt") or event.get("text"))
        return GatewayFailed(message_id, reason.strip() or "Failed")
    if kind == "deleted":
        if not message_id:
            raise ValueError("deleted event without id")
        return GatewayDeleted(message_id)
    if kind in ("phone-status", "phone_status", "status"):
        raw = _text(event.get("status") or event.get("txt")).strip().lower()
        state = PHONE_STATES.get(raw)
        if not state:
            raise ValueError("unknown phone status %r" % raw[:40])
        return GatewayPhoneStatus(state, _text(event.get("reason")).strip() or None)
    if kind in ("ack", "message-status"):
        state = ACK_STATES.get(_text(event.get("status")).strip().lower())
        if not message_id or not state:
            raise ValueError("ack event without id or known status")
        return GatewayAck(message_id, state)
    return None  # GupShup-only events (pending, opt_update) and unknown kinds


def parse_update(update):
    if not isinstance(update, dict):
        raise ValueError("not an object")
    number, private = chat_id(update.get("number"))
    image = _text(update.get("image_url") or update.get("image")).strip()
    if image and not image.lower().startswith(("http://", "https://")):
        image = ""  # an inline base64 avatar is not kept
    name = _text(update.get("name")).strip() or None
    return GatewayContactUpdate(number, private, name, image or None)


def envelope(raw_body):
    """The ``params`` object of a body (bytes or str)."""
    if isinstance(raw_body, bytes):
        try:
            raw_body = raw_body.decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookPayloadError("body is not UTF-8") from None
    try:
        data = json.loads(raw_body or "")
    except ValueError:
        raise WebhookPayloadError("body is not JSON") from None
    if not isinstance(data, dict):
        raise WebhookPayloadError("body is not a JSON object")
    params = data.get("params", data)
    if not isinstance(params, dict):
        raise WebhookPayloadError("params is not an object")
    keys = [k for k in ("messages", "events", "updates") if k in params]
    if not keys:
        raise WebhookPayloadError("no messages, events or updates")
    for key in keys:
        if params[key] is not None and not isinstance(params[key], list):
            raise WebhookPayloadError("%s is not a list" % key)
    if sum(len(params[k] or ()) for k in keys) > MAX_ITEMS:
        raise WebhookPayloadError("too many items")
    return params


def parse(raw_body):
    """``ParseResult`` of a webhook body; raises ``WebhookPayloadError``."""
    params = envelope(raw_body)
    items, item_errors = [], []
    for key, parser in (("messages", parse_message), ("events", parse_event),
                        ("updates", parse_update)):
        for index, entry in enumerate(params.get(key) or ()):
            try:
                item = parser(entry)
            except ValueError as error:
                item_errors.append(ItemError("%s[%d]" % (key, index), str(error)))
                continue
            if item is not None:
                items.append(item)
    return ParseResult(items, item_errors)
