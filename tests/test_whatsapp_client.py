# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""CloudClient against the fake Graph server over real HTTP on 127.0.0.1."""
import hashlib
import socket

import pytest

from cc_connector_whatsapp.whatsapp_cloud import client as client_mod, errors, payloads
from cc_connector_whatsapp.whatsapp_cloud.client import CloudClient, SendOutcome
from cc_connector_whatsapp.whatsapp_cloud.fake_server import FakeGraphServer

TOKEN = "EAAG-test-token"
PNID = "106540352242922"
WABA = "102290129340398"
TO = "5511987654321"
VERSION = client_mod.DEFAULT_API_VERSION


@pytest.fixture
def server():
    with FakeGraphServer(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def api(server):
    with CloudClient(
        base_url=server.url,
        token=TOKEN,
        phone_number_id=PNID,
        waba_id=WABA,
        timeout=(2, 5),
    ) as cloud:
        yield cloud


def test_default_version_is_explicit_and_recent():
    assert VERSION == "v26.0"
    assert client_mod.DEFAULT_BASE_URL == "https://graph.facebook.com"


def test_fake_server_listens_on_loopback_only(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_send_text_as_received_by_server(server, api):
    outcome = api.send(payloads.text(TO, "Olá 😀", preview_url=True))
    assert isinstance(outcome, SendOutcome)
    assert outcome.wamid.startswith("wamid.") and outcome.wa_id == TO
    (request,) = server.requests
    assert request.method == "POST"
    assert request.path == "/%s/%s/messages" % (VERSION, PNID)
    assert request.headers["authorization"] == "Bearer " + TOKEN
    assert request.headers["content-type"] == "application/json"
    assert "access_token" not in request.query
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": TO,
        "type": "text",
        "text": {"body": "Olá 😀", "preview_url": True},
    }


def test_send_returns_canonical_wa_id_from_contacts(server, api):
    server.wa_id_map[TO] = "551187654321"
    assert api.send(payloads.text(TO, "oi")).wa_id == "551187654321"


def test_every_send_type_reaches_server_unchanged(server, api):
    bodies = [
        payloads.media(TO, "image", media_id="1", caption="Foto"),
        payloads.media(TO, "audio", link="https://cdn.example/a.ogg"),
        payloads.media(TO, "video", media_id="2"),
        payloads.media(TO, "document", media_id="3", filename="b.pdf", caption="B"),
        payloads.media(TO, "sticker", media_id="4"),
        payloads.location(TO, -23.5, -46.6, name="Loja"),
        payloads.template(
            TO,
            "cobranca_lembrete",
            "pt_BR",
            [
                payloads.header_component([payloads.media_parameter("image", "9")]),
                payloads.body_component(["Maria", "R$ 1,00"]),
                payloads.button_component("url", 0, "abc"),
            ],
        ),
    ]
    wamids = {api.send(body).wamid for body in bodies}
    assert len(wamids) == len(bodies)
    assert [r.json for r in server.requests_to("*/messages")] == bodies


def test_send_rejects_non_dict_payload(api):
    with pytest.raises(TypeError):
        api.send('{"to": "1"}')


def test_mark_read(server, api):
    assert api.mark_read("wamid.IN", typing_indicator=True) is True
    assert server.requests[0].json == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.IN",
        "typing_indicator": {"type": "text"},
    }


def test_upload_media_multipart(server, api):
    content = b"%PDF-1.4\r\n\x00\xff binary \r\n--not-a-boundary\r\n"
    media_id = api.upload_media(content, "application/pdf", "boleto.pdf")
    (request,) = server.requests
    assert request.path == "/%s/%s/media" % (VERSION, PNID)
    assert request.form == {"messaging_product": "whatsapp", "type": "application/pdf"}
    upload = request.files["file"]
    assert (upload.filename, upload.content_type) == ("boleto.pdf", "application/pdf")
    assert upload.content == content
    assert server.media[media_id]["content"] == content


def test_upload_enforces_limits_before_any_request(server, api):
    with pytest.raises(errors.MediaRejectedError):
        api.upload_media(b"x" * (5 * 1024 * 1024 + 1), "image/jpeg", "big.jpg")
    with pytest.raises(errors.MediaRejectedError):
        api.upload_media(b"GIF89a", "image/gif", "a.gif")
    assert server.requests == []


