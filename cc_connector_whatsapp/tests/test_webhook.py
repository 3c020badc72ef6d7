# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Meta's calls on the real route: handshake, signature, every inbound type."""
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..whatsapp_cloud import signature
from .common import (
    APP_SECRET,
    VERIFY_TOKEN,
    WA_ID,
    WhatsAppCaseMixin,
    contact,
    inbound,
    meta_body,
    raw,
)

ROUTE_LOGGER = "odoo.addons.cc_core.controllers.webhook"
PROVIDER_LOGGER = "odoo.addons.cc_connector_whatsapp.models.cc_provider_whatsapp_cloud"

# One message of every type Meta sends, with what the inbox must show.
EVERY_TYPE = [
    ("text", {"body": "Olá, tudo bem? 😀"}, "text", "Olá, tudo bem? 😀"),
    ("image", {"id": "M-IMG", "mime_type": "image/jpeg", "sha256": "x",
               "caption": "Comprovante"}, "image", "Comprovante"),
    ("audio", {"id": "M-AUD", "mime_type": "audio/ogg; codecs=opus", "voice": True},
     "audio", ""),
    ("video", {"id": "M-VID", "mime_type": "video/mp4"}, "video", ""),
    ("document", {"id": "M-DOC", "mime_type": "application/pdf",
                  "filename": "boleto.pdf", "caption": "Segue"}, "document", "Segue"),
    ("sticker", {"id": "M-STK", "mime_type": "image/webp", "animated": False},
     "sticker", ""),
    ("location", {"latitude": -23.5, "longitude": -46.6, "name": "Loja",
                  "address": "Av. Paulista"}, "location",
     "Loja — Av. Paulista (-23.5, -46.6)"),
    ("contacts", [{"name": {"formatted_name": "João Lima"},
                   "phones": [{"phone": "+55 11 91234-5678"}]}], "contact",
     "João Lima: +55 11 91234-5678"),
    ("interactive", {"type": "button_reply",
                     "button_reply": {"id": "sim", "title": "Sim"}}, "interactive",
     "Sim"),
    ("interactive", {"type": "list_reply",
                     "list_reply": {"id": "2via", "title": "2ª via boleto"}},
     "interactive", "2ª via boleto"),
    ("button", {"payload": "PAGUEI", "text": "Já paguei"}, "interactive",
     "Já paguei"),
    ("reaction", {"message_id": "wamid.OUT", "emoji": "👍"}, "reaction", "👍"),
    ("unsupported", None, "unsupported", "Message type unknown"),
]


