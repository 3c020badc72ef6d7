# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Webhook handshake and parsing of every inbound type and status."""
import datetime
import json
import os

import pytest

from cc_connector_whatsapp.whatsapp_cloud import webhook
from cc_connector_whatsapp.whatsapp_cloud.webhook import (
    ErrorInfo,
    InboundMessage,
    StatusUpdate,
    WebhookPayloadError,
)

SAMPLES = os.path.join(os.path.dirname(__file__), "samples", "whatsapp")
PNID = "106540352242922"
WABA = "102290129340398"
WA_ID = "551187654321"
WHEN = datetime.datetime(2025, 1, 1, 0, 0, 0)


def raw(name):
    with open(os.path.join(SAMPLES, name + ".json"), "rb") as handle:
        return handle.read()


def single(name):
    """Parse a sample that holds exactly one item and no errors."""
    result = webhook.parse(raw(name))
    assert result.errors == []
    assert len(result.items) == 1
    return result.items[0]


# -- handshake ---------------------------------------------------------------


def _query(mode="subscribe", token="s3cret-token", challenge="1158201444"):
    return {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge}


def test_handshake_right_token_returns_challenge():
    assert webhook.verify_handshake(_query(), "s3cret-token") == "1158201444"


def test_handshake_accepts_multidict_style_lists():
    query = {k: [v] for k, v in _query().items()}
    assert webhook.verify_handshake(query, "s3cret-token") == "1158201444"


@pytest.mark.parametrize(
    "query, configured",
    [
        (_query(token="wrong"), "s3cret-token"),
        (_query(token="s3cret-token-longer"), "s3cret-token"),
        (_query(mode="unsubscribe"), "s3cret-token"),
        (_query(mode=None), "s3cret-token"),
        (_query(token=None), "s3cret-token"),
        (_query(challenge=None), "s3cret-token"),
        (_query(challenge=""), "s3cret-token"),
        (_query(token=""), ""),
        (_query(), ""),
        (_query(), None),
        ({}, "s3cret-token"),
    ],
)
def test_handshake_refused(query, configured):
    query = {k: v for k, v in query.items() if v is not None}
    assert webhook.verify_handshake(query, configured) is None


# -- inbound messages ----------------------------------------------------------


def test_text_message_common_fields():
    msg = single("text")
    assert isinstance(msg, InboundMessage)
    assert msg.type == "text" and msg.raw_type == "text"
    assert msg.text == "Olá! Quero a 2ª via do boleto 😀"
    assert msg.wamid.startswith("wamid.") and msg.event_id == msg.wamid
    assert msg.phone_number_id == PNID and msg.waba_id == WABA
    assert msg.display_phone_number == "5511999990000"
    assert msg.wa_id == WA_ID and msg.bsuid is None
    assert msg.profile_name == "Maria Souza"
    assert msg.timestamp == WHEN and msg.timestamp.tzinfo is None
    assert msg.media is None and msg.context_wamid is None
    assert msg.raw["text"]["body"] == msg.text


def test_reply_context():
    msg = single("text_reply")
    assert msg.context_wamid == "wamid.HBgMNTUxMTg3NjU0MzIxFQIAERgSQ1RYT1VUQk9VTkQwMDE="


@pytest.mark.parametrize(
    "name, kind, media_id, mime, caption, filename",
    [
        ("image", "image", "1479537139650973", "image/jpeg", "Comprovante", None),
        ("audio", "audio", "1003383421387256", "audio/ogg; codecs=opus", None, None),
        ("video", "video", "2130927417392025", "video/mp4", "Veja o vídeo", None),
        ("document", "document", "3066532706924381", "application/pdf",
         "Segue o contrato", "contrato.pdf"),
        ("sticker", "sticker", "1228919491402581", "image/webp", None, None),
    ],
)  # fmt: skip
def test_media_messages(name, kind, media_id, mime, caption, filename):
    msg = single(name)
    assert msg.type == kind
    assert msg.media.id == media_id
    assert msg.media.mime_type == mime
    assert len(msg.media.sha256) == 64
    assert msg.media.caption == caption
    assert msg.media.filename == filename
    assert msg.text == (caption or "")


def test_voice_note_flag():
    assert single("audio").media.voice is True
    assert single("image").media.voice is False


def test_location_as_readable_text():
    msg = single("location")
    assert msg.type == "location"
    assert msg.text == (
        "Escritório Paulista — Av. Paulista, 1000 - São Paulo (-23.561414, -46.655881)"
    )


def test_contacts_summary():
    msg = single("contacts")
    assert msg.type == "contacts"
    assert msg.text == "João Lima: +55 11 98888-7777; Ana"


def test_interactive_button_reply():
    msg = single("interactive_button_reply")
    assert (msg.type, msg.text, msg.reply_id) == ("interactive", "Sim", "sim")
    assert msg.context_wamid.startswith("wamid.")


def test_interactive_list_reply():
    msg = single("interactive_list_reply")
    assert (msg.type, msg.text, msg.reply_id) == (
        "interactive",
        "2ª via boleto",
        "2via",
    )


def test_interactive_flow_reply():
    msg = single("interactive_nfm_reply")
    assert (msg.type, msg.text, msg.reply_id) == ("interactive", "Sent", None)


def test_template_quick_reply_button():
    msg = single("button")
    assert (msg.type, msg.text, msg.reply_id) == ("button", "Já paguei", "PAGUEI")


