# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure helpers of the agent workspace: phone display, locations, contacts."""
import pytest

from cc_core.services import message_content, phone


@pytest.mark.parametrize("address, shown", [
    ("+5511987654321", "+55 11 98765-4321"),
    ("+551133334444", "+55 11 3333-4444"),
    ("+14155550123", "+1 415-555-0123"),
    ("BR.1502576394655843", "BR.1502576394655843"),
    ("5511987654321@l.us", "5511987654321@l.us"),
    ("", ""),
    (False, ""),
])
def test_phone_display(address, shown):
    assert phone.display(address) == shown


def test_location_with_name_and_address():
    location = message_content.parse_location(
        "Padaria Central \u2014 Rua A, 10 (-23.5505, -46.6333)")
    assert location["latitude"] == -23.5505
    assert location["longitude"] == -46.6333
    assert location["name"] == "Padaria Central"
    assert location["address"] == "Rua A, 10"
    assert location["url"].startswith("https://www.openstreetmap.org/?mlat=-23.5505")


def test_location_coordinates_only():
    location = message_content.parse_location("(-23.5, -46.6)")
    assert (location["name"], location["address"]) == (False, False)


@pytest.mark.parametrize("text", ["", "no coordinates here", "x (91, 10)",
                                  "<script>(1, 2)</script> tail"])
def test_not_a_location(text):
    assert message_content.parse_location(text) is None


def test_contact_cards():
    assert message_content.parse_contacts("Ana Lima: +55 11 91234-5678, +5511988887777; "
                                          "Bruno") == [
        {"name": "Ana Lima", "phones": ["+55 11 91234-5678", "+5511988887777"]},
        {"name": "Bruno", "phones": []},
    ]
    assert message_content.parse_contacts("") == []
