# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The sandbox provider's wire format and simulation rules."""
import json

import pytest

from cc_core.services import sandbox
from cc_core.services.types import InboundMessage, StatusUpdate


def test_states_move_sent_delivered_read_then_stop():
    assert sandbox.next_state("sent") == "delivered"
    assert sandbox.next_state("delivered") == "read"
    assert sandbox.next_state("read") is None
    assert sandbox.next_state("failed") is None


def test_signed_body_round_trip_and_tampering():
    body = sandbox.encode_body([sandbox.status_event("sandbox-1", "delivered")])
    signature = sandbox.sign("key", body)
    assert sandbox.verify("key", body, signature)
    assert not sandbox.verify("other", body, signature)
    assert not sandbox.verify("key", body + b" ", signature)
    assert not sandbox.verify("key", body, None)
    assert not sandbox.verify("", body, sandbox.sign("", body))


def test_parse_status_and_customer_messages():
    body = sandbox.encode_body([
        sandbox.status_event("sandbox-1", "read"),
        sandbox.status_event("sandbox-2", "failed", "unreachable"),
        sandbox.message_event("+5511987654321", "Oi", name="Maria"),
        sandbox.message_event("+5511987654321", "foto",
                              media=(b"\x89PNG...", "image/png", "photo.png")),
    ])
    items, errors = sandbox.parse_body(body)
    assert errors == []
    read, failed, text, image = items
    assert isinstance(read, StatusUpdate) and read.state == "read"
    assert read.provider_message_id == "sandbox-1"
    assert failed.state == "failed" and failed.reason == "unreachable"
    assert isinstance(text, InboundMessage)
    assert (text.address, text.text, text.profile_name, text.message_type) == (
        "+5511987654321", "Oi", "Maria", "text")
    assert image.message_type == "image"
    assert image.media[0].content == b"\x89PNG..."
    assert image.media[0].mimetype == "image/png"


def test_customer_reaction_names_the_message_reacted_to():
    body = sandbox.encode_body([sandbox.message_event(
        "+5511987654321", sandbox.REACTION, reaction_to="sandbox-7")])
    (reaction,), errors = sandbox.parse_body(body)
    assert errors == []
    assert (reaction.message_type, reaction.text, reaction.reply_to_provider_id) == (
        "reaction", "\U0001f44d", "sandbox-7")
    bad = dict(sandbox.message_event("+5511987654321", "x"), reaction_to=["sandbox-7"])
    items, errors = sandbox.parse_body(sandbox.encode_body([bad]))
    assert items == [] and len(errors) == 1


def test_bad_events_are_reported_and_good_ones_kept():
    body = json.dumps({"events": [
        {"id": "a", "type": "status", "message_id": "x", "status": "exploded"},
        {"type": "message", "from": "+55"},
        {"id": "b", "type": "message", "from": "+5511", "media": {"data": "%%%"}},
        {"id": "c", "type": "message", "from": "+5511", "text": "ok"},
    ]}).encode()
    items, errors = sandbox.parse_body(body)
    assert [item.text for item in items] == ["ok"]
    assert len(errors) == 3


@pytest.mark.parametrize("raw", [b"not json", b"[]", b'{"events": {}}', b"\xff"])
def test_malformed_body_is_refused(raw):
    with pytest.raises(ValueError):
        sandbox.parse_body(raw)


def test_customer_replies_cycle():
    assert sandbox.customer_reply(0) == sandbox.CUSTOMER_REPLIES[0]
    assert sandbox.customer_reply(len(sandbox.CUSTOMER_REPLIES)) == \
        sandbox.CUSTOMER_REPLIES[0]
    assert sandbox.new_message_id().startswith(sandbox.MESSAGE_ID_PREFIX)
