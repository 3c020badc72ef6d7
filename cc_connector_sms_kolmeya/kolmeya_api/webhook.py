# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tolerant parsers for Kolmeya status and reply (MO) data.

No real Kolmeya callback was ever captured (reference §5), so every shape the
reference lists is accepted. Status: the documented request shape
``{"id", "reference", "messages": [...]}`` (also the ``/sms/status/request``
answer) and every flat shape; a flat body with ``status_message`` but no
``status_code``/``phone`` is a request-level homologation rejection
(``scope == "request"``). Replies: ``{"reply": {...}}``, ``/sms/replys`` and
``/sms/replys-web`` items, a Laravel page ``{"data": [...]}`` and the flat
shapes. A body that is not strict JSON (invalid UTF-8, NaN, nested too
deeply), of an undocumented shape (a status body that is a top-level array,
or whose ``messages`` is not a list), with a field of the wrong JSON type or
(single object) missing required keys raises :class:`KolmeyaPayloadError`;
in a list, bad items go to ``ParseResult.errors`` and the good ones are still
returned.

Timestamps: naive datetimes are Kolmeya's clock (no offset is ever sent;
believed to be America/Sao_Paulo), aware ones carried an explicit offset;
unparseable values give None (the text stays in ``raw``).
"""

import hashlib
import json
import re
import unicodedata
from collections import namedtuple
from datetime import datetime

from .errors import KolmeyaPayloadError
from .payloads import as_list
from .phone import InvalidPhoneError, from_kolmeya

# Kolmeya delivery codes 1-6 (reference §4), in order
STATE_NAMES = ("sending", "sent", "delivered", "failed", "rejected", "expired")
STATES = {code: name for code, name in enumerate(STATE_NAMES, 1)}
FINAL_CODES = frozenset((3, 4, 5, 6))
# Checked in order with startswith on accent-free lower-case text, so
# "nao entregue" must come before "entregue".
_TEXT_CODES = tuple(
    (prefix, code)
    for code, prefixes in (
        (4, "nao entregue|not delivered|undelivered|failed|falha|erro|error"),
        (3, "entregue|delivered"),
        (2, "enviado|sent"),
        (1, "tentando|enviando|trying|sending"),
        (5, "rejeitad|rejected"),
        (6, "expirad|expired"),
    )
    for prefix in prefixes.split("|")
)
_DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_STATUS_TIME_KEYS = ("delivered_at", "updated_at", "status_at", "date", "data")
_REPLY_TIME_KEYS = ("received_at", "data", "date", "created_at")

StatusItem = namedtuple(
    "StatusItem",
    "message_id reference code state phone timestamp raw event_id request_id scope detail",
)
ReplyItem = namedtuple(
    "ReplyItem",
    "reply_id synthetic_id message_id reference phone text received_at raw request_id",
)
ItemError = namedtuple("ItemError", "index message raw")
StatusItem.__doc__ = """One status event. ``code`` 1-6 and ``state`` (see STATES);
``message_id`` Kolmeya message UUID or None; ``reference`` our message
reference (batch reference when ``scope == "request"``: the event then
concerns every message of request ``request_id``); ``phone`` E.164 or
None; ``timestamp`` datetime or None; ``event_id`` stable de-duplication key
(sha1 of message id or reference, code and raw timestamp); ``request_id``
Kolmeya request UUID when known; ``scope`` ``"message"`` or ``"request"``;
``detail`` provider error text or None; ``raw`` the source dict."""
ReplyItem.__doc__ = """One inbound reply. ``reply_id`` Kolmeya reply id (str) or,
when absent, ``"syn-" + sha1(message id, phone, text, date)`` with
``synthetic_id`` True; ``message_id``/``reference`` identify the original
outbound SMS; ``phone`` E.164 or None; ``text`` the customer's reply;
``received_at`` datetime or None; ``request_id`` request UUID or web job id."""
ItemError.__doc__ = """A list entry that could not be parsed: position, reason, raw."""


class ParseResult(object):
    """Parsed ``items`` plus per-item ``errors``; iterates over the items.

    ``truncated`` is True when a paginated read stopped before the end.
    """

    def __init__(self, items=None, errors=None):
        self.items = list(items or [])
        self.errors = list(errors or [])
        self.truncated = False

    def extend(self, other, offset=0):
        """Append another result, shifting its error indexes by ``offset``."""
        self.items.extend(other.items)
        self.errors.extend(
            ItemError(offset + e.index, e.message, e.raw) for e in other.errors
        )

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


class _BadItem(Exception):
    pass


def normalise_text(text):
    """Lower-case, accent-free, single-spaced version of ``text``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def parse_datetime(value):
    """Kolmeya date text -> datetime (naive unless an offset is given) or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(re.sub(r"Z$", "+00:00", text))
    except ValueError:
        return None


def _load(body):
    if isinstance(body, (bytes, bytearray)):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise KolmeyaPayloadError("payload is not UTF-8 text") from None
    if isinstance(body, str):
        try:
            body = json.loads(body, parse_constant=_no_constant)
        except RecursionError:
            raise KolmeyaPayloadError("payload is nested too deeply") from None
        except ValueError:
            raise KolmeyaPayloadError("payload is not valid JSON") from None
    if not isinstance(body, (dict, list)):
        raise KolmeyaPayloadError("payload must be a JSON object or array")
    return body


def _no_constant(name):
    raise ValueError("%s is not a JSON number" % name)


def _clean(value):
    """An identifier or text field as a string (None when empty); a field of
    another JSON type (object, list, boolean) makes the item malformed."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _BadItem("field of the wrong type: %s" % type(value).__name__)
    return str(value)


