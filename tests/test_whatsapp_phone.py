# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Brazilian 9th-digit candidates and E.164 conversion."""
import pytest

from cc_connector_whatsapp.whatsapp_cloud import phone


@pytest.mark.parametrize(
    "wa_id, expected",
    [
        # 12-digit BR mobile (registered before the 9): add the 9 variant.
        ("551187654321", ["551187654321", "5511987654321"]),
        ("552196543210", ["552196543210", "5521996543210"]),
        ("558171234567", ["558171234567", "5581971234567"]),
        ("556186543210", ["556186543210", "5561986543210"]),
        # 13-digit BR mobile: as received, then without the 9.
        ("5511987654321", ["5511987654321", "551187654321"]),
        ("5521996543210", ["5521996543210", "552196543210"]),
        # Landlines (subscriber starts 2-5) never get a 9.
        ("551133334444", ["551133334444"]),
        ("552125551234", ["552125551234"]),
        ("554145678901", ["554145678901"]),
        ("555132109876", ["555132109876"]),
        # 13 digits whose remainder is not a mobile: keep as is.
        ("5511923334444", ["5511923334444"]),
        # 13 digits without the 9 after the DDD: keep as is.
        ("5511887654321", ["5511887654321"]),
        # Invalid DDD (contains 0).
        ("550187654321", ["550187654321"]),
        ("551087654321", ["551087654321"]),
        # Non-BR numbers are untouched (even if they look similar).
        ("14155552671", ["14155552671"]),
        ("5491123456789", ["5491123456789"]),
        ("351912345678", ["351912345678"]),
        ("447911123456", ["447911123456"]),
        # Formatting and + are stripped.
        ("+55 (11) 8765-4321", ["551187654321", "5511987654321"]),
    ],
)
def test_wa_id_candidates(wa_id, expected):
    assert phone.wa_id_candidates(wa_id) == expected


@pytest.mark.parametrize("value", [None, "", "BR.1502576394655843", "abc"])
def test_candidates_of_non_numbers_are_empty(value):
    assert phone.wa_id_candidates(value) == []


def test_variants_are_exact_inverses():
    assert phone.without_ninth_digit(phone.with_ninth_digit("551187654321")) == (
        "551187654321"
    )
    assert phone.with_ninth_digit("5511987654321") is None
    assert phone.without_ninth_digit("551187654321") is None


@pytest.mark.parametrize(
    "wa_id, expected",
    [
        ("551187654321", "+5511987654321"),
        ("5511987654321", "+5511987654321"),
        ("551133334444", "+551133334444"),
        ("14155552671", "+14155552671"),
        ("+44 7911 123456", "+447911123456"),
        ("BR.1502576394655843", None),
        ("1234567", None),
        ("1234567890123456", None),
        ("", None),
        (None, None),
    ],
)
def test_wa_id_to_e164(wa_id, expected):
    assert phone.wa_id_to_e164(wa_id) == expected
