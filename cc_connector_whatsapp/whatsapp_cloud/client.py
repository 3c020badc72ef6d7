# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""HTTP client for the WhatsApp Business Cloud API (Graph API).

One ``requests.Session`` per client, bearer token on every call (never in
the query string), an explicit timeout on every call, and automatic retries
only for idempotent GETs. Sends are never retried here: a read timeout after
a POST raises ``UnknownOutcomeError`` because the message may already be on
its way. Failures are raised as ``errors.WhatsAppError`` subclasses.

Nothing here logs message text, phone numbers, media URLs or tokens.
"""
import base64
import hashlib
import logging
import socket
from typing import NamedTuple, Optional
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.retry import Retry

from . import errors, payloads

_logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v26.0"
DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_MAX_DOWNLOAD = 100 * 1024 * 1024
TEMPLATE_FIELDS = "id,name,language,status,category,components,parameter_format"
PHONE_FIELDS = "display_phone_number,verified_name,quality_rating"


class SendOutcome(NamedTuple):
    """Accepted send: ``wamid`` to store, ``wa_id`` Meta's canonical user id."""

    wamid: str
    wa_id: Optional[str]
    message_status: Optional[str] = None


class MediaUrl(NamedTuple):
    """Short-lived (~5 min) download URL of a media id and its metadata."""

    url: str
    mime_type: Optional[str]
    sha256: Optional[str]
    file_size: Optional[int]


def _get_retry(total):
    """urllib3 Retry for GETs only; ``method_whitelist`` before urllib3 1.26."""
    options = dict(
        total=total,
        backoff_factor=0.3,
        status_forcelist=(500, 502, 503, 504),
        raise_on_status=False,
        respect_retry_after_header=False,
    )
    try:
        return Retry(allowed_methods=frozenset(["GET"]), **options)
    except TypeError:  # pragma: no cover - urllib3 < 1.26
        return Retry(method_whitelist=frozenset(["GET"]), **options)


def _never_connected(exc):
    """True when the failure happened before the request could be sent."""
    stack, seen = [exc], set()
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(
            current,
            (NewConnectionError, ConnectTimeoutError, ConnectionRefusedError),
        ) or isinstance(current, socket.gaierror):
            return True
        stack.extend([getattr(current, "reason", None), current.__cause__])
        stack.extend(
            a for a in getattr(current, "args", ()) if isinstance(a, Exception)
        )
    return False


def _json_or_none(response):
    """Parsed JSON body, or None when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def _sha256_matches(content, expected):
    """Meta's sha256 compared as hex or base64, whichever form it uses."""
    digest = hashlib.sha256(content).digest()
    expected = expected.strip()
    return expected.lower() == digest.hex() or expected == base64.b64encode(
        digest
    ).decode("ascii")


