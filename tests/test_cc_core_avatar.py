# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of the customer picture checks (cc_core.services.avatar)."""
import pytest

from cc_core.services import avatar

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8
GIF = b"GIF89a" + b"\x00" * 10


@pytest.mark.parametrize("content, declared, expected", [
    (PNG, "image/png", "image/png"),
    (JPEG, "image/jpeg; charset=binary", "image/jpeg"),
    (WEBP, None, "image/webp"),
    (GIF, "application/octet-stream", "image/gif"),
    (JPEG, "image/png", "image/jpeg"),  # the bytes decide, not the header
])
def test_pictures_are_accepted_by_their_bytes(content, declared, expected):
    assert avatar.check_picture(content, declared) == expected


@pytest.mark.parametrize("content, declared, reason", [
    (b"", "image/png", "empty"),
    (b"<html>not found</html>", "text/html", "not an image"),
    (PNG, "text/html", "not an image"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "image/svg+xml", "SVG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', None, "not a PNG"),
    (b"%PDF-1.4 ...", "image/jpeg", "not a PNG"),
])
def test_anything_else_is_refused_with_a_reason(content, declared, reason):
    with pytest.raises(avatar.AvatarRefused, match=reason):
        avatar.check_picture(content, declared)


def test_size_cap():
    big = JPEG + b"\x00" * 100
    assert avatar.check_picture(big, "image/jpeg", max_bytes=len(big)) == "image/jpeg"
    with pytest.raises(avatar.AvatarRefused, match="too large"):
        avatar.check_picture(big, "image/jpeg", max_bytes=len(big) - 1)


def test_checksum_follows_the_content():
    assert avatar.picture_checksum(PNG) == avatar.picture_checksum(bytes(PNG))
    assert avatar.picture_checksum(PNG) != avatar.picture_checksum(JPEG)
