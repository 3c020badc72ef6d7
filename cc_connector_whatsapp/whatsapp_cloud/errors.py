# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Classification of WhatsApp Cloud API (Graph API) failures.

Every failure the client can meet becomes one exception class with a stable
``code`` string, so callers branch on ``code`` (or ``isinstance``) and never
on Meta's wording. Meta advises branching on the numeric Graph ``code``; the
tables below follow the error-code section of the connector reference.

Each exception carries:

* ``code``: stable string ("window_closed", "rate_limited", "auth", ...);
* ``graph_code`` / ``graph_subcode``: Meta's numeric codes, or None;
* ``message``: Meta's human text (safe to show to an agent);
* ``details``: Meta's ``error_data.details`` when given;
* ``http_status``: the HTTP status, or None for network failures;
* ``retry_after``: seconds to wait before retrying (transient errors only);
* ``may_have_been_sent``: True when the outcome is unknown (never resend
  blindly: the message may already be on its way);
* ``transient``: True when a later retry may succeed;
* ``blocks_connector``: True when every further call on the connector will
  fail until an administrator acts (expired token, locked account, ...).
"""

AUTH_CODES = frozenset([0, 190])
RATE_LIMIT_DELAYS = {130429: 5, 131056: 6, 4: 60, 80007: 60}
WINDOW_CLOSED_CODES = frozenset([131047])
UNDELIVERABLE_CODES = frozenset([131026])
TEMPLATE_CODES = frozenset([132000, 132001, 132005, 132007, 132012, 132015, 132016])
TRANSIENT_CODES = frozenset([1, 2, 131000, 131016, 131052, 131053, 131057, 133016])
ACCOUNT_CODES = frozenset([3, 10, 368, 131031, 131042, 131045])
DEFAULT_TRANSIENT_DELAY = 30


class WhatsAppError(Exception):
    """Base class of every error raised by the ``whatsapp_cloud`` package."""

    code = "error"
    transient = False
    blocks_connector = False

    def __init__(
        self,
        message,
        graph_code=None,
        graph_subcode=None,
        http_status=None,
        retry_after=None,
        may_have_been_sent=False,
        details=None,
        fbtrace_id=None,
    ):
        super().__init__(message)
        self.message = message or ""
        self.graph_code = graph_code
        self.graph_subcode = graph_subcode
        self.http_status = http_status
        self.retry_after = retry_after
        self.may_have_been_sent = may_have_been_sent
        self.details = details
        self.fbtrace_id = fbtrace_id

    def __str__(self):
        """``code/graph_code: message`` — safe to log (no token, no content)."""
        prefix = self.code
        if self.graph_code is not None:
            prefix = "%s/%s" % (self.code, self.graph_code)
        return "%s: %s" % (prefix, self.message)


class PermanentError(WhatsAppError):
    """Meta refused the request; retrying the same request will fail again."""

    code = "permanent"


class WindowClosedError(PermanentError):
    """131047: more than 24 h since the user's last message; send a template."""

    code = "window_closed"


class UndeliverableError(PermanentError):
    """131026: not a WhatsApp user, terms not accepted, app too old, ..."""

    code = "undeliverable"


class TemplateError(PermanentError):
    """132xxx: template missing, not approved, paused, or wrong parameters."""

    code = "template"


class MediaRejectedError(PermanentError):
    """Media refused locally: unsupported MIME type, too large or corrupt."""

    code = "media_rejected"


class AuthError(WhatsAppError):
    """Token expired or invalid (190, HTTP 401): flag the connector for re-auth."""

    code = "auth"
    blocks_connector = True


class AccountError(WhatsAppError):
    """Permission, payment or account-level block: stop sending and alert."""

    code = "account"
    blocks_connector = True


class TransientError(WhatsAppError):
    """Temporary failure (5xx, connection refused, Meta unavailable): retry."""

    code = "transient"
    transient = True


class RateLimitError(TransientError):
    """Throughput, pair-rate or call-rate limit: retry after ``retry_after``."""

    code = "rate_limited"


