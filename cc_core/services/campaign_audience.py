# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaign audiences from an uploaded CSV: parsing and number checks.

A CSV has a header row; the number column is found by name (``phone``,
``mobile``, ``number``, ``telefone``, ``celular``, ``numero``...), the name
column likewise (``name``, ``nome``); ``cpf`` and ``value``/``valor``/``vi_rm``
feed the legacy placeholders. Separator ``,`` or ``;`` (Excel in Brazil),
UTF-8 (with or without BOM) or Latin-1.
"""
import csv
import io
from collections import namedtuple

from . import phone as phone_service

CsvRow = namedtuple("CsvRow", "line raw_number address key name cpf value")

NUMBER_COLUMNS = ("phone", "mobile", "number", "telefone", "celular", "numero",
                  "número", "whatsapp", "fone")
NAME_COLUMNS = ("name", "nome")
CPF_COLUMNS = ("cpf", "vat", "tax_id")
VALUE_COLUMNS = ("vi_rm", "value", "valor")

SKIP_INVALID = "invalid"
SKIP_DUPLICATE = "duplicate"


class AudienceError(ValueError):
    """The file cannot be read as an audience (the message says why)."""


def decode(data):
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AudienceError("The file is not text.")  # pragma: no cover - latin-1 reads all


def _column(header, names):
    for index, title in enumerate(header):
        if title.strip().lower() in names:
            return index
    return None


def parse_csv(data, region=phone_service.DEFAULT_REGION, mobile_only=False):
    """Read ``data`` (bytes or text). Returns ``(rows, skipped)``: ``rows``
    the valid, first-seen numbers as :class:`CsvRow`; ``skipped`` a list of
    ``(line, raw_number, reason)`` for invalid and duplicate numbers."""
    text = decode(data)
    if not text.strip():
        raise AudienceError("The file is empty.")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:  # pragma: no cover - guarded by the strip() above
        raise AudienceError("The file is empty.") from None
    number_col = _column(header, NUMBER_COLUMNS)
    if number_col is None:
        raise AudienceError(
            "No phone number column: name one of the columns %s."
            % ", ".join(NUMBER_COLUMNS[:6]))
    name_col = _column(header, NAME_COLUMNS)
    cpf_col = _column(header, CPF_COLUMNS)
    value_col = _column(header, VALUE_COLUMNS)

    def cell(row, index):
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    rows, skipped, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        if not any(field.strip() for field in row):
            continue
        raw = cell(row, number_col)
        e164 = phone_service.to_e164(raw, region)
        if not e164 or (mobile_only and not phone_service.is_mobile(e164)):
            skipped.append((line, raw, SKIP_INVALID))
            continue
        key = phone_service.ninth_digit_key(e164)
        if key in seen:
            skipped.append((line, raw, SKIP_DUPLICATE))
            continue
        seen.add(key)
        rows.append(CsvRow(line, raw, e164, key, cell(row, name_col),
                           cell(row, cpf_col), cell(row, value_col)))
    return rows, skipped
