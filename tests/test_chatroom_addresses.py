# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom migration: numbers become cc_core addresses; same customer, one conversation."""
from datetime import datetime

import pytest

from migrations.chatroom import addresses


@pytest.mark.parametrize(
    "number, conv_type, expected",
    [
        # digits-only international numbers, as ChatRoom stores them
        ("5511987654321", "normal", ("+5511987654321", "+5511987654321", True, None)),
        ("551187654321", "normal", ("+551187654321", "+5511987654321", True, None)),
        ("551133334444", "normal", ("+551133334444", "+551133334444", True, None)),
        # not Brazilian: the "+" is implied, not the BR region
        ("14155550100", "normal", ("+14155550100", "+14155550100", True, None)),
        (" 5521987654321 ", "none", ("+5521987654321", "+5521987654321", True, None)),
        # private chats keep their raw id, even when it looks like a number
        ("5511999998888-1600000000@l.us", "private",
         ("5511999998888-1600000000@l.us", "5511999998888-1600000000@l.us", False, None)),
        ("5511987654321", "private", ("5511987654321", "5511987654321", False, None)),
        # numbers that fail normalisation are kept as received and reported
        ("12345", "normal", ("12345", "12345", False, "not_a_number")),
        ("55abc11987654321", "normal",
         ("55abc11987654321", "55abc11987654321", False, "not_a_number")),
    ],
)
def test_map_address(number, conv_type, expected):
    assert tuple(addresses.map_address(number, conv_type)) == expected


def test_empty_number_is_an_error():
    with pytest.raises(ValueError):
        addresses.map_address("  ")


def test_merge_reason():
    assert addresses.merge_reason(["+5511987654321"]) is None
    assert addresses.merge_reason(["+551187654321", "+5511987654321"]) == \
        addresses.MERGE_NINTH_DIGIT
    assert addresses.merge_reason(["+5511987654321", "+5511987654321"]) == \
        addresses.MERGE_SAME_NUMBER


def _row(row_id, connector, number, activity, conv_type="normal"):
    return {"id": row_id, "connector_id": connector, "number": number,
            "conv_type": conv_type, "last_activity": activity}


def test_group_conversations_merges_ninth_digit_pairs_per_connector():
    rows = [
        _row(1, 1, "552187654321", datetime(2025, 1, 1)),
        _row(2, 1, "5521987654321", datetime(2025, 3, 1)),
        _row(3, 2, "5521987654321", datetime(2025, 2, 1)),   # other connector
        _row(4, 1, "5521987654321", datetime(2025, 4, 1), "private"),
        _row(5, 1, "5511987654321", None),
    ]
    mapped = {r["id"]: addresses.map_address(r["number"], r["conv_type"]) for r in rows}
    groups = addresses.group_conversations(rows, lambda r: mapped[r["id"]])
    members = [[m["id"] for m in g["members"]] for g in groups]
    assert members == [[1, 2], [3], [4], [5]]
    # the most recently active conversation gives state, agent, stage...
    assert groups[0]["primary"]["id"] == 2
    assert groups[0]["key"] == (1, "+5521987654321")
    assert groups[3]["primary"]["id"] == 5


def test_primary_without_activity_dates_is_the_newest_row():
    rows = [_row(7, 1, "5511987654321", None), _row(8, 1, "551187654321", None)]
    groups = addresses.group_conversations(
        rows, lambda r: addresses.map_address(r["number"]))
    assert groups[0]["primary"]["id"] == 8
