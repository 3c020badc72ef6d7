# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Questions with options as WhatsApp reply buttons or lists (Meta's limits)."""
from cc_connector_whatsapp.whatsapp_cloud.interactive import options_message

TO = "5511987654321"
BASE = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": TO,
        "type": "interactive"}


def test_up_to_three_short_options_are_reply_buttons():
    payload = options_message(TO, "Deseja falar com um atendente?",
                              [("yes", "Sim"), ("no", "Não")])
    assert payload == dict(BASE, interactive={
        "type": "button",
        "body": {"text": "Deseja falar com um atendente?"},
        "action": {"buttons": [
            {"type": "reply", "reply": {"id": "yes", "title": "Sim"}},
            {"type": "reply", "reply": {"id": "no", "title": "Não"}}]}})


def test_more_options_or_longer_titles_make_a_list():
    options = [(str(n), "Nota %d" % n) for n in range(1, 6)]
    payload = options_message(TO, "Como foi o atendimento?", options,
                              button_label="Opções")
    assert payload["interactive"]["type"] == "list"
    assert payload["interactive"]["action"]["button"] == "Opções"
    rows = payload["interactive"]["action"]["sections"][0]["rows"]
    assert rows == [{"id": str(n), "title": "Nota %d" % n} for n in range(1, 6)]
    long_title = "Segunda via do boleto bancário"           # 30 > 20 characters
    payload = options_message(TO, "Assunto?", [("a", long_title), ("b", "Outro")])
    row = payload["interactive"]["action"]["sections"][0]["rows"][0]
    assert payload["interactive"]["type"] == "list"
    assert len(row["title"]) == 24 and row["title"].endswith("\u2026")
    assert row["description"] == long_title


def test_what_meta_would_refuse_falls_back_to_text():
    eleven = [(str(n), "Opção %d" % n) for n in range(11)]
    assert options_message(TO, "Escolha", eleven) is None
    assert options_message(TO, "Escolha", [("a", "x" * 73)]) is None
    assert options_message(TO, "", [("a", "Sim")]) is None
    assert options_message(TO, "q" * 1025, [("a", "Sim")]) is None
    assert options_message(TO, "Escolha", [("a", "Sim"), ("a", "Não")]) is None
    assert options_message(TO, "Escolha", [("i" * 201, "Sim")]) is None


def test_quoted_question_keeps_the_context():
    payload = options_message(TO, "Confirma?", [("y", "Sim")], reply_to="wamid.X")
    assert payload["context"] == {"message_id": "wamid.X"}
