# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Request bodies for Kolmeya and the mapping of the ``/sms/store`` answer.

``/sms/store`` body (reference §3.1)::

    {"messages": [{"phone": "5511987654321", "message": "...",
                   "reference": "<our id>"}],          # 1..1000 items
     "webhook_url": "https://...",                     # optional, per request
     "tenant_segment_id": 109,                         # optional cost centre
     "reference": "<batch id>",                        # optional
     "sms_api_id": 1}                                  # optional

Kolmeya does not validate the item schema (a wrong key gave a PHP "Undefined
array key" error), so everything is validated here before sending.

The answer lists messages in ``valids`` (with the Kolmeya message ``id``),
``invalids``, ``blacklist``, ``not_disturb`` and ``duplicates``. Items are
mapped back by our ``reference``; items without one (``blacklist`` and
``not_disturb`` carry only ``phone``) fall back to the first still-unmapped
message with the same number. Submitted messages found in no list are
reported with status ``missing``; answer items that match nothing are kept
in ``SendResult.unmatched``.
"""

from collections import OrderedDict, namedtuple

from .errors import KolmeyaBadResponse
from .phone import InvalidPhoneError, same_phone, to_kolmeya

MAX_BATCH = 1000

ACCEPTED = "accepted"
REJECTED = "rejected"
MISSING = "missing"
RESPONSE_LISTS = (
    ("valids", None),
    ("invalids", "invalid"),
    ("blacklist", "blacklist"),
    ("not_disturb", "not_disturb"),
    ("duplicates", "duplicate"),
)

OutboundMessage = namedtuple("OutboundMessage", "phone message reference")
OutboundMessage.__doc__ = (
    """One SMS to send: E.164 ``phone``, text, our unique ``reference``."""
)

SendOutcome = namedtuple(
    "SendOutcome", "reference status message_id reason detail phone raw"
)
SendOutcome.__doc__ = """Fate of one submitted message.

``status``: ``accepted`` | ``rejected`` | ``missing``; ``message_id``: Kolmeya
message UUID (accepted only, may be None if Kolmeya omitted it); ``reason``:
None | ``invalid`` | ``blacklist`` | ``not_disturb`` | ``duplicate``;
``detail``: provider error text (``invalids[].error``) or None; ``phone``: the
E.164 number we submitted; ``raw``: the answer item (None when missing).
"""


class PayloadBuildError(ValueError):
    """Our own input cannot be turned into a valid Kolmeya request."""


class SendResult(object):
    """Outcome of one ``/sms/store`` call, one :class:`SendOutcome` per reference."""

    def __init__(self, request_id, batch_reference, outcomes, unmatched, raw):
        self.request_id = request_id
        self.batch_reference = batch_reference
        self.outcomes = outcomes
        self.unmatched = unmatched
        self.raw = raw
        self.rate_limit = None

    def _with_status(self, status):
        return [o for o in self.outcomes.values() if o.status == status]

    @property
    def accepted(self):
        return self._with_status(ACCEPTED)

    @property
    def rejected(self):
        return self._with_status(REJECTED)

    @property
    def missing(self):
        return self._with_status(MISSING)


def chunk(items, size=MAX_BATCH):
    """Yield consecutive lists of at most ``size`` items."""
    if size < 1:
        raise ValueError("chunk size must be positive")
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _message_item(message):
    phone, text, reference = message
    if not isinstance(reference, str) or not reference.strip():
        raise PayloadBuildError("every message needs a non-empty string reference")
    if not isinstance(text, str) or not text.strip():
        raise PayloadBuildError("message %s has an empty text" % reference)
    try:
        kolmeya_phone = to_kolmeya(phone)
    except InvalidPhoneError as exc:
        raise PayloadBuildError("message %s: %s" % (reference, exc)) from None
    return {"phone": kolmeya_phone, "message": text, "reference": reference}


def _positive_int(value, label):
    if isinstance(value, bool):
        raise PayloadBuildError("%s must be an integer id" % label)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise PayloadBuildError("%s must be an integer id" % label) from None
    if number < 0 or str(number) != str(value).strip():
        raise PayloadBuildError("%s must be an integer id" % label)
    return number


def build_store_body(
    messages, webhook_url=None, cost_centre=None, batch_reference=None, sms_api_id=None
):
    """Return the ``/sms/store`` JSON body for 1..1000 :class:`OutboundMessage`."""
    messages = [OutboundMessage(*m) for m in messages]
    if not 1 <= len(messages) <= MAX_BATCH:
        raise PayloadBuildError("a batch holds 1 to %d messages" % MAX_BATCH)
    items = [_message_item(m) for m in messages]
    if len({item["reference"] for item in items}) != len(items):
        raise PayloadBuildError("message references must be unique in a batch")
    body = {"messages": items}
    if webhook_url:
        if not webhook_url.startswith(("https://", "http://")):
            raise PayloadBuildError("webhook URL must be an http(s) URL")
        body["webhook_url"] = webhook_url
    if cost_centre not in (None, ""):
        body["tenant_segment_id"] = _positive_int(cost_centre, "cost centre")
    if batch_reference:
        body["reference"] = str(batch_reference)
    if sms_api_id not in (None, ""):
        body["sms_api_id"] = _positive_int(sms_api_id, "SMS API")
    return body


def build_blacklist_body(phones):
    """``{"phones": [{"phone": "55..."}]}`` for 1..1000 E.164 numbers."""
    phones = list(phones)
    if not 1 <= len(phones) <= MAX_BATCH:
        raise PayloadBuildError("a blacklist request holds 1 to %d phones" % MAX_BATCH)
    try:
        return {"phones": [{"phone": to_kolmeya(p, mobile_only=False)} for p in phones]}
    except InvalidPhoneError as exc:
        raise PayloadBuildError(str(exc)) from None


def as_list(value):
    """Accept a list, a single object or a PHP index-keyed object as a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        if value and all(str(key).isdigit() for key in value):
            return [value[key] for key in sorted(value, key=int)]
        return [value] if value else []
    return [value]


def _item_field(item, key):
    if isinstance(item, dict):
        value = item.get(key)
    else:
        value = item if key == "phone" else None
    return None if value is None or value == "" else value


def _claim(item, pending):
    """Pop and return the pending message that ``item`` describes, or None."""
    reference = _item_field(item, "reference")
    if reference is not None:
        return pending.pop(str(reference), None)
    phone = _item_field(item, "phone")
    if phone is None:
        return None
    match = next((r for r, m in pending.items() if same_phone(phone, m.phone)), None)
    return None if match is None else pending.pop(match)


def _outcome(message, item, reason):
    if reason is None:
        message_id = _item_field(item, "id")
        return SendOutcome(
            message.reference,
            ACCEPTED,
            None if message_id is None else str(message_id),
            None,
            None,
            message.phone,
            item,
        )
    detail = _item_field(item, "error") or _item_field(item, "reason")
    return SendOutcome(
        message.reference,
        REJECTED,
        None,
        reason,
        None if detail is None else str(detail),
        message.phone,
        item,
    )


def parse_store_response(body, messages):
    """Map a ``/sms/store`` answer onto the submitted messages -> :class:`SendResult`."""
    if not isinstance(body, dict):
        raise KolmeyaBadResponse(
            "Kolmeya send answer is not a JSON object", outcome_unknown=True
        )
    messages = [OutboundMessage(*m) for m in messages]
    pending = OrderedDict((m.reference, m) for m in messages)
    found = {}
    unmatched = []
    for key, reason in RESPONSE_LISTS:
        for item in as_list(body.get(key)):
            message = _claim(item, pending)
            if message is None:
                unmatched.append((key, item))
            else:
                found[message.reference] = _outcome(message, item, reason)
    outcomes = OrderedDict()
    for message in messages:
        outcomes[message.reference] = found.get(message.reference) or SendOutcome(
            message.reference, MISSING, None, None, None, message.phone, None
        )
    request_id = body.get("id")
    return SendResult(
        None if request_id is None else str(request_id),
        body.get("reference"),
        outcomes,
        unmatched,
        body,
    )
