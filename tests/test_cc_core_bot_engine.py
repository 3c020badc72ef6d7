# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of the triage bot's decisions: menus, answers, hand-over, caps."""
import pytest

from cc_core.services import bot_engine as bot
from cc_core.services.bot_engine import Flow, Node, Option, State

MAIN = Node("n1", "Como podemos ajudar?", (
    Option("o1", "Segunda via", action="close", has_reply=True),
    Option("o2", "Pedido", action="handover", question="Qual o número do pedido?",
           validation="number", label="Pedido"),
    Option("o3", "Cadastro", action="node", next_node="n2"),
    Option("o4", "Falar com atendente", action="handover"),
))
REGISTRATION = Node("n2", "Cadastro: o que deseja?", (
    Option("o5", "Atualizar CPF", action="handover", question="Informe seu CPF",
           validation="cpf", label="CPF"),
    Option("o6", "Voltar", action="node", next_node="n1"),
))
FLOW = Flow(greeting="Olá! Sou o assistente virtual.", start_node="n1",
            nodes={"n1": MAIN, "n2": REGISTRATION}, max_invalid=3, max_messages=10,
            handover_words=("atendente", "humano", "falar com alguem"),
            invalid_text="Não entendi.", handover_text="Vou chamar um atendente.")


def started():
    step = bot.start(FLOW)
    return step.state


def test_start_sends_greeting_and_menu_in_one_message():
    step = bot.start(FLOW)
    assert len(step.replies) == 1
    reply = step.replies[0]
    assert reply.kind == "options"
    assert reply.text == "Olá! Sou o assistente virtual.\n\nComo podemos ajudar?"
    assert [title for _id, title in reply.options] == [
        "Segunda via", "Pedido", "Cadastro", "Falar com atendente"]
    assert step.state == State("n1", None, 0, 1)
    assert step.end is None


def test_start_of_a_flow_without_options_hands_over():
    flow = FLOW._replace(nodes={"n1": Node("n1", "?", ())})
    step = bot.start(flow)
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_BROKEN
    assert step.replies == ()


@pytest.mark.parametrize("text,reply_id", [
    ("3", None), (" 3. ", None), ("cadastro", None), ("CADASTRO!", None),
    ("quero ver meu cadastro", None), ("qualquer", "o3")])
def test_number_words_or_tap_go_to_the_next_menu(text, reply_id):
    step = bot.answer(FLOW, started(), text, reply_id)
    assert step.chosen == "o3"
    assert [r.kind for r in step.replies] == ["options"]
    assert step.replies[0].text == "Cadastro: o que deseja?"
    assert step.state == State("n2", None, 0, 2)


def test_option_with_reply_and_close():
    step = bot.answer(FLOW, started(), "1")
    assert step.chosen == "o1"
    assert step.replies == (bot.Reply("reply", option="o1"),)
    assert step.end == bot.CLOSE


def test_question_then_valid_answer_is_kept_and_hands_over():
    step = bot.answer(FLOW, started(), "2")
    assert step.replies == (bot.Reply("text", "Qual o número do pedido?"),)
    assert step.state.option == "o2" and step.end is None
    step = bot.answer(FLOW, step.state, "  123-456 ")
    assert step.answer == ("Pedido", "123456")
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_OPTION
    assert step.replies == (bot.Reply("text", "Vou chamar um atendente."),)


def test_invalid_answer_asks_again_then_hands_over():
    state = bot.answer(FLOW, started(), "2").state
    step = bot.answer(FLOW, state, "não sei")
    assert step.invalid and step.end is None
    assert step.replies[0].text == "Não entendi.\n\nQual o número do pedido?"
    step = bot.answer(FLOW, step.state, "abc")
    assert step.state.invalid_count == 2 and step.end is None
    step = bot.answer(FLOW, step.state, "xyz")
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_INVALID
    assert step.replies == ()


def test_unknown_menu_answer_repeats_the_menu_with_the_apology():
    step = bot.answer(FLOW, started(), "9")
    assert step.invalid
    assert step.replies[0].kind == "options"
    assert step.replies[0].text == "Não entendi.\n\nComo podemos ajudar?"
    assert step.chosen is None


def test_a_valid_option_resets_the_invalid_count():
    state = bot.answer(FLOW, started(), "blah").state
    assert state.invalid_count == 1
    state = bot.answer(FLOW, state, "3").state
    assert state.invalid_count == 0


@pytest.mark.parametrize("text", ["quero um atendente agora", "HUMANO",
                                  "falar com alguém por favor"])
def test_asking_for_a_person_hands_over(text):
    step = bot.answer(FLOW, started(), text)
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_KEYWORD
    state = bot.answer(FLOW, started(), "2").state
    step = bot.answer(FLOW, state, text)
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_KEYWORD


def test_an_option_titled_like_a_keyword_is_the_option():
    step = bot.answer(FLOW, started(), "Falar com atendente")
    assert step.chosen == "o4" and step.reason == bot.REASON_OPTION


def test_message_cap_stops_a_customer_going_round_in_circles():
    flow = FLOW._replace(max_messages=4)
    state = bot.start(flow).state
    for text in ("3", "voltar", "3"):
        step = bot.answer(flow, state, text)
        assert step.end is None
        state = step.state
    assert state.message_count == 4
    step = bot.answer(flow, state, "voltar")
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_CAP
    assert step.replies == ()


def test_a_flow_edited_meanwhile_hands_over():
    step = bot.answer(FLOW, State("gone", None, 0, 1), "1")
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_BROKEN
    step = bot.answer(FLOW, State("n1", "gone", 0, 1), "1")
    assert step.end == bot.HANDOVER and step.reason == bot.REASON_BROKEN


@pytest.mark.parametrize("kind,text,expected", [
    ("cpf", "529.982.247-25", "529.982.247-25"),
    ("cpf", "52998224725", "529.982.247-25"),
    ("cpf", "529.982.247-24", None),
    ("cpf", "111.111.111-11", None),
    ("cpf", "meu cpf 52998224725", None),
    ("number", "12 34", "1234"),
    ("number", "12a", None),
    ("email", "Ana@Example.com", "ana@example.com"),
    ("email", "ana@", None),
    ("text", "  rua   das flores ", "rua das flores"),
    ("text", "   ", None),
    ("text", "x" * 201, None),
])
def test_validation(kind, text, expected):
    assert bot.validate(kind, text) == expected


def test_cpf_answer_in_a_sub_menu_is_kept_formatted():
    state = bot.answer(FLOW, started(), "3").state
    state = bot.answer(FLOW, state, "1").state
    step = bot.answer(FLOW, state, "52998224725")
    assert step.answer == ("CPF", "529.982.247-25")
    assert step.end == bot.HANDOVER
