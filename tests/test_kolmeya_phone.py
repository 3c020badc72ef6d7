# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Brazilian phone conversion between E.164 and Kolmeya."""
import pytest

from cc_connector_sms_kolmeya.kolmeya_api.phone import (
    InvalidPhoneError,
    from_kolmeya,
    national_digits,
    same_phone,
    to_kolmeya,
)


@pytest.mark.parametrize(
    "e164, expected",
    [
        ("+5511987654321", "5511987654321"),
        ("+55 11 98765-4321", "5511987654321"),
        ("+55 (21) 99876.5432", "5521998765432"),
        ("+5555999998888", "5555999998888"),
        ("+5599912345678", "5599912345678"),
    ],
)
def test_to_kolmeya(e164, expected):
    assert to_kolmeya(e164) == expected


def test_to_kolmeya_landline_only_when_allowed():
    with pytest.raises(InvalidPhoneError, match="mobile"):
        to_kolmeya("+551133334444")
    assert to_kolmeya("+551133334444", mobile_only=False) == "551133334444"


@pytest.mark.parametrize(
    "value, reason",
    [
        ("5511987654321", "start with \\+55"),
        ("+1 202 555 0100", "start with \\+55"),
        ("+55119876543210", "10 or 11"),
        ("+55119876543", "10 or 11"),
        ("+5510987654321", "area code"),
        ("+5520987654321", "area code"),
        ("+5511887654321", "start with 9"),
        ("+5511abc654321", "only digits"),
        ("+5511９87654321", "only digits"),
        ("", "start with \\+55"),
        (5511987654321, "string"),
        (None, "string"),
    ],
)
def test_to_kolmeya_refuses_invalid(value, reason):
    with pytest.raises(InvalidPhoneError, match=reason):
        to_kolmeya(value)


def test_invalid_phone_is_a_value_error():
    assert issubclass(InvalidPhoneError, ValueError)


def test_landline_with_bad_first_digit_is_refused():
    with pytest.raises(InvalidPhoneError, match="2-5"):
        to_kolmeya("+551183334444", mobile_only=False)


@pytest.mark.parametrize(
    "value, expected",
    [
        (11987654321, "+5511987654321"),
        ("11987654321", "+5511987654321"),
        (5511987654321, "+5511987654321"),
        ("5511987654321", "+5511987654321"),
        ("+55 (11) 98765-4321", "+5511987654321"),
        ("011987654321", "+5511987654321"),
        ("55999998888", "+5555999998888"),
        ("1133334444", "+551133334444"),
        ("551133334444", "+551133334444"),
    ],
)
def test_from_kolmeya(value, expected):
    assert from_kolmeya(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "abc", "12345", "4411987654321", "10987654321", True, None, 1.5, [1]],
)
def test_from_kolmeya_refuses_invalid(value):
    with pytest.raises(InvalidPhoneError):
        from_kolmeya(value)


def test_round_trip():
    for e164 in ("+5511987654321", "+5594991234567"):
        assert from_kolmeya(to_kolmeya(e164)) == e164
        assert from_kolmeya(int(national_digits(e164))) == e164


def test_same_phone():
    assert same_phone(11987654321, "+5511987654321")
    assert same_phone("5511987654321", "+55 11 98765-4321")
    assert not same_phone(11987654321, "+5511987654322")
    assert not same_phone("garbage", "+5511987654321")
