# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Webhook handshake and payload parsing.

``parse`` turns the raw POST body into plain dataclasses. Only a body that
is not a WhatsApp webhook at all raises ``WebhookPayloadError``; one bad
message among good ones becomes an ``ItemError`` and the rest still parse,
so a single odd item never makes Meta retry (and duplicate) the whole batch.

Meta redelivers on any non-2xx and may deliver twice anyway: ``event_id`` is
the wamid for messages and ``wamid:status`` for statuses, stable across
deliveries, so callers deduplicate on it. Timestamps are naive UTC
datetimes (what Odoo stores).
"""
import datetime
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any, List, NamedTuple, Optional

KNOWN_TYPES = (
    "text image audio video document sticker location contacts interactive "
    "button reaction unsupported"
).split()
MEDIA_TYPES = ("image", "audio", "video", "document", "sticker")
# A wa_id: the customer's number as digits (Meta never sends anything else).
WA_ID_PATTERN = re.compile(r"^\+?[0-9]{5,20}$")


class WebhookPayloadError(ValueError):
    """The body is not a WhatsApp Business Account webhook at all."""


class ErrorInfo(NamedTuple):
    """One Meta error: numeric code, short title, most detailed text."""

    code: Optional[int]
    title: str
    message: str


@dataclass
class MediaInfo:
    """Media reference of an inbound message; download it with the client."""

    id: str
    mime_type: Optional[str] = None
    sha256: Optional[str] = None
    filename: Optional[str] = None
    caption: Optional[str] = None
    voice: bool = False
    animated: bool = False


@dataclass
class InboundMessage:
    """A message a user sent; ``type`` is normalised, ``raw_type`` is Meta's."""

    wamid: str
    phone_number_id: str
    wa_id: Optional[str]
    bsuid: Optional[str]
    profile_name: Optional[str]
    timestamp: datetime.datetime
    type: str
    text: str = ""
    media: Optional[MediaInfo] = None
    context_wamid: Optional[str] = None
    raw: dict = field(default_factory=dict)
    raw_type: str = ""
    username: Optional[str] = None
    display_phone_number: Optional[str] = None
    waba_id: Optional[str] = None
    reply_id: Optional[str] = None
    reply_title: Optional[str] = None
    button_payload: Optional[str] = None
    reaction_to: Optional[str] = None
    errors: List[ErrorInfo] = field(default_factory=list)

    @property
    def event_id(self):
        """Deduplication key: the wamid itself."""
        return self.wamid


@dataclass
class StatusUpdate:
    """Delivery status of a message we sent (sent/delivered/read/failed...)."""

    wamid: str
    status: str
    timestamp: datetime.datetime
    recipient_id: Optional[str]
    errors: List[ErrorInfo] = field(default_factory=list)
    pricing: Optional[dict] = None
    conversation: Optional[dict] = None
    phone_number_id: Optional[str] = None
    waba_id: Optional[str] = None
    recipient_bsuid: Optional[str] = None
    raw: dict = field(default_factory=dict)
    event_id: str = field(init=False)

    def __post_init__(self):
        self.event_id = "%s:%s" % (self.wamid, self.status)


@dataclass
class ItemError:
    """An item that could not be parsed; ``location`` is its JSON path."""

    location: str
    reason: str
    raw: Any = None


@dataclass
class ParseResult:
    """Parsed items, per-item errors, ignored changes and Meta-level errors."""

    items: list = field(default_factory=list)
    errors: List[ItemError] = field(default_factory=list)
    ignored: List[dict] = field(default_factory=list)
    meta_errors: List[ErrorInfo] = field(default_factory=list)


def _first(value):
    """Query values may arrive as lists (multi-dicts); take the first."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def verify_handshake(query, verify_token):
    """Challenge to echo (HTTP 200, plain text) or None (answer 403)."""
    mode = _first(query.get("hub.mode"))
    token = _first(query.get("hub.verify_token"))
    challenge = _first(query.get("hub.challenge"))
    if not verify_token or mode != "subscribe" or not token or not challenge:
        return None
    if not hmac.compare_digest(token.encode("utf-8"), verify_token.encode("utf-8")):
        return None
    return challenge


def _opt_str(obj, key):
    """An optional string field: the string, None when absent or null, and
    ValueError when it has another JSON type (a number, a list...)."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("%r is not a string" % key)
    return value


def _opt_dict(obj, key):
    """An optional object field ({} when absent); ValueError for another type."""
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("%r is not an object" % key)
    return value


def error_info(error):
    """``ErrorInfo`` from a Meta error dict (message = details when given)."""
    data = error.get("error_data") if isinstance(error.get("error_data"), dict) else {}
    code = error.get("code")
    code = int(code) if isinstance(code, (int, str)) and str(code).isdigit() else None
    title = str(error.get("title") or error.get("message") or "")
    message = data.get("details") or error.get("message") or title
    return ErrorInfo(code, title, str(message))


