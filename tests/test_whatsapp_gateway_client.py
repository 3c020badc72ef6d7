# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""GatewayClient against the fake gateway over real HTTP on 127.0.0.1."""
import socket

import pytest

from cc_connector_whatsapp.whatsapp_gateway import errors
from cc_connector_whatsapp.whatsapp_gateway.client import GatewayClient, GatewayStatus
from cc_connector_whatsapp.whatsapp_gateway.fake_server import FakeGatewayServer

TOKEN = "gw-token"
CLIENT = "gw-client-uuid"
TO = "5511987654321"


@pytest.fixture
def gateway():
    with FakeGatewayServer(token=TOKEN, client_id=CLIENT) as fake:
        yield fake


@pytest.fixture
def api(gateway):
    with GatewayClient(endpoint=gateway.url, token=TOKEN, client_id=CLIENT,
                       timeout=(2, 1.5)) as client:
        yield client


def test_every_call_carries_token_and_client_id(gateway, api):
    api.send_text(TO, "Olá")
    api.status()
    request = gateway.requests[0]
    assert request.headers["token"] == TOKEN
    assert request.headers["client-id"] == CLIENT
    assert request.headers["client_id"] == CLIENT
    assert [r.path for r in gateway.requests] == ["sendText", "status"]


def test_send_text_with_quote_returns_the_gateway_id(gateway, api):
    outcome = api.send_text(TO, "Segue o boleto", external_id=42,
                            quote={"msg_id": "false_5511@c.us_X", "from_me": False})
    assert outcome.message_id.startswith("true_%s@c.us_FAKE" % TO)
    sent = gateway.requests_to("sendText")[0].json
    assert sent == {"number": TO, "external_id": "42", "text": "Segue o boleto",
                    "quote_msg": {"from_me": False, "number": TO,
                                  "msg_id": "false_5511@c.us_X"}}


@pytest.mark.parametrize("kind,path", [("image", "sendImage"), ("video", "sendVideo"),
                                       ("audio", "sendAudio"), ("document", "sendFile")])
def test_send_media_by_url(gateway, api, kind, path):
    api.send_media(kind, TO, "https://odoo.example/cc/whatsapp/media/1/2/abc",
                   caption="Veja", filename="nota.pdf")
    sent = gateway.requests_to(path)[0].json
    assert sent["url"] == "https://odoo.example/cc/whatsapp/media/1/2/abc"
    assert sent["caption"] == "Veja" and sent["filename"] == "nota.pdf"


def test_send_media_refuses_a_non_http_url(api):
    with pytest.raises(ValueError):
        api.send_media("image", TO, "file:///etc/passwd")
    with pytest.raises(ValueError):
        api.send_media("contact", TO, "https://x.example/a")


def test_send_location_and_generic_send(gateway, api):
    api.send_location(TO, "-23.55", -46.63, address="Av. Paulista")
    assert gateway.requests_to("sendLocation")[0].json["latitude"] == -23.55
    api.send_generic("text", TO, text="via send")
    assert gateway.requests_to("send")[0].json["type"] == "text"


def test_read_chat_profile_conversations_logout(gateway, api):
    assert api.read_chat(TO) is True
    assert gateway.requests_to("readChat")[0].json == {"number": TO}
    assert api.profile_url(TO).endswith("avatar-%s.jpg" % TO)
    gateway.conversation_rows = [{"number": str(n), "name": "C%s" % n} for n in range(3)]
    assert [r["number"] for r in api.conversations(1)] == ["0", "1"]
    assert [r["number"] for r in api.conversations(2)] == ["2"]
    assert api.logout() is True
    assert api.status().state == "qr"


@pytest.mark.parametrize("state", ["connected", "qr", "disconnected"])
def test_status(gateway, api, state):
    gateway.state = state
    status = api.status()
    assert isinstance(status, GatewayStatus)
    assert status.state == state
    assert bool(status.qr) == (state == "qr")


