# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""HTTP client of the WhatsApp REST gateway (apichat.io direct, chat-smart.io).

Every call goes to ``<endpoint>/<path>`` with the ``token`` and client id
headers and an explicit timeout. The reference documents the client id
header as ``client-id`` (apichat.io direct) and ``client_id`` (the AcruxLab
protocol the chat-smart.io fork derives from): both are sent, with the same
value. Sends are never retried here: a failure after the request may have
reached the gateway raises ``UnknownOutcomeError``. Nothing here logs
message text, numbers, URLs or tokens.
"""
import logging
import socket
from typing import NamedTuple, Optional
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from . import errors

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_MAX_DOWNLOAD = 100 * 1024 * 1024
VARIANT_CHATSMART = "chatsmart"
VARIANT_DIRECT = "direct"
# cc.message type -> gateway path and the field carrying the media URL.
MEDIA_PATHS = {
    "image": "sendImage",
    "video": "sendVideo",
    "audio": "sendAudio",
    "document": "sendFile",
    "sticker": "sendImage",
}
# The webhook options of the ``account`` call: every notification we parse.
WEBHOOK_OPTIONS = {
    "notify_ack": True,
    "notify_phone_status": True,
    "notify_chat_update": True,
    "notify_from_me_message": True,
}

STATE_CONNECTED = "connected"
STATE_QR = "qr"
STATE_DISCONNECTED = "disconnected"


class GatewayStatus(NamedTuple):
    """Connection of the WhatsApp session behind the gateway account."""

    state: str  # connected / qr / disconnected
    reason: Optional[str]
    qr: Optional[str]  # base64 image when a QR scan is needed


class SendOutcome(NamedTuple):
    """Accepted send: the gateway's message id."""

    message_id: str


def _never_connected(exc):
    """True when the failure happened before the request could be sent."""
    stack, seen = [exc], set()
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (NewConnectionError, ConnectTimeoutError,
                                ConnectionRefusedError, socket.gaierror)):
            return True
        stack.extend([getattr(current, "reason", None), current.__cause__])
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, Exception))
    return False


def _json_or_none(response):
    try:
        return response.json()
    except ValueError:
        return None


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "connected", "ok")
    return bool(value)


