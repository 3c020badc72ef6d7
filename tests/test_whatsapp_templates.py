# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Parameter slots of template definitions line up with what is sent."""
import pytest

from cc_connector_whatsapp.whatsapp_cloud import payloads, templates
from cc_connector_whatsapp.whatsapp_cloud.fake_server import DEFAULT_TEMPLATES
from cc_connector_whatsapp.whatsapp_cloud.templates import Slot

INVOICE = [
    {
        "type": "HEADER",
        "format": "TEXT",
        "text": "Fatura de {{1}}",
        "example": {"header_text": ["março"]},
    },
    {
        "type": "BODY",
        "text": "Olá {{1}}, seu boleto de {{2}} vence em {{3}}.",
        "example": {"body_text": [["Maria", "R$ 120,00", "10/04"]]},
    },
    {"type": "FOOTER", "text": "Equipe Financeira"},
    {
        "type": "BUTTONS",
        "buttons": [
            {"type": "QUICK_REPLY", "text": "Já paguei"},
            {
                "type": "URL",
                "text": "Pagar",
                "url": "https://pay.example/{{1}}",
                "example": ["https://pay.example/abc"],
            },
            {"type": "URL", "text": "Site", "url": "https://example.com"},
            {"type": "COPY_CODE", "text": "Copiar código", "example": "CUPOM10"},
        ],
    },
]


def test_slots_in_send_order_with_examples():
    assert templates.parameter_slots(INVOICE) == [
        Slot("header", "1", "text", None, "março"),
        Slot("body", "1", "text", None, "Maria"),
        Slot("body", "2", "text", None, "R$ 120,00"),
        Slot("body", "3", "text", None, "10/04"),
        Slot("button", "url", "text", 1, "https://pay.example/abc"),
        Slot("button", "copy_code", "text", 3, "CUPOM10"),
    ]


def test_named_body_variables_and_media_header():
    components = [
        {"type": "HEADER", "format": "IMAGE"},
        {
            "type": "BODY",
            "text": "Oi {{nome}}, pedido {{pedido}}",
            "example": {
                "body_text_named_params": [
                    {"param_name": "nome", "example": "Ana"},
                    {"param_name": "pedido", "example": "42"},
                ]
            },
        },
    ]
    assert templates.parameter_slots(components) == [
        Slot("header", None, "image"),
        Slot("body", "nome", "text", None, "Ana"),
        Slot("body", "pedido", "text", None, "42"),
    ]


@pytest.mark.parametrize("definition", [t["components"] for t in DEFAULT_TEMPLATES])
def test_one_value_per_slot_is_exactly_what_rendering_consumes(definition):
    slots = templates.parameter_slots(definition)
    values = [
        "https://x/file" if slot.kind != "text" else "v%d" % i
        for i, slot in enumerate(slots)
    ]
    payloads.render_template_components(definition, values)  # no count mismatch
    if slots:
        with pytest.raises(ValueError):
            payloads.render_template_components(definition, values[:-1])


def test_static_and_malformed_definitions_have_no_slots():
    assert templates.parameter_slots([{"type": "BODY", "text": "Obrigado!"}]) == []
    assert templates.parameter_slots(None) == []
    assert templates.parameter_slots(["x", {"type": "BODY"}]) == []


def test_component_text_and_header_format():
    assert templates.component_text(INVOICE, "BODY").startswith("Olá {{1}}")
    assert templates.component_text(INVOICE, "FOOTER") == "Equipe Financeira"
    assert templates.component_text(INVOICE, "HEADER") == "Fatura de {{1}}"
    assert templates.header_format(INVOICE) == "text"
    assert templates.header_format([{"type": "HEADER", "format": "DOCUMENT"}]) == (
        "document"
    )
    assert templates.header_format([{"type": "BODY", "text": "x"}]) is None