def test_set_webhook_sends_every_notification_option(gateway, api):
    api.set_webhook("https://suite.example/cc/webhook/KEY")
    assert gateway.webhook_url == "https://suite.example/cc/webhook/KEY"
    sent = gateway.requests_to("account", "PUT")[0].json
    assert sent["notify_from_me_message"] is True and sent["notify_phone_status"] is True
    with pytest.raises(ValueError):
        api.set_webhook("javascript:alert(1)")


@pytest.mark.parametrize("status,cls,transient,blocks", [
    (400, errors.PermanentError, False, False),
    (202, errors.AccountError, False, True),
    (204, errors.NotSupportedError, False, False),
    (403, errors.AuthError, False, True),
    (404, errors.WrongUrlError, False, True),
    (429, errors.TransientError, True, False),
    (500, errors.TransientError, True, False),
    (503, errors.TransientError, True, False),
])
def test_error_classes(gateway, api, status, cls, transient, blocks):
    gateway.fail("sendText", status, "Gateway says no")
    with pytest.raises(cls) as info:
        api.send_text(TO, "x")
    assert info.value.transient is transient
    assert info.value.blocks_connector is blocks
    assert info.value.http_status == status
    if status != 204:
        assert info.value.message == "Gateway says no"


def test_wrong_token_is_an_auth_error(gateway):
    with GatewayClient(endpoint=gateway.url, token="bad", client_id=CLIENT) as client:
        with pytest.raises(errors.AuthError) as info:
            client.status()
    assert "Invalid token" in info.value.message


def test_disconnected_phone_refuses_sends_as_account_error(gateway, api):
    gateway.state = "disconnected"
    with pytest.raises(errors.AccountError):
        api.send_text(TO, "x")


def test_error_text_in_a_200_answer(gateway, api):
    gateway.fail("sendText", 200, body={"error": "Number not on WhatsApp"})
    with pytest.raises(errors.PermanentError) as info:
        api.send_text(TO, "x")
    assert info.value.message == "Number not on WhatsApp"


def test_send_without_id_or_unreadable_answer_is_unknown(gateway, api):
    gateway.fail("sendText", 200, body={"ok": True})
    with pytest.raises(errors.UnknownOutcomeError):
        api.send_text(TO, "x")
    gateway.fail("sendText", 200, body=b"<html>proxy</html>")
    with pytest.raises(errors.UnknownOutcomeError):
        api.send_text(TO, "x")
    gateway.fail("status", 200, body=b"<html>proxy</html>")
    with pytest.raises(errors.TransientError):
        api.status()


def test_send_timeout_is_unknown_but_status_timeout_is_transient(gateway, api):
    gateway.delay("sendText", 3)
    with pytest.raises(errors.UnknownOutcomeError) as info:
        api.send_text(TO, "x")
    assert info.value.may_have_been_sent
    gateway.delay("status", 3)
    with pytest.raises(errors.TransientError):
        api.status()


def test_refused_connection_is_transient_even_for_a_send():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with GatewayClient(endpoint="http://127.0.0.1:%d/v1" % port, token="t",
                       client_id="c", timeout=(1, 1)) as client:
        with pytest.raises(errors.TransientError):
            client.send_text(TO, "x")


def test_download_media(gateway, api):
    url = gateway.add_media("a.jpg", b"\xff\xd8jpeg", "image/jpeg")
    assert api.download(url) == (b"\xff\xd8jpeg", "image/jpeg")
    with pytest.raises(errors.PermanentError):
        api.download(url, max_bytes=3)
    with pytest.raises(errors.PermanentError):
        api.download(gateway.base + "/media/gone.jpg")


def test_client_requires_credentials_and_http_endpoint():
    with pytest.raises(ValueError):
        GatewayClient(endpoint="https://x.example/v1", token="", client_id="c")
    with pytest.raises(ValueError):
        GatewayClient(endpoint="ftp://x.example", token="t", client_id="c")