def _errors(obj):
    """ErrorInfo list from an object's optional ``errors`` array."""
    items = obj.get("errors") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        return []
    return [error_info(e) for e in items if isinstance(e, dict)]


def _timestamp(value):
    """Unix seconds (string or int) -> naive UTC datetime."""
    if not isinstance(value, (str, int)) or isinstance(value, bool) or \
            not str(value).strip().isdigit() or len(str(value).strip()) > 12:
        raise ValueError("missing or invalid timestamp")
    try:
        moment = datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ValueError("timestamp out of range") from None
    return moment.replace(tzinfo=None)


def _required(obj, key):
    """A non-empty string field or ValueError."""
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError("missing %r" % key)
    return value


def _location_text(obj):
    """'Name — Address (lat, lon)' from a location object."""
    for key in ("latitude", "longitude"):
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("location without numeric %s" % key)
    label = " — ".join(_opt_str(obj, k) for k in ("name", "address") if obj.get(k))
    coords = "(%s, %s)" % (obj["latitude"], obj["longitude"])
    return "%s %s" % (label, coords) if label else coords


def _contact_text(card):
    """'Formatted Name: phone, phone' for one shared vCard."""
    name = card.get("name") if isinstance(card.get("name"), dict) else {}
    label = name.get("formatted_name") or " ".join(
        filter(None, [name.get("first_name"), name.get("last_name")])
    )
    phones = [p.get("phone") for p in card.get("phones") or [] if p.get("phone")]
    if phones:
        return "%s: %s" % (label or "?", ", ".join(phones))
    return label or "?"


def _interactive(obj):
    """(text, reply id, reply title) of a button/list/flow reply."""
    kind = _opt_str(obj, "type")
    reply = _opt_dict(obj, kind) if kind else {}
    if kind in ("button_reply", "list_reply"):
        title = _opt_str(reply, "title") or ""
        return title, _opt_str(reply, "id"), title or None
    return _opt_str(reply, "body") or "", None, None


def _media(kind, obj):
    """MediaInfo from a media object; the id is mandatory."""
    return MediaInfo(
        id=_required(obj, "id"),
        mime_type=_opt_str(obj, "mime_type"),
        sha256=_opt_str(obj, "sha256"),
        filename=_opt_str(obj, "filename") if kind == "document" else None,
        caption=_opt_str(obj, "caption"),
        voice=obj.get("voice") is True,
        animated=obj.get("animated") is True,
    )


def _content(kind, obj, message):
    """Fill text/media/reply fields of ``message`` from the type object."""
    if kind != "unsupported" and not isinstance(obj, (dict, list)):
        raise ValueError("%s message without its %r object" % (kind, kind))
    if kind == "text":
        message.text = _opt_str(obj, "body") or ""
    elif kind in MEDIA_TYPES:
        message.media = _media(kind, obj)
        message.text = message.media.caption or ""
    elif kind == "location":
        message.text = _location_text(obj)
    elif kind == "contacts":
        message.text = "; ".join(_contact_text(c) for c in obj if isinstance(c, dict))
    elif kind == "interactive":
        message.text, message.reply_id, message.reply_title = _interactive(obj)
    elif kind == "button":
        payload = _opt_str(obj, "payload")
        message.text = _opt_str(obj, "text") or payload or ""
        message.reply_id = message.button_payload = payload
    elif kind == "reaction":
        message.text = _opt_str(obj, "emoji") or ""  # empty: reaction removed
        message.reaction_to = _required(obj, "message_id")
    elif isinstance(obj, dict) and isinstance(obj.get("body"), str):
        message.text = obj["body"]


def _find_contact(contacts, wa_id, user_id):
    """The ``contacts[]`` entry of the sender (by wa_id, user_id, or sole one)."""
    for contact in contacts:
        if (wa_id and contact.get("wa_id") == wa_id) or (
            user_id and contact.get("user_id") == user_id
        ):
            return contact
    if len(contacts) == 1 and not (wa_id and contacts[0].get("wa_id")):
        return contacts[0]
    return {}


def _message(msg, meta, contacts):
    """One ``value.messages[]`` item -> InboundMessage."""
    wa_id = _opt_str(msg, "from") or None
    if wa_id and not WA_ID_PATTERN.match(wa_id):
        raise ValueError("'from' is not a WhatsApp number")
    contact = _find_contact(contacts, wa_id, _opt_str(msg, "from_user_id"))
    bsuid = _opt_str(msg, "from_user_id") or _opt_str(msg, "user_id") or \
        _opt_str(contact, "user_id")
    contact_wa_id = _opt_str(contact, "wa_id")
    if contact_wa_id and not WA_ID_PATTERN.match(contact_wa_id):
        raise ValueError("contact 'wa_id' is not a WhatsApp number")
    if not wa_id and not bsuid:
        raise ValueError("message has neither 'from' nor a user id")
    profile = _opt_dict(contact, "profile")
    raw_type = _opt_str(msg, "type") or ""
    kind = raw_type if raw_type in KNOWN_TYPES else "unsupported"
    context = _opt_dict(msg, "context")
    message = InboundMessage(
        wamid=_required(msg, "id"),
        phone_number_id=meta["phone_number_id"],
        wa_id=wa_id or contact_wa_id or None,
        bsuid=bsuid or None,
        profile_name=_opt_str(profile, "name"),
        timestamp=_timestamp(msg.get("timestamp")),
        type=kind,
        context_wamid=_opt_str(context, "id"),
        raw=msg,
        raw_type=raw_type,
        username=_opt_str(profile, "username") or _opt_str(contact, "username"),
        display_phone_number=meta.get("display_phone_number"),
        waba_id=meta.get("waba_id"),
        errors=_errors(msg),
    )
    _content(kind, msg.get(raw_type), message)
    return message


