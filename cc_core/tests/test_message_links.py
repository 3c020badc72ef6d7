# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a message answers is kept: replies, reactions, chosen options; media
keeps its voice-note flag and checksum, under a safe file name; provider
failure codes are recorded."""
import hashlib

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..services.types import StatusUpdate
from .common import CcCase

PHONE = "+5511987654321"


@tagged("post_install", "-at_install")
class TestMessageLinks(CcCase):

    def _message(self, provider_id):
        return self.env["cc.message"].search([("provider_message_id", "=", provider_id)])

    def _sent(self, text="Sua fatura vence amanhã", provider_id="out-1"):
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address_key", "=", PHONE)]) \
            or self._conversation(PHONE)
        return self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "outbound",
            "state": "sent", "body": text, "provider_message_id": provider_id})

    def test_customer_reply_links_the_message_it_answers(self):
        original = self._sent()
        self._inbound("Já paguei", msg_id="in-1", reply_to="out-1")
        reply = self._message("in-1")
        self.assertEqual(reply.reply_to_id, original)
        self.assertEqual(reply.reply_to_preview, "Sua fatura vence amanhã")
        self._inbound("E esta?", msg_id="in-2", reply_to="in-1")
        self.assertEqual(self._message("in-2").reply_to_id, reply,
                         "a customer may answer their own message")
        self._inbound("Sobre o quê?", msg_id="in-3", reply_to="never-seen")
        self.assertFalse(self._message("in-3").reply_to_id)
        self.assertFalse(self._message("in-3").reply_to_preview)

    def test_interactive_reply_keeps_option_and_payload(self):
        self._inbound("2ª via", msg_id="in-int", type="interactive",
                      option_id="segunda_via", option_title="2ª via")
        message = self._message("in-int")
        self.assertEqual((message.interactive_reply_id, message.interactive_reply_title),
                         ("segunda_via", "2ª via"))
        self._inbound("Já paguei", msg_id="in-btn", type="interactive",
                      payload="PAGUEI-123")
        self.assertEqual(self._message("in-btn").button_payload, "PAGUEI-123")

    def test_reaction_shows_on_its_target_and_is_replaced_or_removed(self):
        original = self._sent()
        self._inbound("👍", msg_id="r-1", type="reaction", reply_to="out-1")
        conversation = original.conversation_id
        self.assertEqual(original.reaction_ids.mapped("body"), ["👍"])
        self.assertEqual(original.reactions_display, "👍")
        self.assertNotIn(original.reaction_ids, conversation.thread_message_ids,
                         "a reaction is no bubble of its own")
        self._inbound("❤️", msg_id="r-2", type="reaction", reply_to="out-1")
        self.assertEqual(original.reaction_ids.mapped("body"), ["❤️"], "replaced")
        messages_before = len(conversation.message_ids_cc)
        self._inbound("", msg_id="r-3", type="reaction", reply_to="out-1")
        self.assertFalse(original.reaction_ids, "removing the reaction removes it")
        self.assertEqual(len(conversation.message_ids_cc), messages_before - 1,
                         "no empty reaction message is stored")

    def test_media_keeps_voice_flag_checksum_and_a_safe_name(self):
        content = self.wire.media["MEDIA42"]
        self._inbound("", msg_id="v-1", media=["MEDIA42"], voice=True,
                      sha256=hashlib.sha256(content).hexdigest(),
                      filename="../../../../etc/odoo/..\\..\\passwd.pdf\x07")
        message = self._message("v-1")
        self.assertTrue(message.is_voice_note)
        self.assertEqual(message.media_sha256, hashlib.sha256(content).hexdigest())
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done")
        self.assertEqual(message.attachment_ids.name, "passwd.pdf")

    def test_media_whose_checksum_differs_is_not_stored(self):
        self._inbound("", msg_id="c-1", media=["MEDIA42"], sha256="0" * 64)
        message = self._message("c-1")
        with mute_logger("odoo.addons.cc_core.models.cc_message_media"):
            self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "pending", "downloaded again later")
        self.assertFalse(message.attachment_ids)
        self.assertIn("checksum", message.media_error)

    def test_agent_quotes_a_message_of_the_same_conversation_only(self):
        original = self._sent()
        conversation = original.conversation_id
        conversation.with_user(self.user_agent).action_take()
        action = original.with_user(self.user_agent).action_reply()
        self.assertEqual(action["context"]["default_reply_to_id"], original.id)
        composer = self.env["cc.message.compose"].with_user(self.user_agent).with_context(
            action["context"]).create({"body": "Pode pagar pelo Pix"})
        composer.action_send()
        answer = conversation.message_ids_cc.filtered(
            lambda m: m.body == "Pode pagar pelo Pix")
        self.assertEqual(answer.reply_to_id, original)
        other = self._conversation("+5521999998888")
        with self.assertRaises(UserError):
            self.env["cc.message"]._queue_outbound(other, "x", reply_to=original)

    def test_failure_code_is_recorded(self):
        message = self._sent(provider_id="out-fail")
        message._apply_status(StatusUpdate("e1", "out-fail", "failed",
                                           reason="Número inválido", error_code="131026"))
        self.assertEqual((message.state, message.failure_code), ("failed", "131026"))
        self.assertEqual(self.env["cc.message"].search_count(
            [("failure_code", "=", "131026")]), 1, "usable in reports")