def test_media_url_and_download(server, api):
    content = bytes(range(256)) * 10
    media_id = server.add_media(content, "image/jpeg")
    info = api.media_url(media_id)
    assert info.url.startswith(server.url + "/download/")
    assert info.mime_type == "image/jpeg"
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert info.file_size == len(content)
    lookup = server.requests[0]
    assert lookup.path == "/%s/%s" % (VERSION, media_id)
    assert lookup.query == {"phone_number_id": PNID}
    assert api.download_media(info.url, sha256=info.sha256) == content
    assert server.requests[1].headers["authorization"] == "Bearer " + TOKEN


def test_download_size_cap_and_checksum(server, api):
    media_id = server.add_media(b"a" * 1000, "image/jpeg")
    url = api.media_url(media_id).url
    with pytest.raises(errors.MediaRejectedError):
        api.download_media(url, max_bytes=999)
    assert api.download_media(url, max_bytes=1000) == b"a" * 1000
    with pytest.raises(errors.MediaRejectedError):
        api.download_media(url, sha256="0" * 64)


def test_expired_download_url_is_refetched(server, api):
    media_id = server.add_media(b"voice", "audio/ogg")
    server.fail("/download/*", 404, code=None, body=b"")
    content, info = api.fetch_media(media_id)
    assert content == b"voice" and info.file_size == 5
    paths = [r.endpoint.split("/")[1] for r in server.requests]
    assert paths == [media_id, "download", media_id, "download"]


def test_expired_url_raises_media_expired(server, api):
    server.fail("/download/*", 403, body=b"URL signature expired")
    with pytest.raises(errors.MediaExpiredError) as info:
        api.download_media(server.url + "/download/123")
    assert info.value.transient


def test_phone_number_info(server, api):
    assert api.phone_number_info() == {
        "display_phone_number": "+55 11 99999-0000",
        "verified_name": "Contact Center Demo",
        "quality_rating": "GREEN",
    }
    assert server.requests[0].query["fields"] == client_mod.PHONE_FIELDS


def test_list_templates_follows_paging(server, api):
    server.template_page_size = 2
    server.templates = [
        dict(t, id=str(n)) for n in range(5) for t in server.templates[:1]
    ]
    templates = api.list_templates(limit=100)
    assert [t["id"] for t in templates] == ["0", "1", "2", "3", "4"]
    pages = server.requests_to("*/message_templates")
    assert len(pages) == 3
    assert [r.query.get("after") for r in pages] == [None, "2", "4"]
    assert all(r.path == "/%s/%s/message_templates" % (VERSION, WABA) for r in pages)


def test_list_templates_is_bounded(server, api):
    server.template_page_size = 1
    with pytest.raises(errors.PermanentError):
        api.list_templates(max_pages=2)
    assert len(server.requests) == 2


def test_list_templates_needs_waba(server):
    cloud = CloudClient(base_url=server.url, token=TOKEN, phone_number_id=PNID)
    with pytest.raises(ValueError):
        cloud.list_templates()


def test_subscribe_app(server, api):
    assert api.subscribe_app() is True
    assert server.requests[0].path == "/%s/%s/subscribed_apps" % (VERSION, WABA)


# -- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, code, cls, stable, transient",
    [
        (400, 131047, errors.WindowClosedError, "window_closed", False),
        (400, 131026, errors.UndeliverableError, "undeliverable", False),
        (400, 130429, errors.RateLimitError, "rate_limited", True),
        (400, 131056, errors.RateLimitError, "rate_limited", True),
        (400, 132001, errors.TemplateError, "template", False),
        (400, 131031, errors.AccountError, "account", False),
        (400, 100, errors.PermanentError, "permanent", False),
        (500, 131000, errors.TransientError, "transient", True),
    ],
)
def test_graph_error_classes(server, api, status, code, cls, stable, transient):
    server.fail("*/messages", status, code=code, message="Meta says %s" % code,
                subcode=2494010, details="Details %s" % code)  # fmt: skip
    with pytest.raises(cls) as info:
        api.send(payloads.text(TO, "oi"))
    error = info.value
    assert type(error) is cls
    assert (error.code, error.graph_code, error.transient) == (stable, code, transient)
    assert error.message == "Meta says %s" % code
    assert error.details == "Details %s" % code
    assert error.graph_subcode == 2494010 and error.http_status == status
    assert error.may_have_been_sent is False
    assert (error.retry_after is not None) is transient


