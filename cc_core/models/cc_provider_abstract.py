# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models
from odoo.exceptions import UserError

from ..services.types import ChannelLimits


class CcProviderAbstract(models.AbstractModel):
    """The connector contract.

    Each connector addon defines ``cc.provider.<key>`` inheriting this model
    for the ``provider`` key it adds to ``cc.connector``. Methods take plain
    arguments and return plain data (see ``cc_core.services.types``); the
    provider never writes cc records itself, cc_core applies the results.
    Defaults fail closed.
    """

    _name = "cc.provider.abstract"
    _description = "Contact Center Provider Contract"

    @api.model
    def _verify_webhook(self, connector, request):
        """True when ``request`` (a ``WebhookRequest``) really comes from the
        provider. Default: reject."""
        return False

    @api.model
    def _handshake_webhook(self, connector, request):
        """Answer a GET verification handshake: response text, or ``None`` to refuse."""
        return None

    @api.model
    def _parse_webhook(self, connector, request):
        """Turn a webhook body into InboundMessage / StatusUpdate / OptOut items.

        Raise ``ValueError`` when the body is malformed as a whole.
        Returns ``(items, errors)``: errors are strings for items that could not
        be parsed (they are journaled; the good items are still processed).
        """
        raise ValueError("This provider does not accept webhooks.")

    @api.model
    def _webhook_body_is_json(self, connector):
        """True when the provider posts JSON: cc_core then refuses (400) any
        body that is not strict UTF-8 JSON (invalid UTF-8, NaN, lone
        surrogates, NUL, excessive nesting) before ``_parse_webhook``."""
        return True

    @api.model
    def _send_message(self, message):
        """Send one ``cc.message``; return a ``SendResult``. No ORM writes."""
        raise NotImplementedError()

    @api.model
    def _send_messages(self, messages):
        """Send several messages; return ``{message_id: SendResult}``.

        Providers with a batch API (Kolmeya) override this; by default it
        sends one by one.
        """
        return {message.id: self._send_message(message) for message in messages}

    @api.model
    def _requeue_failed_delivery(self, message, update):
        """A delivery report says ``message`` failed: the provider may queue it
        again once, differently (e.g. another spelling of the number), and
        return True; cc_core then does not mark it failed. Default: False."""
        return False

    @api.model
    def _test_connection(self, connector):
        """Check credentials; return a human message or raise ``UserError``."""
        raise UserError(_("This provider cannot test its connection."))

    @api.model
    def _channel_limits(self, connector):
        """A ``ChannelLimits`` for the connector."""
        return ChannelLimits(max_length=4096, media_types=(), session_window_hours=None)

    @api.model
    def _check_can_send(self, conversation, message_type):
        """Channel-specific rule before queueing (e.g. WhatsApp 24 h window).

        Raise ``UserError`` with a clear message to refuse.
        """
        return True

    @api.model
    def _fetch_media(self, connector, media_ref):
        """Return ``(content_bytes, mimetype, filename)`` for an inbound media item.

        Raise ``UserError`` when it can never work (e.g. the media expired):
        the download is marked failed at once. Any other exception counts as
        an outage and is retried with backoff.
        """
        if media_ref.content is not None:
            return media_ref.content, media_ref.mimetype, media_ref.filename
        raise UserError(_("This provider cannot download media."))

    @api.model
    def _mark_read(self, conversation):
        """Tell the provider the agent read the conversation (optional)."""
        return False

    @api.model
    def _on_opt_out(self, connector, address_key):
        """The customer opted out (e.g. push the number to a provider blacklist).

        Called inside the webhook transaction: no network call here, queue the
        work (e.g. trigger a cron) so the provider never waits on another
        provider.
        """
        return False

    @api.model
    def _on_opt_in(self, connector, address_key):
        """An administrator allowed messages to ``address_key`` again (the
        opt-out was archived or deleted): e.g. remove the number from a
        provider blacklist. Same rule as ``_on_opt_out``: no network call here,
        queue the work. Default: nothing to do.
        """
        return False

    @api.model
    def _next_send_window(self, connector, now):
        """When the outbox may send for ``connector``: ``None`` = now, or a
        naive UTC datetime after ``now`` to hold queued messages until (quiet
        hours, a provider rate limit...). Held messages are not sent and their
        attempts are not counted. Called by the outbox cron for every batch:
        no network call here. Default: always now.
        """
        return None
