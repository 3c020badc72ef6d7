# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exact request bodies for every send type and template rendering."""
import pytest

from cc_connector_whatsapp.whatsapp_cloud import errors, payloads

TO = "5511987654321"
BASE = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": TO}
TEMPLATE_DEF = [
    {"type": "HEADER", "format": "TEXT", "text": "Fatura de {{1}}"},
    {"type": "BODY", "text": "Olá {{1}}, seu boleto de {{2}} vence em {{3}}."},
    {"type": "FOOTER", "text": "Equipe Financeira"},
    {
        "type": "BUTTONS",
        "buttons": [
            {"type": "QUICK_REPLY", "text": "Já paguei"},
            {"type": "URL", "text": "Pagar", "url": "https://pay.example/{{1}}"},
            {"type": "URL", "text": "Site", "url": "https://example.com"},
            {"type": "COPY_CODE", "text": "Copiar código"},
        ],
    },
]


def _msg(kind, obj, **extra):
    return dict(BASE, type=kind, **{kind: obj}, **extra)


def test_text():
    assert payloads.text(TO, "Olá! Como posso ajudar?") == _msg(
        "text", {"body": "Olá! Como posso ajudar?", "preview_url": False}
    )


def test_text_with_preview_and_reply_context():
    body = payloads.text(
        TO, "Veja https://x.example", preview_url=True, reply_to="wamid.A"
    )
    assert body == _msg(
        "text",
        {"body": "Veja https://x.example", "preview_url": True},
        context={"message_id": "wamid.A"},
    )


def test_text_limits():
    assert payloads.text(TO, "a" * 4096)["text"]["body"] == "a" * 4096
    with pytest.raises(ValueError):
        payloads.text(TO, "a" * 4097)
    with pytest.raises(ValueError):
        payloads.text(TO, "")
    with pytest.raises(ValueError):
        payloads.text("", "oi")


@pytest.mark.parametrize(
    "kind, kwargs, expected",
    [
        (
            "image",
            {"media_id": "111", "caption": "Foto"},
            {"id": "111", "caption": "Foto"},
        ),
        (
            "image",
            {"link": "https://cdn.example/x.jpg"},
            {"link": "https://cdn.example/x.jpg"},
        ),
        (
            "video",
            {"media_id": "222", "caption": "Vídeo"},
            {"id": "222", "caption": "Vídeo"},
        ),
        ("audio", {"media_id": "333"}, {"id": "333"}),
        (
            "sticker",
            {"link": "https://cdn.example/s.webp"},
            {"link": "https://cdn.example/s.webp"},
        ),
        (
            "document",
            {"media_id": "444", "filename": "boleto.pdf", "caption": "Boleto"},
            {"id": "444", "filename": "boleto.pdf", "caption": "Boleto"},
        ),
        (
            "document",
            {"link": "https://cdn.example/b.pdf", "filename": "b.pdf"},
            {"link": "https://cdn.example/b.pdf", "filename": "b.pdf"},
        ),
    ],
)
def test_media(kind, kwargs, expected):
    assert payloads.media(TO, kind, **kwargs) == _msg(kind, expected)


def test_media_reply_context():
    body = payloads.media(TO, "audio", media_id="1", reply_to="wamid.B")
    assert body["context"] == {"message_id": "wamid.B"}


@pytest.mark.parametrize(
    "kind, kwargs",
    [
        ("audio", {"media_id": "1", "caption": "no"}),
        ("sticker", {"media_id": "1", "caption": "no"}),
        ("image", {"media_id": "1", "filename": "x.jpg"}),
        ("image", {"media_id": "1", "link": "https://x"}),
        ("image", {}),
        ("gif", {"media_id": "1"}),
        ("image", {"media_id": "1", "caption": "c" * 1025}),
    ],
)
def test_media_rejects_what_meta_would_reject(kind, kwargs):
    with pytest.raises(ValueError):
        payloads.media(TO, kind, **kwargs)


def test_location():
    body = payloads.location(TO, -23.5614, "-46.6559", name="Loja", address="Av. X, 1")
    assert body == _msg(
        "location",
        {
            "latitude": -23.5614,
            "longitude": -46.6559,
            "name": "Loja",
            "address": "Av. X, 1",
        },
    )
    assert payloads.location(TO, 1, 2)["location"] == {
        "latitude": 1.0,
        "longitude": 2.0,
    }


def test_mark_read():
    assert payloads.mark_read("wamid.IN") == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.IN",
    }
    assert payloads.mark_read("wamid.IN", typing_indicator=True)[
        "typing_indicator"
    ] == {"type": "text"}


def test_template_without_components():
    assert payloads.template(TO, "boas_vindas", "pt_BR") == _msg(
        "template", {"name": "boas_vindas", "language": {"code": "pt_BR"}}
    )


