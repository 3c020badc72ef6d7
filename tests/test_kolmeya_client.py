# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KolmeyaClient endpoints against the fake Kolmeya server over real HTTP."""
import socket
from datetime import datetime
from decimal import Decimal

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.client import KolmeyaClient
from cc_connector_sms_kolmeya.kolmeya_api.errors import KolmeyaBadResponse
from cc_connector_sms_kolmeya.kolmeya_api.fake_server import FakeKolmeyaServer
from cc_connector_sms_kolmeya.kolmeya_api.payloads import (
    OutboundMessage,
    PayloadBuildError,
)

from tests.kolmeya_support import TOKEN, A

B = OutboundMessage("+5511912345678", "Olá B", "cc-2")
C = OutboundMessage("+5521998765432", "Olá C", "cc-3")
D = OutboundMessage("+5531991112222", "Olá D", "cc-4")
E = OutboundMessage("+5541993334444", "Olá E", "cc-5")
F = OutboundMessage("+5551995556666", "Olá F", "cc-6")


def test_send_batch_maps_every_outcome_and_posts_the_exact_body(server, kolmeya):
    server.enqueue(
        "/sms/store",
        status=200,
        json={
            "id": "req-1",
            "reference": "batch-1",
            "valids": [{"id": "m-1", "phone": 11987654321, "reference": "cc-1"}],
            "invalids": [
                {"phone": "x", "message": "Olá B", "reference": "cc-2", "error": "bad"}
            ],
            "blacklist": [{"phone": 21998765432}],
            "not_disturb": {"phone": 31991112222},
            "duplicates": [{"phone": "5541993334444"}, {"phone": 11900000000}],
        },
    )
    result = kolmeya.send_batch(
        [A, B, C, D, E, F],
        webhook_url="https://odoo.example/cc/kolmeya/abc",
        cost_centre=109,
        batch_reference="batch-1",
    )
    assert (result.request_id, result.batch_reference) == ("req-1", "batch-1")
    got = {
        ref: (o.status, o.reason, o.message_id) for ref, o in result.outcomes.items()
    }
    assert got == {
        "cc-1": ("accepted", None, "m-1"),
        "cc-2": ("rejected", "invalid", None),
        "cc-3": ("rejected", "blacklist", None),
        "cc-4": ("rejected", "not_disturb", None),
        "cc-5": ("rejected", "duplicate", None),
        "cc-6": ("missing", None, None),
    }
    assert result.outcomes["cc-2"].detail == "bad"
    assert result.outcomes["cc-6"].phone == F.phone
    assert [o.reference for o in result.missing] == ["cc-6"]
    assert result.unmatched == [("duplicates", {"phone": 11900000000})]
    (request,) = server.requests_to("/sms/store")
    assert request.method == "POST"
    assert request.headers["Authorization"] == "Bearer " + TOKEN
    assert request.headers["Content-Type"] == "application/json"
    assert request.json == {
        "messages": [
            {
                "phone": "55" + m.phone[3:],
                "message": m.message,
                "reference": m.reference,
            }
            for m in (A, B, C, D, E, F)
        ],
        "webhook_url": "https://odoo.example/cc/kolmeya/abc",
        "tenant_segment_id": 109,
        "reference": "batch-1",
    }
    assert request.json["messages"][0]["phone"] == "5511987654321"


def test_send_batch_default_server_behaviour(server, kolmeya):
    server.blacklisted.add("21998765432")
    server.not_disturb.add("31991112222")
    twin = OutboundMessage(A.phone, "again", "cc-twin")
    result = kolmeya.send_batch([A, C, D, twin, B])
    assert [o.reference for o in result.accepted] == ["cc-1", "cc-2"]
    assert result.outcomes["cc-3"].reason == "blacklist"
    assert result.outcomes["cc-4"].reason == "not_disturb"
    assert result.outcomes["cc-twin"].reason == "duplicate"
    ids = [o.message_id for o in result.accepted]
    assert len(set(ids)) == 2 and all(ids)
    assert result.request_id == server.stored[0]["id"]
    assert "webhook_url" not in server.requests_to("/sms/store")[0].json
    assert result.rate_limit.limit == 500
    assert result.rate_limit.remaining == 499
    kolmeya.balance()
    assert kolmeya.last_rate_limit.remaining == 498


def test_bearer_prefix_is_not_doubled(server):
    api = KolmeyaClient(server.url, "Bearer " + TOKEN, timeout=2)
    assert api.balance() == Decimal("1234.56")
    assert server.requests[0].headers["Authorization"] == "Bearer " + TOKEN
    assert TOKEN not in repr(api)


def test_invalid_input_is_refused_before_any_http_call(server, kolmeya):
    with pytest.raises(PayloadBuildError, match="cc-9"):
        kolmeya.send_batch([A, OutboundMessage("+5511", "hi", "cc-9")])
    with pytest.raises(PayloadBuildError, match="unique"):
        kolmeya.send_batch([A, A])
    with pytest.raises(PayloadBuildError, match="1 to 1000"):
        kolmeya.send_batch([])
    assert server.requests == []


