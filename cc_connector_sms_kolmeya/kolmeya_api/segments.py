# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS encoding and segment counting (3GPP TS 23.038 / GSM 03.38).

Kolmeya documents no rule of its own (reference §8), so this applies standard
GSM practice:

* A text made only of GSM-7 characters is sent as GSM-7. Basic-table
  characters cost 1 septet; extension-table characters (form feed,
  ``^ { } \\ [ ] ~ |`` and ``€``) cost 2 (escape + character).
* Anything else forces UCS-2 for the whole text. Units are UTF-16 code units,
  so characters outside the BMP (most emoji) cost 2.
* One segment holds 160 septets (GSM-7) or 70 units (UCS-2). Longer texts are
  concatenated and each part holds 153 septets or 67 units (the rest is the
  concatenation header).

Splitting: parts are filled greedily, one *character* at a time, so an
extension character's escape pair and a surrogate pair are never split across
parts (a part may then carry one unit less than its maximum). Multi-code-point
graphemes (ZWJ emoji, flags, combining accents) may still be split between
code points, as handsets do.

Many Portuguese letters are outside GSM-7 (``ã õ á í ó ú â ê ô ç``; only
``é``, ``à`` and uppercase ``Ç`` are in it), so accented texts usually count
as UCS-2. Whether Kolmeya transliterates them is unknown, so the count may
overestimate; it never underestimates.

``MAX_SEGMENTS`` is 4: the only Kolmeya-specific statement (a third-party
README, unverified) is "concatenated: 153 chars per SMS, up to 4 SMS", and
longer texts multiply cost and delivery risk. 4 parts = 612 GSM-7 septets or
268 UCS-2 units. The Odoo layer refuses texts above it.
"""

from decimal import Decimal, InvalidOperation

GSM7_BASIC = frozenset(
    "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
    "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e"
    "\u00c6\u00e6\u00df\u00c9"
    " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
    "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
    "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|\u20ac")

GSM7 = "gsm7"
UCS2 = "ucs2"
LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}
MAX_SEGMENTS = 4


class SmsCount(object):
    """Result of :func:`count`.

    ``encoding`` is ``"gsm7"`` or ``"ucs2"``; ``units`` the septets or UTF-16
    units of the whole text; ``segments`` the number of parts (0 for an empty
    text); ``per_segment`` the capacity of one part in the current layout
    (160/70 single, 153/67 concatenated); ``remaining_in_segment`` the units
    still free in the last part.
    """

    __slots__ = ("encoding", "units", "segments", "per_segment", "remaining_in_segment")

    def __init__(self, encoding, units, segments, per_segment, remaining_in_segment):
        self.encoding = encoding
        self.units = units
        self.segments = segments
        self.per_segment = per_segment
        self.remaining_in_segment = remaining_in_segment

    @property
    def too_long(self):
        """True when the text needs more than :data:`MAX_SEGMENTS` parts."""
        return self.segments > MAX_SEGMENTS

    def as_tuple(self):
        return (
            self.encoding,
            self.units,
            self.segments,
            self.per_segment,
            self.remaining_in_segment,
        )

    def __eq__(self, other):
        return isinstance(other, SmsCount) and self.as_tuple() == other.as_tuple()

    def __repr__(self):
        return "SmsCount(%r, units=%r, segments=%r, per_segment=%r, remaining=%r)" % (
            self.as_tuple()
        )


def is_gsm7(text):
    """True when every character of ``text`` is in the GSM-7 basic or extension table."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def non_gsm7_characters(text, limit=5):
    """The first ``limit`` distinct characters of ``text`` outside GSM-7:
    what makes an SMS Unicode (UCS-2, fewer characters per part)."""
    found = []
    for ch in text or "":
        if ch not in found and not is_gsm7(ch):
            found.append(ch)
            if len(found) == limit:
                break
    return found


def _char_units(ch, encoding):
    if encoding == GSM7:
        return 2 if ch in GSM7_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def _pack(text, encoding, capacity):
    """Greedy split: return (parts, units used in the last part)."""
    parts, used = 1, 0
    for ch in text:
        size = _char_units(ch, encoding)
        if used + size > capacity:
            parts, used = parts + 1, 0
        used += size
    return parts, used


def count(text):
    """Count encoding, units and segments of ``text`` (a str; None counts as "")."""
    text = text or ""
    if not isinstance(text, str):
        raise TypeError("SMS text must be a string")
    encoding = GSM7 if is_gsm7(text) else UCS2
    single, multi = LIMITS[encoding]
    units = sum(_char_units(ch, encoding) for ch in text)
    if units == 0:
        return SmsCount(encoding, 0, 0, single, single)
    if units <= single:
        return SmsCount(encoding, units, 1, single, single - units)
    parts, last = _pack(text, encoding, multi)
    return SmsCount(encoding, units, parts, multi, multi - last)


def estimate_cost(sms_count, price_per_segment):
    """Cost of one message: segments x price, as an exact :class:`Decimal`.

    ``sms_count`` is an :class:`SmsCount` or a segment count (int).
    ``price_per_segment`` is a Decimal, int or numeric string (floats are
    converted through ``str`` to avoid binary noise). Whether Kolmeya bills per
    segment or per message is not documented; the caller rounds.
    """
    segments = sms_count.segments if isinstance(sms_count, SmsCount) else sms_count
    if isinstance(segments, bool) or not isinstance(segments, int) or segments < 0:
        raise ValueError("segment count must be a non-negative integer")
    if isinstance(price_per_segment, float):
        price_per_segment = str(price_per_segment)
    try:
        price = Decimal(price_per_segment)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError("price per segment must be a number") from None
    if not price.is_finite() or price < 0:
        raise ValueError("price per segment must be a finite non-negative number")
    return price * segments
