# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Classification of gateway failures.

The gateway answers plain HTTP codes (reference §3.1/§3.2): 200 ok, 202
account/provider error (e.g. unpaid plan), 204 not implemented for this
account, 400 bad request, 401/403 invalid token or client id, 404 wrong URL,
5xx internal error; the body's ``error`` text (or the raw text) is shown.

Each exception carries ``message`` (the gateway's text, safe to show),
``http_status``, ``transient`` (a later retry may succeed),
``blocks_connector`` (every call will fail until a manager acts) and
``may_have_been_sent`` (outcome unknown: never resend blindly).
"""

DEFAULT_TRANSIENT_DELAY = 30


class GatewayError(Exception):
    """Base class of every error of the ``whatsapp_gateway`` package."""

    code = "error"
    transient = False
    blocks_connector = False
    may_have_been_sent = False

    def __init__(self, message, http_status=None, retry_after=None):
        super().__init__(message)
        self.message = message or ""
        self.http_status = http_status
        self.retry_after = retry_after

    def __str__(self):
        """``code/http: message`` — safe to log (no token, no content)."""
        if self.http_status is not None:
            return "%s/%s: %s" % (self.code, self.http_status, self.message)
        return "%s: %s" % (self.code, self.message)


class PermanentError(GatewayError):
    """The gateway refused this request; sending it again fails again."""

    code = "permanent"


class NotSupportedError(PermanentError):
    """204: the action is not implemented for this account."""

    code = "not_supported"


class AccountError(PermanentError):
    """202: the gateway account has a problem (unpaid, suspended...)."""

    code = "account"
    blocks_connector = True


class AuthError(PermanentError):
    """401/403: token or client id refused."""

    code = "auth"
    blocks_connector = True


class WrongUrlError(PermanentError):
    """404: the endpoint is not a gateway URL."""

    code = "wrong_url"
    blocks_connector = True


class TransientError(GatewayError):
    """Network failure before sending, 429 or 5xx: retry later."""

    code = "transient"
    transient = True

    def __init__(self, message, http_status=None, retry_after=DEFAULT_TRANSIENT_DELAY):
        super().__init__(message, http_status, retry_after)


class UnknownOutcomeError(GatewayError):
    """The send may have reached the gateway (timeout, unreadable answer)."""

    code = "unknown"
    may_have_been_sent = True


def from_http_response(status, body, text=""):
    """The exception for a non-200 answer (``body`` parsed JSON or None)."""
    message = ""
    if isinstance(body, dict):
        message = body.get("error") or body.get("message") or body.get("reason") or ""
        if isinstance(message, dict):
            message = message.get("message") or str(message)
    message = str(message or (text or "").strip()[:300] or "HTTP %s" % status)
    if status == 202:
        return AccountError(message, status)
    if status == 204:
        return NotSupportedError(message or "Not implemented", status)
    if status in (401, 403):
        return AuthError(message, status)
    if status == 404:
        return WrongUrlError(message, status)
    if status in (408, 425, 429) or status >= 500:
        return TransientError(message, status)
    return PermanentError(message, status)
