# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reading a customer's answer to the satisfaction question."""
import pytest

from cc_core.services import csat

EN = {1: "Very bad", 2: "Bad", 3: "Fair", 4: "Good", 5: "Excellent"}
PT = {1: "Péssimo", 2: "Ruim", 3: "Regular", 4: "Bom", 5: "Excelente"}


def test_options_are_numbered_by_rating():
    assert csat.options(EN) == [("csat_1", "Very bad"), ("csat_2", "Bad"),
                                ("csat_3", "Fair"), ("csat_4", "Good"),
                                ("csat_5", "Excellent")]


@pytest.mark.parametrize("text, rating", [
    ("1", 1), (" 5 ", 5), ("3.", 3), ("4)", 4),
    ("excelente", 5), ("EXCELENTE!", 5), ("péssimo", 1), ("Regular", 3),
    ("ótimo", 5), ("muito bom", 5), ("ruim", 2), ("terrible", 1), ("good", 4),
    ("cinco", 5), ("três", 3),
    ("nota 4", 4), ("5 estrelas", 5),
    ("⭐⭐⭐⭐", 4), ("⭐️⭐️⭐️⭐️⭐️", 5), ("★★", 2),
])
def test_answers_that_rate(text, rating):
    assert csat.parse_rating(text, labels=PT) == rating


@pytest.mark.parametrize("text", [
    "", "   ", "6", "0", "10", "nota 10", "Quando chega meu pedido?",
    "tenho 2 pedidos e 3 boletos", "Olá, preciso de ajuda com o pedido 4 da loja",
    "ok", "obrigado", "⭐⭐⭐⭐⭐⭐",
])
def test_other_messages_are_not_answers(text):
    assert csat.parse_rating(text, labels=PT) is None


def test_tap_wins_and_unknown_ids_are_ignored():
    assert csat.parse_rating("Excellent", "csat_2", EN) == 2
    assert csat.parse_rating(None, "csat_5") == 5
    assert csat.parse_rating("Excellent", "menu_7", EN) == 5
    assert csat.parse_rating(None, "csat_9") is None
    assert csat.parse_rating(None, "csat_x") is None


def test_titles_in_the_language_asked():
    assert csat.parse_rating("Fair", labels=EN) == 3
    assert csat.parse_rating("very bad", labels=EN) == 1


def test_average_and_response_rate():
    assert csat.average([5, 4, 2]) == 3.67
    assert csat.average([None, 0]) is None
    assert csat.response_rate(3, 4) == 75.0
    assert csat.response_rate(0, 0) is None