def test_rate_limit_retry_after(server, api):
    server.fail("*/messages", 400, code=131056, message="Pair rate limit")
    with pytest.raises(errors.RateLimitError) as info:
        api.send(payloads.text(TO, "oi"))
    assert info.value.retry_after == 6
    server.fail("*/messages", 429, message="Slow down", headers={"Retry-After": "17"})
    with pytest.raises(errors.RateLimitError) as info:
        api.send(payloads.text(TO, "oi"))
    assert info.value.retry_after == 17


def test_token_expired_190(server, api):
    api.token = "expired-token"
    with pytest.raises(errors.AuthError) as info:
        api.send(payloads.text(TO, "oi"))
    error = info.value
    assert (error.code, error.graph_code, error.http_status) == ("auth", 190, 401)
    assert error.blocks_connector and not error.transient
    assert "expired" in error.message


def test_http_401_without_graph_body_is_auth(server, api):
    server.fail("*/messages", 401, body=b"Unauthorized")
    with pytest.raises(errors.AuthError) as info:
        api.send(payloads.text(TO, "oi"))
    assert info.value.graph_code is None


def test_5xx_on_post_is_transient_and_not_retried(server, api):
    server.fail("*/messages", 503, body=b"<html>Service Unavailable</html>")
    with pytest.raises(errors.TransientError) as info:
        api.send(payloads.text(TO, "oi"))
    assert info.value.retry_after and not info.value.may_have_been_sent
    assert len(server.requests) == 1


def test_5xx_on_get_is_retried(server, api):
    server.fail("/%s" % PNID, 503, body=b"busy", times=2, method="GET")
    assert api.phone_number_info()["quality_rating"] == "GREEN"
    assert len(server.requests) == 3


def test_connection_refused_is_transient():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    cloud = CloudClient(
        base_url="http://127.0.0.1:%d" % port,
        token=TOKEN,
        phone_number_id=PNID,
        get_retries=0,
    )
    with pytest.raises(errors.TransientError) as info:
        cloud.send(payloads.text(TO, "oi"))
    assert info.value.code == "transient"
    assert info.value.may_have_been_sent is False


def test_timeout_after_send_is_unknown_outcome_and_not_resent(server):
    server.delay("*/messages", 1.5)
    cloud = CloudClient(
        base_url=server.url, token=TOKEN, phone_number_id=PNID, timeout=(2, 0.3)
    )
    with pytest.raises(errors.UnknownOutcomeError) as info:
        cloud.send(payloads.text(TO, "oi"))
    error = info.value
    assert error.code == "unknown_outcome"
    assert error.may_have_been_sent is True and not error.transient
    assert len(server.requests_to("*/messages")) == 1


def test_timeout_on_idempotent_get_is_transient(server):
    server.delay("/%s" % PNID, 1.0, times=3)
    cloud = CloudClient(
        base_url=server.url,
        token=TOKEN,
        phone_number_id=PNID,
        timeout=(2, 0.2),
        get_retries=1,
    )
    with pytest.raises(errors.TransientError) as info:
        cloud.phone_number_info()
    assert info.value.may_have_been_sent is False
    assert len(server.requests) == 2


def test_unreadable_2xx_after_send_is_unknown_outcome(server, api):
    server.fail("*/messages", 200, body=b"<html>proxy</html>")
    with pytest.raises(errors.UnknownOutcomeError):
        api.send(payloads.text(TO, "oi"))


def test_error_str_never_contains_token(server, api):
    server.fail("*/messages", 400, code=131047, message="Re-engagement message")
    with pytest.raises(errors.WhatsAppError) as info:
        api.send(payloads.text(TO, "oi"))
    assert str(info.value) == "window_closed/131047: Re-engagement message"
    assert TOKEN not in repr(api)


def test_classify_code_for_status_webhook_errors():
    assert errors.classify_code(131047) == "window_closed"
    assert errors.classify_code("131026") == "undeliverable"
    assert errors.classify_code(190) == "auth"
    assert errors.classify_code(130429) == "rate_limited"
    assert errors.classify_code(131049) == "permanent"
    assert errors.classify_code(None, http_status=502) == "transient"
