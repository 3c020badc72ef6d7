# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reply parser, kind detection, dates and opt-out keywords."""
import json
from datetime import datetime, timezone

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.errors import KolmeyaPayloadError
from cc_connector_sms_kolmeya.kolmeya_api.webhook import (
    detect_kind,
    parse_datetime,
    parse_reply,
)

from tests.kolmeya_support import MSG1, only, REQ, sample


# Replies -----------------------------------------------------------------


def test_reply_vendor_nested_shape():
    item = only(parse_reply(sample("reply_a_vendor.json", raw=True)))
    assert item.reply_id == "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    assert item.synthetic_id is False
    assert (item.message_id, item.reference) == (MSG1, "cc-msg-1")
    assert item.phone == "+5511987654321"
    assert item.text == "SAIR"
    assert item.received_at == datetime(2025, 11, 15, 10, 35, 12)


@pytest.mark.parametrize(
    "name, message_id, reference, text",
    [
        ("reply_b_flat.json", None, "cc-msg-1", "Tenho interesse"),
        ("reply_c_prototype.json", None, "cc-msg-1", "Tenho interesse"),
        ("reply_d_old.json", MSG1, None, "Quero saber mais"),
        ("reply_e_d15.json", MSG1, None, "Ok"),
    ],
)
def test_reply_flat_and_legacy_shapes(name, message_id, reference, text):
    item = only(parse_reply(sample(name)))
    assert (item.message_id, item.reference, item.text) == (message_id, reference, text)
    assert item.phone == "+5511987654321"
    assert item.received_at == datetime(2025, 11, 15, 10, 35, 12)
    assert item.synthetic_id is True
    assert item.reply_id.startswith("syn-")


def test_reply_d15_shape_carries_job_id():
    assert only(parse_reply(sample("reply_e_d15.json"))).request_id == REQ


def test_synthetic_reply_id_is_stable_and_content_based():
    body = sample("reply_b_flat.json")
    first = only(parse_reply(body)).reply_id
    assert first == only(parse_reply(json.dumps(body).encode())).reply_id
    assert first != only(parse_reply(dict(body, message="Outro"))).reply_id
    assert first != only(parse_reply(dict(body, data="2025-11-15 10:35:13"))).reply_id


def test_replys_page():
    item = only(parse_reply(sample("replys_page.json")))
    assert (item.reply_id, item.message_id, item.request_id) == (
        "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        MSG1,
        REQ,
    )
    assert item.text == "Sim"


def test_replys_web_page_uses_reply_not_original_message():
    result = parse_reply(sample("replys_web_page.json"))
    assert result.errors == []
    first, second = result.items
    assert (first.reply_id, first.text, first.request_id) == ("48213", "Quero", "5531")
    assert first.phone == "+5511987654321"
    assert first.raw["parameters"] == {"VALOR": "R$ 21.085,92"}
    assert (second.text, second.phone) == ("PARE", "+5511912345678")


def test_web_reply_without_reply_text_never_uses_the_original_message():
    item = dict(sample("replys_web_page.json")["data"][0], reply=None)
    with pytest.raises(KolmeyaPayloadError, match="no reply text"):
        parse_reply(item)


def test_reply_top_level_array_is_refused():
    with pytest.raises(KolmeyaPayloadError, match="not an array"):
        parse_reply([sample("reply_b_flat.json")])


def test_reply_page_keeps_good_items():
    body = {"data": [
        sample("reply_b_flat.json"),
        {"phone": "garbage", "message": "hi"},
        {"phone": "5511987654321"},
        42,
    ]}
    result = parse_reply(body)
    assert len(result) == 1
    assert [error.index for error in result.errors] == [1, 2, 3]
    assert "no message id, reference or valid phone" in result.errors[0].message
    assert "no reply text" in result.errors[1].message


@pytest.mark.parametrize(
    "body, message",
    [
        (b"{", "not valid JSON"),
        ("[1, 2", "not valid JSON"),
        ("true", "object or array"),
        ({"phone": "5511987654321"}, "no reply text"),
        ({"message": "hi"}, "no message id"),
        ({"reply": {"reply": 5, "message": {"id": MSG1}}}, "no reply text"),
    ],
)
def test_reply_malformed_payload(body, message):
    with pytest.raises(KolmeyaPayloadError, match=message):
        parse_reply(body)


# Helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind",
    [
        ("status_a_vendor.json", "status"),
        ("status_b_flat.json", "status"),
        ("status_c_request_rejected.json", "status"),
        ("status_g_handler.json", "status"),
        ("status_h_plan.json", "status"),
        ("reply_a_vendor.json", "reply"),
        ("reply_b_flat.json", "reply"),
        ("reply_e_d15.json", "reply"),
        ("replys_page.json", "reply"),
        ("replys_web_page.json", "reply"),
    ],
)
def test_detect_kind(name, kind):
    assert detect_kind(sample(name)) == kind


def test_detect_kind_unknown():
    assert detect_kind({"hello": "world"}) is None
    assert detect_kind([]) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("15/11/2025 10:35:12", datetime(2025, 11, 15, 10, 35, 12)),
        ("15/11/2025 10:35", datetime(2025, 11, 15, 10, 35)),
        ("2025-11-15 10:35:12", datetime(2025, 11, 15, 10, 35, 12)),
        ("2025-11-15T10:35:12", datetime(2025, 11, 15, 10, 35, 12)),
        (
            "2025-11-15T13:35:12Z",
            datetime(2025, 11, 15, 13, 35, 12, tzinfo=timezone.utc),
        ),
        ("yesterday", None),
        ("", None),
        (None, None),
        (1700000000, None),
    ],
)
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected
