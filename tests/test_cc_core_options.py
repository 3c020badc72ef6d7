# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Numbered options and how a customer's answer is read."""
import pytest

from cc_core.services.options import check_options, match_option, numbered_text

MENU = [("fin", "Financeiro"), ("sales", "Vendas"), ("agent", "Falar com atendente")]
YES_NO = [("yes", "Sim"), ("no", "Não")]


def test_numbered_text_lists_every_option_under_the_question():
    assert numbered_text("Como podemos ajudar?", MENU) == (
        "Como podemos ajudar?\n1 - Financeiro\n2 - Vendas\n3 - Falar com atendente")
    assert numbered_text("", YES_NO) == "1 - Sim\n2 - Não"


@pytest.mark.parametrize("answer, expected", [
    ("1", "fin"), (" 2 ", "sales"), ("3.", "agent"), ("2)", "sales"), ("1-", "fin"),
    ("4", None), ("0", None), ("12", None),
    ("financeiro", "fin"), ("VENDAS!", "sales"), ("falar com atendente", "agent"),
    ("quero falar com um atendente por favor", "agent"),
    ("vendas e financeiro", None),          # two options named: ambiguous
    ("boleto", None), ("", None), ("   ", None), ("🙂", None),
])
def test_answer_by_number_or_words(answer, expected):
    assert match_option(MENU, text=answer) == expected


def test_accents_and_case_do_not_matter():
    assert match_option(YES_NO, text="nao") == "no"
    assert match_option(YES_NO, text="NÃO") == "no"
    assert match_option(YES_NO, text="sim!") == "yes"


def test_a_tap_wins_over_the_text_and_unknown_taps_fall_back_to_the_text():
    assert match_option(MENU, text="Vendas", reply_id="fin") == "fin"
    assert match_option(MENU, text="Vendas", reply_id="old-menu-id") == "sales"
    assert match_option(MENU, reply_id="agent") == "agent"
    assert match_option(MENU, text=None, reply_id=None) is None


@pytest.mark.parametrize("options", [
    [], [("a", "")], [("", "A")], [("a", "A"), ("a", "B")], [("a", "A", "x")],
])
def test_unusable_options_are_refused(options):
    with pytest.raises(ValueError):
        check_options(options)