@tagged("post_install", "-at_install")
class TestWebhookRoute(WhatsAppCaseMixin, HttpCase):

    def _url(self):
        return "/cc/webhook/%s" % self.connector.webhook_key

    def _post(self, body, secret=APP_SECRET, header=None, tamper=None):
        data = raw(body) if isinstance(body, dict) else body
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Hub-Signature-256"] = signature.sign(secret, data)
        if header is not None:
            headers["X-Hub-Signature-256"] = header
        if tamper:
            data = tamper(data)
        return self.url_open(self._url(), data=data, headers=headers)

    def _counts(self):
        return (self.env["cc.conversation"].search_count([]),
                self.env["cc.message"].search_count([]),
                self.env["cc.webhook.event"].search_count([]))

    # -- handshake -----------------------------------------------------------
    def test_handshake_right_token_echoes_the_challenge(self):
        query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                 "hub.challenge": "1158201444"}
        response = self.url_open("%s?%s" % (self._url(), urlencode(query)))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text, "1158201444")
        self.assertTrue(self.connector.wa_webhook_verified_date)

    @mute_logger(ROUTE_LOGGER)
    def test_handshake_wrong_token_is_refused(self):
        for token in ("not-the-token", ""):
            query = {"hub.mode": "subscribe", "hub.verify_token": token,
                     "hub.challenge": "1158201444"}
            response = self.url_open("%s?%s" % (self._url(), urlencode(query)))
            self.assertEqual(response.status_code, 403)
            self.assertNotIn("1158201444", response.text)
        self.assertFalse(self.connector.wa_webhook_verified_date,
                         "the connector stays unverified")

    # -- signature -------------------------------------------------------------
    @mute_logger(ROUTE_LOGGER)
    def test_unsigned_or_badly_signed_posts_are_refused_before_parsing(self):
        body = meta_body([inbound("text", {"body": "Oi"}, "wamid.SIG")],
                         contacts=[contact()])
        before = self._counts()
        self.assertEqual(self._post(body, secret=None).status_code, 403, "missing")
        self.assertEqual(self._post(body, secret="wrong-secret").status_code, 403)
        self.assertEqual(self._post(body, header="sha256=" + "0" * 64).status_code, 403)
        self.assertEqual(self._post(b"not json", secret="wrong").status_code, 403)

        def one_byte(data):
            return data.replace(b'"Oi"', b'"Oj"')

        self.assertEqual(self._post(body, tamper=one_byte).status_code, 403)
        self.assertEqual(self._counts(), before, "nothing stored, not even a journal")

    def test_accents_and_emoji_keep_a_valid_signature(self):
        item = inbound("text", {"body": "Ação não é difícil 🚀"}, "wamid.UTF")
        body = meta_body([item], contacts=[contact(name="Zoë Ñandú")])
        self.assertEqual(self._post(body).status_code, 200)
        message = self.env["cc.message"].search([("provider_message_id", "=",
                                                  "wamid.UTF")])
        self.assertEqual(message.body, "Ação não é difícil 🚀")
        self.assertEqual(message.conversation_id.customer_name, "Zoë Ñandú")

    # -- every type, duplicates -------------------------------------------------
    def test_signed_inbound_of_every_type_becomes_messages(self):
        items = []
        for index, (kind, obj, _type, _text) in enumerate(EVERY_TYPE):
            extra = {}
            if kind == "unsupported":
                extra["errors"] = [{"code": 131051, "title": "Message type unknown",
                                    "message": "Message type unknown"}]
            items.append(inbound(kind, obj, "wamid.T%02d" % index, **extra))
        response = self._post(meta_body(items, contacts=[contact()]))
        self.assertEqual(response.status_code, 200)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual(len(conversation), 1)
        self.assertEqual(conversation.customer_name, "Maria Souza")
        self.assertEqual(conversation.address, "+" + WA_ID)
        for index, (kind, _obj, message_type, text) in enumerate(EVERY_TYPE):
            message = self.env["cc.message"].search(
                [("provider_message_id", "=", "wamid.T%02d" % index)])
            self.assertEqual(len(message), 1, kind)
            self.assertEqual((message.message_type, message.body or ""),
                             (message_type, text), kind)
            self.assertEqual(message.direction, "inbound")
        media = self.env["cc.message"].search([
            ("conversation_id", "=", conversation.id), ("media_state", "=", "pending")])
        self.assertEqual(len(media), 5, "media waits for the download cron")
        self.assertFalse(self.graph.requests, "nothing downloaded inside the request")

    def test_same_wamid_three_times_is_one_message(self):
        body = meta_body([inbound("text", {"body": "Oi"}, "wamid.DUP")],
                         contacts=[contact()])
        for _attempt in range(3):
            self.assertEqual(self._post(body).status_code, 200)
        self.assertEqual(self.env["cc.message"].search_count(
            [("provider_message_id", "=", "wamid.DUP")]), 1)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual(conversation.unread_count, 1)

    @mute_logger(PROVIDER_LOGGER)
    def test_events_of_another_phone_number_are_ignored(self):
        body = meta_body([inbound("text", {"body": "Oi"}, "wamid.OTHER")],
                         contacts=[contact()], phone_number_id="999999")
        self.assertEqual(self._post(body).status_code, 200)
        self.assertFalse(self.env["cc.message"].search(
            [("provider_message_id", "=", "wamid.OTHER")]))

    @mute_logger(ROUTE_LOGGER)
    def test_signed_but_not_a_whatsapp_body_is_400(self):
        self.assertEqual(self._post(b'{"object": "page", "entry": []}').status_code,
                         400)
