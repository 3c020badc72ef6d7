# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of what cc_core does with input from outside: strict JSON,
file names, media checksums."""
import base64
import hashlib

import pytest

from cc_core.services import checksum, filenames, strict_json


def test_strict_json_accepts_real_bodies():
    body = '{"a": [1, 2.5, "Olá 😀", {"b": null}], "c": true}'.encode("utf-8")
    assert strict_json.loads(body) == {"a": [1, 2.5, "Olá 😀", {"b": None}], "c": True}
    assert strict_json.loads(b"\xef\xbb\xbf{}") == {}, "a UTF-8 BOM is harmless"
    assert strict_json.loads('"\\ud83d\\ude00"') == "😀", "a surrogate pair is fine"


@pytest.mark.parametrize("raw, message", [
    (b'{"text": "SAIR\xff"}', "not valid UTF-8"),
    ('{"text": "Olá, ação"}'.encode("latin-1"), "not valid UTF-8"),
    (b'{"a": NaN}', "NaN is not a JSON number"),
    (b'{"a": -Infinity}', "Infinity is not a JSON number"),
    (b'{"a": 1e999}', "out of range"),
    (b'{"a": "\\ud83d"}', "lone surrogate"),
    (b'{"\\udc00": 1}', "lone surrogate"),
    (b'{"a": "x\\u0000y"}', "NUL character"),
    (b'{"a": "x\x00y"}', "not valid JSON"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    (b"[" * 65 + b"]" * 65, "nested deeper than 64"),
    (b'{"a": 1', "not valid JSON"),
    (b"", "not valid JSON"),
])
def test_strict_json_refuses(raw, message):
    with pytest.raises(strict_json.StrictJsonError, match=message):
        strict_json.loads(raw)
    assert issubclass(strict_json.StrictJsonError, ValueError)


def test_strict_json_depth_limit_is_inclusive():
    assert strict_json.loads(b"[" * 64 + b"]" * 64) is not None


@pytest.mark.parametrize("name, safe", [
    ("../../../../etc/odoo/..\\..\\passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\maria\\boleto.pdf", "boleto.pdf"),
    ("/etc/passwd", "passwd"),
    ("boleto\x00.pdf\x07", "boleto.pdf"),
    ("nota\u202efdp.exe", "notafdp.exe"),  # right-to-left override dropped
    ("..", "attachment"),
    ("", "attachment"),
    (None, "attachment"),
    (42, "42"),
    ("  .hidden  ", "hidden"),
    ('a<b>:"c"|d?*.txt', "a_b___c__d__.txt"),
    ("CON", "attachment_CON"),
    ("recibo março.pdf", "recibo março.pdf"),
])
def test_sanitize_file_name(name, safe):
    assert filenames.sanitize(name) == safe


def test_sanitize_keeps_extension_when_truncating():
    name = filenames.sanitize("a" * 500 + ".pdf")
    assert len(name) == filenames.MAX_LENGTH and name.endswith(".pdf")
    assert len(filenames.sanitize("b" * 500)) == filenames.MAX_LENGTH


def test_sha256_verification():
    content = b"%PDF-1.4 boleto"
    digest = hashlib.sha256(content).hexdigest()
    assert checksum.verify_sha256(content, digest) is True
    assert checksum.verify_sha256(content, digest.upper()) is True
    b64 = base64.b64encode(hashlib.sha256(content).digest()).decode()
    assert checksum.verify_sha256(content, b64) is True
    with pytest.raises(checksum.ChecksumMismatch, match="mismatch"):
        checksum.verify_sha256(content + b"corrupted", digest)
    # Nothing usable announced: nothing to verify.
    assert checksum.verify_sha256(content, None) is False
    assert checksum.verify_sha256(content, "not-a-digest") is False
