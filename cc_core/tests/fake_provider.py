# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A fake provider implementing the connector contract, for cc_core's tests.

Loaded with odoo-test-helper's FakeModelLoader; never imported at module level.
Its wire format is a tiny JSON document; its "signature" is a shared token in
the ``X-Fake-Token`` header.
"""
import base64
import hmac
import json
from datetime import datetime

from odoo import api, fields, models

from odoo.addons.cc_core.services.types import (
    ChannelLimits,
    InboundMessage,
    MediaRef,
    OptOut,
    SendResult,
    StatusUpdate,
)


class FakeWire:
    """What the fake provider 'sent', and what it will answer next."""

    sent = []
    results = []
    window = None  # what _next_send_window answers (or a function of the connector)
    opt_events = []  # ("out" | "in", connector id, address key)
    read = []
    read_error = None
    # A real 1x1 PNG (Odoo inspects image attachments).
    media = {"MEDIA42": base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")}

    @classmethod
    def reset(cls):
        cls.sent = []
        cls.results = []
        cls.window = None
        cls.opt_events = []
        cls.read = []
        cls.read_error = None


class CcConnectorFake(models.Model):
    _inherit = "cc.connector"

    provider = fields.Selection(selection_add=[("fake", "Fake provider")])
    fake_token = fields.Char()


class CcProviderFake(models.AbstractModel):
    _name = "cc.provider.fake"
    _inherit = "cc.provider.abstract"
    _description = "Fake provider"

    @api.model
    def _verify_webhook(self, connector, request):
        token = request.headers.get("x-fake-token") or ""
        return bool(connector.fake_token) and hmac.compare_digest(
            token.encode(), connector.fake_token.encode())

    @api.model
    def _handshake_webhook(self, connector, request):
        if request.query.get("token") == connector.fake_token:
            return request.query.get("challenge", "")
        return None

    @api.model
    def _parse_webhook(self, connector, request):
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise ValueError("Expected a JSON body")
        try:
            body = json.loads(request.raw_body)
        except ValueError as error:
            raise ValueError("Invalid JSON: %s" % error) from None
        if not isinstance(body, dict):
            raise ValueError("Expected a JSON object")
        items, errors = [], []
        for raw in body.get("messages", []):
            try:
                items.append(self._parse_message(raw))
            except (KeyError, TypeError, ValueError) as error:
                errors.append("bad message: %s" % error)
        for raw in body.get("statuses", []):
            items.append(StatusUpdate("%s:%s" % (raw["id"], raw["status"]), raw["id"],
                                      raw["status"], reason=raw.get("reason")))
        for raw in body.get("optouts", []):
            items.append(OptOut("optout:%s" % raw, raw, "provider"))
        return items, errors

    @api.model
    def _parse_message(self, raw):
        if not isinstance(raw["text"], str):
            raise TypeError("text must be a string")
        media = [MediaRef(provider_media_id=m, mimetype="image/png",
                          filename=raw.get("filename", "p.png"),
                          sha256=raw.get("sha256"), voice=raw.get("voice", False))
                 for m in raw.get("media", [])]
        return InboundMessage(
            event_id=raw["id"], provider_message_id=raw["id"], address=raw["from"],
            text=raw["text"], profile_name=raw.get("name"),
            message_type=raw.get("type") or ("image" if media else "text"), media=media,
            timestamp=datetime.utcfromtimestamp(raw["ts"]) if raw.get("ts") else None,
            reply_to_provider_id=raw.get("reply_to"),
            interactive_reply_id=raw.get("option_id"),
            interactive_reply_title=raw.get("option_title"),
            button_payload=raw.get("payload"))

    @api.model
    def _send_message(self, message):
        FakeWire.sent.append((message.id, message.conversation_id.address,
                              message.body))
        if FakeWire.results:
            result = FakeWire.results.pop(0)
            if isinstance(result, Exception):
                raise result
            return result
        return SendResult("sent", provider_message_id="fake-%s" % message.id)

    @api.model
    def _channel_limits(self, connector):
        return ChannelLimits(max_length=500, media_types=("image/",))

    @api.model
    def _fetch_media(self, connector, media_ref):
        return FakeWire.media[media_ref.provider_media_id], media_ref.mimetype, \
            media_ref.filename

    @api.model
    def _mark_read(self, conversation):
        if FakeWire.read_error:
            raise FakeWire.read_error
        FakeWire.read.append(conversation.id)
        return True

    @api.model
    def _test_connection(self, connector):
        return "Fake provider reachable"

    @api.model
    def _next_send_window(self, connector, now):
        window = FakeWire.window
        return window(connector) if callable(window) else window

    @api.model
    def _on_opt_out(self, connector, address_key):
        FakeWire.opt_events.append(("out", connector.id, address_key))

    @api.model
    def _on_opt_in(self, connector, address_key):
        FakeWire.opt_events.append(("in", connector.id, address_key))
