# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Deterministic mutations of webhook bodies, for the connectors' fuzz tests.

``mutations(samples, count, seed)`` yields ``(kind, body, malformed)``:
``malformed`` is True when the body can never be a valid webhook (not strict
UTF-8 JSON, nested too deeply, NaN, a lone surrogate, NUL...), so the route
must answer 4xx; False when the result depends on the provider's rules (a
wrong JSON type, a huge string, a removed key), so it may be accepted or
refused but never answered 5xx. No Odoo import: usable anywhere.
"""
import copy
import json
import random

WRONG_VALUES = (42, -1, 0, 1.5, 10 ** 30, True, False, None, "", "x", [], {},
                [1, "a"], {"a": 1}, "../../etc/passwd", "<script>alert(1)</script>")


def _paths(value, prefix=()):
    """Every path (tuple of keys/indexes) inside decoded JSON."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


def _replace(data, path, new):
    if not path:
        return new
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = new
    return data


def _remove(data, path):
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return data


def _dump(data):
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _string_paths(data):
    return [p for p in _paths(data) if p and isinstance(_get(data, p), str)]


def _get(data, path):
    for key in path:
        data = data[key]
    return data


def _marker_body(data, rng, literal):
    """The body with one string value replaced by a raw JSON ``literal``."""
    paths = _string_paths(data) or [p for p in _paths(data) if p]
    marker = "__FUZZ_MARKER_%d__" % rng.randrange(10 ** 9)
    body = _dump(_replace(data, rng.choice(paths), marker))
    return body.replace(('"%s"' % marker).encode(), literal)


def _mutate(rng, data, raw):
    """One mutation of a sample: (kind, body, malformed)."""
    kind = rng.choice((
        "truncate", "nul_byte", "invalid_utf8", "latin1", "deep_nesting",
        "wrong_type", "wrong_type", "wrong_type", "remove_key", "huge_string",
        "lone_surrogate", "nan", "escaped_nul", "control_chars", "top_level",
    ))
    paths = [p for p in _paths(data) if p]
    if kind == "truncate":
        body = raw[: rng.randrange(0, max(1, len(raw) - 1))]
        return kind, body, True
    if kind == "nul_byte":
        at = rng.randrange(0, len(raw))
        return kind, raw[:at] + b"\x00" + raw[at:], True
    if kind == "invalid_utf8":
        at = rng.randrange(0, len(raw))
        bad = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80"))
        return kind, raw[:at] + bad + raw[at:], True
    if kind == "latin1":
        return kind, _marker_body(data, rng, '"Olá, ação"'.encode("latin-1")), True
    if kind == "deep_nesting":
        depth = rng.choice((100, 1000, 5000))
        nested = b"[" * depth + b"1" + b"]" * depth
        return kind, _marker_body(data, rng, nested), True
    if kind == "wrong_type":
        return kind, _dump(_replace(data, rng.choice(paths), rng.choice(WRONG_VALUES))), False
    if kind == "remove_key":
        keyed = [p for p in paths if isinstance(p[-1], str)]
        return kind, _dump(_remove(data, rng.choice(keyed))), False
    if kind == "huge_string":
        size = rng.choice((10000, 300000, 1500000))
        return kind, _dump(_replace(data, rng.choice(paths), "A" * size)), False
    if kind == "lone_surrogate":
        literal = rng.choice((b'"\\ud83d"', b'"ok\\udc00"'))
        return kind, _marker_body(data, rng, literal), True
    if kind == "nan":
        literal = rng.choice((b"NaN", b"Infinity", b"-Infinity"))
        return kind, _marker_body(data, rng, literal), True
    if kind == "escaped_nul":
        return kind, _marker_body(data, rng, b'"SAIR\\u0000"'), True
    if kind == "control_chars":
        text = "".join(chr(rng.randrange(1, 32)) for _i in range(8))
        return kind, _dump(_replace(data, rng.choice(_string_paths(data) or paths),
                                    "x" + text)), False
    # top_level: the body as something that is not an object
    return kind, rng.choice((b"[]", b"null", b"42", b'"text"', b"[" + raw + b"]")), True


def mutations(samples, count, seed):
    """``count`` mutations of ``samples`` (a list of (name, raw bytes))."""
    rng = random.Random(seed)
    decoded = [(name, raw, json.loads(raw)) for name, raw in samples]
    for index in range(count):
        name, raw, data = decoded[index % len(decoded)]
        kind, body, malformed = _mutate(rng, data, raw)
        yield name, kind, body, malformed


def load_samples(directory, prefix=""):
    """(name, bytes) of the ``*.json`` samples of ``directory`` starting with
    ``prefix``, sorted (deterministic)."""
    import os

    names = sorted(n for n in os.listdir(directory)
                   if n.endswith(".json") and n.startswith(prefix))
    samples = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as handle:
            samples.append((name, handle.read()))
    return samples


class WebhookFuzzMixin:
    """Post mutated bodies through the real route; for an ``HttpCase``.

    Subclasses implement ``_fuzz_post(name, body)`` returning the response."""

    STORED_MODELS = ("cc.conversation", "cc.message", "cc.webhook.receipt",
                     "cc.opt.out")

    def _fuzz_counts(self):
        return {model: self.env[model].sudo().with_context(active_test=False)
                .search_count([]) for model in self.STORED_MODELS}

    def _fuzz_last_event(self):
        return self.env["cc.webhook.event"].sudo().search(
            [("connector_id", "=", self.connector.id)], order="id desc", limit=1)

    def _fuzz(self, samples, count, seed):
        """Run the mutations; returns {(kind, status): n} for the report."""
        seen = {}
        for name, kind, body, malformed in mutations(samples, count, seed):
            before = self._fuzz_counts()
            last = self._fuzz_last_event()
            response = self._fuzz_post(name, body)
            where = "%s mutated by %s (%d bytes)" % (name, kind, len(body))
            self.assertLess(response.status_code, 500, where)
            if malformed:
                self.assertEqual(response.status_code, 400, where)
            event = self._fuzz_last_event()
            self.assertNotEqual(event, last, "every signed body is journaled: " + where)
            self.assertEqual(event._raw_bytes(), body, "raw bytes kept exactly: " + where)
            if response.status_code >= 400:
                self.assertEqual(self._fuzz_counts(), before,
                                 "nothing but the journal stored: " + where)
                self.assertEqual(event.state, "failed", where)
                self.assertEqual(event.failure_kind, "permanent", where)
            key = (kind, response.status_code)
            seen[key] = seen.get(key, 0) + 1
        return seen
