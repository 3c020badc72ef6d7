# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hostile and broken WhatsApp bodies: wrong JSON types in fields, deep
nesting, NaN. The parser must refuse them as data errors (ValueError or an
item error), never crash with another exception."""
import copy
import json
import os

import pytest

from cc_connector_whatsapp.whatsapp_cloud import webhook
from cc_connector_whatsapp.whatsapp_cloud.webhook import WebhookPayloadError

SAMPLES = os.path.join(os.path.dirname(__file__), "samples", "whatsapp")


def sample(name):
    with open(os.path.join(SAMPLES, name + ".json"), "rb") as handle:
        return json.load(handle)


def message_of(body):
    return body["entry"][0]["changes"][0]["value"]["messages"][0]


def with_change(name, change):
    body = copy.deepcopy(sample(name))
    change(body)
    return json.dumps(body).encode("utf-8")


@pytest.mark.parametrize("name, change", [
    ("text", lambda b: message_of(b).update({"from": ["5511987654321"]})),
    ("text", lambda b: message_of(b).update({"from": 5511987654321})),
    ("text", lambda b: message_of(b).update({"from": "../../etc"})),
    ("text", lambda b: message_of(b)["text"].update({"body": 42})),
    ("text", lambda b: message_of(b).update({"context": [1]})),
    ("text", lambda b: message_of(b).update({"timestamp": "9" * 40})),
    ("text", lambda b: message_of(b).update({"timestamp": [1]})),
    ("image", lambda b: message_of(b)["image"].update({"mime_type": 7})),
    ("image", lambda b: message_of(b)["image"].update({"sha256": {"a": 1}})),
    ("document", lambda b: message_of(b)["document"].update({"filename": ["x"]})),
    ("reaction", lambda b: message_of(b)["reaction"].pop("message_id")),
    ("reaction", lambda b: message_of(b)["reaction"].update({"emoji": 1})),
    ("interactive_button_reply",
     lambda b: message_of(b)["interactive"]["button_reply"].update({"id": 5})),
    ("interactive_button_reply",
     lambda b: message_of(b)["interactive"].update({"type": ["button_reply"]})),
    ("location", lambda b: message_of(b)["location"].update({"latitude": "x"})),
    ("contacts", lambda b: message_of(b).update({"contacts": 3})),
])
def test_wrong_types_in_a_message_are_item_errors(name, change):
    result = webhook.parse(with_change(name, change))
    assert result.items == []
    assert len(result.errors) == 1


@pytest.mark.parametrize("value_change", [
    lambda v: v.update({"contacts": 3}),
    lambda v: v.update({"contacts": "Maria"}),
    lambda v: v.update({"messages": {"0": {}}}),
    lambda v: v.update({"errors": 5}),
    lambda v: v["metadata"].update({"phone_number_id": ["1"]}),
])
def test_wrong_types_in_a_change_never_crash(value_change):
    body = copy.deepcopy(sample("text"))
    value_change(body["entry"][0]["changes"][0]["value"])
    result = webhook.parse(json.dumps(body).encode("utf-8"))
    assert result.items == [] or result.errors == []
    assert result.items or result.errors


@pytest.mark.parametrize("raw, message", [
    (b'{"object": "whatsapp_business_account", "entry": ' + b"[" * 5000
     + b"]" * 5000 + b"}", "nested too deeply"),
    (b'{"object": "whatsapp_business_account", "entry": [], "x": NaN}', "not JSON"),
    (b'{"object": "whatsapp_business_account", "entry": [], "x": "\xe1"}', "UTF-8"),
])
def test_unreadable_bodies_raise_payload_errors(raw, message):
    with pytest.raises(WebhookPayloadError, match=message):
        webhook.parse(raw)


def test_links_are_kept():
    """What a reply answers: context, interactive option, button payload,
    reaction target, voice flag and the media's checksum."""
    reply = webhook.parse(json.dumps(sample("text_reply")).encode()).items[0]
    assert reply.context_wamid
    button = webhook.parse(json.dumps(sample("interactive_button_reply")).encode()).items[0]
    assert (button.reply_id, button.reply_title) == (
        sample("interactive_button_reply")["entry"][0]["changes"][0]["value"]
        ["messages"][0]["interactive"]["button_reply"]["id"], button.text)
    quick = webhook.parse(json.dumps(sample("button")).encode()).items[0]
    assert quick.button_payload == message_of(sample("button"))["button"]["payload"]
    removed = webhook.parse(json.dumps(sample("reaction_removed")).encode()).items[0]
    assert removed.text == "" and removed.reaction_to
    audio = webhook.parse(json.dumps(sample("audio")).encode()).items[0]
    assert audio.media.sha256 == message_of(sample("audio"))["audio"].get("sha256")
