# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Request bodies, ``/sms/store`` answer mapping and error helpers (no HTTP)."""
import email.utils
import json
import os

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.errors import (
    KolmeyaBadResponse,
    KolmeyaError,
    error_for_status,
    error_messages,
    parse_rate_limit,
)
from cc_connector_sms_kolmeya.kolmeya_api.payloads import (
    MAX_BATCH,
    OutboundMessage,
    PayloadBuildError,
    build_blacklist_body,
    build_store_body,
    chunk,
    parse_store_response,
)

from tests.kolmeya_support import SAMPLES

ONE = OutboundMessage("+5511987654321", "Olá", "cc-msg-1")


def test_build_store_body_minimal_and_full():
    assert build_store_body([ONE]) == {
        "messages": [
            {"phone": "5511987654321", "message": "Olá", "reference": "cc-msg-1"}
        ]
    }
    body = build_store_body(
        [tuple(ONE)],
        webhook_url="https://odoo.example/hook",
        cost_centre="109",
        batch_reference=42,
        sms_api_id=3,
    )
    assert body["tenant_segment_id"] == 109
    assert (body["webhook_url"], body["reference"], body["sms_api_id"]) == (
        "https://odoo.example/hook",
        "42",
        3,
    )


@pytest.mark.parametrize(
    "messages, kwargs, match",
    [
        ([], {}, "1 to 1000"),
        ([ONE] * 2, {}, "unique"),
        ([ONE._replace(reference="")], {}, "reference"),
        ([ONE._replace(reference=7)], {}, "reference"),
        ([ONE._replace(message="  ")], {}, "empty text"),
        ([ONE._replace(phone="11987654321")], {}, "cc-msg-1.*\\+55"),
        ([ONE._replace(phone="+551133334444")], {}, "mobile"),
        ([ONE], {"webhook_url": "ftp://x"}, "http"),
        ([ONE], {"cost_centre": "abc"}, "cost centre"),
        ([ONE], {"cost_centre": True}, "cost centre"),
        ([ONE], {"cost_centre": -1}, "cost centre"),
        ([ONE], {"sms_api_id": "1.5"}, "SMS API"),
    ],
)
def test_build_store_body_refuses_bad_input(messages, kwargs, match):
    with pytest.raises(PayloadBuildError, match=match):
        build_store_body(messages, **kwargs)


def test_build_store_body_limit():
    many = [ONE._replace(reference="r%d" % n) for n in range(MAX_BATCH + 1)]
    assert len(build_store_body(many[:MAX_BATCH])["messages"]) == 1000
    with pytest.raises(PayloadBuildError):
        build_store_body(many)


def test_chunk():
    sizes = [len(batch) for batch in chunk(range(2500))]
    assert sizes == [1000, 1000, 500]
    assert list(chunk([], 3)) == []
    assert list(chunk("abcde", 2)) == [["a", "b"], ["c", "d"], ["e"]]
    with pytest.raises(ValueError):
        list(chunk([1], 0))


def test_blacklist_body():
    assert build_blacklist_body(["+5511987654321", "+551133334444"]) == {
        "phones": [{"phone": "5511987654321"}, {"phone": "551133334444"}]
    }
    with pytest.raises(PayloadBuildError):
        build_blacklist_body([])
    with pytest.raises(PayloadBuildError, match="\\+55"):
        build_blacklist_body(["11987654321"])


def test_parse_observed_store_response_sample():
    with open(os.path.join(SAMPLES, "store_response.json"), encoding="utf-8") as f:
        body = json.load(f)
    sent = [
        ONE,
        OutboundMessage("+5511900000000", "x", "cc-msg-2"),
        OutboundMessage("+5511912345678", "x", "cc-msg-3"),
        OutboundMessage("+5511955554444", "x", "cc-msg-4"),
    ]
    result = parse_store_response(body, sent)
    assert result.request_id == "9a1f6a1e-0c1b-4d7e-9d0a-3f3b8e1c2a10"
    assert result.batch_reference is None
    summary = [(o.status, o.reason, o.message_id) for o in result.outcomes.values()]
    assert summary == [
        ("accepted", None, "1b2c3d4e-0000-4000-8000-000000000001"),
        ("rejected", "invalid", None),
        ("rejected", "blacklist", None),
        ("rejected", "not_disturb", None),
    ]
    assert result.outcomes["cc-msg-2"].detail == "Telefone inválido"
    assert result.unmatched == []


