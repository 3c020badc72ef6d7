# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Brazilian phone numbers between E.164 and Kolmeya's format.

Outbound (``/sms/store``, ``/blacklist/*``): Kolmeya takes digits only,
country code included: ``55`` + two-digit area code (DDD) + subscriber number,
e.g. ``"5511987654321"``. Whether ``55`` is required was never tested, so it is
always sent (reference §3.1). The digits are sent as a string (observed to
work; integers are also accepted by Kolmeya).

Inbound: Kolmeya echoes phones reformatted, observed as an integer without
the country code (``valids[].phone``: ``11987654321``); webhooks and replies
may carry any of ``5511987654321``, ``+55 (11) 98765-4321``, ``11987654321``.
:func:`from_kolmeya` turns all of them into E.164 ``+5511987654321``.

SMS needs a mobile: :func:`to_kolmeya` refuses landlines (10-digit national
numbers) unless ``mobile_only=False``. Brazilian mobiles have 11 national
digits: DDD + ``9`` + 8 digits.
"""

import re

VALID_DDD = frozenset(
    "11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 "
    "41 42 43 44 45 46 47 48 49 51 53 54 55 61 62 63 64 65 66 67 68 69 "
    "71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99".split()
)
_FORMATTING = re.compile(r"[\s().\-]")


class InvalidPhoneError(ValueError):
    """The value is not a usable Brazilian phone number (no digits echoed)."""


def _check_national(national, mobile_only):
    """Validate DDD + subscriber digits; return them unchanged."""
    if len(national) not in (10, 11):
        raise InvalidPhoneError("a Brazilian number has 10 or 11 national digits")
    if national[:2] not in VALID_DDD:
        raise InvalidPhoneError("unknown Brazilian area code (DDD)")
    subscriber = national[2:]
    if len(subscriber) == 9 and subscriber[0] != "9":
        raise InvalidPhoneError("a 9-digit Brazilian number must start with 9")
    if len(subscriber) == 8:
        if mobile_only:
            raise InvalidPhoneError("not a mobile number (SMS needs a mobile)")
        if subscriber[0] not in "2345":
            raise InvalidPhoneError("an 8-digit Brazilian landline starts with 2-5")
    return national


def national_digits(e164, mobile_only=True):
    """Return DDD + subscriber digits of an E.164 Brazilian number.

    Spaces, dots, hyphens and parentheses are tolerated; the ``+55`` prefix is
    required.
    """
    if not isinstance(e164, str):
        raise InvalidPhoneError("phone must be a string in E.164 format")
    compact = _FORMATTING.sub("", e164)
    if not compact.startswith("+55"):
        raise InvalidPhoneError("phone must be E.164 and start with +55")
    national = compact[3:]
    if not national.isdigit() or not national.isascii():
        raise InvalidPhoneError("phone must contain only digits after +55")
    return _check_national(national, mobile_only)


def to_kolmeya(e164, mobile_only=True):
    """``"+5511987654321"`` -> ``"5511987654321"`` (the ``phone`` field value)."""
    return "55" + national_digits(e164, mobile_only=mobile_only)


def from_kolmeya(value):
    """Kolmeya phone (int or str, with or without ``55``) -> E.164 string.

    Lengths decide: 10/11 digits are national, 12/13 digits must start with
    ``55``. A single trunk ``0`` before a national number is dropped.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidPhoneError("phone must be a string or an integer")
    digits = _FORMATTING.sub("", str(value)).lstrip("+")
    if not digits.isdigit() or not digits.isascii():
        raise InvalidPhoneError("phone must contain only digits")
    if len(digits) in (11, 12) and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) in (12, 13):
        if not digits.startswith("55"):
            raise InvalidPhoneError("only Brazilian (+55) numbers are supported")
        digits = digits[2:]
    return "+55" + _check_national(digits, mobile_only=False)


def same_phone(first, second):
    """True when two Kolmeya/E.164 phones denote the same number (never raises)."""
    try:
        return from_kolmeya(first) == from_kolmeya(second)
    except InvalidPhoneError:
        return False
