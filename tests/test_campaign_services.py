# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of the campaign services: legacy placeholders, throttle and
daily cap, sending window, recurrence, CSV audiences."""
from datetime import datetime

import pytest

from cc_core.services import (
    campaign_audience,
    campaign_placeholders,
    campaign_recurrence,
    campaign_throttle,
)


# ----------------------------------------------------------------------
# Legacy placeholders
# ----------------------------------------------------------------------
def test_legacy_placeholders_are_replaced():
    text = "Olá |NOME|, CPF |CPF|: você tem R$ |VI_RM| disponíveis."
    assert campaign_placeholders.render_legacy(
        text, name="Maria Souza", cpf="12345678909", value="1234.5"
    ) == "Olá Maria Souza, CPF 123.456.789-09: você tem R$ 1.234,50 disponíveis."


def test_missing_legacy_values_become_empty_and_unknown_words_stay():
    text = "|NOME| |CPF| |VI_RM| |OUTRO| {{ object.name }}"
    assert campaign_placeholders.render_legacy(text) == "   |OUTRO| {{ object.name }}"


@pytest.mark.parametrize("value, expected", [
    ("1500", "1.500,00"), (2500.756, "2.500,76"), ("12,5", "12,50"),
    ("abc", "abc"), (None, ""), (0, "0,00"),
])
def test_brl_value(value, expected):
    assert campaign_placeholders.format_brl(value) == expected


def test_cpf_format_keeps_what_is_not_a_cpf():
    assert campaign_placeholders.format_cpf("123.456.789-09") == "123.456.789-09"
    assert campaign_placeholders.format_cpf("98765") == "98765"
    assert campaign_placeholders.has_legacy_placeholders("a |NOME|")
    assert not campaign_placeholders.has_legacy_placeholders("a |nome|")


# ----------------------------------------------------------------------
# Throttle, daily cap, window
# ----------------------------------------------------------------------
NOON = datetime(2026, 12, 7, 12, 0)


def test_no_limits_means_unlimited():
    assert campaign_throttle.allowance(NOON) == (None, None, None)


def test_smallest_remaining_limit_wins():
    allowance = campaign_throttle.allowance(
        NOON, per_minute=100, per_hour=1000, daily_cap=5000,
        sent_last_minute=30, sent_last_hour=950, sent_today=1000)
    assert allowance.count == 50


def test_minute_throttle_reached_waits_a_minute():
    allowance = campaign_throttle.allowance(NOON, per_minute=60, sent_last_minute=60)
    assert allowance == (0, datetime(2026, 12, 7, 12, 1), campaign_throttle.REASON_MINUTE)


def test_daily_cap_reached_waits_for_tomorrow_window():
    allowance = campaign_throttle.allowance(
        NOON, daily_cap=1000, sent_today=1000, window_start=9, window_end=18)
    assert allowance == (0, datetime(2026, 12, 8, 9, 0), campaign_throttle.REASON_DAY)


def test_daily_cap_overrun_is_never_negative_count():
    allowance = campaign_throttle.allowance(NOON, daily_cap=10, sent_today=25)
    assert allowance.count == 0


@pytest.mark.parametrize("now, start, end, inside", [
    (datetime(2026, 1, 1, 8, 59), 9, 18, False),
    (datetime(2026, 1, 1, 9, 0), 9, 18, True),
    (datetime(2026, 1, 1, 18, 0), 9, 18, False),
    (datetime(2026, 1, 1, 23, 0), 22, 6, True),
    (datetime(2026, 1, 1, 5, 59), 22, 6, True),
    (datetime(2026, 1, 1, 6, 0), 22, 6, False),
    (datetime(2026, 1, 1, 3, 0), 0, 0, True),
    (datetime(2026, 1, 1, 8, 45), 8.5, 20, True),
])
def test_window(now, start, end, inside):
    assert campaign_throttle.in_window(now, start, end) is inside


def test_outside_window_tells_when_it_opens():
    evening = datetime(2026, 12, 7, 20, 30)
    assert campaign_throttle.allowance(evening, window_start=8.5, window_end=20) == (
        0, datetime(2026, 12, 8, 8, 30), campaign_throttle.REASON_WINDOW)
    early = datetime(2026, 12, 7, 7, 0)
    assert campaign_throttle.window_opens(early, 8, 20) == datetime(2026, 12, 7, 8, 0)


# ----------------------------------------------------------------------
# Recurrence
# ----------------------------------------------------------------------
START = datetime(2026, 1, 31, 9, 0)


@pytest.mark.parametrize("recurrence, interval, after, expected", [
    ("daily", 1, datetime(2026, 1, 31, 9, 0), datetime(2026, 2, 1, 9, 0)),
    ("daily", 2, datetime(2026, 2, 1, 10, 0), datetime(2026, 2, 2, 9, 0)),
    ("weekly", 1, datetime(2026, 2, 3, 0, 0), datetime(2026, 2, 7, 9, 0)),
    ("monthly", 1, datetime(2026, 1, 31, 9, 0), datetime(2026, 2, 28, 9, 0)),
    ("monthly", 1, datetime(2026, 2, 28, 9, 0), datetime(2026, 3, 31, 9, 0)),
    ("monthly", 3, datetime(2026, 2, 1, 0, 0), datetime(2026, 4, 30, 9, 0)),
    ("daily", 1, datetime(2025, 1, 1), START),
])
def test_next_run(recurrence, interval, after, expected):
    assert campaign_recurrence.next_run(START, recurrence, interval, after) == expected


def test_unknown_recurrence_is_refused():
    with pytest.raises(ValueError):
        campaign_recurrence.next_run(START, "hourly", 1, datetime(2026, 3, 1))


# ----------------------------------------------------------------------
# CSV audiences
# ----------------------------------------------------------------------
def test_csv_with_semicolons_latin1_duplicates_and_invalid_numbers():
    data = (
        "Nome;Celular;CPF;VI_RM\n"
        "José da Silva;(11) 98765-4321;12345678909;1500\n"
        "Maria;11 8765-4321;;\n"          # same customer without the 9th digit
        "Sem número;abc;;\n"
        "Curto;123;;\n"
        ";;;\n"
        "Ana;+55 21 99999-0000;;\n"
    ).encode("latin-1")
    rows, skipped = campaign_audience.parse_csv(data)
    assert [(r.name, r.key, r.cpf, r.value) for r in rows] == [
        ("José da Silva", "+5511987654321", "12345678909", "1500"),
        ("Ana", "+5521999990000", "", ""),
    ]
    assert skipped == [(3, "11 8765-4321", "duplicate"), (4, "abc", "invalid"),
                       (5, "123", "invalid")]


def test_csv_landline_is_invalid_for_sms():
    data = "phone,name\n+551133334444,Loja\n+5511987654321,Cliente\n"
    rows, skipped = campaign_audience.parse_csv(data, mobile_only=True)
    assert [r.address for r in rows] == ["+5511987654321"]
    assert skipped == [(2, "+551133334444", "invalid")]


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"   \n", "empty"), (b"name,email\nAna,a@b.c\n", "No phone number column"),
])
def test_unreadable_csv_says_why(data, message):
    with pytest.raises(campaign_audience.AudienceError, match=message):
        campaign_audience.parse_csv(data)
