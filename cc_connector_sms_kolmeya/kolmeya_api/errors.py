# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exception taxonomy of the Kolmeya client and the rate-limit header reader.

Every exception carries a stable machine ``code`` that the Odoo layer maps to a
translated message, plus flags that drive what the caller does next:

``reached_provider``
    The request bytes may have reached Kolmeya (False only when the connection
    was never established: refused, DNS, TLS handshake, connect timeout).
``outcome_unknown``
    Kolmeya may have acted on the request although we got no usable answer
    (read timeout, connection dropped after sending, 5xx, unreadable 2xx body).
    For ``/sms/store`` this means the SMS may have been accepted and billed:
    never re-post blindly, reconcile first (``KolmeyaClient.request_status``).
``transient``
    The condition is probably temporary (rate limit, 5xx, network).
``blocks_connector``
    Configuration problem: every call fails until an administrator acts
    (codes ``auth``, ``forbidden``, ``ip_not_whitelisted``, ``not_found``,
    ``tls``).

Codes: ``auth`` (401), ``forbidden`` (403), ``ip_not_whitelisted`` (403 whose
body names the IP/whitelist: the reference never recorded what Kolmeya answers
to a non-whitelisted IP, so this is a heuristic and plain 403 stays
``forbidden``), ``not_found`` (404: wrong base URL, path or method),
``validation`` (400/422 or an ``errors``-only 2xx body), ``rate_limited``
(429), ``server`` (5xx), ``timeout``, ``connection``, ``tls``,
``bad_response`` (2xx we cannot read), ``http_error`` (other statuses) and
``bad_payload`` (inbound webhook/poll data we cannot read).
"""

import email.utils
import re
import time

IP_HINT = re.compile(r"\bips?\b|white.?list|lista branca", re.IGNORECASE)
HTML_TITLE = re.compile(r"<title[^>]*>([^<]*)</title>", re.IGNORECASE)


class RateLimitInfo(object):
    """``X-RateLimit-*`` / ``Retry-After`` values of one response (ints or None).

    ``reset`` is the raw ``X-RateLimit-Reset`` value (unverified header: epoch
    seconds or a delay); ``retry_after`` is the delay in seconds to wait.
    """

    __slots__ = ("limit", "remaining", "reset", "retry_after")

    def __init__(self, limit=None, remaining=None, reset=None, retry_after=None):
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.retry_after = retry_after

    def __repr__(self):
        return "RateLimitInfo(limit=%r, remaining=%r, reset=%r, retry_after=%r)" % (
            self.limit,
            self.remaining,
            self.reset,
            self.retry_after,
        )


def _int_header(headers, name):
    value = headers.get(name)
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None


def _retry_after_seconds(headers, reset, now):
    """Seconds to wait from ``Retry-After`` (delay or HTTP date) or the reset."""
    raw = headers.get("Retry-After")
    if raw is not None:
        seconds = _int_header(headers, "Retry-After")
        if seconds is None:
            parsed = email.utils.parsedate_tz(str(raw))
            if parsed is not None:
                seconds = int(email.utils.mktime_tz(parsed) - now)
        if seconds is not None:
            return max(0, seconds)
    if reset is None:
        return None
    if reset > 1000000000:  # an epoch timestamp, not a delay
        return max(0, int(reset - now))
    return max(0, reset)


def parse_rate_limit(headers, now=None):
    """Build a :class:`RateLimitInfo` from a case-insensitive headers mapping.

    Returns None when the response carries none of the headers.
    """
    if headers is None:
        return None
    now = time.time() if now is None else now
    limit = _int_header(headers, "X-RateLimit-Limit")
    remaining = _int_header(headers, "X-RateLimit-Remaining")
    reset = _int_header(headers, "X-RateLimit-Reset")
    retry_after = _retry_after_seconds(headers, reset, now)
    if limit is None and remaining is None and reset is None and retry_after is None:
        return None
    return RateLimitInfo(limit, remaining, reset, retry_after)


BLOCKING_CODES = frozenset(
    ("auth", "forbidden", "ip_not_whitelisted", "not_found", "tls")
)


class KolmeyaError(Exception):
    """Base class. ``messages`` holds the provider's error strings, if any.

    ``code``/``transient`` default to the class values and may be overridden
    per instance; ``retry_after`` is seconds to wait (rate limit) or None.
    ``may_have_been_sent``/``http_status`` mirror the WhatsApp package names.
    """

    code = "error"
    transient = False

    def __init__(
        self,
        message,
        status=None,
        messages=None,
        rate_limit=None,
        reached_provider=True,
        outcome_unknown=False,
        code=None,
        retry_after=None,
        transient=None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.messages = list(messages or [])
        self.rate_limit = rate_limit
        self.reached_provider = reached_provider
        self.outcome_unknown = outcome_unknown
        self.retry_after = retry_after
        if code:
            self.code = code
        if transient is not None:
            self.transient = transient

    @property
    def may_have_been_sent(self):
        return self.outcome_unknown

    @property
    def http_status(self):
        return self.status

    @property
    def blocks_connector(self):
        """True when every call will fail until an administrator acts."""
        return self.code in BLOCKING_CODES

    def __str__(self):
        text = self.message
        if self.status is not None:
            text = "%s (HTTP %s)" % (text, self.status)
        if self.messages:
            text = "%s: %s" % (text, "; ".join(self.messages))
        return text


class KolmeyaAuthError(KolmeyaError):
    """401/403: bad token, missing permission or (heuristic) IP not whitelisted."""

    code = "auth"


class KolmeyaNotFoundError(KolmeyaError):
    """404, e.g. ``{"errors": ["Not found."]}``: wrong host, path or method."""

    code = "not_found"


class KolmeyaValidationError(KolmeyaError):
    """The provider refused the request content (422/400 or ``errors`` body)."""

    code = "validation"


class KolmeyaRateLimited(KolmeyaError):
    """429. ``retry_after`` is the delay in seconds, or None when unknown."""

    code = "rate_limited"
    transient = True


class KolmeyaServerError(KolmeyaError):
    """5xx. Transient; on a send the outcome is unknown."""

    code = "server"
    transient = True


class KolmeyaTimeout(KolmeyaError):
    """Connect timeout (request not sent) or read timeout (outcome unknown)."""

    code = "timeout"
    transient = True


class KolmeyaConnectionError(KolmeyaError):
    """Network failure; ``reached_provider`` tells whether it happened after sending."""

    code = "connection"
    transient = True


class KolmeyaBadResponse(KolmeyaError):
    """A success status whose body is not the documented JSON."""

    code = "bad_response"


class KolmeyaPayloadError(KolmeyaError, ValueError):
    """Inbound webhook or poll data that cannot be read at all."""

    code = "bad_payload"

    def __init__(self, message, **kwargs):
        kwargs.setdefault("reached_provider", False)
        super().__init__(message, **kwargs)


def error_messages(body):
    """Flatten a provider error body to a list of strings.

    Observed bodies are ``{"errors": ["..."]}``; ``errors`` may also be a dict
    of lists or a string, and unverified examples use ``error``/``message``.
    """
    if isinstance(body, str):
        text = body.strip()
        if text[:1] == "<":  # an HTML error page: its title at most
            title = HTML_TITLE.search(text)
            return [" ".join(title.group(1).split())[:200]] if title else []
        return [text] if text else []
    if not isinstance(body, dict):
        return []
    found = []
    for key in ("errors", "error", "message", "details", "status_message"):
        found.extend(_flatten(body.get(key)))
    return found


def _flatten(value):
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out.extend("%s: %s" % (key, text) for text in _flatten(item))
        return out
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(_flatten(item))
        return out
    return [str(value)]


def error_for_status(status, body, headers, outcome_unknown_on_5xx=True):
    """Map a non-2xx HTTP answer to the matching :class:`KolmeyaError`."""
    messages = error_messages(body)
    rate_limit = parse_rate_limit(headers)
    common = {"status": status, "messages": messages, "rate_limit": rate_limit}
    if status == 401:
        return KolmeyaAuthError("Kolmeya rejected the API token", **common)
    if status == 403:
        if any(IP_HINT.search(text) for text in messages):
            return KolmeyaAuthError(
                "Kolmeya refused this server's IP address",
                code="ip_not_whitelisted",
                **common,
            )
        return KolmeyaAuthError(
            "Kolmeya refused the request (token permission or IP whitelist)",
            code="forbidden",
            **common,
        )
    if status == 404:
        return KolmeyaNotFoundError("Kolmeya endpoint not found", **common)
    if status in (400, 422):
        return KolmeyaValidationError("Kolmeya rejected the request", **common)
    if status == 429:
        retry_after = rate_limit.retry_after if rate_limit else None
        return KolmeyaRateLimited(
            "Kolmeya rate limit exceeded", retry_after=retry_after, **common
        )
    if status == 503:
        # Service Unavailable (maintenance page): the request was not processed,
        # so even a send may safely be tried again later.
        return KolmeyaServerError("Kolmeya is unavailable", outcome_unknown=False,
                                  **common)
    if status >= 500:
        return KolmeyaServerError(
            "Kolmeya server error", outcome_unknown=outcome_unknown_on_5xx, **common
        )
    return KolmeyaError("Unexpected Kolmeya answer", code="http_error", **common)
