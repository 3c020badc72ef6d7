# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The gateway's webhook envelope: every message, event and update shape."""
import datetime
import json

import pytest

from cc_connector_whatsapp.whatsapp_gateway import webhook


def body(messages=None, events=None, updates=None, envelope=True):
    params = {}
    for key, value in (("messages", messages), ("events", events), ("updates", updates)):
        if value is not None:
            params[key] = value
    data = {"jsonrpc": "2.0", "method": "call", "params": params} if envelope else params
    return json.dumps(data).encode("utf-8")


def one(**message):
    base = {"id": "false_5511987654321@c.us_3EB0A1", "number": "5511987654321@c.us",
            "name": "Maria", "type": "text", "txt": "Olá", "time": 1767225600}
    base.update(message)
    result = webhook.parse(body(messages=[base]))
    assert not result.errors, result.errors
    return result.items[0]


def test_text_message_apichat_style():
    item = one()
    assert isinstance(item, webhook.GatewayMessage)
    assert (item.message_id, item.number, item.private, item.from_me) == (
        "false_5511987654321@c.us_3EB0A1", "5511987654321", False, False)
    assert (item.type, item.text, item.name) == ("text", "Olá", "Maria")
    assert item.timestamp == datetime.datetime(2026, 1, 1, 0, 0)
    assert item.event_id == item.message_id


def test_chatsmart_uses_text_from_me_and_chat_type():
    item = one(id="ABC1", txt=None, text="Oi, tudo bem?", from_me=False,
               chat_type="normal", number="5511987654321")
    assert item.text == "Oi, tudo bem?" and not item.from_me and not item.private


def test_from_me_by_flag_or_by_id_prefix():
    assert one(id="X1", from_me=True).from_me
    assert one(id="true_5511987654321@c.us_3EB0FF").from_me
    assert not one(id="true_1", from_me=False).from_me


def test_private_chats():
    item = one(number="123456789012345@l.us")
    assert item.private and item.number == "123456789012345@l.us"
    assert one(number="5511987654321", chat_type="private").private


@pytest.mark.parametrize("raw,kind", [
    ("image", "image"), ("audio", "audio"), ("ptt", "audio"), ("video", "video"),
    ("file", "document"), ("sticker", "sticker")])
def test_media_messages_keep_url_filename_caption(raw, kind):
    item = one(type=raw, txt="legenda", url="https://gw.example/f/1",
               filename="nota.pdf")
    assert (item.type, item.url, item.filename, item.text) == (
        kind, "https://gw.example/f/1", "nota.pdf", "legenda")


def test_media_without_url_or_text_is_an_item_error():
    result = webhook.parse(body(messages=[
        {"id": "M1", "number": "5511987654321", "type": "image", "txt": ""},
        {"id": "M2", "number": "5511987654321", "type": "text", "txt": "ok"}]))
    assert [e.location for e in result.errors] == ["messages[0]"]
    assert [i.message_id for i in result.items] == ["M2"]


def test_a_non_http_media_url_is_dropped():
    item = one(type="image", txt="x", url="file:///etc/passwd")
    assert item.url is None


def test_location_from_metadata_or_text():
    item = one(type="location", txt="", metadata={"latitude": -23.5, "longitude": -46.6,
                                                  "address": "Av. Paulista"})
    assert item.type == "location"
    assert item.text.startswith("Av. Paulista — -23.5, -46.6")
    assert "maps.google.com/?q=-23.5,-46.6" in item.text
    assert one(type="location", txt="-23.5,-46.6").text == "-23.5,-46.6"


def test_contact_product_and_unknown_types():
    assert one(type="contact", txt="BEGIN:VCARD").type == "contact"
    assert one(type="product", txt="Camiseta").type == "text"
    unknown = one(type="poll", txt="")
    assert (unknown.type, unknown.text) == ("unsupported", "(poll)")


def test_quote_and_millisecond_time():
    item = one(quote_msg_id="true_5511@c.us_Q", time=1767225600000)
    assert item.quote_msg_id == "true_5511@c.us_Q"
    assert item.timestamp == datetime.datetime(2026, 1, 1, 0, 0)


def test_events_failed_deleted_phone_status_ack():
    result = webhook.parse(body(events=[
        {"type": "failed", "msgid": "true_1", "txt": "Número inválido"},
        {"type": "failed", "id": "true_2", "reason": "Blocked"},
        {"type": "deleted", "id": "false_3"},
        {"type": "phone-status", "status": "disconnected"},
        {"type": "phone-status", "status": "connected"},
        {"type": "ack", "id": "true_1", "status": "read"},
        {"type": "pending", "msgid": "g1", "wa_id": "5511"},
    ]))
    assert not result.errors
    failed1, failed2, deleted, off, on, ack = result.items
    assert failed1 == webhook.GatewayFailed("true_1", "Número inválido")
    assert failed2.reason == "Blocked" and failed2.event_id == "failed:true_2"
    assert deleted == webhook.GatewayDeleted("false_3")
    assert (off.state, on.state) == ("disconnected", "connected")
    assert ack == webhook.GatewayAck("true_1", "read")


def test_bad_events_are_item_errors():
    result = webhook.parse(body(events=[
        {"type": "failed"}, {"type": "phone-status", "status": "exploded"}, "x"]))
    assert len(result.errors) == 3 and not result.items


def test_contact_updates():
    result = webhook.parse(body(updates=[
        {"number": "5511987654321@c.us", "name": "Maria Souza",
         "image_url": "https://gw.example/a.jpg"},
        {"number": "5511912345678", "image": "data:image/png;base64,AAAA"}]))
    first, second = result.items
    assert first == webhook.GatewayContactUpdate("5511987654321", False, "Maria Souza",
                                                 "https://gw.example/a.jpg")
    assert second.image_url is None and second.name is None


def test_all_three_arrays_and_the_bare_form():
    result = webhook.parse(body(messages=[{"id": "A", "number": "5511987654321",
                                           "txt": "1"}],
                                events=[{"type": "deleted", "id": "B"}],
                                updates=[{"number": "5511987654321", "name": "N"}],
                                envelope=False))
    assert [type(i).__name__ for i in result.items] == [
        "GatewayMessage", "GatewayDeleted", "GatewayContactUpdate"]


def test_groups_and_bad_numbers_are_item_errors():
    result = webhook.parse(body(messages=[
        {"id": "G", "number": "120363@g.us", "txt": "grupo"},
        {"id": "N", "number": "abc", "txt": "x"},
        {"id": "", "number": "5511987654321", "txt": "x"},
        {"id": "T", "number": "5511987654321", "txt": "x", "time": "ontem"}]))
    assert len(result.errors) == 4 and not result.items


@pytest.mark.parametrize("raw", [
    b"", b"not json", b"\xff\xfe", b"[]", b'"text"', b'{"params": []}',
    b'{"params": {}}', b'{"jsonrpc": "2.0", "params": {"messages": {"id": 1}}}',
    b'{"hello": "world"}'])
def test_malformed_bodies_raise(raw):
    with pytest.raises(webhook.WebhookPayloadError):
        webhook.parse(raw)
    assert issubclass(webhook.WebhookPayloadError, ValueError)


def test_too_many_items_is_refused():
    many = [{"id": str(i), "number": "5511987654321", "txt": "x"}
            for i in range(webhook.MAX_ITEMS + 1)]
    with pytest.raises(webhook.WebhookPayloadError):
        webhook.parse(body(messages=many))
