# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure-Python Kolmeya SMS toolkit (no Odoo import).

``client`` talks to the API, ``payloads`` builds and maps ``/sms/store``,
``webhook`` parses status/reply data, ``segments`` counts SMS parts,
``balance`` and ``phone`` convert values, ``quiet_hours`` computes the
sending window, ``errors`` holds the exception taxonomy. ``fake_server`` is
test infrastructure and is not re-exported.
"""

from .balance import BalanceParseError, parse_balance
from .client import (
    DEFAULT_BASE_URL,
    REPLY_RETENTION_HOURS,
    KolmeyaClient,
    RequestStatus,
)
from .errors import (
    KolmeyaAuthError,
    KolmeyaBadResponse,
    KolmeyaConnectionError,
    KolmeyaError,
    KolmeyaNotFoundError,
    KolmeyaPayloadError,
    KolmeyaRateLimited,
    KolmeyaServerError,
    KolmeyaTimeout,
    KolmeyaValidationError,
    RateLimitInfo,
)
from .payloads import (
    ACCEPTED,
    MAX_BATCH,
    MISSING,
    REJECTED,
    OutboundMessage,
    PayloadBuildError,
    SendOutcome,
    SendResult,
    chunk,
)
from .phone import InvalidPhoneError, from_kolmeya, to_kolmeya
from .quiet_hours import is_quiet, window_opens_at
from .segments import MAX_SEGMENTS, SmsCount, count, estimate_cost
from .webhook import (
    FINAL_CODES,
    STATES,
    ParseResult,
    ReplyItem,
    StatusItem,
    detect_kind,
    parse_reply,
    parse_status,
)
