# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The gateway provider through cc_core's pipeline: inbound, outbound,
failed events, messages typed on the phone, duplicates, phone status."""
import base64
from urllib.parse import urlsplit

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..whatsapp_gateway import media_link
from .gateway_common import NUMBER, GatewayCaseMixin, envelope, gw_message

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
    "RU5ErkJggg==")
SEND_LOGGER = "odoo.addons.cc_connector_whatsapp.whatsapp_gateway.client"


@tagged("post_install", "-at_install")
class TestGatewayPipeline(GatewayCaseMixin, TransactionCase):

    def test_customer_message_opens_a_conversation(self):
        message = self._customer_writes("false_A1", "Preciso da 2ª via 😀")
        conversation = message.conversation_id
        self.assertEqual(conversation.address, "+%s" % NUMBER)
        self.assertEqual(conversation.customer_name, "Maria Souza")
        self.assertEqual((message.direction, message.state, message.body),
                         ("inbound", "received", "Preciso da 2ª via 😀"))
        self.assertEqual(conversation.connector_id, self.connector)

    def test_duplicate_delivery_stores_one_message(self):
        body = envelope(messages=[gw_message("false_DUP", "uma vez")])
        self._process(body)
        event = self._process(body)
        self.assertEqual(event.state, "duplicate")
        self.assertEqual(self.env["cc.message"].search_count(
            [("provider_message_id", "=", "false_DUP")]), 1)

    def test_private_chat_keeps_its_raw_id(self):
        message = self._customer_writes("false_P1", "oi", number="99887766@l.us")
        self.assertEqual(message.conversation_id.address, "99887766@l.us")
        self.assertFalse(message.conversation_id.is_phone)

    def test_inbound_media_is_downloaded_from_the_gateway(self):
        url = self.gateway.add_media("foto.png", PNG, "image/png")
        message = self._customer_writes("false_IMG", "Comprovante", kind="image",
                                        url=url, filename="foto.png")
        self.assertEqual((message.message_type, message.media_state),
                         ("image", "pending"))
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done")
        self.assertEqual(message.attachment_ids.raw, PNG)
        self.assertEqual(message.attachment_ids.mimetype, "image/png")
        self.assertEqual(message.body, "Comprovante")

    def test_outbound_text_goes_to_send_text(self):
        conversation = self._customer_writes().conversation_id
        message = self._queue(conversation, "Segue o boleto")
        self._send()
        self.assertEqual(message.state, "sent")
        request = self._sends()[-1]
        self.assertEqual(request.path, "sendText")
        self.assertEqual(request.json["number"], NUMBER)
        self.assertEqual(request.json["text"], "Segue o boleto")
        self.assertEqual(request.json["external_id"], "cc-%s" % message.id)
        self.assertTrue(message.provider_message_id.startswith("true_%s" % NUMBER))

    def test_outbound_media_uses_a_signed_expiring_link(self):
        conversation = self._customer_writes().conversation_id
        attachment = self.env["ir.attachment"].create({
            "name": "boleto.pdf", "raw": b"%PDF-1.4 boleto", "mimetype": "application/pdf"})
        message = self._queue(conversation, "", attachments=attachment)
        self._send()
        self.assertEqual(message.state, "sent")
        request = self._sends()[-1]
        self.assertEqual(request.path, "sendFile")
        self.assertEqual(request.json["filename"], "boleto.pdf")
        path = urlsplit(request.json["url"]).path
        attachment_id, expires, token = path.rsplit("/", 3)[1:]
        self.assertEqual(int(attachment_id), attachment.id)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        self.assertEqual(media_link.check(secret, attachment_id, expires, token), "ok")

    def test_no_window_and_no_templates(self):
        conversation = self.env["cc.conversation"]._find_or_create(
            self.connector, "+5511912345678")[0]
        self.assertFalse(conversation.last_inbound_date)
        self.assertFalse(self.connector._cc_has_session_window())
        self.assertFalse(self.connector._cc_supports_templates())
        self.assertFalse(conversation.wa_is_cloud, "the composer shows no window")
        conversation.with_user(self.user_agent).action_take()
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": "Oi"})
        self.assertFalse(composer.wa_window_info, "no 24-hour window text")
        self.assertFalse(composer.wa_is_cloud, "no template picker")
        self.assertIsNone(self.connector._limits().session_window_hours)
        # the customer never wrote: a Cloud API number would refuse, not this one
        message = self._queue(conversation, "Olá, aqui é da loja")
        self._send()
        self.assertEqual(message.state, "sent")
        with self.assertRaises(UserError):
            self.connector._provider()._check_can_send(conversation, "template")

    def test_failed_event_fails_our_message(self):
        conversation = self._customer_writes().conversation_id
        message = self._queue(conversation, "Oi")
        self._send()
        self._process(envelope(events=[{"type": "failed", "id": message.provider_message_id,
                                        "reason": "Número bloqueado"}]))
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.failure_reason, "Número bloqueado")
        self.assertTrue(conversation.has_failed_message)

    def test_message_typed_on_the_phone_is_stored_not_resent(self):
        conversation = self._customer_writes().conversation_id
        self.assertTrue(conversation.first_unanswered_date)
        self._process(envelope(messages=[gw_message(
            "true_%s@c.us_PHONE1" % NUMBER, "Respondi pelo celular", from_me=True)]))
        typed = self.env["cc.message"].search(
            [("provider_message_id", "=", "true_%s@c.us_PHONE1" % NUMBER)])
        self.assertEqual((typed.direction, typed.state, typed.body),
                         ("outbound", "sent", "Respondi pelo celular"))
        self.assertEqual(typed.conversation_id, conversation)
        self.assertFalse(conversation.first_unanswered_date, "the customer is answered")
        self._send()
        self.assertFalse(self._sends(), "nothing sent again")

    def test_our_own_send_echoed_back_is_not_stored_twice(self):
        conversation = self._customer_writes().conversation_id
        message = self._queue(conversation, "Oi")
        self._send()
        self._process(envelope(messages=[gw_message(
            message.provider_message_id, "Oi", from_me=True)]))
        self._process(envelope(messages=[gw_message(
            "true_other_id", "Oi", from_me=True, external_id="cc-%s" % message.id)]))
        self.assertEqual(self.env["cc.message"].search_count([
            ("conversation_id", "=", conversation.id), ("direction", "=", "outbound")]), 1)

    def test_deleted_event_and_contact_update(self):
        message = self._customer_writes("false_DEL", "mensagem apagada")
        self._process(envelope(events=[{"type": "deleted", "id": "false_DEL"}],
                               updates=[{"number": NUMBER, "name": "Maria S. Lima"}]))
        self.assertIn("Deleted on WhatsApp", message.body)
        self.assertIn("mensagem apagada", message.body)
        self.assertEqual(message.conversation_id.customer_name, "Maria S. Lima")

    def test_phone_disconnection_warns_the_manager_and_holds_the_outbox(self):
        conversation = self._customer_writes().conversation_id
        self._process(envelope(events=[{"type": "phone-status",
                                        "status": "disconnected"}]))
        self.assertEqual(self.connector.wg_state, "disconnected")
        self.assertIn("not connected", self.connector.last_error, "red in the list")
        self.assertEqual(self.connector._cc_connection_state()[0], "disconnected")
        activity = self.connector.activity_ids.filtered(
            lambda a: a.user_id == self.user_manager)
        self.assertEqual(len(activity), 1)
        message = self._queue(conversation, "Oi")
        self._send()
        self.assertEqual(message.state, "queued", "held while the phone is offline")
        self.assertFalse(self._sends())
        self._process(envelope(events=[{"type": "phone-status", "status": "connected"}]))
        self.assertEqual(self.connector.wg_state, "connected")
        self.assertFalse(self.connector.last_error)
        self.assertFalse(self.connector.activity_ids.filtered(
            lambda a: a.user_id == self.user_manager), "the warning is done")
        self._send()
        self.assertEqual(message.state, "sent", "the held message goes out at once")

    def test_test_connection_reports_the_phone(self):
        provider = self.connector._provider()
        self.assertIn("connected", provider._test_connection(self.connector))
        self.gateway.state = "qr"
        with self.assertRaisesRegex(UserError, "QR code"):
            provider._test_connection(self.connector)
        self.assertEqual(self.connector.wg_state, "qr")
        self.assertTrue(self.connector.wg_qr)

    def test_set_webhook_points_the_gateway_here(self):
        self.connector.action_wg_set_webhook()
        self.assertEqual(self.gateway.webhook_url, self.connector.webhook_url)

    @mute_logger(SEND_LOGGER)
    def test_gateway_errors_map_to_send_results(self):
        conversation = self._customer_writes().conversation_id
        cases = [(400, "failed"), (202, "failed"), (500, "queued")]
        for status, state in cases:
            self.gateway.fail("sendText", status, "erro %s" % status)
            message = self._queue(conversation, "tentativa %s" % status)
            self._send()
            self.assertEqual(message.state, state, status)
            if state == "failed":
                self.assertIn("erro %s" % status, message.failure_reason)
        self.assertIn("erro 202", self.connector.last_error)

    def test_read_chat_marks_the_customer_chat_read(self):
        conversation = self._customer_writes().conversation_id
        self.assertTrue(self.connector._provider()._mark_read(conversation))
        self.assertEqual(self.gateway.requests_to("readChat")[0].json, {"number": NUMBER})

    def test_secrets_are_for_managers_only(self):
        connector = self.connector.with_user(self.user_agent)
        for name in ("wg_token", "wg_client_id", "wg_allowed_ips"):
            with self.assertRaises(AccessError):
                connector.read([name])
        manager = self.connector.with_user(self.user_manager)
        self.assertEqual(manager.read(["wg_token"])[0]["wg_token"], "gw-token-for-tests")