def test_parse_store_response_edge_shapes():
    twin = OutboundMessage(ONE.phone, "again", "cc-twin")
    body = {
        "id": 77,
        "valids": {"0": {"id": "m1", "phone": 11987654321, "reference": "cc-msg-1"}},
        "duplicates": [11987654321],
        "invalids": [{"reference": "unknown-ref", "error": "?"}],
        "blacklist": {},
    }
    result = parse_store_response(body, [ONE, twin])
    assert result.request_id == "77"
    assert result.outcomes["cc-msg-1"].message_id == "m1"
    assert result.outcomes["cc-twin"].reason == "duplicate"
    assert result.unmatched == [
        ("invalids", {"reference": "unknown-ref", "error": "?"})
    ]


def test_parse_store_response_empty_object_reports_all_missing():
    result = parse_store_response({}, [ONE])
    assert [(o.reference, o.status) for o in result.missing] == [
        ("cc-msg-1", "missing")
    ]
    assert result.accepted == [] and result.rejected == []


def test_parse_store_response_valid_without_reference_matches_by_phone():
    body = {"valids": [{"id": "m9", "phone": 11987654321}]}
    assert parse_store_response(body, [ONE]).outcomes["cc-msg-1"].message_id == "m9"


@pytest.mark.parametrize("body", [None, [], "text", 3])
def test_parse_store_response_refuses_non_objects(body):
    with pytest.raises(KolmeyaBadResponse) as info:
        parse_store_response(body, [ONE])
    assert info.value.outcome_unknown is True


# errors.py -----------------------------------------------------------------


def test_parse_rate_limit():
    info = parse_rate_limit(
        {"X-RateLimit-Limit": "500", "X-RateLimit-Remaining": "495"}, now=0
    )
    assert (info.limit, info.remaining, info.reset, info.retry_after) == (
        500,
        495,
        None,
        None,
    )
    assert parse_rate_limit({}) is None
    assert parse_rate_limit(None) is None


NOW = 1700000000


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"Retry-After": "60"}, 60),
        ({"Retry-After": "-5"}, 0),
        ({"Retry-After": email.utils.formatdate(NOW + 90, usegmt=True)}, 90),
        ({"Retry-After": "soon", "X-RateLimit-Reset": "12"}, 12),
        ({"X-RateLimit-Reset": str(NOW + 30)}, 30),
        ({"X-RateLimit-Reset": str(NOW - 30)}, 0),
        ({"X-RateLimit-Reset": "45"}, 45),
        ({"X-RateLimit-Limit": "500"}, None),
    ],
)
def test_retry_after_seconds(headers, expected):
    assert parse_rate_limit(headers, now=NOW).retry_after == expected


def test_unreadable_retry_after_alone_gives_no_info():
    assert parse_rate_limit({"Retry-After": "soon"}, now=NOW) is None


@pytest.mark.parametrize(
    "status, code, transient",
    [
        (400, "validation", False),
        (401, "auth", False),
        (403, "forbidden", False),
        (404, "not_found", False),
        (418, "http_error", False),
        (422, "validation", False),
        (429, "rate_limited", True),
        (500, "server", True),
        (504, "server", True),
    ],
)
def test_error_for_status(status, code, transient):
    error = error_for_status(status, {"errors": ["x"]}, {})
    assert isinstance(error, KolmeyaError)
    assert (error.code, error.transient, error.status) == (code, transient, status)
    assert str(error).endswith(": x")


def test_error_for_status_5xx_outcome_flag():
    assert error_for_status(500, None, {}).outcome_unknown is True
    assert (
        error_for_status(500, None, {}, outcome_unknown_on_5xx=False).outcome_unknown
        is False
    )


def test_error_messages_shapes():
    assert error_messages({"errors": ["a", "b"]}) == ["a", "b"]
    assert error_messages({"errors": {"phone": ["bad", "short"]}}) == [
        "phone: bad",
        "phone: short",
    ]
    assert error_messages({"error": "Validation failed", "details": {"f": "x"}}) == [
        "Validation failed",
        "f: x",
    ]
    assert error_messages("  plain text  ") == ["plain text"]
    assert error_messages(None) == [] and error_messages(["x"]) == []