class GatewayClient:
    """Client bound to one gateway account (one WhatsApp number)."""

    def __init__(self, *, endpoint, token, client_id, variant=VARIANT_CHATSMART,
                 timeout=DEFAULT_TIMEOUT, session=None):
        if not endpoint or not token or not client_id:
            raise ValueError("endpoint, token and client_id are required")
        scheme = urlsplit(endpoint).scheme
        if scheme not in ("http", "https"):
            raise ValueError("the endpoint must be an http(s) URL")
        self.endpoint = endpoint.rstrip("/")
        self.token = token
        self.client_id = client_id
        self.variant = variant
        self.timeout = timeout
        self.session = session or requests.Session()

    def __repr__(self):
        return "<GatewayClient %s>" % urlsplit(self.endpoint).netloc

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # ------------------------------------------------------------------
    # Transport
    # ------------------------------------------------------------------
    def _headers(self):
        return {"token": self.token, "client-id": self.client_id,
                "client_id": self.client_id, "Accept": "application/json"}

    def _call(self, method, path, idempotent=True, **kwargs):
        """One call; returns the parsed JSON (dict/list) of a 200 answer."""
        url = "%s/%s" % (self.endpoint, path)
        try:
            response = self.session.request(method, url, headers=self._headers(),
                                            timeout=self.timeout, **kwargs)
        except requests.exceptions.RequestException as exc:
            if _never_connected(exc) or idempotent:
                error = errors.TransientError("Network error: %s" % type(exc).__name__)
            else:
                error = errors.UnknownOutcomeError(
                    "No answer from the gateway (%s)" % type(exc).__name__)
            raise self._failed(path, error) from exc
        body = _json_or_none(response)
        if response.status_code != 200:
            error = errors.from_http_response(response.status_code, body, response.text)
            raise self._failed(path, error)
        if isinstance(body, dict) and body.get("error") and not body.get("id"):
            # Some gateway versions answer 200 with an error text.
            raise self._failed(path, errors.PermanentError(str(body["error"])[:300], 200))
        if body is None:
            if idempotent:
                raise self._failed(path, errors.TransientError("Unreadable answer", 200))
            raise self._failed(path, errors.UnknownOutcomeError("Unreadable answer", 200))
        return body

    @staticmethod
    def _failed(path, error):
        _logger.info("WhatsApp gateway %s failed: %s (http %s)", path, error.code,
                     error.http_status)
        return error

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @staticmethod
    def _base(number, external_id, quote):
        payload = {"number": str(number)}
        if external_id is not None:
            payload["external_id"] = str(external_id)
        if quote:
            payload["quote_msg"] = {"from_me": bool(quote.get("from_me")),
                                    "number": str(quote.get("number") or number),
                                    "msg_id": quote["msg_id"]}
        return payload

    def _send(self, path, payload):
        body = self._call("POST", path, idempotent=False, json=payload)
        message_id = body.get("id") or body.get("msg_id") if isinstance(body, dict) \
            else None
        if not message_id:
            raise self._failed(path, errors.UnknownOutcomeError("No message id"))
        return SendOutcome(str(message_id))

    def send_text(self, number, text, external_id=None, quote=None):
        if not (text or "").strip():
            raise ValueError("empty text")
        payload = self._base(number, external_id, quote)
        payload["text"] = text
        return self._send("sendText", payload)

    def send_media(self, kind, number, url, caption=None, filename=None,
                   external_id=None, quote=None):
        """Media by URL: the gateway downloads ``url`` itself."""
        if kind not in MEDIA_PATHS:
            raise ValueError("the gateway cannot send %s messages" % kind)
        if urlsplit(url or "").scheme not in ("http", "https"):
            raise ValueError("media must be given by an http(s) URL")
        payload = self._base(number, external_id, quote)
        payload["url"] = url
        if caption:
            payload["caption"] = caption
        if filename:
            payload["filename"] = filename
        return self._send(MEDIA_PATHS[kind], payload)

    def send_location(self, number, latitude, longitude, address=None,
                      external_id=None, quote=None):
        payload = self._base(number, external_id, quote)
        payload.update(latitude=float(latitude), longitude=float(longitude))
        if address:
            payload["address"] = address
        return self._send("sendLocation", payload)

    def send_generic(self, kind, number, external_id=None, quote=None, **fields):
        """chat-smart.io's generic ``send`` (``type`` kept in the payload)."""
        payload = self._base(number, external_id, quote)
        payload.update(fields, type=kind)
        return self._send("send", payload)

    # ------------------------------------------------------------------
    # Account
    # ------------------------------------------------------------------
    def read_chat(self, number):
        """Mark the chat read on the phone (blue ticks)."""
        self._call("POST", "readChat", json={"number": str(number)})
        return True

    def status(self):
        """``GatewayStatus`` of the WhatsApp session."""
        body = self._call("GET", "status")
        if not isinstance(body, dict):
            raise errors.TransientError("Unreadable status")
        if _as_bool(body.get("is_connected")):
            return GatewayStatus(STATE_CONNECTED, body.get("reason"), None)
        qr = body.get("qr") or body.get("qrCode")
        if qr:
            return GatewayStatus(STATE_QR, body.get("reason"), qr)
        return GatewayStatus(STATE_DISCONNECTED, body.get("reason"), None)

    def set_webhook(self, url, tz="America/Sao_Paulo", **options):
        """``account`` (PUT): where the gateway posts messages and events."""
        if urlsplit(url or "").scheme not in ("http", "https"):
            raise ValueError("the webhook must be an http(s) URL")
        payload = dict(WEBHOOK_OPTIONS, webhook_url=url, tz=tz)
        payload.update(options)
        self._call("PUT", "account", json=payload)
        return True

    def conversations(self, page=1):
        """One page of the account's chats: dicts with number, name, image."""
        body = self._call("GET", "conversations", params={"page": int(page)})
        if isinstance(body, dict):
            body = body.get("conversations") or body.get("data") or []
        return [row for row in body if isinstance(row, dict)]

    def profile_url(self, number):
        """The avatar URL of a number, or None (chat-smart.io)."""
        body = self._call("GET", "profile_url", params={"number": str(number)})
        return (body.get("profile_url") or None) if isinstance(body, dict) else None

    def logout(self):
        self._call("POST", "logout", idempotent=False)
        return True

    # ------------------------------------------------------------------
    # Inbound media
    # ------------------------------------------------------------------
    def download(self, url, max_bytes=DEFAULT_MAX_DOWNLOAD):
        """Bytes and mimetype of an inbound media URL the gateway gave.

        The token goes only to the gateway's own host.
        """
        if urlsplit(url or "").scheme not in ("http", "https"):
            raise errors.PermanentError("Not a media URL")
        own = urlsplit(self.endpoint).netloc == urlsplit(url).netloc
        try:
            response = self.session.get(url, headers=self._headers() if own else {},
                                        timeout=self.timeout, stream=True)
        except requests.exceptions.RequestException as exc:
            raise errors.TransientError("Network error: %s" % type(exc).__name__) \
                from exc
        try:
            if response.status_code in (403, 404, 410):
                raise errors.PermanentError("Media no longer available",
                                            response.status_code)
            if response.status_code != 200:
                raise errors.from_http_response(response.status_code, None, "")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise errors.PermanentError("Media too large")
            chunks, total = [], 0
            for chunk in response.iter_content(64 * 1024):
                total += len(chunk)
                if total > max_bytes:
                    raise errors.PermanentError("Media too large")
                chunks.append(chunk)
            mimetype = (response.headers.get("Content-Type") or "").split(";")[0].strip()
            return b"".join(chunks), mimetype or None
        except requests.exceptions.RequestException as exc:
            raise errors.TransientError("Media download interrupted") from exc
        finally:
            response.close()