def _status(st, meta, _contacts):
    """One ``value.statuses[]`` item -> StatusUpdate."""
    pricing, conversation = st.get("pricing"), st.get("conversation")
    return StatusUpdate(
        wamid=_required(st, "id"),
        status=_required(st, "status").lower(),
        timestamp=_timestamp(st.get("timestamp")),
        recipient_id=_opt_str(st, "recipient_id"),
        errors=_errors(st),
        pricing=pricing if isinstance(pricing, dict) else None,
        conversation=conversation if isinstance(conversation, dict) else None,
        phone_number_id=meta["phone_number_id"],
        waba_id=meta.get("waba_id"),
        recipient_bsuid=_opt_str(st, "recipient_user_id"),
        raw=st,
    )


def _parse_items(value, meta, location, result):
    """Parse messages and statuses of one change, isolating each item."""
    contacts = value.get("contacts")
    if contacts is not None and not isinstance(contacts, list):
        result.errors.append(ItemError(location + ".contacts", "not a list", contacts))
        return
    contacts = [c for c in contacts or [] if isinstance(c, dict)]
    for key, builder in (("messages", _message), ("statuses", _status)):
        items = value.get(key)
        items = [] if items is None else items
        if not isinstance(items, list):
            result.errors.append(ItemError("%s.%s" % (location, key), "not a list"))
            continue
        for index, item in enumerate(items):
            where = "%s.%s[%d]" % (location, key, index)
            try:
                if not isinstance(item, dict):
                    raise ValueError("not an object")
                result.items.append(builder(item, meta, contacts))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                result.errors.append(ItemError(where, str(exc), item))


def _parse_change(waba_id, change, location, result):
    """One ``entry[].changes[]`` item: messages field parsed, others ignored."""
    if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
        result.errors.append(ItemError(location, "change without a value", change))
        return
    if change.get("field") != "messages":
        result.ignored.append({"waba_id": waba_id, "field": change.get("field")})
        return
    value = change["value"]
    meta = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
    if not isinstance(meta.get("phone_number_id"), (str, int)) or \
            isinstance(meta.get("phone_number_id"), bool) or not meta["phone_number_id"]:
        result.errors.append(ItemError(location, "no metadata.phone_number_id", value))
        return
    meta = dict(meta, phone_number_id=str(meta["phone_number_id"]), waba_id=waba_id)
    result.meta_errors.extend(_errors(value))
    _parse_items(value, meta, location + ".value", result)


def _load(raw_body):
    """Decode and shape-check the envelope or raise WebhookPayloadError."""
    if isinstance(raw_body, (bytes, bytearray, memoryview)):
        try:
            raw_body = bytes(raw_body).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WebhookPayloadError("body is not UTF-8") from exc
    try:
        data = json.loads(raw_body, parse_constant=_no_constant)
    except RecursionError:
        raise WebhookPayloadError("body is nested too deeply") from None
    except (TypeError, ValueError) as exc:
        raise WebhookPayloadError("body is not JSON") from exc
    if not isinstance(data, dict):
        raise WebhookPayloadError("body is not a JSON object")
    if data.get("object") != "whatsapp_business_account":
        raise WebhookPayloadError("not a whatsapp_business_account webhook")
    if not isinstance(data.get("entry"), list):
        raise WebhookPayloadError("'entry' is not a list")
    return data


def _no_constant(name):
    raise ValueError("%s is not a JSON number" % name)


def parse(raw_body):
    """Parse a webhook POST body (bytes) into a ``ParseResult``."""
    result = ParseResult()
    for e_index, entry in enumerate(_load(raw_body)["entry"]):
        location = "entry[%d]" % e_index
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            result.errors.append(ItemError(location, "entry without changes", entry))
            continue
        waba_id = entry.get("id")
        if waba_id is not None and not isinstance(waba_id, (str, int)):
            result.errors.append(ItemError(location, "entry id is not a string", entry))
            continue
        waba_id = str(waba_id) if waba_id is not None else None
        for c_index, change in enumerate(changes):
            where = "%s.changes[%d]" % (location, c_index)
            _parse_change(waba_id, change, where, result)
    return result
