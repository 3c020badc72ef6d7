# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``X-Hub-Signature-256`` signing and verification for webhook POSTs.

Meta signs the *raw request body bytes* with HMAC-SHA256 keyed by the App
Secret and sends ``sha256=<lowercase hex>``. Always verify the bytes exactly
as received, before any JSON parsing: re-serialising changes unicode escaping
and breaks the check on messages with accents or emoji.

Verification fails closed: a missing or malformed header, or an empty
secret, is a rejection, never an exception.
"""
import hashlib
import hmac
import re

HEADER_NAME = "X-Hub-Signature-256"
PREFIX = "sha256="
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


def _secret_bytes(app_secret):
    """App secrets are ASCII; accept str or bytes."""
    if isinstance(app_secret, (bytes, bytearray)):
        return bytes(app_secret)
    return app_secret.encode("utf-8")


def _body_bytes(raw_body):
    """Only real bytes are accepted: a str means the body was decoded already."""
    if isinstance(raw_body, (bytes, bytearray, memoryview)):
        return bytes(raw_body)
    raise TypeError("raw_body must be the request body bytes, not %s" % type(raw_body))


def sign(app_secret, raw_body):
    """Return the header value Meta would send for ``raw_body``."""
    if not app_secret:
        raise ValueError("app_secret is empty")
    digest = hmac.new(
        _secret_bytes(app_secret), _body_bytes(raw_body), hashlib.sha256
    ).hexdigest()
    return PREFIX + digest


def _header_hex(header_value):
    """Extract the lowercase hex digest from a header value, or None."""
    if isinstance(header_value, (bytes, bytearray)):
        try:
            header_value = bytes(header_value).decode("ascii")
        except UnicodeDecodeError:
            return None
    if not isinstance(header_value, str):
        return None
    header_value = header_value.strip()
    if not header_value.lower().startswith(PREFIX):
        return None
    hex_part = header_value[len(PREFIX) :]
    if not _HEX64.match(hex_part):
        return None
    return hex_part.lower()


def verify(app_secret, raw_body, header_value):
    """True only when ``header_value`` is a valid signature of ``raw_body``."""
    body = _body_bytes(raw_body)
    if not app_secret:
        return False
    received = _header_hex(header_value)
    if received is None:
        return False
    expected = sign(app_secret, body)[len(PREFIX) :]
    return hmac.compare_digest(expected.encode("ascii"), received.encode("ascii"))
