# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Brazilian 9th-digit helpers for WhatsApp ids.

Brazil added a leading ``9`` to mobile numbers (55 + DDD + 9 + 8 digits),
but many WhatsApp accounts were registered before that, so their ``wa_id``
has 12 digits while the CRM stores 13. There is no reliable DDD rule; the
practice we follow:

* keep ``wa_id`` exactly as Meta sends it (use it for replies);
* match contacts over the candidates {as received, with 9, without 9};
* insert the 9 only for ``55`` + DDD + an 8-digit subscriber number starting
  with 6-9 (mobile); landlines (subscriber starting 2-5) never get a 9;
* drop the 9 only when the 8 digits after it start with 6-9, so both
  directions are exact inverses.
"""
import re

BR_PREFIX = "55"
_MOBILE_FIRST = "6789"
_NON_DIGITS = re.compile(r"[\s()+.\-]")


def digits(value):
    """Digits of a wa_id/phone (drops ``+``, spaces, dots, dashes, brackets).

    Returns "" when anything else remains (e.g. a BSUID like ``BR.123``
    contains letters), so callers never mistake it for a phone number.
    """
    if not value:
        return ""
    cleaned = _NON_DIGITS.sub("", str(value))
    return cleaned if cleaned.isdigit() else ""


def _valid_ddd(ddd):
    """Brazilian area codes are 11-99 with no zero digit."""
    return len(ddd) == 2 and "0" not in ddd


def with_ninth_digit(wa_id):
    """13-digit form of a 12-digit BR mobile wa_id, or None if not applicable."""
    number = digits(wa_id)
    if len(number) != 12 or not number.startswith(BR_PREFIX):
        return None
    ddd, subscriber = number[2:4], number[4:]
    if not _valid_ddd(ddd) or subscriber[0] not in _MOBILE_FIRST:
        return None
    return BR_PREFIX + ddd + "9" + subscriber


def without_ninth_digit(wa_id):
    """12-digit form of a 13-digit BR mobile number, or None if not applicable."""
    number = digits(wa_id)
    if len(number) != 13 or not number.startswith(BR_PREFIX):
        return None
    ddd, ninth, subscriber = number[2:4], number[4], number[5:]
    if not _valid_ddd(ddd) or ninth != "9" or subscriber[0] not in _MOBILE_FIRST:
        return None
    return BR_PREFIX + ddd + subscriber


def wa_id_candidates(wa_id):
    """Ordered, de-duplicated ids to match: [as received, with 9, without 9].

    Only the forms that apply are returned (digits only); a non-Brazilian id
    or a landline yields just itself; an empty/non-numeric value yields [].
    """
    number = digits(wa_id)
    if not number:
        return []
    result = [number]
    for variant in (with_ninth_digit(number), without_ninth_digit(number)):
        if variant and variant not in result:
            result.append(variant)
    return result


def wa_id_to_e164(wa_id):
    """E.164 phone (``+`` and digits) for a wa_id, or None if it is no phone.

    Brazilian 12-digit mobile ids are expanded to the current 13-digit
    number, so the stored phone is the one people dial today.
    """
    number = digits(wa_id)
    if not 8 <= len(number) <= 15:
        return None
    return "+" + (with_ninth_digit(number) or number)
