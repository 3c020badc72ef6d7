# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Parse the ``balance`` value of ``POST /sms/balance`` into a Decimal.

Observed answers are BRL-formatted strings such as ``"R$1.234,56"``; a vendor
example shows ``"1500.50"``; numbers are accepted too. Rules for strings:

* ``R$`` and a leading ``+``/``-`` (before or after ``R$``) are allowed;
  spaces (incl. no-break spaces) are ignored anywhere;
* with both ``.`` and ``,`` the right-most one is the decimal separator and
  the other one groups thousands;
* a single separator is decimal, except one ``.`` followed by exactly three
  digits, read as BRL thousands (``"1.500"`` is 1500: balances have two
  decimals); repeated separators group thousands (``"1.234.567"``);
* thousands groups must be well formed (``"12.34.5"`` is refused).

``None``, booleans, NaN/infinity, empty strings and anything else raise
:class:`BalanceParseError` rather than being guessed as zero.
"""

import re
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"^\d+([.,]\d+)*$")
_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:X\d{3})+$")


class BalanceParseError(ValueError):
    """The balance value is missing or not a recognisable amount."""


def _strip_currency(text):
    """Return (sign, bare number) with the currency symbol and spaces removed."""
    text = text.replace("\u00a0", " ").strip()
    sign = ""
    if text.startswith(("+", "-")):
        sign, text = text[0], text[1:].lstrip()
    if text[:2].upper() == "R$":
        text = text[2:].strip()
    if not sign and text.startswith(("+", "-")):
        sign, text = text[0], text[1:].lstrip()
    return sign, text.replace(" ", "")


def _check_grouping(integer, separator):
    if not _GROUPED.match(integer.replace(separator, "X")):
        raise BalanceParseError("malformed thousands grouping in balance")
    return integer.replace(separator, "")


def _normalise(number):
    """Turn the bare number into a plain ``1234.56`` string."""
    if not _NUMBER.match(number):
        raise BalanceParseError("balance is not a number")
    dot, comma = number.rfind("."), number.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal_sep = "." if dot > comma else ","
        thousands = "," if decimal_sep == "." else "."
        integer, _sep, fraction = number.rpartition(decimal_sep)
        if decimal_sep in integer:
            raise BalanceParseError("balance has two decimal separators")
        return "%s.%s" % (_check_grouping(integer, thousands), fraction)
    separator = "." if dot >= 0 else ("," if comma >= 0 else "")
    if not separator:
        return number
    parts = number.split(separator)
    if len(parts) > 2:
        return _check_grouping(number, separator)
    if separator == "." and _GROUPED.match(number.replace(".", "X")):
        return number.replace(".", "")
    return "%s.%s" % (parts[0], parts[1])


def parse_balance(value):
    """Return the balance as a :class:`Decimal` or raise :class:`BalanceParseError`."""
    if value is None:
        raise BalanceParseError("balance is missing")
    if isinstance(value, bool):
        raise BalanceParseError("balance is a boolean")
    if isinstance(value, (int, float, Decimal)):
        result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        sign, number = _strip_currency(value)
        if not number:
            raise BalanceParseError("balance is empty")
        try:
            result = Decimal(sign + _normalise(number))
        except InvalidOperation:
            raise BalanceParseError("balance is not a number") from None
    else:
        raise BalanceParseError("balance has unexpected type %s" % type(value).__name__)
    if not result.is_finite():
        raise BalanceParseError("balance is not a finite number")
    return result
