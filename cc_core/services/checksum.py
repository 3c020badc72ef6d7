# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Integrity of downloaded media against the checksum the provider announced.

WhatsApp gives each media's SHA-256 in the webhook (hex; base64 has been seen
in older payloads): a download whose digest differs is corrupted or not the
announced file and must not be stored as if it were.
"""
import base64
import hashlib
import hmac
import re

_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


class ChecksumMismatch(ValueError):
    """The downloaded bytes are not the ones announced."""


def normalize_sha256(value):
    """Lower-case hex digest from hex or base64 text, or None when unusable."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if _HEX.match(value):
        return value.lower()
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error is a ValueError
        return None
    return raw.hex() if len(raw) == 32 else None


def verify_sha256(content, expected):
    """Raise :class:`ChecksumMismatch` when ``content`` does not match
    ``expected`` (hex or base64). No usable expectation: nothing to check."""
    wanted = normalize_sha256(expected)
    if wanted is None:
        return False
    actual = hashlib.sha256(content or b"").hexdigest()
    if not hmac.compare_digest(actual, wanted):
        raise ChecksumMismatch(
            "SHA-256 mismatch: expected %s..., got %s..." % (wanted[:12], actual[:12]))
    return True
