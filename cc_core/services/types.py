# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain data exchanged between cc_core and the connector addons.

A connector's provider model turns a webhook body into a list of these items
and turns a send into a :class:`SendResult`. cc_core does every ORM write.
"""
from collections import namedtuple


class InboundMessage(
    namedtuple(
        "InboundMessage",
        "event_id provider_message_id address message_type text timestamp "
        "profile_name media reply_to_provider_id customer_user_id reference "
        "interactive_reply_id interactive_reply_title button_payload",
    )
):
    """A message the customer sent.

    ``media`` is a tuple of :class:`MediaRef`; ``timestamp`` a naive UTC
    datetime or ``None`` (then the reception time is used).
    ``reply_to_provider_id`` is the provider id of the message this one
    answers (WhatsApp ``context``, Kolmeya original SMS) or, for a
    ``reaction``, the message reacted to (``text`` is the emoji, empty when
    the customer removed the reaction). ``reference`` optionally names one of
    our outbound messages this one answers (SMS replies).
    ``interactive_reply_id``/``interactive_reply_title``: the option the
    customer chose (button or list reply); ``button_payload``: the payload of
    a template quick-reply button.
    """

    __slots__ = ()

    def __new__(cls, event_id, provider_message_id, address, message_type="text",
                text="", timestamp=None, profile_name=None, media=(),
                reply_to_provider_id=None, customer_user_id=None, reference=None,
                interactive_reply_id=None, interactive_reply_title=None,
                button_payload=None):
        return super().__new__(
            cls, event_id, provider_message_id, address, message_type, text,
            timestamp, profile_name, tuple(media), reply_to_provider_id,
            customer_user_id, reference, interactive_reply_id,
            interactive_reply_title, button_payload,
        )


class MediaRef(namedtuple(
        "MediaRef", "provider_media_id mimetype filename url content sha256 voice")):
    """A media item: fetched later by the provider (``provider_media_id``/``url``)
    or already available (``content`` bytes). ``sha256`` is the checksum the
    provider announced (verified after download); ``voice`` marks a voice
    note (audio recorded in the app)."""

    __slots__ = ()

    def __new__(cls, provider_media_id=None, mimetype=None, filename=None, url=None,
                content=None, sha256=None, voice=False):
        return super().__new__(cls, provider_media_id, mimetype, filename, url, content,
                               sha256, bool(voice))


class StatusUpdate(
    namedtuple(
        "StatusUpdate",
        "event_id provider_message_id state timestamp reason reference note error_code",
    )
):
    """A delivery report for one of our outbound messages.

    ``state`` is one of ``sent``, ``delivered``, ``read``, ``failed``;
    ``error_code`` the provider's code for a failure (e.g. WhatsApp 131026).
    """

    __slots__ = ()

    def __new__(cls, event_id, provider_message_id, state, timestamp=None, reason=None,
                reference=None, note=None, error_code=None):
        return super().__new__(
            cls, event_id, provider_message_id, state, timestamp, reason, reference, note,
            error_code,
        )


class OptOut(namedtuple("OptOut", "event_id address reason")):
    """The provider tells us the customer no longer wants messages."""

    __slots__ = ()


SEND_SENT = "sent"
SEND_PERMANENT = "permanent"
SEND_TRANSIENT = "transient"
SEND_UNKNOWN = "unknown"


class SendResult(
    namedtuple(
        "SendResult",
        "status provider_message_id reason retry_after address note batch_id throttled "
        "error_code",
    )
):
    """Outcome of one send attempt.

    * ``sent``: accepted, ``provider_message_id`` set;
    * ``permanent``: failed for good, ``reason`` is shown to the agent;
    * ``transient``: try again after ``retry_after`` seconds (or the schedule);
    * ``unknown``: the request may have reached the provider; never resent blindly.

    ``address`` is the customer address the provider says it used (WhatsApp
    ``contacts[0].wa_id``), when it differs from ours. ``batch_id`` is the
    provider's id of the request that carried the message (Kolmeya request
    UUID), kept on the message. ``throttled`` (with ``transient``) means the
    provider refused to take the request now (rate limit): the message waits
    ``retry_after`` seconds and the attempt is not counted. ``error_code`` is
    the provider's error code (kept as ``cc.message.failure_code``).
    """

    __slots__ = ()

    def __new__(cls, status, provider_message_id=None, reason=None, retry_after=None,
                address=None, note=None, batch_id=None, throttled=False, error_code=None):
        if status not in (SEND_SENT, SEND_PERMANENT, SEND_TRANSIENT, SEND_UNKNOWN):
            raise ValueError("Unknown send status %r" % (status,))
        return super().__new__(
            cls, status, provider_message_id, reason, retry_after, address, note,
            batch_id, bool(throttled), None if error_code is None else str(error_code),
        )


class ChannelLimits(
    namedtuple("ChannelLimits", "max_length media_types session_window_hours max_batch")
):
    """What a channel accepts: text length, mimetype prefixes, session window,
    and how many messages one send request may carry (``max_batch``; ``None``:
    the outbox's default batch size)."""

    __slots__ = ()

    def __new__(cls, max_length=4096, media_types=(), session_window_hours=None,
                max_batch=None):
        return super().__new__(cls, max_length, tuple(media_types), session_window_hours,
                               max_batch)

    def accepts_mimetype(self, mimetype):
        return any((mimetype or "").startswith(prefix) for prefix in self.media_types)


class WebhookRequest(namedtuple("WebhookRequest",
                                "method headers raw_body query topic remote_addr",
                                defaults=(None,))):
    """What the webhook route received, as plain data.

    ``headers`` is a dict with lower-case keys; ``query`` a dict of query
    parameters; ``topic`` the optional last URL segment
    (``/cc/webhook/<key>/<topic>``), e.g. ``status`` or ``reply`` for SMS;
    ``remote_addr`` the caller's address (after Odoo's proxy mode), None
    when the request is rebuilt from the journal.
    """

    __slots__ = ()