class MediaExpiredError(TransientError):
    """Media download URL expired or gone: query ``media_url`` again."""

    code = "media_expired"


class UnknownOutcomeError(WhatsAppError):
    """The request left but no usable answer came back (read timeout, reset).

    The message may or may not have been sent: do not resend automatically;
    wait for a status webhook or let a person decide.
    """

    code = "unknown_outcome"

    def __init__(self, message, **kwargs):
        kwargs.setdefault("may_have_been_sent", True)
        super().__init__(message, **kwargs)


def _class_for(graph_code, http_status):
    """Pick the exception class for a Graph code and/or HTTP status."""
    if graph_code in AUTH_CODES:
        return AuthError
    if graph_code in RATE_LIMIT_DELAYS:
        return RateLimitError
    if graph_code in WINDOW_CLOSED_CODES:
        return WindowClosedError
    if graph_code in UNDELIVERABLE_CODES:
        return UndeliverableError
    if graph_code in TEMPLATE_CODES:
        return TemplateError
    if graph_code in TRANSIENT_CODES:
        return TransientError
    if graph_code in ACCOUNT_CODES or (
        graph_code is not None and 200 <= graph_code <= 299
    ):
        return AccountError
    if http_status == 401:
        return AuthError
    if http_status == 429:
        return RateLimitError
    if graph_code is None and http_status is not None and http_status >= 500:
        return TransientError
    return PermanentError


def classify_code(graph_code, http_status=None):
    """Return the stable ``code`` string for a Graph error code.

    Useful for asynchronous errors (status webhooks) where no exception is
    raised but the same retry/no-retry policy applies.
    """
    return _class_for(_as_int(graph_code), http_status).code


def _as_int(value):
    """Graph codes are ints, but be lenient with numeric strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _retry_after_for(cls, graph_code, retry_after):
    """Transient errors always carry a delay; permanent ones never do."""
    if not issubclass(cls, TransientError):
        return None
    if retry_after is not None:
        return retry_after
    return RATE_LIMIT_DELAYS.get(graph_code, DEFAULT_TRANSIENT_DELAY)


def from_graph_error(error, http_status=None, retry_after=None):
    """Build the exception for one Graph error object.

    ``error`` is the inner object of a synchronous ``{"error": {...}}`` body
    (``message``, ``code``, ``error_subcode``, ``error_data.details``) or an
    entry of a webhook ``errors`` list (``code``, ``title``, ``message``).
    """
    error = error if isinstance(error, dict) else {}
    graph_code = _as_int(error.get("code"))
    error_data = error.get("error_data")
    details = error_data.get("details") if isinstance(error_data, dict) else None
    message = error.get("message") or error.get("title") or details
    if not message:
        message = "HTTP %s" % http_status if http_status else "Unknown error"
    cls = _class_for(graph_code, http_status)
    return cls(
        message,
        graph_code=graph_code,
        graph_subcode=_as_int(error.get("error_subcode")),
        http_status=http_status,
        retry_after=_retry_after_for(cls, graph_code, retry_after),
        details=details,
        fbtrace_id=error.get("fbtrace_id"),
    )


def from_http_response(http_status, body, retry_after=None):
    """Build the exception for a non-2xx response; ``body`` is parsed JSON or None."""
    error = body.get("error") if isinstance(body, dict) else None
    return from_graph_error(error, http_status=http_status, retry_after=retry_after)


def parse_retry_after(value):
    """Seconds from a ``Retry-After`` header (delta-seconds form only)."""
    try:
        seconds = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return seconds if seconds >= 0 else None


def connection_failed(reason):
    """The request never reached Meta (refused, DNS, connect timeout)."""
    return TransientError(
        "Connection failed: %s" % reason, retry_after=DEFAULT_TRANSIENT_DELAY
    )


def outcome_unknown(reason):
    """The request was sent but no answer came back (read timeout, reset)."""
    return UnknownOutcomeError("No response from WhatsApp: %s" % reason)
