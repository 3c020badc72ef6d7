# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a WhatsApp message answers is kept (context replies, reactions,
interactive and template buttons), media keeps its voice flag and checksum
under a safe name, agents quote messages, and Meta's error codes are kept."""
import hashlib

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..whatsapp_cloud import signature
from .common import (
    APP_SECRET,
    WhatsAppCase,
    WhatsAppCaseMixin,
    contact,
    inbound,
    meta_body,
    raw,
    status,
)

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
       b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xfc\xcf\xc0P\x0f\x00\x04"
       b"\x85\x01\x80\x84\xa9\x8c!\x00\x00\x00\x00IEND\xaeB`\x82")


@tagged("post_install", "-at_install")
class TestLinks(WhatsAppCase):

    def _by_wamid(self, wamid):
        return self.env["cc.message"].search([("provider_message_id", "=", wamid)])

    def _sent_message(self):
        conversation = self._taken_conversation()
        message = self._queue(conversation, "Seu boleto vence amanhã")
        self._send()
        self.assertEqual(message.state, "sent")
        return message

    def test_context_reply_links_our_message(self):
        ours = self._sent_message()
        self._process(meta_body([inbound("text", {"body": "Já paguei"}, "wamid.R1",
                                         context={"from": "5511999990000",
                                                  "id": ours.provider_message_id})],
                                contacts=[contact()]))
        self.assertEqual(self._by_wamid("wamid.R1").reply_to_id, ours)

    def test_interactive_and_template_buttons_keep_what_was_chosen(self):
        ours = self._sent_message()
        context = {"id": ours.provider_message_id}
        self._process(meta_body([
            inbound("interactive", {"type": "list_reply", "list_reply": {
                "id": "2via", "title": "2ª via boleto"}}, "wamid.L1", context=context),
            inbound("button", {"payload": "PAGUEI-77", "text": "Já paguei"},
                    "wamid.B1", context=context),
        ], contacts=[contact()]))
        chosen = self._by_wamid("wamid.L1")
        self.assertEqual((chosen.interactive_reply_id, chosen.interactive_reply_title,
                          chosen.reply_to_id), ("2via", "2ª via boleto", ours))
        button = self._by_wamid("wamid.B1")
        self.assertEqual((button.button_payload, button.body, button.reply_to_id),
                         ("PAGUEI-77", "Já paguei", ours))

    def test_reaction_is_set_replaced_and_removed_on_its_target(self):
        ours = self._sent_message()
        react = {"message_id": ours.provider_message_id}
        self._process(meta_body([inbound("reaction", dict(react, emoji="👍"),
                                         "wamid.X1")], contacts=[contact()]))
        self.assertEqual(ours.reaction_ids.mapped("body"), ["👍"])
        self._process(meta_body([inbound("reaction", dict(react, emoji="🙏"),
                                         "wamid.X2")], contacts=[contact()]))
        self.assertEqual(ours.reaction_ids.mapped("body"), ["🙏"])
        self._process(meta_body([inbound("reaction", dict(react, emoji=""),
                                         "wamid.X3")], contacts=[contact()]))
        self.assertFalse(ours.reaction_ids, "removed, not a second empty reaction")
        self.assertFalse(self._by_wamid("wamid.X3"))

    def test_voice_note_checksum_and_safe_document_name(self):
        media_id = self.graph.add_media(PNG, "audio/ogg")
        digest = hashlib.sha256(PNG).hexdigest()
        doc_id = self.graph.add_media(b"%PDF-1.4", "application/pdf")
        self._process(meta_body([
            inbound("audio", {"id": media_id, "mime_type": "audio/ogg; codecs=opus",
                              "sha256": digest, "voice": True}, "wamid.V1"),
            inbound("document", {"id": doc_id, "mime_type": "application/pdf",
                                 "sha256": hashlib.sha256(b"%PDF-1.4").hexdigest(),
                                 "filename": "../../../../etc/odoo/..\\..\\passwd.pdf"},
                    "wamid.D1"),
        ], contacts=[contact()]))
        voice = self._by_wamid("wamid.V1")
        self.assertTrue(voice.is_voice_note)
        self.assertEqual(voice.media_sha256, digest)
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(self._by_wamid("wamid.D1").attachment_ids.name, "passwd.pdf")

    @mute_logger("odoo.addons.cc_core.models.cc_message_media")
    def test_download_not_matching_the_webhook_checksum_is_not_stored(self):
        media_id = self.graph.add_media(PNG, "image/png")
        self._process(meta_body([inbound("image", {
            "id": media_id, "mime_type": "image/png", "sha256": "ab" * 32},
            "wamid.BAD")], contacts=[contact()]))
        self.env["cc.message"]._cron_fetch_media()
        message = self._by_wamid("wamid.BAD")
        self.assertEqual(message.media_state, "pending")
        self.assertFalse(message.attachment_ids)
        self.assertIn("checksum", message.media_error)

    def test_agent_quote_is_sent_as_a_context_reply(self):
        self._text_in("Qual o valor?", wamid="wamid.Q1")
        question = self._by_wamid("wamid.Q1")
        conversation = question.conversation_id
        conversation.with_user(self.user_agent).action_take()
        answer = self._queue(conversation, "R$ 120,00", reply_to=question)
        self._send()
        self.assertEqual(answer.state, "sent")
        payload = self._sent_payloads()[-1]
        self.assertEqual(payload["context"], {"message_id": "wamid.Q1"})
        self.assertEqual(payload["text"]["body"], "R$ 120,00")

    def test_131026_report_is_recorded_on_the_retried_message(self):
        conversation = self.env["cc.conversation"].create(
            {"connector_id": self.connector.id, "address": "+5511987651234"})
        message = self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "outbound",
            "body": "Seu boleto vence amanhã", "state": "queued"})
        self._send()
        self._process(meta_body(statuses=[status(
            message.provider_message_id, "failed",
            errors=[{"code": 131026, "title": "Message undeliverable"}])]))
        self.assertEqual(message.state, "queued", "still retried once")
        self.assertEqual(message.failure_code, "131026")
        self.assertIn("Message undeliverable", message.failure_reason)
        self.assertIn("+551187651234", message.delivery_note)

    def test_send_errors_keep_meta_code(self):
        conversation = self._taken_conversation()
        for code in (131047, 131051):
            self.graph.fail("*/messages", 400, code=code, message="Meta says no",
                            method="POST")
            message = self._queue(conversation, "código %s" % code)
            self._send()
            self.assertEqual((message.state, message.failure_code), ("failed", str(code)))


