# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""HTTP client for the Kolmeya SMS API (``https://kolmeya.com.br/api/v1``).

Every endpoint is ``POST`` + JSON, even read-only ones (``GET`` answers 404),
with ``Authorization: Bearer <token>``; the server IP must be whitelisted in
the Kolmeya panel. Read-only paths (balance, cost centres, replies, request
status) get an adapter with a urllib3 ``Retry`` (connect/read errors and
502/503/504, short backoff, ``Retry-After`` ignored so workers never sleep
long). All other paths, above all ``/sms/store``, are never retried: a send
that fails after the request left has an unknown outcome
(``KolmeyaError.outcome_unknown``); reconcile it with
:meth:`KolmeyaClient.request_status` by batch reference, never re-post it.
Nothing is logged; tokens, phones and texts never appear in errors.
"""

from collections import namedtuple

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from .balance import BalanceParseError, parse_balance
from .errors import (
    KolmeyaBadResponse,
    KolmeyaConnectionError,
    KolmeyaTimeout,
    KolmeyaValidationError,
    error_for_status,
    error_messages,
    parse_rate_limit,
)
from .payloads import (
    OutboundMessage,
    as_list,
    build_blacklist_body,
    build_store_body,
    parse_store_response,
)
from .webhook import ParseResult, parse_reply, parse_status

DEFAULT_BASE_URL = "https://kolmeya.com.br/api/v1"
DEFAULT_TIMEOUT = (10.0, 30.0)
REPLY_RETENTION_HOURS = 168
READ_ONLY_PATHS = (
    "/sms/balance",
    "/sms/segments",
    "/sms/replys",
    "/sms/status/request",
)
RETRY_STATUSES = (502, 503, 504)

RequestStatus = namedtuple(
    "RequestStatus", "request_id reference status status_code messages raw"
)
RequestStatus.__doc__ = """``/sms/status/request`` answer: request-level
``status``/``status_code`` (validation state such as "Válido"/2, NOT a
delivery code) and ``messages``, a ParseResult of StatusItem."""


def _retry(total, backoff):
    """A Retry for read-only POSTs; ``allowed_methods`` needs urllib3 >= 1.26."""
    kwargs = {
        "total": total,
        "connect": total,
        "read": total,
        "status": total,
        "backoff_factor": backoff,
        "status_forcelist": RETRY_STATUSES,
        "raise_on_status": False,
        "respect_retry_after_header": False,
    }
    methods = frozenset(("GET", "POST"))
    try:
        return Retry(allowed_methods=methods, **kwargs)
    except TypeError:  # urllib3 < 1.26
        return Retry(method_whitelist=methods, **kwargs)


def _causes(exc):
    """The exception, its ``reason``/``args`` exceptions and chained causes."""
    found, stack = [], [exc]
    while stack and len(found) < 20:
        current = stack.pop()
        if any(current is seen for seen in found):
            continue
        found.append(current)
        linked = list(current.args) + [getattr(current, "reason", None)]
        linked += [current.__cause__, current.__context__]
        # ``reason`` is a string on ssl.SSLError: keep exceptions only
        stack.extend(item for item in linked if isinstance(item, BaseException))
    return found


def _network_error(exc, read_only):
    """Map a requests exception to a Kolmeya error with the right flags."""
    causes = _causes(exc)
    never_sent = isinstance(exc, requests.exceptions.ConnectTimeout) or any(
        isinstance(c, (NewConnectionError, ConnectTimeoutError)) for c in causes
    )
    if never_sent:
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return KolmeyaTimeout("Kolmeya connect timeout", reached_provider=False)
        return KolmeyaConnectionError(
            "Cannot connect to Kolmeya", reached_provider=False
        )
    if isinstance(exc, requests.exceptions.SSLError):
        return KolmeyaConnectionError(
            "TLS handshake with Kolmeya failed (check the base URL)",
            code="tls",
            reached_provider=False,
            transient=False,
        )
    unknown = not read_only
    if isinstance(exc, requests.exceptions.ReadTimeout) or any(
        isinstance(c, ReadTimeoutError) for c in causes
    ):
        return KolmeyaTimeout("Kolmeya did not answer in time", outcome_unknown=unknown)
    return KolmeyaConnectionError("Connection to Kolmeya lost", outcome_unknown=unknown)


class KolmeyaClient(object):
    """One client per Kolmeya account; holds one ``requests.Session``.

    ``timeout`` is seconds or a ``(connect, read)`` tuple applied to every
    call. ``session`` may be supplied (e.g. by tests); the client mounts its
    retry/no-retry adapters for ``base_url`` on it.
    """

    def __init__(
        self,
        base_url=DEFAULT_BASE_URL,
        token=None,
        timeout=DEFAULT_TIMEOUT,
        session=None,
        retries=2,
        backoff=0.5,
    ):
        if not token or not str(token).strip():
            raise ValueError("a Kolmeya API token is required")
        token = str(token).strip()
        has_prefix = token.lower().startswith("bearer ")
        self._authorization = token if has_prefix else "Bearer " + token
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.last_rate_limit = None
        self.session.mount(self.base_url + "/", HTTPAdapter(max_retries=0))
        read_adapter = HTTPAdapter(max_retries=_retry(retries, backoff))
        for path in READ_ONLY_PATHS:
            self.session.mount(self.base_url + path, read_adapter)

    def __repr__(self):
        return "KolmeyaClient(%r)" % self.base_url

    def close(self):
        self.session.close()

    def _post(self, path, body=None, read_only=False):
        """POST ``body`` (default ``{}``); return the decoded JSON (or None)."""
        headers = {"Authorization": self._authorization, "Accept": "application/json"}
        try:
            response = self.session.post(
                self.base_url + path,
                json={} if body is None else body,
                headers=headers,
                timeout=self.timeout,
            )
        except requests.exceptions.RequestException as exc:
            raise _network_error(exc, read_only) from None
        self.last_rate_limit = parse_rate_limit(response.headers)
        try:  # an empty body (blacklist 201/204) decodes to None
            data = response.json() if response.content.strip() else None
        except ValueError:
            data = response.text[:500]
            if 200 <= response.status_code < 300:
                raise KolmeyaBadResponse(
                    "Kolmeya answered with invalid JSON",
                    status=response.status_code,
                    outcome_unknown=not read_only,
                ) from None
        if not 200 <= response.status_code < 300:
            raise error_for_status(
                response.status_code, data, response.headers, not read_only
            )
        if _errors_only(data):
            raise KolmeyaValidationError(
                "Kolmeya reported errors",
                status=response.status_code,
                messages=error_messages(data),
                rate_limit=self.last_rate_limit,
            )
        return data

    def _object(self, path, key, body=None):
        """POST a read-only call and return ``data[key]`` or raise bad_response."""
        data = self._post(path, body, read_only=True)
        if not isinstance(data, dict) or key not in data:
            raise KolmeyaBadResponse("Kolmeya answer lacks '%s'" % key)
        return data[key]

    def send_batch(
        self,
        messages,
        webhook_url=None,
        cost_centre=None,
        batch_reference=None,
        sms_api_id=None,
    ):
        """Send 1..1000 :class:`OutboundMessage` with one ``POST /sms/store``.

        Returns a :class:`SendResult` (one outcome per reference). Raises
        ``PayloadBuildError`` before any HTTP call on invalid input, or a
        :class:`KolmeyaError` (check ``outcome_unknown``). Never retried.
        """
        messages = [OutboundMessage(*message) for message in messages]
        body = build_store_body(
            messages, webhook_url, cost_centre, batch_reference, sms_api_id
        )
        data = self._post("/sms/store", body)
        result = parse_store_response(data, messages)
        result.rate_limit = self.last_rate_limit
        return result

    def balance(self):
        """Prepaid balance in BRL as a Decimal."""
        value = self._object("/sms/balance", "balance")
        try:
            return parse_balance(value)
        except BalanceParseError as exc:
            raise KolmeyaBadResponse("Unreadable Kolmeya balance: %s" % exc) from None

    def cost_centres(self):
        """Cost centres from ``/sms/segments`` as a list of ``(int id, str name)``."""
        segments = self._object("/sms/segments", "segments")
        if not isinstance(segments, list):
            raise KolmeyaBadResponse("Kolmeya 'segments' is not a list")
        centres = []
        for entry in segments:
            try:
                centres.append((int(entry["id"]), str(entry.get("name") or "")))
            except (TypeError, KeyError, ValueError):
                raise KolmeyaBadResponse("Malformed Kolmeya cost centre") from None
        return centres

    def replies(
        self, start=None, end=None, period_hours=REPLY_RETENTION_HOURS, max_pages=50
    ):
        """Replies to API sends (``/sms/replys``) -> ParseResult of ReplyItem.

        Kolmeya keeps replies 168 h and filters by ``period`` hours back from
        its own clock. Every page is read (``truncated`` is set if
        ``max_pages`` stopped it), then ``start``/``end`` (naive datetimes in
        Kolmeya's clock) filter on ``received_at``; undated items are kept.
        """
        period = max(1, min(int(period_hours), REPLY_RETENTION_HOURS))
        result, seen = ParseResult(), 0
        for page in range(1, max_pages + 1):
            data, count = self._reply_page(period, page)
            result.extend(parse_reply(data), offset=seen)
            seen += count
            if not count or not _has_next_page(data, page):
                break
        else:
            result.truncated = True
        result.items = [
            i for i in result.items if _in_window(i.received_at, start, end)
        ]
        return result

    def _reply_page(self, period, page):
        """One ``/sms/replys`` page and its number of entries."""
        data = self._post("/sms/replys", {"period": period, "page": page}, True)
        entries = data.get("data") if isinstance(data, dict) else None
        if not isinstance(entries, (list, dict)):
            raise KolmeyaBadResponse("Kolmeya replies page lacks 'data'")
        return data, len(entries)

    def request_status(self, request_id=None, reference=None):
        """``/sms/status/request`` by request UUID or batch reference (only one)."""
        if bool(request_id) == bool(reference):
            raise ValueError("give exactly one of request_id or reference")
        body = {"id": request_id} if request_id else {"reference": reference}
        data = self._post("/sms/status/request", body, read_only=True)
        if not isinstance(data, dict):
            raise KolmeyaBadResponse("Kolmeya status answer is not an object")
        messages = parse_status(
            {"id": data.get("id"), "messages": as_list(data.get("messages"))}
        )
        return RequestStatus(
            data.get("id"),
            data.get("reference"),
            data.get("status"),
            data.get("status_code"),
            messages,
            data,
        )

    def blacklist_store(self, phones):
        """Block 1..1000 E.164 numbers globally (``/blacklist/store``, HTTP 201)."""
        self._post("/blacklist/store", build_blacklist_body(phones))

    def blacklist_destroy(self, phone):
        """Unblock one E.164 number (or a list) (``/blacklist/destroy``, HTTP 204)."""
        phones = [phone] if isinstance(phone, str) else list(phone)
        self._post("/blacklist/destroy", build_blacklist_body(phones))


def _errors_only(data):
    """A success answer that is just an error report (e.g. PHP runtime errors)."""
    if not isinstance(data, dict) or not data.get("errors"):
        return False
    return not set(data) - {"errors", "error", "message"}


def _has_next_page(data, page):
    if "next_page_url" in data:
        return bool(data["next_page_url"])
    last_page = data.get("last_page")
    return isinstance(last_page, int) and page < last_page


def _in_window(moment, start, end):
    if moment is None:
        return True
    try:
        return (start is None or moment >= start) and (end is None or moment <= end)
    except TypeError:  # naive vs aware
        return True
