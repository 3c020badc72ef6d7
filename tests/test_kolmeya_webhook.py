# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Status parser against every status shape of the Kolmeya reference."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.errors import KolmeyaPayloadError
from cc_connector_sms_kolmeya.kolmeya_api.webhook import parse_reply, parse_status

from tests.kolmeya_support import MSG1, MSG2, only, REQ, sample


# Status ------------------------------------------------------------------


def test_status_vendor_nested_shape_from_bytes():
    result = parse_status(sample("status_a_vendor.json", raw=True))
    assert result.errors == []
    first, second = result.items
    assert (first.message_id, first.reference, first.code, first.state) == (
        MSG1,
        "cc-msg-1",
        3,
        "delivered",
    )
    assert (second.message_id, second.code, second.state) == (MSG2, 4, "failed")
    assert first.request_id == REQ and first.scope == "message"
    assert first.raw == sample("status_a_vendor.json")["messages"][0]


@pytest.mark.parametrize(
    "name, message_id, reference, code, state, phone, timestamp",
    [
        (
            "status_b_flat.json",
            MSG1,
            "cc-msg-1",
            3,
            "delivered",
            "+5511987654321",
            None,
        ),
        ("status_d_prototype.json", None, "cc-msg-1", 4, "failed", None, None),
        (
            "status_f_proposal.json",
            MSG1,
            None,
            6,
            "expired",
            None,
            datetime(2025, 11, 15, 10, 31, 2, tzinfo=timezone(timedelta(hours=-3))),
        ),
        (
            "status_g_handler.json",
            MSG1,
            None,
            3,
            "delivered",
            "+5511987654321",
            datetime(2025, 11, 15, 10, 31, 2),
        ),
        (
            "status_g_readme.json",
            MSG1,
            "cc-msg-1",
            3,
            "delivered",
            "+5511987654321",
            datetime(2025, 11, 15, 13, 31, 2, tzinfo=timezone.utc),
        ),
        (
            "status_h_plan.json",
            None,
            "cc-msg-1",
            3,
            "delivered",
            None,
            datetime(2025, 11, 15, 10, 31, 2),
        ),
    ],
)
def test_status_flat_shapes(name, message_id, reference, code, state, phone, timestamp):
    item = only(parse_status(sample(name)))
    assert item.message_id == message_id
    assert item.reference == reference
    assert (item.code, item.state) == (code, state)
    assert item.phone == phone
    assert item.timestamp == timestamp
    assert item.scope == "message"


def test_status_old_module_shape_with_delivered_at():
    item = only(parse_status(sample("status_e_old.json")))
    assert (item.message_id, item.code, item.request_id) == (MSG1, 3, REQ)
    assert item.timestamp == datetime(2025, 11, 15, 10, 31, 2)


def test_status_request_level_rejection():
    item = only(parse_status(sample("status_c_request_rejected.json")))
    assert item.scope == "request"
    assert item.message_id is None
    assert item.request_id == REQ
    assert item.reference == "batch-7"
    assert (item.code, item.state) == (5, "rejected")
    assert item.detail == "Mensagem reprovada na homologação"


def test_status_prototype_error_detail():
    item = only(parse_status(sample("status_d_prototype.json")))
    assert item.detail == "E42: Handset unreachable"


def test_status_request_answer_ignores_request_level_status():
    result = parse_status(sample("status_request_response.json"))
    item = only(result)
    assert (item.code, item.state) == (3, "delivered")


@pytest.mark.parametrize(
    "status, code",
    [
        ("Tentando enviar", 1),
        ("enviado", 2),
        ("Entregue", 3),
        ("Não entregue", 4),
        ("NAO ENTREGUE", 4),
        ("Rejeitado pela operadora", 5),
        ("rejeitado no broker", 5),
        ("Expirada", 6),
        ("expired", 6),
        ("5", 5),
        (" 2 ", 2),
    ],
)
def test_status_text_mapping(status, code):
    assert only(parse_status({"id": MSG1, "status": status})).code == code


def test_status_code_wins_over_text_and_accepts_digit_strings():
    item = only(parse_status({"id": MSG1, "status_code": "3", "status": "enviado"}))
    assert item.code == 3


