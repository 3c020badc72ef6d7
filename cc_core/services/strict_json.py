# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load untrusted JSON (webhook bodies) strictly, or refuse it.

``json.loads`` alone accepts what must never reach the database or the
parsers: bytes that are not UTF-8 (decoded with replacement characters they
silently change the text), ``NaN``/``Infinity`` and numbers that overflow to
infinity, lone UTF-16 surrogates (``"\\ud83d"``: not encodable, PostgreSQL
refuses them), ``\\u0000`` (PostgreSQL text cannot hold NUL), and nesting
deep enough to raise ``RecursionError``. :func:`loads` raises
:class:`StrictJsonError` (a ``ValueError``) for all of these.
"""
import json
import math
import re

MAX_DEPTH = 64
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


class StrictJsonError(ValueError):
    """The body is not strict UTF-8 JSON."""


def _no_constant(name):
    raise StrictJsonError("%s is not a JSON number" % name)


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise StrictJsonError("number out of range: %s" % text[:40])
    return value


def _check_text(value, where):
    match = _BAD_CHARS.search(value)
    if match:
        char = match.group()
        what = "NUL character" if char == "\x00" else "lone surrogate"
        raise StrictJsonError("%s in a string at %s" % (what, where))


def check_tree(data, max_depth=MAX_DEPTH):
    """Walk decoded JSON without recursion: depth and string checks."""
    stack = [(data, 1, "$")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, str):
            _check_text(value, where)
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > max_depth:
            raise StrictJsonError("nested deeper than %d levels" % max_depth)
        if isinstance(value, dict):
            for key, child in value.items():
                _check_text(key, where)
                stack.append((child, depth + 1, "%s.%s" % (where, key[:40])))
        else:
            for index, child in enumerate(value):
                stack.append((child, depth + 1, "%s[%d]" % (where, index)))
    return data


def decode_utf8(raw):
    """Bytes -> text, refusing anything but valid UTF-8 (a UTF-8 BOM is dropped)."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise StrictJsonError("body must be bytes or text")
    try:
        return bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StrictJsonError("body is not valid UTF-8 (byte %d)" % error.start) from None


def loads(raw, max_depth=MAX_DEPTH):
    """Decode ``raw`` (bytes or text) as strict JSON; see the module docstring."""
    text = decode_utf8(raw)
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except StrictJsonError:
        raise
    except RecursionError:
        raise StrictJsonError("nested too deeply") from None
    except (TypeError, ValueError) as error:
        raise StrictJsonError("body is not valid JSON: %s" % str(error)[:120]) from None
    return check_tree(data, max_depth)
