# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace on WhatsApp: window, template picker, SMS fallback."""
import json
import logging
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import WA_ID_OLD, WhatsAppCase, WhatsAppWithFakeSmsMixin

_logger = logging.getLogger(__name__)


def _close_window(conversation):
    conversation.sudo().write(
        {"last_inbound_date": conversation.last_inbound_date - timedelta(hours=30)})


@tagged("post_install", "-at_install")
class TestWorkspaceWhatsApp(WhatsAppCase):
    def setUp(self):
        super().setUp()
        self.ws = self.env["cc.workspace"].with_user(self.user_agent)

    def test_window_open_then_closed(self):
        conversation = self._taken_conversation()
        row = self.ws.workspace_row(conversation.id)
        self.assertTrue(row["window"]["open"])
        self.assertTrue(row["window"]["end"])
        composer = self.ws.workspace_panel(conversation.id)["composer"]
        self.assertEqual(composer["mode"], "text")
        self.assertTrue(composer["whatsapp"]["window_open"])
        _close_window(conversation)
        self.assertFalse(self.ws.workspace_row(conversation.id)["window"]["open"])
        composer = self.ws.workspace_panel(conversation.id)["composer"]
        self.assertEqual(composer["mode"], "template")
        self.assertEqual(composer["whatsapp"]["sms_fallback"], {
            "available": False, "reason": "No SMS connector is available to you."})
        with self.assertRaisesRegex(UserError, "24"):
            self.ws.workspace_post(conversation.id, body="Texto livre")
        self.assertFalse(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound"), "a refused send creates nothing")

    def test_template_picker_and_send(self):
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        conversation = self._taken_conversation()
        partner = self.env["res.partner"].create({"name": "Maria Cliente"})
        conversation.partner_id = partner
        _close_window(conversation)
        template = self.env["cc.whatsapp.template"].search(
            [("name", "=", "cobranca_lembrete")])
        header, name, amount, button = template.parameter_ids
        name.value = "{{ object.partner_id.name }}"
        templates = self.ws.workspace_panel(conversation.id)["composer"][
            "whatsapp"]["templates"]
        self.assertEqual(sorted(t["name"] for t in templates),
                         ["boas_vindas", "cobranca_lembrete"], "approved only")
        picked = next(t for t in templates if t["name"] == "cobranca_lembrete")
        self.assertEqual([p["label"] for p in picked["parameters"]], [
            "Header Document", "Body {{1}}", "Body {{2}}", "Button 1 (link)"])
        self.assertEqual(picked["parameters"][1]["default"], "Maria Cliente")
        values = {p["key"]: p["default"] for p in picked["parameters"]}
        with self.assertRaisesRegex(UserError, "Attach the file"):
            self.ws.workspace_send_template(conversation.id, template.id, values)
        values.update({str(header.id): "https://example.com/b.pdf",
                       str(amount.id): "R$ 10,00", str(button.id): "X1"})
        result = self.ws.workspace_send_template(conversation.id, template.id, values)
        self.assertEqual(result["message"]["message_type"], "template")
        self.assertEqual(result["message"]["state"], "queued")
        message = self.env["cc.message"].browse(result["message"]["id"])
        self.assertEqual(message.wa_template_id, template)
        self.assertEqual(json.loads(message.wa_template_values),
                         ["https://example.com/b.pdf", "Maria Cliente", "R$ 10,00", "X1"])

    def test_open_with_template_picker_within_figure(self):
        """Opening a closed-window conversation with its template picker stays
        within the issue's 12 queries."""
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        template = self.env["cc.whatsapp.template"].search(
            [("name", "=", "cobranca_lembrete")])
        template.parameter_ids[1].value = "{{ object.partner_id.name or object.name }}"
        template.parameter_ids[2].value = "R$ 10,00"
        conversation = self._taken_conversation()
        _close_window(conversation)
        counts = []
        for _index in range(3):
            self.env["base"].flush()
            self.env["base"].invalidate_cache()
            start = self.cr.sql_log_count
            result = self.ws.workspace_open(conversation_id=conversation.id)
            counts.append(self.cr.sql_log_count - start)
        picked = next(t for t in result["panel"]["composer"]["whatsapp"]["templates"]
                      if t["name"] == "cobranca_lembrete")
        self.assertEqual(picked["parameters"][1]["default"], "Maria Souza")
        self.assertEqual(picked["parameters"][2]["default"], "R$ 10,00")
        _logger.info("cc_performance: workspace open, WhatsApp closed window with the "
                     "template picker (3 templates): %s queries", counts[-1])
        self.assertEqual(counts[1], counts[2])
        self.assertLessEqual(counts[-1], 12, counts)


@tagged("post_install", "-at_install")
class TestWorkspaceSmsFallback(WhatsAppWithFakeSmsMixin, TransactionCase):
    def test_fallback_offered_and_sent_in_the_sms_conversation(self):
        conversation = self._taken_conversation(wa_id=WA_ID_OLD)
        _close_window(conversation)
        ws = self.env["cc.workspace"].with_user(self.user_agent)
        fallback = ws.workspace_panel(conversation.id)["composer"]["whatsapp"][
            "sms_fallback"]
        self.assertEqual(fallback, {"available": True, "reason": False})
        result = ws.workspace_send_sms_fallback(conversation.id, "Seu boleto vence hoje.")
        sms_conversation = self.env["cc.conversation"].browse(result["conversation_id"])
        self.assertEqual(sms_conversation.connector_id, self.sms_connector)
        self.assertEqual(result["row"]["id"], sms_conversation.id)
        self.assertTrue(result["row"]["is_mine"])
        self.assertEqual((result["message"]["body"], result["message"]["state"]),
                         ("Seu boleto vence hoje.", "queued"))
