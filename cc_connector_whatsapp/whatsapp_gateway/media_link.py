# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Signed, expiring public links to attachments, for the gateway to download.

The gateway sends media by URL: it must fetch our file without an Odoo
session. The link names the attachment id and an expiry (epoch seconds) and
carries an HMAC-SHA256 of both with a server secret, so it cannot be guessed,
altered to reach another file, or used after it expired.
"""
import hashlib
import hmac
import time

DEFAULT_TTL = 24 * 3600
PATH = "/cc/whatsapp/media"


def signature(secret, attachment_id, expires):
    if not secret:
        raise ValueError("a secret is required")
    message = ("%d:%d" % (int(attachment_id), int(expires))).encode("ascii")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def build_path(secret, attachment_id, now=None, ttl=DEFAULT_TTL):
    """``/cc/whatsapp/media/<id>/<expires>/<signature>``."""
    expires = int((now if now is not None else time.time()) + ttl)
    return "%s/%d/%d/%s" % (PATH, int(attachment_id), expires,
                            signature(secret, attachment_id, expires))


def check(secret, attachment_id, expires, token, now=None):
    """``"ok"``, ``"expired"`` or ``"invalid"`` (wrong or altered signature)."""
    try:
        expected = signature(secret, attachment_id, expires)
    except (TypeError, ValueError):
        return "invalid"
    if not hmac.compare_digest(expected, str(token or "")):
        return "invalid"
    if int(expires) < (now if now is not None else time.time()):
        return "expired"
    return "ok"