@pytest.mark.parametrize(
    "value, expected",
    [("R$ 10,00", Decimal("10.00")), ("1500.50", Decimal("1500.50")), (7, Decimal(7))],
)
def test_balance(server, kolmeya, value, expected):
    server.balance = value
    assert kolmeya.balance() == expected
    assert server.requests[0].method == "POST" and server.requests[0].json == {}


@pytest.mark.parametrize("body", [{"balance": "lots"}, {"saldo": "R$ 1,00"}, ["x"]])
def test_balance_unreadable(server, kolmeya, body):
    server.enqueue("/sms/balance", status=200, json=body)
    with pytest.raises(KolmeyaBadResponse):
        kolmeya.balance()


def test_cost_centres(server, kolmeya):
    server.segments = [{"id": 109, "name": "CORPORATIVO"}, {"id": "7", "name": "RH"}]
    assert kolmeya.cost_centres() == [(109, "CORPORATIVO"), (7, "RH")]


def test_cost_centres_malformed(server, kolmeya):
    server.enqueue("/sms/segments", status=200, json={"segments": [{"name": "x"}]})
    with pytest.raises(KolmeyaBadResponse):
        kolmeya.cost_centres()


def _reply(number, when, text="Sim"):
    return {
        "id": "reply-%d" % number,
        "reply": text,
        "received_at": when,
        "message": {"id": "m-%d" % number, "reference": "cc-%d" % number},
    }


def test_replies_follow_pages_and_filter_window(server, kolmeya):
    server.per_page = 2
    server.replies = [
        _reply(1, "15/11/2025 09:00:00"),
        _reply(2, "15/11/2025 10:00:00"),
        {"reply": "no identifiers"},
        _reply(4, "15/11/2025 12:00:00"),
        _reply(5, "not a date"),
    ]
    result = kolmeya.replies(
        start=datetime(2025, 11, 15, 9, 30), end=datetime(2025, 11, 15, 11, 0)
    )
    assert [item.reply_id for item in result] == ["reply-2", "reply-5"]
    assert [error.index for error in result.errors] == [2]
    assert result.truncated is False
    bodies = [request.json for request in server.requests_to("/sms/replys")]
    assert bodies == [{"period": 168, "page": page} for page in (1, 2, 3)]


def test_replies_period_is_clamped_and_pages_capped(server, kolmeya):
    server.per_page = 1
    server.replies = [_reply(n, "15/11/2025 10:00:00") for n in range(5)]
    result = kolmeya.replies(period_hours=1000, max_pages=2)
    assert len(result) == 2 and result.truncated is True
    assert server.requests_to("/sms/replys")[0].json["period"] == 168
    kolmeya.replies(period_hours=0, max_pages=1)
    assert server.requests_to("/sms/replys")[-1].json["period"] == 1


def test_replies_accept_php_index_keyed_data(server, kolmeya):
    page = {"data": {"0": _reply(1, "15/11/2025 09:00:00")}, "next_page_url": None}
    server.enqueue("/sms/replys", status=200, json=page)
    assert [item.message_id for item in kolmeya.replies()] == ["m-1"]


def test_replies_page_without_data_is_bad_response(server, kolmeya):
    server.enqueue("/sms/replys", status=200, json={"current_page": 1})
    with pytest.raises(KolmeyaBadResponse):
        kolmeya.replies()


def test_request_status_arguments(server, kolmeya):
    kolmeya.send_batch([A, B])
    by_id = kolmeya.request_status(request_id=server.stored[0]["id"])
    assert (by_id.status, by_id.status_code) == ("Válido", 2)
    assert [m.state for m in by_id.messages] == ["sent", "sent"]
    with pytest.raises(ValueError):
        kolmeya.request_status()
    with pytest.raises(ValueError):
        kolmeya.request_status(request_id="x", reference="y")


def test_blacklist_store_and_destroy(server, kolmeya):
    assert kolmeya.blacklist_store([A.phone, "+551133334444"]) is None
    assert server.requests_to("/blacklist/store")[0].json == {
        "phones": [{"phone": "5511987654321"}, {"phone": "551133334444"}]
    }
    assert kolmeya.send_batch([A]).outcomes["cc-1"].reason == "blacklist"
    assert kolmeya.blacklist_destroy(A.phone) is None
    assert server.requests_to("/blacklist/destroy")[0].json == {
        "phones": [{"phone": "5511987654321"}]
    }
    assert server.blacklisted == {"1133334444"}
    assert kolmeya.send_batch([A]).outcomes["cc-1"].status == "accepted"


def test_get_is_refused_by_the_fake_like_kolmeya(server, kolmeya):
    response = kolmeya.session.get(server.url + "/sms/balance", timeout=2)
    assert response.status_code == 404
    assert response.json() == {"errors": ["Not found."]}


def test_token_is_required():
    with pytest.raises(ValueError):
        KolmeyaClient("http://127.0.0.1:1/api/v1", "  ")


def test_fake_server_binds_loopback_only_and_stops():
    fake = FakeKolmeyaServer().start()
    host, port = fake._httpd.server_address
    assert host == "127.0.0.1"
    assert fake.url == "http://127.0.0.1:%d/api/v1" % port
    fake.stop()
    with socket.socket() as sock:
        sock.settimeout(1)
        assert sock.connect_ex(("127.0.0.1", port)) != 0