class CloudClient:
    """Client bound to one business phone number (and optionally its WABA).

    ``timeout`` is a requests timeout (seconds or ``(connect, read)``) used
    on every call. ``get_retries`` bounds urllib3 retries of GETs (and of
    connections that never opened) on the client's own session; a caller's
    ``session`` is used as given, without retry adapters.
    """

    def __init__(
        self,
        *,
        token,
        phone_number_id,
        waba_id=None,
        base_url=DEFAULT_BASE_URL,
        api_version=DEFAULT_API_VERSION,
        timeout=DEFAULT_TIMEOUT,
        session=None,
        get_retries=2,
    ):
        if not token or not phone_number_id:
            raise ValueError("token and phone_number_id are required")
        self.token = token
        self.phone_number_id = str(phone_number_id)
        self.waba_id = str(waba_id) if waba_id else None
        self.base_url = base_url.rstrip("/")
        self.api_version = api_version.strip("/")
        self.timeout = timeout
        self.session = session or self._new_session(get_retries)

    def __repr__(self):
        return "<CloudClient phone_number_id=%s>" % self.phone_number_id

    @staticmethod
    def _new_session(get_retries):
        """Session whose adapters retry GETs (and unsent connections) only."""
        session = requests.Session()
        adapter = HTTPAdapter(max_retries=_get_retry(get_retries))
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    def close(self):
        """Release pooled connections."""
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _url(self, *parts):
        """Versioned Graph URL; each id is percent-quoted."""
        path = "/".join(quote(str(p), safe="") for p in parts)
        return "%s/%s/%s" % (self.base_url, self.api_version, path)

    def _request(self, method, url, endpoint, idempotent, **kwargs):
        """Perform one call and translate network failures."""
        headers = {"Authorization": "Bearer %s" % self.token}
        try:
            response = self.session.request(
                method, url, headers=headers, timeout=self.timeout, **kwargs
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise self._failed(endpoint, errors.connection_failed("timeout")) from exc
        except requests.exceptions.RequestException as exc:
            error = self._network_error(exc, idempotent)
            raise self._failed(endpoint, error) from exc
        _logger.debug("WhatsApp %s %s -> %s", method, endpoint, response.status_code)
        return response

    @staticmethod
    def _network_error(exc, idempotent):
        """Unsent or idempotent -> transient; otherwise the outcome is unknown."""
        if _never_connected(exc):
            return errors.connection_failed(type(exc).__name__)
        if idempotent:
            return errors.TransientError(
                "Network error: %s" % type(exc).__name__,
                retry_after=errors.DEFAULT_TRANSIENT_DELAY,
            )
        return errors.outcome_unknown(type(exc).__name__)

    @staticmethod
    def _failed(endpoint, error):
        """Log the classification (never the content) and return the error."""
        _logger.info(
            "WhatsApp %s failed: %s (graph code %s, http %s)",
            endpoint,
            error.code,
            error.graph_code,
            error.http_status,
        )
        return error

    def _call(self, method, url, endpoint, idempotent=True, **kwargs):
        """Request + status check; returns the JSON object of a 2xx answer."""
        response = self._request(method, url, endpoint, idempotent, **kwargs)
        body = _json_or_none(response)
        if not 200 <= response.status_code < 300:
            retry_after = errors.parse_retry_after(response.headers.get("Retry-After"))
            error = errors.from_http_response(response.status_code, body, retry_after)
            raise self._failed(endpoint, error)
        if not isinstance(body, dict):
            if idempotent:
                error = errors.TransientError("Unreadable response", retry_after=30)
            else:
                error = errors.outcome_unknown("unreadable response")
            raise self._failed(endpoint, error)
        return body

    def send(self, payload):
        """POST a message body (see ``payloads``); returns ``SendOutcome``."""
        if not isinstance(payload, dict):
            raise TypeError("payload must be a dict built by whatsapp_cloud.payloads")
        url = self._url(self.phone_number_id, "messages")
        body = self._call("POST", url, "messages", idempotent=False, json=payload)
        messages = body.get("messages") or [{}]
        contacts = body.get("contacts") or [{}]
        wamid = messages[0].get("id")
        if not wamid:
            raise self._failed("messages", errors.outcome_unknown("no message id"))
        return SendOutcome(
            wamid, contacts[0].get("wa_id"), messages[0].get("message_status")
        )

    def mark_read(self, wamid, typing_indicator=False):
        """Mark an inbound message read (optionally show typing); True on success."""
        payload = payloads.mark_read(wamid, typing_indicator)
        url = self._url(self.phone_number_id, "messages")
        body = self._call("POST", url, "mark_read", idempotent=True, json=payload)
        return bool(body.get("success"))

    def upload_media(self, content, mime_type, filename, validate=True):
        """Upload bytes (multipart) and return the media id (valid 30 days).

        ``validate`` enforces Meta's MIME/size table first; a duplicate upload
        is harmless, so timeouts here are transient, not unknown outcomes.
        """
        if validate:
            payloads.check_media(mime_type, len(content))
        url = self._url(self.phone_number_id, "media")
        data = {"messaging_product": "whatsapp", "type": mime_type}
        files = {"file": (filename, content, mime_type)}
        body = self._call("POST", url, "media_upload", data=data, files=files)
        if not body.get("id"):
            raise self._failed("media_upload", errors.TransientError("No media id"))
        return str(body["id"])

    def media_url(self, media_id):
        """Resolve a media id to a short-lived ``MediaUrl``."""
        params = {"phone_number_id": self.phone_number_id}
        body = self._call("GET", self._url(media_id), "media_url", params=params)
        if not body.get("url"):
            raise self._failed("media_url", errors.PermanentError("No media URL"))
        size = str(body.get("file_size") or "")
        return MediaUrl(
            body["url"],
            body.get("mime_type"),
            body.get("sha256"),
            int(size) if size.isdigit() else None,
        )

    def download_media(self, url, max_bytes=DEFAULT_MAX_DOWNLOAD, sha256=None):
        """Download media bytes (with the bearer token), capped at ``max_bytes``.

        Raises ``MediaExpiredError`` on 403/404/410 (query ``media_url``
        again) and ``MediaRejectedError`` when too large or the checksum
        differs from ``sha256``.
        """
        response = self._request("GET", url, "media_download", True, stream=True)
        try:
            if response.status_code in (403, 404, 410):
                error = errors.MediaExpiredError("Media URL expired", retry_after=0)
                raise self._failed("media_download", error)
            if not 200 <= response.status_code < 300:
                error = errors.from_http_response(
                    response.status_code, _json_or_none(response)
                )
                raise self._failed("media_download", error)
            content = self._read_capped(response, max_bytes)
        finally:
            response.close()
        if sha256 and not _sha256_matches(content, sha256):
            raise errors.MediaRejectedError("Media checksum mismatch")
        return content

    @staticmethod
    def _read_capped(response, max_bytes):
        """Read a streamed body, refusing anything larger than ``max_bytes``."""
        too_large = errors.MediaRejectedError("Media larger than %d bytes" % max_bytes)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise too_large
        chunks, total = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                total += len(chunk)
                if total > max_bytes:
                    raise too_large
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            raise errors.TransientError("Media download interrupted") from exc
        return b"".join(chunks)

    def fetch_media(self, media_id, max_bytes=DEFAULT_MAX_DOWNLOAD):
        """``media_url`` + ``download_media``, re-resolving once if the URL expired."""
        info = self.media_url(media_id)
        try:
            content = self.download_media(info.url, max_bytes, info.sha256)
        except errors.MediaExpiredError:
            info = self.media_url(media_id)
            content = self.download_media(info.url, max_bytes, info.sha256)
        return content, info

    def phone_number_info(self):
        """Display number, verified name and quality rating of the number."""
        params = {"fields": PHONE_FIELDS}
        url = self._url(self.phone_number_id)
        body = self._call("GET", url, "phone_number", params=params)
        return {key: body.get(key) for key in PHONE_FIELDS.split(",")}

    def subscribe_app(self):
        """Subscribe this app to the WABA's webhooks; True on success."""
        url = self._url(self._require_waba(), "subscribed_apps")
        return bool(self._call("POST", url, "subscribed_apps").get("success"))

    def _require_waba(self):
        """WABA-level calls need the WABA id."""
        if not self.waba_id:
            raise ValueError("waba_id is required for this call")
        return self.waba_id

    def _next_page(self, body, params):
        """(url, params) of the next template page, or None at the end.

        ``paging.next`` is followed only on our own host (so the bearer token
        never goes elsewhere); otherwise the ``after`` cursor is used.
        """
        paging = body.get("paging") if isinstance(body.get("paging"), dict) else {}
        next_url = paging.get("next")
        if not next_url:
            return None
        own = urlsplit(self.base_url)
        target = urlsplit(next_url)
        if (target.scheme, target.netloc) == (own.scheme, own.netloc):
            return next_url, None
        after = (paging.get("cursors") or {}).get("after")
        if not after:
            return None
        url = self._url(self._require_waba(), "message_templates")
        return url, dict(params, after=after)

    def list_templates(self, limit=100, max_pages=50, fields=TEMPLATE_FIELDS):
        """All message templates of the WABA, following ``paging.next``.

        Raises ``PermanentError`` rather than return a truncated list when
        more than ``max_pages`` pages come back (a partial list could make a
        sync archive templates that still exist).
        """
        url = self._url(self._require_waba(), "message_templates")
        base_params = {"limit": limit, "fields": fields}
        params, templates, seen = base_params, [], set()
        for _page in range(max_pages):
            body = self._call("GET", url, "templates", params=params)
            templates.extend(t for t in body.get("data") or [] if isinstance(t, dict))
            seen.add((url, str(params)))
            following = self._next_page(body, base_params)
            if not following:
                return templates
            url, params = following
            if (url, str(params)) in seen:
                return templates
        raise errors.PermanentError("More than %d template pages" % max_pages)
