# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The AI assistant's pure parts: personal-data masking, the OpenAI-compatible
client against a fake server on 127.0.0.1, prompts and cost."""
import os

import pytest

from cc_core.services import ai_client, ai_privacy
from cc_core.services.ai_fake_server import FakeAiServer

AUDIO = os.path.join(os.path.dirname(os.path.dirname(__file__)), "cc_core", "tests",
                     "voice_note.wav")


@pytest.mark.parametrize("text, expected", [
    ("Meu e-mail é joao.silva+x@empresa.com.br ok", "Meu e-mail é [e-mail] ok"),
    ("CPF 529.982.247-25", "CPF [CPF]"),
    ("cpf 52998224725", "cpf [CPF]"),
    ("CNPJ 11.222.333/0001-81", "CNPJ [CNPJ]"),
    ("cnpj 11222333000181.", "cnpj [CNPJ]."),
    ("ligue +55 (11) 98765-4321", "ligue [phone]"),
    ("fixo (11) 3333-4444", "fixo [phone]"),
    ("zap 11987654321", "zap [phone]"),  # 11 digits, not a valid CPF
    ("cel 98765-4321!", "cel [phone]!"),
    ("+5511987654321", "[phone]"),
])
def test_masking_hides_personal_data(text, expected):
    assert ai_privacy.mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "Valor R$ 1.500,00 em 12/10/2026 às 10:30",
    "Pedido 1234, 3 itens, total 250,00",
    "Olá, tudo bem?",
])
def test_masking_keeps_ordinary_text(text):
    assert ai_privacy.mask_personal_data(text) == text


def test_cpf_check_digits():
    assert ai_privacy.is_valid_cpf("52998224725")
    assert not ai_privacy.is_valid_cpf("52998224726")
    assert not ai_privacy.is_valid_cpf("11111111111")


@pytest.fixture
def server():
    with FakeAiServer(key="k") as fake:
        yield fake


def test_chat_returns_text_and_usage(server):
    server.reply("Claro, posso ajudar!", prompt_tokens=120, completion_tokens=8)
    client = ai_client.AiClient(server.url, "k", "gpt-test", timeout=5)
    result = client.chat([{"role": "user", "content": "oi"}])
    assert result == ai_client.ChatResult("Claro, posso ajudar!", 120, 8, "gpt-test")
    request = server.requests[-1]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer k"
    assert request.json["model"] == "gpt-test"


def test_transcription_is_multipart_with_the_file(server):
    with open(AUDIO, "rb") as audio:
        content = audio.read()
    server.reply("Quero saber do meu pedido")
    client = ai_client.AiClient(server.url, "k", "gpt-test", timeout=5)
    result = client.transcribe("note.wav", content, "audio/wav", model="whisper-1")
    assert result.text == "Quero saber do meu pedido"
    assert result.seconds == 3.0
    request = server.requests[-1]
    assert request.path == "/v1/audio/transcriptions"
    assert request.form["model"] == "whisper-1"
    assert request.files["file"]["content"] == content
    assert request.files["file"]["content_type"] == "audio/wav"


@pytest.mark.parametrize("status, error_class", [
    (400, ai_client.AiHttpError), (401, ai_client.AiAuthError),
    (429, ai_client.AiRateLimited), (500, ai_client.AiHttpError),
    (503, ai_client.AiHttpError),
])
def test_http_errors_are_typed(server, status, error_class):
    server.fail(status, "boom")
    client = ai_client.AiClient(server.url, "k", "m", timeout=5)
    with pytest.raises(error_class) as info:
        client.chat([{"role": "user", "content": "oi"}])
    assert info.value.status == status
    assert info.value.detail == "boom"


def test_wrong_key_is_an_auth_error(server):
    client = ai_client.AiClient(server.url, "wrong", "m", timeout=5)
    with pytest.raises(ai_client.AiAuthError):
        client.chat([{"role": "user", "content": "oi"}])


def test_timeout(server):
    server.delay(1.0)
    client = ai_client.AiClient(server.url, "k", "m", timeout=0.2)
    with pytest.raises(ai_client.AiTimeout):
        client.chat([{"role": "user", "content": "oi"}])


def test_unreachable_server():
    client = ai_client.AiClient("http://127.0.0.1:9", "k", "m", timeout=2)
    with pytest.raises(ai_client.AiConnectionError):
        client.chat([{"role": "user", "content": "oi"}])


def test_empty_answer_is_a_response_error(server):
    server.reply("   ")
    client = ai_client.AiClient(server.url, "k", "m", timeout=5)
    with pytest.raises(ai_client.AiResponseError):
        client.chat([{"role": "user", "content": "oi"}])


def test_cost_estimate():
    # 1,000 input tokens at 2.50 and 500 output at 10.00 per million, 90 s at 0.03/min.
    assert ai_client.estimate_cost(1000, 500, 2.5, 10.0) == pytest.approx(0.0075)
    assert ai_client.estimate_cost(0, 0, 1, 1, seconds=90, minute_price=0.03) == \
        pytest.approx(0.045)


def test_prompts_carry_history_canned_answers_and_language():
    messages = ai_client.suggest_prompt(
        [("customer", "Meu pedido  não chegou"), ("agent", "Vou verificar")],
        [("Prazo", "O prazo é de 5 dias úteis.")], "pt_BR")
    assert "Brazilian Portuguese" in messages[0]["content"]
    assert "Customer: Meu pedido não chegou\nAgent: Vou verificar" in messages[1]["content"]
    assert "- Prazo: O prazo é de 5 dias úteis." in messages[1]["content"]
    assert "English" in ai_client.translate_prompt("Olá", "en_US")[0]["content"]
    assert ai_client.summary_prompt([], "pt_BR")[1]["content"] == "(no messages)"