def test_event_id_is_stable_and_distinguishes_code_and_time():
    base = {"id": MSG1, "status_code": 2, "updated_at": "2025-11-15 10:30:00"}
    first = only(parse_status(dict(base))).event_id
    assert first == only(parse_status(json.dumps(base))).event_id
    assert first != only(parse_status(dict(base, status_code=3))).event_id
    assert (
        first
        != only(parse_status(dict(base, updated_at="2025-11-15 10:31:00"))).event_id
    )
    assert first != only(parse_status(dict(base, id=MSG2))).event_id
    assert len(first) == 40


def test_status_list_keeps_good_items_and_reports_bad_ones():
    body = {
        "id": REQ,
        "messages": [
            {"id": MSG1, "reference": "cc-msg-1", "status_code": 3},
            {"id": MSG2, "status_code": 9},
            "not an object",
            {"status": "entregue"},
            {"id": MSG2, "status": "lost in space"},
            {"reference": "cc-msg-3", "status_code": 2},
        ],
    }
    result = parse_status(body)
    assert [item.reference for item in result] == ["cc-msg-1", "cc-msg-3"]
    assert [error.index for error in result.errors] == [1, 2, 3, 4]
    assert "unknown status code 9" in result.errors[0].message
    assert "no id or reference" in result.errors[2].message
    assert result.errors[1].raw == "not an object"


def test_status_top_level_array_is_refused():
    """No documented status shape is an array: it must not move messages."""
    with pytest.raises(KolmeyaPayloadError, match="not an array"):
        parse_status([sample("status_b_flat.json")])


@pytest.mark.parametrize("messages", [
    {"0": {"id": MSG1, "status_code": 3}},  # PHP index-keyed object
    {"id": MSG1, "status_code": 3},  # one message as an object
    "3", 3, True,
])
def test_status_messages_not_a_list_is_refused(messages):
    with pytest.raises(KolmeyaPayloadError, match="must be a list"):
        parse_status({"id": REQ, "messages": messages})


@pytest.mark.parametrize("body, message", [
    (b'{"id": "x", "status_code": NaN}', "not valid JSON"),
    (b'{"id": "x", "status_code": Infinity}', "not valid JSON"),
    (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    (b'{"id": {"a": 1}, "status_code": 3}', "wrong type"),
    (b'{"id": "x", "reference": ["a"], "status_code": 3}', "wrong type"),
    (b'{"id": "x", "status_code": 3, "phone": {"n": 1}}', "wrong type"),
    (b'{"id": ["r"], "messages": []}', "wrong type"),
])
def test_status_hostile_bodies_are_refused(body, message):
    with pytest.raises(KolmeyaPayloadError, match=message):
        parse_status(body)


@pytest.mark.parametrize("body", [
    b'{"reply": {"id": "r1", "reply": "SAIR\xff", "message": {"id": "m"}}}',
    b'{"phone": 11987654321, "message": "Ol\xe1", "reference": "cc-1"}',
])
def test_reply_not_utf8_is_refused(body):
    with pytest.raises(KolmeyaPayloadError, match="UTF-8"):
        parse_reply(body)


def test_reply_nested_too_deeply_is_refused():
    with pytest.raises(KolmeyaPayloadError, match="nested too deeply"):
        parse_reply(b'{"reply": ' + b"[" * 5000 + b"]" * 5000 + b"}")


@pytest.mark.parametrize(
    "body, message",
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "UTF-8"),
        ("", "not valid JSON"),
        ("42", "object or array"),
        (None, "object or array"),
        ({"messages": "oops"}, "must be a list"),
        ({"id": MSG1}, "missing status"),
        ({"status_code": 3}, "no id or reference"),
        ({"id": MSG1, "status_code": 7}, "unknown status code"),
        ({"id": MSG1, "status_code": True}, "missing status"),
    ],
)
def test_status_malformed_payload(body, message):
    with pytest.raises(KolmeyaPayloadError, match=message) as info:
        parse_status(body)
    assert info.value.code == "bad_payload"


def test_nested_message_with_status_message_stays_message_scoped():
    body = {
        "id": REQ,
        "messages": [{"id": MSG1, "status": "rejected", "status_message": "no"}],
    }
    item = only(parse_status(body))
    assert (item.scope, item.message_id, item.request_id) == ("message", MSG1, REQ)
    assert item.detail == "no"
