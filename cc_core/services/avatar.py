# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer pictures (avatars) from a provider: what may be stored.

A picture comes from outside (the WhatsApp gateway gives a URL the customer's
phone controls), so it is checked before anything is written: not empty, not
larger than the cap, declared as an image when the server declares a type,
and its first bytes must be a PNG, JPEG, GIF or WebP picture. SVG and
anything else are refused (an SVG is a document that may carry scripts).
No Odoo import: the model decodes the picture afterwards (``fields.Image``)
and refuses what does not decode.
"""
import hashlib

MAX_BYTES = 2 * 1024 * 1024
# (signature at offset 0, mimetype); WebP is checked apart (RIFF....WEBP).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


class AvatarRefused(ValueError):
    """The downloaded content may not be stored as a picture (reason in the
    message: safe to log, no content, no URL)."""


def sniff_image(content):
    """The mimetype of a PNG, JPEG, GIF or WebP picture from its first bytes,
    else None."""
    head = bytes(content[:16] or b"")
    for signature, mimetype in SIGNATURES:
        if head.startswith(signature):
            return mimetype
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_picture(content, declared_mimetype=None, max_bytes=MAX_BYTES):
    """The mimetype of ``content`` when it may be stored as a customer
    picture; raises ``AvatarRefused`` otherwise."""
    if not content:
        raise AvatarRefused("empty content")
    if len(content) > max_bytes:
        raise AvatarRefused("too large (%d bytes, at most %d)" % (len(content), max_bytes))
    declared = (declared_mimetype or "").split(";")[0].strip().lower()
    if declared and declared != "application/octet-stream" \
            and not declared.startswith("image/"):
        raise AvatarRefused("not an image (declared %s)" % declared[:60])
    if declared == "image/svg+xml":
        raise AvatarRefused("SVG pictures are not accepted")
    sniffed = sniff_image(content)
    if not sniffed:
        raise AvatarRefused("not a PNG, JPEG, GIF or WebP picture")
    return sniffed


def picture_checksum(content):
    """Identity of a picture: the same download keeps the same URL (the
    browser's cached copy stays valid), a new one changes it."""
    return hashlib.sha1(content).hexdigest()