def _first(item, keys):
    for key in keys:
        if item.get(key) not in (None, ""):
            return item[key]
    return None


def _phone(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _BadItem("phone of the wrong type: %s" % type(value).__name__)
    try:
        return from_kolmeya(value)
    except InvalidPhoneError:
        return None


def _digest(*parts):
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def _code(item):
    """Status code 1-6 from ``status_code``, a digit ``status`` or its text."""
    raw = item.get("status_code")
    if raw in (None, ""):
        raw = item.get("status")
    if isinstance(raw, bool) or raw in (None, ""):
        raise _BadItem("missing status_code/status")
    if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
        code = int(raw)
        if code not in STATES:
            raise _BadItem("unknown status code %s" % code)
        return code
    if isinstance(raw, str):
        text = normalise_text(raw)
        for prefix, code in _TEXT_CODES:
            if text.startswith(prefix):
                return code
    raise _BadItem("unknown status %r" % (raw,))


def _detail(item):
    parts = [_clean(item.get(key)) for key in ("error_code", "error_message")]
    detail = ": ".join(part for part in parts if part)
    return _clean(item.get("status_message")) or detail or None


def _status_item(item, request_id=None, nested=False):
    """One status entry; ``nested`` entries come from a request's ``messages``."""
    if not isinstance(item, dict):
        raise _BadItem("status item must be an object")
    code = _code(item)
    is_request = not nested and (
        "status_message" in item and "status_code" not in item and "phone" not in item
    )
    if is_request:
        request_id, message_id = _clean(item.get("id")), None
    else:
        message_id = _clean(_first(item, ("id", "message_id")))
    reference = _clean(_first(item, ("reference", "reference_id")))
    if not (message_id or reference or (is_request and request_id)):
        raise _BadItem("status item has no id or reference")
    stamp = _first(item, _STATUS_TIME_KEYS)
    key = message_id or ("ref:%s" % reference if reference else "req:%s" % request_id)
    return StatusItem(
        message_id,
        reference,
        code,
        STATES[code],
        _phone(item.get("phone")),
        parse_datetime(stamp),
        item,
        _digest("status", key, code, stamp),
        request_id,
        "request" if is_request else "message",
        _detail(item),
    )


def _collect(entries, parse_one, **kwargs):
    result = ParseResult()
    for index, entry in enumerate(entries):
        try:
            result.items.append(parse_one(entry, **kwargs))
        except _BadItem as exc:
            result.errors.append(ItemError(index, str(exc), entry))
    return result


def _single(entry, parse_one, what):
    try:
        return ParseResult([parse_one(entry)])
    except _BadItem as exc:
        raise KolmeyaPayloadError("invalid %s payload: %s" % (what, exc)) from None


def parse_status(body):
    """Parse a status callback (bytes, str or dict) -> ParseResult[StatusItem].

    Only the documented shapes (reference §5.1): one object, flat or with a
    ``messages`` list. A top-level array or ``messages`` of another type is
    refused: it is no shape Kolmeya documents."""
    data = _load(body)
    if isinstance(data, list):
        raise KolmeyaPayloadError("status payload must be a JSON object, not an array")
    if "messages" in data:
        if not isinstance(data["messages"], list):
            raise KolmeyaPayloadError("status payload 'messages' must be a list")
        entries = data["messages"]
        try:
            request_id = _clean(data.get("id"))
        except _BadItem as exc:
            raise KolmeyaPayloadError("invalid status payload: %s" % exc) from None
        return _collect(entries, _status_item, request_id=request_id, nested=True)
    return _single(data, _status_item, "status")


def _reply_text(inner):
    """The customer's text: ``reply`` when that key exists (then ``message`` is
    the original SMS, as in ``/sms/replys-web``), else the flat ``message``."""
    key = "reply" if "reply" in inner else "message"
    if not isinstance(inner.get(key), str):
        raise _BadItem("reply item has no reply text")
    return inner[key]


def _reply_item(item):
    if not isinstance(item, dict):
        raise _BadItem("reply item must be an object")
    inner = item["reply"] if isinstance(item.get("reply"), dict) else item
    text = _reply_text(inner)
    original = inner.get("message") if isinstance(inner.get("message"), dict) else {}
    request = inner.get("request") if isinstance(inner.get("request"), dict) else {}
    message_id = _clean(_first(original, ("id",)))
    message_id = message_id or _clean(
        _first(inner, ("original_message_id", "message_id"))
    )
    reference = _clean(_first(original, ("reference",)) or inner.get("reference"))
    phone = _phone(_first(original, ("phone", "to")) or inner.get("phone"))
    if not (message_id or reference or phone):
        raise _BadItem("reply item has no message id, reference or valid phone")
    stamp = _first(inner, _REPLY_TIME_KEYS)
    reply_id = _clean(inner.get("id"))
    request_id = _clean(request.get("id") or _first(inner, ("job_id", "job")))
    return ReplyItem(
        reply_id or "syn-" + _digest("reply", message_id, phone, text, stamp),
        reply_id is None,
        message_id,
        reference,
        phone,
        text,
        parse_datetime(stamp),
        item,
        request_id,
    )


def parse_reply(body):
    """Parse a reply callback or poll page -> ParseResult[ReplyItem].

    Only objects (reference §5.2, and a page ``{"data": [...]}``): a
    top-level array is no documented shape and is refused."""
    data = _load(body)
    if isinstance(data, list):
        raise KolmeyaPayloadError("reply payload must be a JSON object, not an array")
    if isinstance(data.get("data"), (list, dict)):
        return _collect(as_list(data["data"]), _reply_item)
    return _single(data, _reply_item, "reply")


def detect_kind(body):
    """Guess whether a callback is a ``"status"`` or a ``"reply"`` (or None)."""
    data = _load(body)
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if isinstance(data, list):
        data = next((entry for entry in data if isinstance(entry, dict)), {})
    if "reply" in data:
        return "reply"
    if "messages" in data or "status_code" in data or "status" in data:
        return "status"
    if "message" in data and ("phone" in data or "reference" in data):
        return "reply"
    return None
