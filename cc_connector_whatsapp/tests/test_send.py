# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the outbox sends to the Graph API, byte for byte as JSON."""
import base64
import json

from odoo.tests import tagged

from .common import PNID, WA_ID, WA_ID_OLD, WhatsAppCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
ENVELOPE = {"messaging_product": "whatsapp", "recipient_type": "individual",
            "to": WA_ID}


@tagged("post_install", "-at_install")
class TestSend(WhatsAppCase):
    def setUp(self):
        super().setUp()
        self.conversation = self._taken_conversation()

    def _attachment(self, name, content, mimetype=None, **vals):
        values = dict({"name": name, "res_model": "cc.message"}, **vals)
        if content is not None:
            values["raw"] = content
        if mimetype:
            values["mimetype"] = mimetype
        return self.env["ir.attachment"].create(values)

    def _template(self, name):
        return self.env["cc.whatsapp.template"].search(
            [("connector_id", "=", self.connector.id), ("name", "=", name)])

    def test_text_is_queued_then_sent_by_the_cron(self):
        message = self._queue(self.conversation, "Seu pedido saiu para entrega")
        self.assertEqual(message.state, "queued")
        self.assertFalse(self._sent_payloads(), "the agent's click never calls Meta")
        self._send()
        self.assertEqual(self._sent_payloads(), [dict(
            ENVELOPE, type="text",
            text={"body": "Seu pedido saiu para entrega", "preview_url": False})])
        self.assertEqual(message.state, "sent")
        self.assertTrue(message.provider_message_id.startswith("wamid."))
        request = self.graph.requests_to("/%s/messages" % PNID)[0]
        self.assertEqual(request.path, "/v26.0/%s/messages" % PNID)
        self.assertEqual(request.headers["authorization"], "Bearer EAAG-test-token")

    def test_links_get_a_preview(self):
        self._queue(self.conversation, "Veja https://example.com/pedido/42")
        self._send()
        self.assertTrue(self._sent_payloads()[0]["text"]["preview_url"])

    def test_api_version_is_a_setting(self):
        self.connector.wa_api_version = "v27.0"
        self._queue(self.conversation)
        self._send()
        self.assertEqual(self.graph.requests_to("/%s/messages" % PNID)[0].path,
                         "/v27.0/%s/messages" % PNID)

    def test_image_is_uploaded_then_sent_by_id(self):
        attachment = self._attachment("foto.png", PNG, "image/png")
        message = self._queue(self.conversation, "", attachments=attachment)
        self.assertEqual(message.message_type, "image")
        self._send()
        upload = self.graph.requests_to("/%s/media" % PNID)[0]
        self.assertEqual(upload.form, {"messaging_product": "whatsapp",
                                       "type": "image/png"})
        self.assertEqual(upload.files["file"].content, PNG)
        media_id = next(iter(self.graph.media))
        self.assertEqual(self._sent_payloads(), [dict(
            ENVELOPE, type="image", image={"id": media_id})])
        self.assertEqual(message.state, "sent")

    def test_document_audio_video_sticker(self):
        files = [
            ("boleto.pdf", b"%PDF-1.4", "application/pdf", "document"),
            ("audio.ogg", b"OggS-fake", "audio/ogg", "audio"),
            ("video.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4", "video"),
            ("sticker.webp", b"RIFF-fake-WEBP", "image/webp", "sticker"),
        ]
        attachments = self.env["ir.attachment"]
        for name, content, mimetype, _kind in files:
            attachments |= self._attachment(name, content, mimetype)
        messages = self._queue(self.conversation, "", attachments=attachments)
        self.assertEqual(messages.mapped("message_type"),
                         ["document", "audio", "video", "sticker"])
        self._send()
        sent = self._sent_payloads()
        self.assertEqual([p["type"] for p in sent],
                         ["document", "audio", "video", "sticker"])
        self.assertEqual(sent[0]["document"]["filename"], "boleto.pdf")
        for payload in sent[1:]:
            self.assertEqual(set(payload[payload["type"]]), {"id"})
        uploads = self.graph.requests_to("/%s/media" % PNID)
        self.assertEqual([u.files["file"].content for u in uploads],
                         [f[1] for f in files])
        self.assertEqual(set(messages.mapped("state")), {"sent"})

    def test_media_by_public_link_is_not_uploaded(self):
        attachment = self._attachment(
            "catalogo.pdf", None, type="url", url="https://example.com/catalogo.pdf",
            mimetype="application/pdf")
        self._queue(self.conversation, "", attachments=attachment)
        self._send()
        self.assertFalse(self.graph.requests_to("/%s/media" % PNID))
        self.assertEqual(self._sent_payloads()[0]["document"], {
            "link": "https://example.com/catalogo.pdf", "filename": "catalogo.pdf"})

    def test_file_whatsapp_refuses_is_refused_before_queueing(self):
        from odoo.exceptions import UserError

        archive = self._attachment("fotos.zip", b"PK\x03\x04", "application/zip")
        with self.assertRaises(UserError):
            self._queue(self.conversation, "", attachments=archive)

    def test_canonical_wa_id_from_meta_is_learned(self):
        self.graph.wa_id_map[WA_ID] = WA_ID_OLD
        self._queue(self.conversation)
        self._send()
        self.assertEqual(self.conversation.address, "+" + WA_ID_OLD)

    def test_template_message(self):
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        template = self._template("cobranca_lembrete")
        partner = self.env["res.partner"].create({"name": "Maria Cliente",
                                                  "ref": "PAG-77"})
        self.conversation.partner_id = partner
        header, name, amount, button = template.parameter_ids
        name.value = "{{ object.partner_id.name }}"
        amount.value = "R$ 120,00"
        button.value = "{{ object.partner_id.ref }}"
        composer = self.env["cc.message.compose"].with_user(self.user_agent).new(
            {"conversation_id": self.conversation.id})
        composer.wa_template_id = template
        composer._onchange_wa_template_id()
        self.assertEqual(composer.wa_value_ids.mapped("value"),
                         ["", "Maria Cliente", "R$ 120,00", "PAG-77"])
        composer.attachment_ids = self._attachment("boleto.pdf", b"%PDF-1.4",
                                                   "application/pdf")
        self.assertEqual(composer.wa_preview, "Olá Maria Cliente, seu boleto de "
                         "R$ 120,00 vence amanhã.\nEquipe Financeira")
        composer.action_send()
        message = self.conversation.message_ids_cc.filtered(
            lambda m: m.message_type == "template")
        self.assertEqual(message.body, composer.wa_preview)
        self.assertEqual(json.loads(message.wa_template_values),
                         ["", "Maria Cliente", "R$ 120,00", "PAG-77"])
        self._send()
        media_id = next(iter(self.graph.media))
        expected = {
            "name": "cobranca_lembrete",
            "language": {"code": "pt_BR"},
            "components": [
                {"type": "header", "parameters": [{"type": "document", "document": {
                    "id": media_id, "filename": "boleto.pdf"}}]},
                {"type": "body", "parameters": [
                    {"type": "text", "text": "Maria Cliente"},
                    {"type": "text", "text": "R$ 120,00"}]},
                {"type": "button", "sub_type": "url", "index": "0",
                 "parameters": [{"type": "text", "text": "PAG-77"}]},
            ]}
        self.assertEqual(self._sent_payloads(),
                         [dict(ENVELOPE, type="template", template=expected)])
        self.assertEqual(message.state, "sent")

    def test_template_header_by_link_and_missing_values(self):
        from odoo.exceptions import UserError

        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        template = self._template("cobranca_lembrete")
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": self.conversation.id, "wa_template_id": template.id})
        composer._onchange_wa_template_id()
        with self.assertRaises(UserError):
            composer.action_send()  # no header file, no values
        for line, value in zip(composer.wa_value_ids,
                               ["https://example.com/b.pdf", "Ana", "R$ 1", "X1"]):
            line.value = value
        composer.action_send()
        self._send()
        header = self._sent_payloads()[0]["template"]["components"][0]
        self.assertEqual(header["parameters"], [{"type": "document", "document": {
            "link": "https://example.com/b.pdf"}}])

    def test_mark_read_tells_meta_the_latest_customer_message(self):
        self._text_in("Mais uma coisa", wamid="wamid.LATEST")
        self.conversation.with_user(self.user_agent).action_mark_read()
        self.assertFalse(self.graph.requests, "the agent's click never waits on Meta")
        self.env["cc.conversation"]._cron_provider_mark_read()
        self.assertEqual([r.json for r in self.graph.requests_to("*/messages")], [{
            "messaging_product": "whatsapp", "status": "read",
            "message_id": "wamid.LATEST"}])