@tagged("post_install", "-at_install")
class TestWrongTypesOnTheRoute(WhatsAppCaseMixin, HttpCase):
    """The wrong JSON types that crashed the parser (HTTP 500) now give 400."""

    def _post(self, body):
        data = raw(body)
        return self.url_open(
            "/cc/webhook/%s" % self.connector.webhook_key, data=data,
            headers={"Content-Type": "application/json",
                     "X-Hub-Signature-256": signature.sign(APP_SECRET, data)})

    @mute_logger("odoo.addons.cc_core.controllers.webhook")
    def test_wrong_types_are_400(self):
        text = inbound("text", {"body": "Oi"}, "wamid.T")
        bodies = [
            meta_body([dict(text, **{"from": ["5511987654321"]})], contacts=[contact()]),
            meta_body([dict(text, **{"from": 5511987654321})], contacts=[contact()]),
            meta_body([inbound("image", {"id": "M1", "mime_type": 7}, "wamid.I")],
                      contacts=[contact()]),
        ]
        contacts_number = meta_body([text])
        contacts_number["entry"][0]["changes"][0]["value"]["contacts"] = 3
        bodies.append(contacts_number)
        before = self.env["cc.message"].search_count([])
        for body in bodies:
            self.assertEqual(self._post(body).status_code, 400, body)
        self.assertEqual(self.env["cc.message"].search_count([]), before)
