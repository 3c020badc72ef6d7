# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS encoding and segment counting (GSM 03.38 / UCS-2)."""
from decimal import Decimal

import pytest

from cc_connector_sms_kolmeya.kolmeya_api import segments
from cc_connector_sms_kolmeya.kolmeya_api.segments import (
    GSM7,
    MAX_SEGMENTS,
    UCS2,
    SmsCount,
    count,
    estimate_cost,
    is_gsm7,
    non_gsm7_characters,
)

EMOJI = "\U0001f600"  # grinning face, outside the BMP


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", (GSM7, 0, 0, 160, 160)),
        ("Ola, tudo bem?", (GSM7, 14, 1, 160, 146)),
        ("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", (GSM7, 42, 1, 160, 118)),
        ("\r\n", (GSM7, 2, 1, 160, 158)),
        ("€", (GSM7, 2, 1, 160, 158)),
        ("^{}\\[]~|€\f", (GSM7, 20, 1, 160, 140)),
        ("a" * 160, (GSM7, 160, 1, 160, 0)),
        ("a" * 161, (GSM7, 161, 2, 153, 145)),
        ("a" * 306, (GSM7, 306, 2, 153, 0)),
        ("a" * 307, (GSM7, 307, 3, 153, 152)),
        ("€" * 80, (GSM7, 160, 1, 160, 0)),
        ("Não", (UCS2, 3, 1, 70, 67)),
        ("ação", (UCS2, 4, 1, 70, 66)),
        ("ç", (UCS2, 1, 1, 70, 69)),
        ("õ", (UCS2, 1, 1, 70, 69)),
        ("ã" * 70, (UCS2, 70, 1, 70, 0)),
        ("ã" * 71, (UCS2, 71, 2, 67, 63)),
        ("ã" * 134, (UCS2, 134, 2, 67, 0)),
        ("ã" * 135, (UCS2, 135, 3, 67, 66)),
        ("€ã", (UCS2, 2, 1, 70, 68)),
        (EMOJI, (UCS2, 2, 1, 70, 68)),
        ("ok " + EMOJI, (UCS2, 5, 1, 70, 65)),
        (EMOJI * 35, (UCS2, 70, 1, 70, 0)),
        (EMOJI * 36, (UCS2, 72, 2, 67, 61)),
    ],
)
def test_count_table(text, expected):
    assert count(text).as_tuple() == expected


def test_gsm7_tables_match_the_standard_sizes():
    # 128 basic positions minus ESC; 10 extension characters incl. form feed
    assert len(segments.GSM7_BASIC) == 127
    assert len(segments.GSM7_EXTENSION) == 10
    assert "\x1b" not in segments.GSM7_BASIC


@pytest.mark.parametrize("char", list("éàÇÉüñ"))
def test_portuguese_letters_inside_gsm7(char):
    assert is_gsm7(char)


@pytest.mark.parametrize("char", list("ãõáíóúâêôçÁÃÕÊ`"))
def test_portuguese_letters_outside_gsm7(char):
    assert not is_gsm7(char)
    assert count(char).encoding == UCS2


def test_extension_char_is_not_split_across_segments():
    # 152 plain septets then "€": the escape pair does not fit in part 1
    result = count("a" * 152 + "€" + "b" * 10)
    assert result.units == 164
    assert result.segments == 2
    assert result.remaining_in_segment == 153 - 12


def test_surrogate_pair_is_not_split_across_segments():
    result = count("ã" * 66 + EMOJI + "ã" * 10)
    assert result.units == 78
    assert result.segments == 2
    assert result.remaining_in_segment == 67 - 12


def test_too_long_uses_max_segments():
    assert MAX_SEGMENTS == 4
    assert not count("a" * 153 * MAX_SEGMENTS).too_long
    assert count("a" * (153 * MAX_SEGMENTS + 1)).too_long
    assert not count("ã" * 67 * MAX_SEGMENTS).too_long
    assert count("ã" * (67 * MAX_SEGMENTS + 1)).too_long


def test_none_counts_as_empty_and_non_text_is_refused():
    assert count(None).segments == 0
    with pytest.raises(TypeError):
        count(12)


def test_sms_count_equality():
    assert count("abc") == SmsCount(GSM7, 3, 1, 160, 157)
    assert count("abc") != count("abd ")


@pytest.mark.parametrize(
    "text, price, expected",
    [
        ("a" * 10, Decimal("0.10"), Decimal("0.10")),
        ("a" * 161, Decimal("0.075"), Decimal("0.150")),
        ("ã" * 135, "0.08", Decimal("0.24")),
        ("", Decimal("0.10"), Decimal("0")),
    ],
)
def test_estimate_cost(text, price, expected):
    assert estimate_cost(count(text), price) == expected


def test_estimate_cost_accepts_segment_int_and_float_price():
    assert estimate_cost(3, 0.1) == Decimal("0.3")


@pytest.mark.parametrize(
    "segments_arg, price",
    [(1, "abc"), (1, Decimal("-1")), (1, Decimal("NaN")), (-1, "1"), (True, "1")],
)
def test_estimate_cost_rejects_bad_input(segments_arg, price):
    with pytest.raises(ValueError):
        estimate_cost(segments_arg, price)


def test_non_gsm7_characters_tell_why_an_sms_is_unicode():
    # First occurrences, in order, each once (é is GSM-7, á is not).
    assert non_gsm7_characters("Olá é ação — R$ 10 " + EMOJI + " — á") == [
        "á", "ç", "ã", "—", EMOJI]
    assert non_gsm7_characters("Bom dia {} [€]") == []
    assert non_gsm7_characters("ãõâêôûî", limit=3) == ["ã", "õ", "â"]
