# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customers, the 9th digit, BSUIDs, media downloads and delivery statuses."""
import base64

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import (
    WA_ID,
    WA_ID_OLD,
    WhatsAppCase,
    contact,
    inbound,
    meta_body,
    status,
)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@tagged("post_install", "-at_install")
class TestInbound(WhatsAppCase):
    def _conversations(self):
        return self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])

    def test_profile_name_fills_the_conversation_name(self):
        message = self._text_in("Oi", name="Maria Souza")
        self.assertEqual(message.conversation_id.name, "Maria Souza")
        self._text_in("Oi de novo", wamid="wamid.IN2", name="Maria S.")
        self.assertEqual(message.conversation_id.customer_name, "Maria S.")

    def test_wa_id_without_the_9th_digit_is_the_same_customer(self):
        partner = self.env["res.partner"].create(
            {"name": "Maria Cliente", "mobile": "+55 11 98765-4321"})
        old = self._text_in("Oi", wamid="wamid.OLD", wa_id=WA_ID_OLD)
        new = self._text_in("Oi", wamid="wamid.NEW", wa_id=WA_ID)
        self.assertEqual(old.conversation_id, new.conversation_id)
        self.assertEqual(len(self._conversations()), 1)
        self.assertEqual(old.conversation_id.partner_id, partner)
        self.assertEqual(old.conversation_id.address, "+" + WA_ID_OLD,
                         "replies go to the spelling WhatsApp uses")

    def test_landline_never_gets_a_9th_digit(self):
        landline = self._text_in("Oi", wamid="wamid.LAND", wa_id="551133334444")
        mobile = self._text_in("Oi", wamid="wamid.MOB", wa_id="5511933334444")
        self.assertNotEqual(landline.conversation_id, mobile.conversation_id)

    def test_business_scoped_user_id_is_stored_and_links_later_messages(self):
        self._process(meta_body(
            [inbound("text", {"body": "Oi"}, "wamid.B1", from_user_id="BR.1502576394")],
            contacts=[contact(user_id="BR.1502576394")]))
        conversation = self._conversations()
        self.assertEqual(conversation.customer_user_id, "BR.1502576394")
        # The customer adopts a username: Meta withholds the number.
        self._process(meta_body(
            [{"id": "wamid.B2", "from_user_id": "BR.1502576394", "type": "text",
              "timestamp": "1767225600", "text": {"body": "Sou eu"}}],
            contacts=[{"profile": {"name": "Maria"}, "user_id": "BR.1502576394"}]))
        self.assertEqual(len(self._conversations()), 1)
        self.assertEqual(len(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")), 2)

    def test_username_only_customer_gets_a_conversation(self):
        self._process(meta_body(
            [{"id": "wamid.U1", "from_user_id": "BR.99887766", "type": "text",
              "timestamp": "1767225600", "text": {"body": "Olá"}}],
            contacts=[{"profile": {"name": "Ana"}, "user_id": "BR.99887766"}]))
        conversation = self._conversations()
        self.assertEqual((conversation.address, conversation.is_phone),
                         ("BR.99887766", False))

    def test_media_is_downloaded_by_the_cron_with_the_token(self):
        media_id = self.graph.add_media(PNG, "image/png")
        image = {"id": media_id, "mime_type": "image/png"}
        self._process(meta_body([inbound("image", image, "wamid.IMG")],
                                contacts=[contact()]))
        message = self.env["cc.message"].search([("provider_message_id", "=",
                                                  "wamid.IMG")])
        self.assertEqual(message.media_state, "pending")
        self.assertFalse(self.graph.requests)
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done")
        self.assertEqual(message.attachment_ids.raw, PNG)
        self.assertEqual(message.attachment_ids.mimetype, "image/png")
        self.assertEqual(message.attachment_ids.name, "image.png")
        lookup, download = self.graph.requests
        self.assertEqual(lookup.endpoint, "/%s" % media_id)
        self.assertEqual(download.headers["authorization"], "Bearer EAAG-test-token")

    def test_document_keeps_its_filename(self):
        media_id = self.graph.add_media(b"%PDF-1.4 fake", "application/pdf")
        self._process(meta_body([inbound(
            "document", {"id": media_id, "mime_type": "application/pdf",
                         "filename": "boleto.pdf"}, "wamid.DOC")],
            contacts=[contact()]))
        self.env["cc.message"]._cron_fetch_media()
        message = self.env["cc.message"].search([("provider_message_id", "=",
                                                  "wamid.DOC")])
        self.assertEqual(message.attachment_ids.name, "boleto.pdf")
        self.assertEqual(message.attachment_ids.raw, b"%PDF-1.4 fake")

    @mute_logger("odoo.addons.cc_core.models.cc_message_media")
    def test_expired_media_fails_visibly_and_can_be_retried(self):
        image = {"id": "GONE", "mime_type": "image/png"}
        self._process(meta_body([inbound("image", image, "wamid.GONE")],
                                contacts=[contact()]))
        self.graph.fail("/GONE", 404, code=100, message="Object does not exist",
                        method="GET")
        self.env["cc.message"]._cron_fetch_media()
        message = self.env["cc.message"].search([("provider_message_id", "=",
                                                  "wamid.GONE")])
        self.assertEqual(message.media_state, "failed")
        self.assertIn("Object does not exist", message.media_error)

    @mute_logger("odoo.addons.cc_core.models.cc_message_media",
                 "odoo.addons.cc_connector_whatsapp.whatsapp_cloud.client")
    def test_media_download_retried_after_a_meta_outage(self):
        media_id = self.graph.add_media(PNG, "image/png")
        image = {"id": media_id, "mime_type": "image/png"}
        self._process(meta_body([inbound("image", image, "wamid.LATER")],
                                contacts=[contact()]))
        self.graph.fail("/%s" % media_id, 503, code=2,
                        message="Service temporarily unavailable", times=10, method="GET")
        self.env["cc.message"]._cron_fetch_media()
        message = self.env["cc.message"].search([("provider_message_id", "=",
                                                  "wamid.LATER")])
        self.assertEqual((message.media_state, message.media_attempt_count),
                         ("pending", 1), message.media_error)
        with self.graph._lock:
            self.graph._failures.clear()  # Meta is back
        message.media_next_attempt_date = fields.Datetime.now()
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done", message.media_error)

    # -- statuses --------------------------------------------------------------
    def _sent_message(self):
        conversation = self._taken_conversation()
        message = self._queue(conversation, "Seu pedido saiu")
        self._send()
        self.assertEqual(message.state, "sent")
        return message

    def test_statuses_out_of_order_only_move_forward(self):
        message = self._sent_message()
        wamid = message.provider_message_id
        self._process(meta_body(statuses=[status(wamid, "read")]))
        self.assertEqual(message.state, "read")
        self._process(meta_body(statuses=[status(wamid, "delivered"),
                                          status(wamid, "sent")]))
        self.assertEqual(message.state, "read")
        self.assertTrue(message.read_date)
        self._process(meta_body(statuses=[status(wamid, "failed", errors=[
            {"code": 131026, "title": "Message undeliverable"}])]))
        self.assertEqual(message.state, "read", "a late failure cannot undo a read")

    def test_failed_status_keeps_meta_reason(self):
        message = self._sent_message()
        error = {"code": 131047, "title": "Re-engagement message",
                 "message": "Re-engagement message",
                 "error_data": {"details": "More than 24 hours have passed."}}
        self._process(meta_body(statuses=[status(message.provider_message_id,
                                                 "failed", errors=[error])]))
        self.assertEqual(message.state, "failed")
        self.assertEqual(
            message.failure_reason,
            "131047 Re-engagement message: More than 24 hours have passed.")
        self.assertTrue(message.conversation_id.has_failed_message)

    def test_played_voice_note_counts_as_read(self):
        message = self._sent_message()
        self._process(meta_body(statuses=[status(message.provider_message_id,
                                                 "played")]))
        self.assertEqual(message.state, "read")

    def test_duplicate_status_is_applied_once(self):
        message = self._sent_message()
        body = meta_body(statuses=[status(message.provider_message_id, "delivered")])
        self._process(body)
        event = self._process(body)
        self.assertEqual(event.state, "duplicate")
        self.assertEqual(message.state, "delivered")
