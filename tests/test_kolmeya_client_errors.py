# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KolmeyaClient error mapping, timeouts and retry policy over real HTTP.

Sends (``/sms/store``) and blacklist writes are never retried and flag an
unknown outcome once the request may have left; read-only calls are retried.
"""
import socket
import time
from decimal import Decimal

import pytest

from cc_connector_sms_kolmeya.kolmeya_api import client as client_module
from cc_connector_sms_kolmeya.kolmeya_api.client import KolmeyaClient
from cc_connector_sms_kolmeya.kolmeya_api.errors import (
    KolmeyaAuthError,
    KolmeyaBadResponse,
    KolmeyaConnectionError,
    KolmeyaNotFoundError,
    KolmeyaRateLimited,
    KolmeyaServerError,
    KolmeyaTimeout,
    KolmeyaValidationError,
)

from tests.kolmeya_support import TOKEN, A


def test_401_wrong_token(server):
    api = KolmeyaClient(server.url, "wrong", timeout=2)
    with pytest.raises(KolmeyaAuthError) as info:
        api.send_batch([A])
    error = info.value
    assert (error.code, error.status, error.messages) == (
        "auth",
        401,
        ["Unauthenticated."],
    )
    assert error.outcome_unknown is False and error.transient is False
    assert error.blocks_connector is True and error.http_status == 401


@pytest.mark.parametrize(
    "errors, code",
    [
        (["IP 203.0.113.7 não autorizado"], "ip_not_whitelisted"),
        (["Your IP address is not whitelisted"], "ip_not_whitelisted"),
        (["This action is unauthorized."], "forbidden"),
    ],
)
def test_403(server, kolmeya, errors, code):
    server.enqueue("/sms/balance", status=403, json={"errors": errors})
    with pytest.raises(KolmeyaAuthError) as info:
        kolmeya.balance()
    assert info.value.code == code and info.value.status == 403
    assert len(server.requests) == 1


def test_422_carries_provider_messages(server, kolmeya):
    server.enqueue(
        "/sms/store",
        status=422,
        json={"errors": {"messages.0.phone": ["The phone is invalid."]}},
    )
    with pytest.raises(KolmeyaValidationError) as info:
        kolmeya.send_batch([A])
    assert info.value.code == "validation"
    assert info.value.messages == ["messages.0.phone: The phone is invalid."]
    assert info.value.outcome_unknown is False


def test_errors_body_with_success_status_is_a_validation_error(server, kolmeya):
    body = {"errors": ['Undefined array key "phone"']}
    server.enqueue("/sms/store", status=200, json=body)
    with pytest.raises(KolmeyaValidationError, match="Undefined array key"):
        kolmeya.send_batch([A])


def test_errors_next_to_a_send_answer_do_not_hide_accepted_messages(server, kolmeya):
    body = {"id": "r1", "valids": [{"id": "m1", "reference": "cc-1"}], "errors": ["?"]}
    server.enqueue("/sms/store", status=200, json=body)
    assert kolmeya.send_batch([A]).outcomes["cc-1"].message_id == "m1"


def test_429_with_retry_after(server, kolmeya):
    headers = {"Retry-After": "30", "X-RateLimit-Remaining": "0"}
    server.enqueue(
        "/sms/store", status=429, json={"errors": ["Too Many"]}, headers=headers
    )
    with pytest.raises(KolmeyaRateLimited) as info:
        kolmeya.send_batch([A])
    error = info.value
    assert (error.code, error.retry_after, error.transient) == (
        "rate_limited",
        30,
        True,
    )
    assert error.rate_limit.remaining == 0 and error.rate_limit.limit == 500
    assert len(server.requests) == 1


def test_429_with_reset_epoch(server, kolmeya):
    reset = int(time.time()) + 120
    server.enqueue("/sms/balance", status=429, headers={"X-RateLimit-Reset": reset})
    with pytest.raises(KolmeyaRateLimited) as info:
        kolmeya.balance()
    assert 110 <= info.value.retry_after <= 120
    assert len(server.requests) == 1  # 429 is not retried


def test_5xx_on_send_is_not_retried_and_outcome_unknown(server, kolmeya):
    server.enqueue("/sms/store", status=502, json={"errors": ["Bad gateway"]})
    with pytest.raises(KolmeyaServerError) as info:
        kolmeya.send_batch([A])
    error = info.value
    assert (error.code, error.status, error.transient) == ("server", 502, True)
    assert error.outcome_unknown is True and error.may_have_been_sent is True
    assert error.blocks_connector is False
    assert len(server.requests_to("/sms/store")) == 1


def test_5xx_with_html_body_keeps_only_the_page_title(server, kolmeya):
    server.enqueue("/sms/store", status=502,
                   body=b"<html><head><title>502 Bad Gateway</title></head>"
                        b"<body><script>x</script></body></html>")
    with pytest.raises(KolmeyaServerError) as info:
        kolmeya.send_batch([A])
    assert info.value.messages == ["502 Bad Gateway"]


def test_503_maintenance_page_on_send_was_not_processed(server, kolmeya):
    """503 means the request was not processed: safe to send again later."""
    server.enqueue("/sms/store", status=503,
                   body=b"<!DOCTYPE html><html><head><title>Em manuten\xc3\xa7\xc3\xa3o"
                        b"</title></head><body>Voltamos logo</body></html>")
    with pytest.raises(KolmeyaServerError) as info:
        kolmeya.send_batch([A])
    error = info.value
    assert (error.status, error.transient, error.outcome_unknown) == (503, True, False)
    assert error.messages == ["Em manutenção"]
    assert len(server.requests_to("/sms/store")) == 1


def test_5xx_on_read_only_call_is_retried(server, kolmeya):
    server.enqueue("/sms/balance", status=503, json={"errors": ["down"]})
    server.enqueue("/sms/balance", status=503, json={"errors": ["down"]})
    assert kolmeya.balance() == Decimal("1234.56")
    assert len(server.requests_to("/sms/balance")) == 3


def test_5xx_on_read_only_call_gives_up_after_retries(server, kolmeya):
    for _ in range(3):
        server.enqueue("/sms/segments", status=500, json={"errors": ["boom"]})
    with pytest.raises(KolmeyaServerError) as info:
        kolmeya.cost_centres()
    assert info.value.status == 500  # not in the retry list: no retry
    assert len(server.requests_to("/sms/segments")) == 1


def test_timeout_on_send_is_flagged_unknown_and_never_retried(server, kolmeya):
    server.enqueue("/sms/store", delay=1.5)
    with pytest.raises(KolmeyaTimeout) as info:
        kolmeya.send_batch([A], batch_reference="batch-t")
    error = info.value
    assert error.code == "timeout"
    assert error.reached_provider is True and error.outcome_unknown is True
    time.sleep(1.3)  # the slow default answer still stores the message
    assert len(server.requests_to("/sms/store")) == 1
    assert len(server.stored) == 1
    status = kolmeya.request_status(reference="batch-t")
    assert status.request_id == server.stored[0]["id"]
    assert [(m.reference, m.code) for m in status.messages] == [("cc-1", 2)]


def test_timeout_on_read_only_call_is_retried_then_raised(server, kolmeya):
    for _ in range(3):
        server.enqueue("/sms/balance", delay=1.0)
    with pytest.raises(KolmeyaTimeout) as info:
        kolmeya.balance()
    assert info.value.outcome_unknown is False
    assert len(server.requests_to("/sms/balance")) == 3


def test_timeout_then_success_on_read_only_call(server, kolmeya):
    server.enqueue("/sms/balance", delay=1.0)
    assert kolmeya.balance() == Decimal("1234.56")
    assert len(server.requests_to("/sms/balance")) == 2


def test_connection_dropped_after_send_is_unknown(server, kolmeya):
    server.enqueue("/sms/store", drop=True)
    with pytest.raises(KolmeyaConnectionError) as info:
        kolmeya.send_batch([A])
    assert info.value.code == "connection"
    assert info.value.reached_provider is True and info.value.outcome_unknown is True
    assert len(server.requests_to("/sms/store")) == 1


def test_connection_dropped_on_read_only_call_is_retried(server, kolmeya):
    server.enqueue("/sms/balance", drop=True)
    assert kolmeya.balance() == Decimal("1234.56")
    assert len(server.requests_to("/sms/balance")) == 2


def test_connection_refused_never_reached_provider():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = KolmeyaClient(
        "http://127.0.0.1:%d/api/v1" % port, TOKEN, timeout=1, backoff=0
    )
    with pytest.raises(KolmeyaConnectionError) as info:
        api.send_batch([A])
    assert info.value.reached_provider is False
    assert info.value.outcome_unknown is False


def test_tls_failure_is_a_blocking_configuration_error(server):
    api = KolmeyaClient(server.url.replace("http://", "https://"), TOKEN, timeout=2)
    with pytest.raises(KolmeyaConnectionError) as info:
        api.send_batch([A])
    error = info.value
    assert (error.code, error.transient, error.blocks_connector) == ("tls", False, True)
    assert error.reached_provider is False and error.may_have_been_sent is False
    assert server.requests == []


def test_invalid_json_on_send_is_bad_response_with_unknown_outcome(server, kolmeya):
    server.enqueue("/sms/store", status=200, body=b"<html>oops</html>")
    with pytest.raises(KolmeyaBadResponse) as info:
        kolmeya.send_batch([A])
    assert info.value.code == "bad_response" and info.value.outcome_unknown is True


def test_non_object_json_on_send_is_bad_response(server, kolmeya):
    server.enqueue("/sms/store", status=200, json=["unexpected"])
    with pytest.raises(KolmeyaBadResponse) as info:
        kolmeya.send_batch([A])
    assert info.value.outcome_unknown is True


def test_wrong_base_url_is_not_found(server):
    api = KolmeyaClient(server.url.replace("/api/v1", "/api/v2"), TOKEN, timeout=2)
    with pytest.raises(KolmeyaNotFoundError) as info:
        api.balance()
    assert info.value.code == "not_found" and info.value.messages == ["Not found."]


def test_blacklist_is_not_retried(server, kolmeya):
    server.enqueue("/blacklist/store", status=503)
    with pytest.raises(KolmeyaServerError):
        kolmeya.blacklist_store([A.phone])
    assert len(server.requests_to("/blacklist/store")) == 1


def test_retry_falls_back_to_method_whitelist(monkeypatch):
    seen = {}

    class OldRetry(object):
        """urllib3 < 1.26 signature: no ``allowed_methods``."""

        def __init__(self, total=10, method_whitelist=None, **kwargs):
            if "allowed_methods" in kwargs:
                raise TypeError("unexpected keyword argument 'allowed_methods'")
            seen["methods"] = method_whitelist
            seen["kwargs"] = kwargs

    monkeypatch.setattr(client_module, "Retry", OldRetry)
    assert isinstance(client_module._retry(2, 0), OldRetry)
    assert seen["methods"] == frozenset(("GET", "POST"))
    assert seen["kwargs"]["respect_retry_after_header"] is False
