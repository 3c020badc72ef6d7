# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Completeness of the Brazilian Portuguese translations (no Odoo needed).

For every addon shipping ``i18n/<addon>.pot``, ``i18n/pt_BR.po`` must exist,
translate every msgid of the template with a non-empty msgstr, and keep the
``%(name)s`` / ``%s`` / ``{{ ... }}`` placeholders of each msgid.
"""
import ast
import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LANG = "pt_BR"
POTS = sorted(REPO.glob("*/i18n/*.pot"))
POTS = [p for p in POTS if p.stem == p.parent.parent.name]

PLACEHOLDER = re.compile(r"%\([^)]+\)[a-z]|%[sdr]|\{\{.*?\}\}", re.S)


def parse_po(path):
    """Minimal .po parser: returns {(msgctxt, msgid): [msgstr, ...]} and the header.

    Handles multi-line strings, msgctxt, plurals and obsolete (#~) entries,
    which are skipped. Enough for files written by Odoo or polib.
    """
    entries = {}
    header = None
    cur = {}
    key = None

    def flush():
        nonlocal cur, header
        if "msgid" in cur:
            strs = [v for k, v in sorted(cur.items()) if k.startswith("msgstr")]
            if cur["msgid"] == "" and "msgctxt" not in cur:
                header = strs[0] if strs else ""
            else:
                entries[(cur.get("msgctxt"), cur["msgid"])] = strs
        cur = {}

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#"):
            if "msgid" in cur and key and key.startswith("msgstr"):
                flush()
                key = None
            continue
        if line.startswith('"'):
            assert key, f"{path}:{lineno}: continuation line without keyword"
            cur[key] += ast.literal_eval(line)
            continue
        keyword, _sep, value = line.partition(" ")
        keyword = keyword.replace("[", "_").rstrip("]")
        if keyword in ("msgctxt", "msgid") and "msgid" in cur and key.startswith("msgstr"):
            flush()
        assert keyword in ("msgctxt", "msgid", "msgid_plural") or keyword.startswith(
            "msgstr"
        ), f"{path}:{lineno}: unexpected line {raw!r}"
        key = keyword
        cur[key] = ast.literal_eval(value)
    flush()
    return entries, header


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text))


def test_some_template_exists():
    assert POTS, "no i18n/<addon>.pot found"


@pytest.mark.parametrize("pot", POTS, ids=lambda p: p.parent.parent.name)
def test_pt_br_complete(pot):
    po_path = pot.parent / f"{LANG}.po"
    assert po_path.exists(), f"missing {po_path.relative_to(REPO)}"
    template, _ = parse_po(pot)
    translated, header = parse_po(po_path)
    assert template, f"{pot} has no msgid"
    assert header is not None, "pt_BR.po has no header"
    assert "Language: pt_BR" in header
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header

    problems = []
    for key, _strs in template.items():
        msgid = key[1]
        strs = translated.get(key)
        if not strs or not all(s.strip() for s in strs):
            problems.append(f"untranslated: {msgid!r}")
            continue
        for s in strs:
            if placeholders(msgid) != placeholders(s):
                problems.append(
                    f"placeholders differ: {msgid!r} -> {s!r}"
                )
    assert not problems, "\n".join(problems)


def test_parser_handles_multiline_and_plural(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: pt_BR\\n"\n\n'
        '#. comment\nmsgid ""\n"a %(x)s "\n"b"\nmsgstr "c %(x)s d"\n\n'
        'msgctxt "ctx"\nmsgid "one"\nmsgid_plural "many"\n'
        'msgstr[0] "um"\nmsgstr[1] "muitos"\n',
        encoding="utf-8",
    )
    entries, header = parse_po(po)
    assert header == "Language: pt_BR\n"
    assert entries[(None, "a %(x)s b")] == ["c %(x)s d"]
    assert entries[("ctx", "one")] == ["um", "muitos"]
    assert placeholders("a %(x)s {{ y }} %s") == placeholders("%s {{ y }} %(x)s")


MODEL_REFERENCE = re.compile(r"^#: (model:\S+)", re.M)


@pytest.mark.parametrize("pot", POTS, ids=lambda p: p.parent.parent.name)
def test_model_reference_in_one_entry(pot):
    """A record's field has one value: the same ``model:`` reference in two
    entries makes Odoo's import fail (ON CONFLICT cannot update a row
    twice) and installing pt_BR aborts."""
    for path in (pot, pot.parent / f"{LANG}.po"):
        text = path.read_text(encoding="utf-8")
        twice = [ref for ref, count in Counter(MODEL_REFERENCE.findall(text)).items()
                 if count > 1]
        assert not twice, f"{path.relative_to(REPO)}: {twice}"
