# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Signed, expiring media links given to the gateway."""
from cc_connector_whatsapp.whatsapp_gateway import media_link

SECRET = "database-secret"


def _parts(path):
    attachment_id, expires, token = path.rsplit("/", 3)[1:]
    return int(attachment_id), int(expires), token


def test_a_fresh_link_is_valid_until_it_expires():
    path = media_link.build_path(SECRET, 7, now=1000, ttl=60)
    assert path.startswith("/cc/whatsapp/media/7/1060/")
    attachment_id, expires, token = _parts(path)
    assert media_link.check(SECRET, attachment_id, expires, token, now=1059) == "ok"
    assert media_link.check(SECRET, attachment_id, expires, token, now=1061) == "expired"


def test_tampered_links_are_invalid():
    attachment_id, expires, token = _parts(media_link.build_path(SECRET, 7, now=1000))
    assert media_link.check(SECRET, 8, expires, token, now=1000) == "invalid"
    assert media_link.check(SECRET, 7, expires + 3600, token, now=1000) == "invalid"
    assert media_link.check("other", 7, expires, token, now=1000) == "invalid"
    flipped = ("1" if token[-1] == "0" else "0")
    assert media_link.check(SECRET, 7, expires, token[:-1] + flipped, now=1000) == "invalid"
    assert media_link.check(SECRET, 7, expires, "", now=1000) == "invalid"


def test_links_are_not_guessable():
    first = media_link.build_path(SECRET, 7, now=1000)
    assert _parts(first)[2] != _parts(media_link.build_path(SECRET, 8, now=1000))[2]
    assert len(_parts(first)[2]) == 64
