# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Legacy campaign placeholders: ``|NOME|``, ``|CPF|``, ``|VI_RM|``.

The company's retiree campaigns (the ``contacts_realcred`` module) write the
customer's name, tax id (CPF) and a value between pipe characters. They keep
working beside Odoo's ``{{ object.field }}`` inline placeholders: the inline
template is rendered first, then the legacy placeholders are replaced with
the recipient's values. An unknown ``|WORD|`` is left as written.
"""
import re

LEGACY_PLACEHOLDERS = ("NOME", "CPF", "VI_RM")
_PATTERN = re.compile(r"\|(%s)\|" % "|".join(LEGACY_PLACEHOLDERS))


def has_legacy_placeholders(text):
    return bool(_PATTERN.search(text or ""))


def format_cpf(value):
    """``12345678909`` -> ``123.456.789-09``; anything else as given."""
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) != 11:
        return str(value or "").strip()
    return "%s.%s.%s-%s" % (digits[:3], digits[3:6], digits[6:9], digits[9:])


def format_brl(value):
    """A number as Brazilian reais without the symbol: ``1234.5`` ->
    ``1.234,50``. Text that is not a number is returned stripped."""
    if value is None or value is False or value == "":
        return ""
    try:
        number = float(str(value).replace(",", ".")) if not isinstance(
            value, (int, float)) else float(value)
    except ValueError:
        return str(value).strip()
    text = "{:,.2f}".format(number)
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def render_legacy(text, name=None, cpf=None, value=None):
    """Replace the legacy placeholders of ``text``; a missing value becomes
    an empty string (never the placeholder itself)."""
    values = {
        "NOME": (name or "").strip(),
        "CPF": format_cpf(cpf),
        "VI_RM": format_brl(value),
    }
    return _PATTERN.sub(lambda match: values[match.group(1)], text or "")
