# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom migration: message rows (no status column, info rows, from_me) -> cc.message."""
from datetime import datetime

import pytest

from migrations.chatroom import message_mapping as mm

WHEN = datetime(2025, 6, 2, 9, 0)


@pytest.mark.parametrize("ttype, from_me, direction", [
    ("text", False, "inbound"),
    ("text", True, "outbound"),
    ("text", None, "inbound"),
    ("info", True, "internal"),   # info rows are from_me "by convention"
    ("info", False, "internal"),
])
def test_direction(ttype, from_me, direction):
    assert mm.direction(ttype, from_me) == direction


@pytest.mark.parametrize("ttype, message_type", [
    ("text", "text"), ("image", "image"), ("audio", "audio"), ("video", "video"),
    ("file", "document"), ("location", "location"), ("sticker", "sticker"),
    ("contact", "contact"), ("product", "text"), ("info", "event"),
    ("button", "unsupported"), (None, "unsupported"),
])
def test_message_type(ttype, message_type):
    assert mm.message_type(ttype) == message_type


def test_body_is_cleaned_like_cc_core_inbound():
    assert mm.body(None) == ""
    assert mm.body("Olá 😀\nação\tok") == "Olá 😀\nação\tok"
    assert mm.body("sino\x07 e\x1b escape") == "sino e escape"
    assert len(mm.body("x" * (mm.MAX_TEXT_LENGTH + 10))) == mm.MAX_TEXT_LENGTH


@pytest.mark.parametrize("ttype, from_me, msgid, error, active, expected", [
    ("text", False, "wamid.1", None, True, ("received", None)),
    ("info", True, None, None, True, ("received", None)),
    ("text", True, "wamid.2", None, True, ("sent", None)),
    ("text", True, None, None, True, ("sent", None)),
    ("text", True, "wamid.3", "131026: not on WhatsApp", True,
     ("failed", "131026: not on WhatsApp")),
    ("text", True, None, None, False, ("failed", mm.NOT_SENT_REASON)),
    # a queued mass-mailing message is never "queued" here: our outbox would send it
    ("text", True, None, "quota", False, ("failed", "quota")),
])
def test_delivery(ttype, from_me, msgid, error, active, expected):
    assert mm.delivery(ttype, from_me, msgid, error, active) == expected


def _row(**values):
    row = {"id": 1, "ttype": "text", "from_me": False, "text": "Oi", "date_message": WHEN,
           "msgid": None, "error_msg": None, "active": True, "event": None,
           "user_id": None, "create_uid": 2}
    row.update(values)
    return row


def test_map_inbound_message():
    vals = mm.map_message(_row(user_id=7, msgid=" false_55@c.us_1 "))
    assert vals == {
        "direction": "inbound", "message_type": "text", "body": "Oi", "date": WHEN,
        "state": "received", "failure_reason": None,
        "provider_message_id": "false_55@c.us_1", "sent_date": None,
        "event_type": None, "author_user_id": None, "event_user_id": None,
    }


def test_map_outbound_message_author_is_the_sending_user():
    vals = mm.map_message(_row(from_me=True, user_id=7, msgid="true_1"))
    assert (vals["direction"], vals["state"], vals["sent_date"], vals["author_user_id"]) == \
        ("outbound", "sent", WHEN, 7)


@pytest.mark.parametrize("event, event_type", [
    ("to_curr", "taken"), ("to_done", "closed"), ("to_new", "queued"),
    ("unanswered", "unanswered"), (None, None),
])
def test_map_info_rows_to_events(event, event_type):
    vals = mm.map_message(_row(ttype="info", from_me=True, event=event, user_id=9,
                               text="Conversa iniciada (Ana)", create_uid=3))
    assert vals["direction"] == "internal"
    assert vals["message_type"] == "event"
    assert vals["event_type"] == event_type
    assert vals["event_user_id"] == 9      # the agent concerned
    assert vals["author_user_id"] == 3     # who made the transition
    assert vals["body"] == "Conversa iniciada (Ana)"


def test_cycles_start_after_each_close():
    assert mm.cycles([]) == []
    assert mm.cycles([None, "taken", None, "closed", None, "taken", "closed"]) == \
        [1, 1, 1, 1, 2, 2, 2]
    # a repeated close stays in the cycle it closes
    assert mm.cycles(["closed", "closed", None]) == [1, 1, 2]