def test_template_with_header_body_and_button_params():
    components = [
        payloads.header_component(
            [
                payloads.media_parameter(
                    "document", link="https://x/b.pdf", filename="b.pdf"
                )
            ]
        ),
        payloads.body_component(["Maria", "R$ 120,00"]),
        payloads.button_component("url", 0, "abc123"),
        payloads.button_component("quick_reply", 1, "PAGUEI"),
        payloads.button_component("copy_code", 2, "CUPOM10"),
    ]
    body = payloads.template(TO, "cobranca_lembrete", "pt_BR", components)
    assert body == _msg(
        "template",
        {
            "name": "cobranca_lembrete",
            "language": {"code": "pt_BR"},
            "components": [
                {
                    "type": "header",
                    "parameters": [
                        {
                            "type": "document",
                            "document": {
                                "link": "https://x/b.pdf",
                                "filename": "b.pdf",
                            },
                        }
                    ],
                },
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": "Maria"},
                        {"type": "text", "text": "R$ 120,00"},
                    ],
                },
                {
                    "type": "button",
                    "sub_type": "url",
                    "index": "0",
                    "parameters": [{"type": "text", "text": "abc123"}],
                },
                {
                    "type": "button",
                    "sub_type": "quick_reply",
                    "index": "1",
                    "parameters": [{"type": "payload", "payload": "PAGUEI"}],
                },
                {
                    "type": "button",
                    "sub_type": "copy_code",
                    "index": "2",
                    "parameters": [{"type": "coupon_code", "coupon_code": "CUPOM10"}],
                },
            ],
        },
    )


def test_header_text_and_named_body_parameter():
    assert payloads.header_component(["Março"]) == {
        "type": "header",
        "parameters": [{"type": "text", "text": "Março"}],
    }
    assert payloads.text_parameter("Maria", name="nome") == {
        "type": "text",
        "text": "Maria",
        "parameter_name": "nome",
    }


def test_placeholders_sorted_numerically_and_deduplicated():
    assert payloads.placeholders("{{2}} {{10}} {{1}} {{2}}") == ["1", "2", "10"]
    assert payloads.placeholders("Oi {{nome}}, {{valor}} {{nome}}") == ["nome", "valor"]
    assert payloads.placeholders("sem variáveis") == []


def test_render_template_components_consumes_values_in_order():
    values = ["março", "Maria", "R$ 10", "10/03", "pedido-9", "CUPOM"]
    assert payloads.render_template_components(TEMPLATE_DEF, values) == [
        {"type": "header", "parameters": [{"type": "text", "text": "março"}]},
        {
            "type": "body",
            "parameters": [
                {"type": "text", "text": "Maria"},
                {"type": "text", "text": "R$ 10"},
                {"type": "text", "text": "10/03"},
            ],
        },
        {
            "type": "button",
            "sub_type": "url",
            "index": "1",
            "parameters": [{"type": "text", "text": "pedido-9"}],
        },
        {
            "type": "button",
            "sub_type": "copy_code",
            "index": "3",
            "parameters": [{"type": "coupon_code", "coupon_code": "CUPOM"}],
        },
    ]


def test_render_media_header_from_link_and_named_body():
    definition = [
        {"type": "HEADER", "format": "IMAGE"},
        {"type": "BODY", "text": "Oi {{nome}}, total {{total}}"},
    ]
    result = payloads.render_template_components(
        definition, ["https://cdn.example/p.png", "Ana", "R$ 5"]
    )
    assert result == [
        {
            "type": "header",
            "parameters": [
                {"type": "image", "image": {"link": "https://cdn.example/p.png"}}
            ],
        },
        {
            "type": "body",
            "parameters": [
                {"type": "text", "text": "Ana", "parameter_name": "nome"},
                {"type": "text", "text": "R$ 5", "parameter_name": "total"},
            ],
        },
    ]


def test_render_static_template_gives_no_components():
    definition = [
        {"type": "BODY", "text": "Obrigado!"},
        {"type": "FOOTER", "text": "x"},
    ]
    assert payloads.render_template_components(definition, []) == []


@pytest.mark.parametrize("values", [["a", "b"], ["a"] * 7])
def test_render_count_mismatch_raises(values):
    with pytest.raises(ValueError):
        payloads.render_template_components(TEMPLATE_DEF, values)


def test_render_preview():
    values = ["março", "Maria", "R$ 10", "10/03", "pedido-9", "CUPOM"]
    assert payloads.render_preview(TEMPLATE_DEF, values) == (
        "Fatura de março\nOlá Maria, seu boleto de R$ 10 vence em 10/03.\n"
        "Equipe Financeira"
    )


@pytest.mark.parametrize(
    "mime, size, kind",
    [
        ("image/jpeg", 5 * 1024 * 1024, "image"),
        ("audio/ogg; codecs=opus", 1000, "audio"),
        ("application/pdf", 1000, "document"),
        ("image/webp", 500 * 1024, "sticker"),
        ("video/mp4", 1000, "video"),
    ],
)
def test_check_media_accepts(mime, size, kind):
    assert payloads.check_media(mime, size) == kind


@pytest.mark.parametrize(
    "mime, size",
    [
        ("image/jpeg", 5 * 1024 * 1024 + 1),
        ("image/gif", 10),
        ("application/zip", 10),
        ("video/mp4", 16 * 1024 * 1024 + 1),
    ],
)
def test_check_media_rejects(mime, size):
    with pytest.raises(errors.MediaRejectedError) as info:
        payloads.check_media(mime, size)
    assert info.value.code == "media_rejected"
    assert not info.value.transient
