# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure mapping of the current SMS modules' rows (migrations/sms)."""
import pytest

from migrations.sms import mapping


@pytest.mark.parametrize("direction, state, error, expected", [
    ("outgoing", "delivered", None, ("delivered", None)),
    ("outgoing", "outgoing", None, ("sent", None)),
    ("outgoing", "sent", None, ("sent", None)),
    ("outgoing", "error", "Saldo insuficiente", ("failed", "Saldo insuficiente")),
    ("outgoing", "rejected", None,
     ("failed", "Rejected by the operator (previous SMS module).")),
    ("outgoing", "draft", None, ("failed", "Never sent: draft in the previous SMS module.")),
    ("incoming", "draft", None, ("received", None)),
    ("outgoing", "weird", None,
     ("failed", "Unknown state 'weird' in the previous SMS module.")),
])
def test_message_state(direction, state, error, expected):
    assert tuple(mapping.message_state(direction, state, error)) == expected


def test_direction():
    assert mapping.message_direction("outgoing") == "outbound"
    assert mapping.message_direction("incoming") == "inbound"
    assert mapping.message_direction("other") is None


def test_template_bodies():
    assert mapping.template_body("Olá {{ object.name }}, de {{ user.name }}",
                                 "res.partner") == \
        "Olá {{ object.partner_id.name }}, de {{ user.name }}"
    assert mapping.template_body("Oi {partner.name}!", "res.partner") == \
        "Oi {{ object.partner_id.name }}!"
    assert mapping.template_body("|NOME|, {{object.partner_id.name}}", None) == \
        "|NOME|, {{object.partner_id.name}}"


def test_blacklist_note():
    assert mapping.blacklist_note("legal", " Procon ") == \
        "Previous SMS blacklist: Legal - Procon"
    assert mapping.blacklist_note(None, None) == "Previous SMS blacklist"
