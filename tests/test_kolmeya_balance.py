# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Parsing of the ``/sms/balance`` value."""
from decimal import Decimal

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.balance import (
    BalanceParseError,
    parse_balance,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("R$1.234,56", Decimal("1234.56")),
        ("R$ 1.234,56", Decimal("1234.56")),
        ("r$ 1.234,56", Decimal("1234.56")),
        ("R$\u00a01.234,56", Decimal("1234.56")),
        ("  R$ 12,50  ", Decimal("12.50")),
        ("R$ 0,07", Decimal("0.07")),
        ("R$1.234.567,89", Decimal("1234567.89")),
        ("-R$ 12,50", Decimal("-12.50")),
        ("R$ -12,50", Decimal("-12.50")),
        ("1500.50", Decimal("1500.50")),
        ("1.500", Decimal("1500")),
        ("1.234.567", Decimal("1234567")),
        ("0.500", Decimal("0.5")),
        ("1500.500", Decimal("1500.5")),
        ("1,5", Decimal("1.5")),
        ("1,234.56", Decimal("1234.56")),
        ("1,234,567", Decimal("1234567")),
        ("42", Decimal("42")),
        (1500, Decimal("1500")),
        (1500.5, Decimal("1500.5")),
        (0.1, Decimal("0.1")),
        (Decimal("3.14"), Decimal("3.14")),
    ],
)
def test_parse_balance(value, expected):
    result = parse_balance(value)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "R$",
        "abc",
        "R$ abc",
        "12.34.5",
        "1.2.3,4",
        "1,234,56",
        "1.234,567.8",
        "--1",
        "1e5",
        "NaN",
        "Infinity",
        True,
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        [],
        {"balance": "1"},
    ],
)
def test_parse_balance_refuses_garbage(value):
    with pytest.raises(BalanceParseError):
        parse_balance(value)


def test_balance_error_is_a_value_error_with_a_clear_message():
    with pytest.raises(ValueError, match="missing"):
        parse_balance(None)
    with pytest.raises(ValueError, match="grouping"):
        parse_balance("12.34.5")
