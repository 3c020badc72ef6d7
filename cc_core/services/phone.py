# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer address normalisation.

A customer address is what a provider calls the customer: usually a phone
number, sometimes something else (a WhatsApp business-scoped user id such as
``BR.1502576394655843``, a legacy private chat id such as ``5511...@l.us``).

* Phone numbers are normalised to E.164 with ``phonenumbers`` (default region
  BR). Possible-but-not-valid numbers are accepted: Brazilian mobiles
  registered on WhatsApp before the 9th digit (12 digits) fail strict
  validation but are real customers.
* Anything else is kept as received, stripped, and flagged ``is_phone=False``.
* ``address_key`` is the identity used to find "the same customer": for a
  Brazilian mobile it is the 13-digit form, so ``+55 11 9 8765-4321`` and
  ``+55 11 8765-4321`` share a key. Landlines (subscriber part starting 2-5)
  never get a 9, nor do numbers whose area code (DDD) contains a 0 (no
  Brazilian DDD does).
"""
import re
from collections import namedtuple

import phonenumbers

DEFAULT_REGION = "BR"

Address = namedtuple("Address", "address key is_phone")

_BR_MOBILE_WITHOUT_9 = re.compile(r"^\+55([1-9]{2})([6-9]\d{7})$")
_BR_MOBILE_WITH_9 = re.compile(r"^\+55([1-9]{2})9([6-9]\d{7})$")
_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)
_PHONE_CHARS = re.compile(r"^[\d\s()+\-./]+$")


def to_e164(raw, region=DEFAULT_REGION):
    """Return ``raw`` as an E.164 string, or ``None`` when it is not a phone number."""
    if not raw:
        return None
    text = str(raw).strip()
    if not _PHONE_CHARS.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) < 8 or len(digits) > 15:
        return None
    if not text.startswith("+") and digits.startswith("55") and len(digits) >= 12:
        # Providers (WhatsApp wa_id, Kolmeya) send country code without "+".
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def ninth_digit_key(e164):
    """Canonical identity of an E.164 number (13-digit form of BR mobiles)."""
    match = _BR_MOBILE_WITHOUT_9.match(e164 or "")
    if match:
        return "+55%s9%s" % match.groups()
    return e164


def ninth_digit_variants(e164):
    """All spellings of the same customer: as given, with and without the 9th digit."""
    variants = [e164]
    match = _BR_MOBILE_WITHOUT_9.match(e164 or "")
    if match:
        variants.append("+55%s9%s" % match.groups())
    match = _BR_MOBILE_WITH_9.match(e164 or "")
    if match:
        variants.append("+55%s%s" % match.groups())
    return variants


def is_mobile(e164):
    """True when an E.164 number can receive SMS (a mobile, or a number whose
    plan does not tell mobiles from landlines). Brazilian mobiles without the
    9th digit count as mobiles."""
    try:
        number = phonenumbers.parse(ninth_digit_key(e164 or ""), None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in _MOBILE_TYPES


def normalize_address(raw, region=DEFAULT_REGION):
    """Normalise a customer address as received from a provider or typed by a user."""
    e164 = to_e164(raw, region)
    if e164:
        return Address(e164, ninth_digit_key(e164), True)
    text = (str(raw) if raw else "").strip()
    if not text:
        raise ValueError("Empty customer address")
    return Address(text, text, False)


def display(address):
    """A customer address as people write it: ``+55 11 98765-4321`` for a
    phone number (international format), anything else unchanged."""
    e164 = to_e164(address) if address and str(address).startswith("+") else None
    if not e164:
        return address or ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return address
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
