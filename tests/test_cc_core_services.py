# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of cc_core's services: addresses, text, delivery states."""
import pytest

from cc_core.services import delivery, phone, text


@pytest.mark.parametrize(
    "raw, address, key, is_phone",
    [
        ("+55 (11) 98765-4321", "+5511987654321", "+5511987654321", True),
        ("5511987654321", "+5511987654321", "+5511987654321", True),
        ("551187654321", "+551187654321", "+5511987654321", True),  # wa_id without 9
        ("(11) 98765-4321", "+5511987654321", "+5511987654321", True),
        ("+551133334444", "+551133334444", "+551133334444", True),  # landline: no 9
        ("BR.1502576394655843", "BR.1502576394655843", "BR.1502576394655843", False),
        ("5511987654321@l.us", "5511987654321@l.us", "5511987654321@l.us", False),
    ],
)
def test_normalize_address(raw, address, key, is_phone):
    assert phone.normalize_address(raw) == (address, key, is_phone)


def test_ninth_digit_variants_are_one_customer():
    assert phone.ninth_digit_variants("+5511987654321") == [
        "+5511987654321", "+551187654321"]
    assert phone.ninth_digit_key("+551187654321") == phone.ninth_digit_key(
        "+5511987654321")
    assert phone.ninth_digit_variants("+551133334444") == ["+551133334444"]


def test_empty_address_refused():
    with pytest.raises(ValueError):
        phone.normalize_address("  ")


def test_customer_text_is_escaped():
    assert text.to_html('<script>x</script>\n"a"') == (
        "&lt;script&gt;x&lt;/script&gt;<br/>&quot;a&quot;")


KEYWORDS = ["SAIR", "PARE", "STOP", "CANCELAR"]


@pytest.mark.parametrize(
    "message",
    ["SAIR", "sair", " Sair!! ", "pare.", "Páre", "STOP", "cancelár", "CANCELAR 🙏"],
)
def test_opt_out_keywords(message):
    assert text.is_opt_out(message, KEYWORDS)


@pytest.mark.parametrize(
    "message",
    ["", "   ", "não quero sair", "Pareceu bom", "stop!! agora não",
     "quero sair mais cedo", None, 1],
)
def test_not_opt_out(message):
    assert not text.is_opt_out(message, KEYWORDS)


def test_opt_out_custom_keywords():
    assert text.is_opt_out("descadastrar", ["DESCADASTRAR"])
    assert not text.is_opt_out("SAIR", ["DESCADASTRAR"])


@pytest.mark.parametrize(
    "current, reported, expected",
    [
        ("sent", "delivered", "delivered"),
        ("read", "delivered", "read"),
        ("delivered", "sent", "delivered"),
        ("sent", "failed", "failed"),
        ("read", "failed", "read"),
        ("failed", "delivered", "failed"),
        ("unknown", "sent", "sent"),
        ("received", "read", "received"),
    ],
)
def test_delivery_states_only_move_forward(current, reported, expected):
    assert delivery.advance(current, reported) == expected


def test_retry_delay_is_capped_exponential():
    assert [delivery.retry_delay(n, 30, 200) for n in (1, 2, 3, 4, 5)] == [
        30, 60, 120, 200, 200]
