# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom migration: conversation state and the fields cc_core keeps per message."""
from datetime import datetime, timedelta

import pytest

from migrations.chatroom import conversation_mapping as cm

T0 = datetime(2025, 6, 2, 9, 0)
LABELS = {"image": "Image", "text": "Text", "event": "Event"}


@pytest.mark.parametrize("status, has_agent, state", [
    ("new", False, "new"), ("new", True, "new"), ("current", True, "current"),
    ("current", False, "new"), ("done", False, "done"), ("done", True, "done"),
    ("bogus", True, "new"), (None, False, "new"),
])
def test_state(status, has_agent, state):
    assert cm.state(status, has_agent) == state


@pytest.mark.parametrize("value, priority", [
    ("0", "0"), ("3", "3"), (2, "2"), (None, "0"), ("9", "0")])
def test_priority(value, priority):
    assert cm.priority(value) == priority


@pytest.mark.parametrize("value, color", [(3, 3), (None, 0), ("7", 7), ("x", 0)])
def test_color(value, color):
    assert cm.color(value) == color


def _msg(minutes, direction, body="", message_type="text", state="received",
         failure=None, event_type=None):
    return {"date": T0 + timedelta(minutes=minutes), "direction": direction,
            "message_type": message_type, "body": body, "state": state,
            "failure_reason": failure, "event_type": event_type}


def test_summary_of_an_open_conversation_waiting_for_an_answer():
    messages = [
        _msg(0, "inbound", "Oi"),
        _msg(1, "internal", "Conversa iniciada", "event", event_type="taken"),
        _msg(2, "outbound", "Olá!", state="sent"),
        _msg(3, "inbound", "Quero   um\norçamento"),
        _msg(4, "inbound", "", "image"),
        _msg(5, "internal", "", "event", event_type="unanswered"),
    ]
    values = cm.summary(messages, "current", LABELS)
    assert values["last_inbound_date"] == T0 + timedelta(minutes=4)
    assert values["last_outbound_date"] == T0 + timedelta(minutes=2)
    # events are not messages: the last message is the image
    assert values["last_message_date"] == T0 + timedelta(minutes=4)
    assert values["first_unanswered_date"] == T0 + timedelta(minutes=3)
    assert values["unread_count"] == 2
    assert values["last_message_preview"] == "[Image]"
    assert values["has_failed_message"] is False
    assert values["cycle"] == 1
    assert values["cycles"] == [1] * 6


def test_summary_of_a_closed_conversation():
    messages = [_msg(0, "inbound", "Oi"),
                _msg(1, "internal", "", "event", event_type="closed")]
    values = cm.summary(messages, "done", LABELS)
    assert values["unread_count"] == 0
    assert values["first_unanswered_date"] is None
    assert values["last_message_preview"] == "Oi"


def test_failure_flag_only_when_the_last_outbound_message_failed():
    failed_then_ok = [_msg(0, "outbound", "a", state="failed", failure="x"),
                      _msg(1, "outbound", "b", state="sent")]
    assert cm.summary(failed_then_ok, "current", LABELS)["has_failed_message"] is False
    ok_then_failed = [_msg(0, "outbound", "a", state="sent"),
                      _msg(1, "outbound", "b", state="failed", failure="131026"),
                      _msg(2, "inbound", "?")]
    values = cm.summary(ok_then_failed, "current", LABELS)
    assert (values["has_failed_message"], values["last_failure_reason"]) == (True, "131026")


def test_summary_without_messages_keeps_chatroom_activity_date():
    values = cm.summary([], "new", LABELS, fallback_date=T0)
    assert values["last_message_date"] == T0
    assert values["last_message_preview"] is None
    assert values["cycle"] == 1


def test_reopened_conversation_counts_cycles():
    messages = [_msg(0, "inbound", "a"),
                _msg(1, "internal", "", "event", event_type="closed"),
                _msg(2, "inbound", "b")]
    values = cm.summary(messages, "new", LABELS)
    assert values["cycles"] == [1, 1, 2]
    assert values["cycle"] == 2


def test_preview_is_one_line():
    assert cm.preview({"body": "linha 1\nlinha  2", "message_type": "text"}, LABELS) == \
        "linha 1 linha 2"
    assert cm.preview({"body": "", "message_type": "sticker"}, LABELS) == "[]"
