# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""X-Hub-Signature-256 signing and verification (fail closed)."""
import hashlib
import hmac
import json

import pytest

from cc_connector_whatsapp.whatsapp_cloud import signature

SECRET = "0123456789abcdef0123456789abcdef"
BODY = '{"object":"whatsapp_business_account","text":"Olá 😀 ção"}'.encode("utf-8")


def _expected(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_sign_matches_hmac_sha256_of_raw_bytes():
    assert signature.sign(SECRET, BODY) == _expected(SECRET, BODY)
    assert signature.sign(SECRET.encode(), BODY) == _expected(SECRET, BODY)


def test_valid_signature_accepted():
    assert signature.verify(SECRET, BODY, _expected(SECRET, BODY)) is True


def test_uppercase_hex_and_surrounding_spaces_accepted():
    header = "  sha256=" + _expected(SECRET, BODY)[7:].upper() + " "
    assert signature.verify(SECRET, BODY, header) is True


def test_header_as_bytes_accepted():
    assert signature.verify(SECRET, BODY, _expected(SECRET, BODY).encode()) is True


def test_invalid_signature_rejected():
    assert signature.verify(SECRET, BODY, "sha256=" + "0" * 64) is False


@pytest.mark.parametrize("header", [None, ""])
def test_missing_header_rejected(header):
    assert signature.verify(SECRET, BODY, header) is False


def test_wrong_secret_rejected():
    assert signature.verify("another-secret", BODY, _expected(SECRET, BODY)) is False


@pytest.mark.parametrize("secret", ["", None, b""])
def test_empty_secret_fails_closed(secret):
    # Even a signature made with an empty key must not pass.
    header = "sha256=" + hmac.new(b"", BODY, hashlib.sha256).hexdigest()
    assert signature.verify(secret, BODY, header) is False


def test_body_altered_by_one_byte_rejected():
    header = _expected(SECRET, BODY)
    altered = bytearray(BODY)
    altered[10] ^= 0x01
    assert signature.verify(SECRET, bytes(altered), header) is False


def test_reserialised_json_breaks_signature():
    """The emoji/accents bug: re-encoding the parsed JSON changes the bytes."""
    header = _expected(SECRET, BODY)
    reserialised = json.dumps(json.loads(BODY.decode("utf-8"))).encode()
    assert reserialised != BODY
    assert signature.verify(SECRET, reserialised, header) is False
    assert signature.verify(SECRET, BODY, header) is True


@pytest.mark.parametrize(
    "header",
    [
        "sha1=" + "a" * 40,
        "sha256:" + "a" * 64,
        "sha256=" + "a" * 63,
        "sha256=" + "a" * 65,
        "sha256=" + "g" * 64,
        "sha256=",
        "a" * 64,
        "sha256=ção" + "a" * 61,
        b"sha256=\xff" + b"a" * 63,
        12345,
    ],
)
def test_malformed_header_rejected(header):
    assert signature.verify(SECRET, BODY, header) is False


def test_decoded_str_body_is_a_programming_error():
    with pytest.raises(TypeError):
        signature.verify(SECRET, BODY.decode("utf-8"), _expected(SECRET, BODY))
    with pytest.raises(TypeError):
        signature.sign(SECRET, "text")


def test_sign_refuses_empty_secret():
    with pytest.raises(ValueError):
        signature.sign("", BODY)