def test_reaction_and_removal():
    added = single("reaction")
    assert (added.type, added.text) == ("reaction", "👍")
    assert added.reaction_to == "wamid.HBgMNTUxMTg3NjU0MzIxFQIAERgSUkVBQ1RFRE1FU1NBR0Ux"
    removed = single("reaction_removed")
    assert (removed.type, removed.text) == ("reaction", "")
    assert removed.reaction_to == added.reaction_to


def test_unsupported_keeps_errors():
    msg = single("unsupported")
    assert (msg.type, msg.raw_type, msg.text) == ("unsupported", "unsupported", "")
    assert msg.errors == [
        ErrorInfo(
            131051, "Message type unknown", "Message type is currently not supported."
        )
    ]


def test_unknown_type_becomes_unsupported_keeping_raw_type():
    msg = single("system")
    assert msg.type == "unsupported" and msg.raw_type == "system"
    assert msg.text.startswith("User A changed")


def test_bsuid_only_inbound():
    msg = single("bsuid_only")
    assert msg.wa_id is None
    assert msg.bsuid == "BR.1502576394655843"
    assert (msg.profile_name, msg.username) == ("Carla", "carla.reis")
    assert msg.text == "Oi, sem número"


# -- statuses -------------------------------------------------------------------


def test_status_sent_with_pricing_and_conversation():
    status = single("status_sent")
    assert isinstance(status, StatusUpdate)
    assert status.status == "sent" and status.timestamp == WHEN
    assert status.recipient_id == WA_ID and status.phone_number_id == PNID
    assert status.event_id == status.wamid + ":sent"
    assert status.pricing["category"] == "utility"
    assert status.conversation["origin"] == {"type": "service"}
    assert status.errors == []


def test_status_delivered_and_read():
    delivered, read = single("status_delivered"), single("status_read")
    assert (delivered.status, read.status) == ("delivered", "read")
    assert delivered.wamid == read.wamid
    assert delivered.event_id != read.event_id
    assert read.pricing is None and read.conversation is None


def test_status_failed_with_errors():
    status = single("status_failed")
    assert status.status == "failed"
    assert status.errors == [
        (
            131047,
            "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since "
            "the customer last replied to this number.",
        )
    ]
    code, title, _message = status.errors[0]
    assert (code, title) == (131047, "Re-engagement message")


# -- batches, errors and duplicates --------------------------------------------


def test_batch_two_entries_two_changes_two_messages():
    result = webhook.parse(raw("batch"))
    assert result.errors == []
    assert [m.text for m in result.items] == ["mensagem %d" % n for n in range(1, 9)]
    assert len({m.event_id for m in result.items}) == 8


def test_one_bad_item_does_not_fail_the_batch():
    result = webhook.parse(raw("batch_one_bad"))
    assert [m.text for m in result.items] == ["primeira", "terceira"]
    locations = [e.location for e in result.errors]
    assert locations == [
        "entry[0].changes[0].value.messages[1]",
        "entry[0].changes[0].value.statuses[0]",
    ]
    assert "id" in result.errors[0].reason
    assert "timestamp" in result.errors[1].reason
    assert result.errors[0].raw["text"]["body"] == "sem id"


def test_duplicate_deliveries_have_stable_event_ids():
    body = raw("text")
    ids = [webhook.parse(body).items[0].event_id for _ in range(3)]
    assert len(set(ids)) == 1
    statuses = [webhook.parse(raw("status_failed")).items[0].event_id for _ in range(3)]
    assert statuses == [statuses[0]] * 3 and statuses[0].endswith(":failed")


def test_unknown_field_is_ignored_not_failed():
    result = webhook.parse(raw("template_status_update"))
    assert result.items == [] and result.errors == []
    assert result.ignored == [
        {"waba_id": WABA, "field": "message_template_status_update"}
    ]


def test_value_level_meta_errors_are_reported():
    result = webhook.parse(raw("value_errors"))
    assert result.items == [] and result.errors == []
    assert result.meta_errors == [
        ErrorInfo(131000, "Something went wrong", "Unknown error")
    ]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe{}",
        b"[]",
        b'"text"',
        b'{"object": "page", "entry": []}',
        b'{"object": "whatsapp_business_account"}',
        b'{"object": "whatsapp_business_account", "entry": {}}',
    ],
)
def test_malformed_bodies_raise(body):
    with pytest.raises(WebhookPayloadError):
        webhook.parse(body)


def test_bad_entries_and_changes_are_item_errors():
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            "garbage",
            {"id": WABA, "changes": [42, {"field": "messages", "value": {}}]},
            {"id": WABA, "changes": json.loads(raw("text"))["entry"][0]["changes"]},
        ],
    }
    result = webhook.parse(json.dumps(body).encode())
    assert len(result.items) == 1
    assert [e.location for e in result.errors] == [
        "entry[0]",
        "entry[1].changes[0]",
        "entry[1].changes[1]",
    ]


def test_message_without_sender_identity_is_an_item_error():
    data = json.loads(raw("text"))
    value = data["entry"][0]["changes"][0]["value"]
    del value["messages"][0]["from"]
    value["contacts"] = []
    result = webhook.parse(json.dumps(data).encode())
    assert result.items == [] and len(result.errors) == 1


def test_media_without_id_is_an_item_error():
    data = json.loads(raw("image"))
    del data["entry"][0]["changes"][0]["value"]["messages"][0]["image"]["id"]
    result = webhook.parse(json.dumps(data).encode())
    assert result.items == [] and "id" in result.errors[0].reason


def test_str_body_is_accepted_too():
    assert webhook.parse(raw("text").decode("utf-8")).items[0].type == "text"
