# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom numbers -> cc_core customer addresses, and who is the same customer.

ChatRoom stores ``number`` as the digits of an international number without
``+`` (``conv_type`` ``normal``) or a raw chat id such as ``...@l.us``
(``private``). cc_core identifies a customer on a connector by
``address_key`` (9th-digit aware, ``cc_core/services/phone.py``). Several
ChatRoom conversations of one connector can therefore become one cc_core
conversation: that is a *merge group*.
"""
import re
from collections import namedtuple
from datetime import datetime

from .cc_services import phone

MappedAddress = namedtuple("MappedAddress", "address key is_phone problem")

# Why two ChatRoom conversations share one cc_core conversation.
MERGE_NINTH_DIGIT = "ninth_digit"
MERGE_SAME_NUMBER = "same_number"

PROBLEM_NOT_A_NUMBER = "not_a_number"


def map_address(number, conv_type="normal"):
    """The cc_core address of a ChatRoom conversation number.

    ``problem`` is ``None``, or ``"not_a_number"`` when a ``normal``
    conversation's number fails normalisation (it is then kept as received,
    like cc_core keeps any address that is not a phone number).
    """
    raw = (number or "").strip()
    if not raw:
        raise ValueError("empty ChatRoom number")
    if conv_type == "private":
        return MappedAddress(raw, raw, False, None)
    digits = re.sub(r"\D", "", raw)
    e164 = phone.to_e164("+" + digits) if digits and not _has_letters(raw) else None
    if e164:
        return MappedAddress(e164, phone.ninth_digit_key(e164), True, None)
    return MappedAddress(raw, raw, False, PROBLEM_NOT_A_NUMBER)


def _has_letters(raw):
    return bool(re.search(r"[^\d\s()+\-./]", raw))


def merge_reason(addresses):
    """Why these addresses (one merge group) were merged, or None for one."""
    if len(addresses) < 2:
        return None
    spellings = set(addresses)
    if len(spellings) > 1 and all(
        set(phone.ninth_digit_variants(a)) & spellings == spellings for a in spellings
    ):
        return MERGE_NINTH_DIGIT
    return MERGE_SAME_NUMBER


def _recency(row):
    activity = row["last_activity"]
    return (activity is not None, activity or datetime.min, row["id"])


def group_conversations(rows, address_of):
    """Group ChatRoom conversations that are the same cc_core customer.

    ``rows``: dicts with ``id``, ``connector_id``, ``last_activity``;
    ``address_of(row)`` returns its :class:`MappedAddress`. Returns a list of
    groups ``{"key": (connector_id, address_key), "members": [rows],
    "primary": row}`` in the order of the groups' first member id. The primary
    member (whose state, agent, stage... the cc_core conversation takes) is
    the one with the most recent activity, then the highest id.
    """
    groups = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        key = (row["connector_id"], address_of(row).key)
        groups.setdefault(key, []).append(row)
    result = []
    for key, members in groups.items():
        primary = max(members, key=_recency)
        result.append({"key": key, "members": members, "primary": primary})
    return result
