# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import WhatsAppWithFakeSmsMixin


@tagged("post_install", "-at_install")
class TestWorkspaceWhatsAppTour(WhatsAppWithFakeSmsMixin, HttpCase):
    """In the Inbox, a WhatsApp conversation whose 24-hour window is closed:
    the agent sends an approved template, then the SMS fallback
    (headless Chromium, fake Graph API and fake SMS provider on 127.0.0.1)."""

    def test_closed_window_template_then_sms_fallback(self):
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        conversation = self._taken_conversation()
        conversation.sudo().write(
            {"last_inbound_date": conversation.last_inbound_date - timedelta(hours=30)})
        template = self.env["cc.whatsapp.template"].search(
            [("connector_id", "=", self.connector.id), ("name", "=", "boas_vindas")])

        self.start_tour("/web", "cc_workspace_whatsapp_tour", login="wa_agent", timeout=120)

        self.env.cache.invalidate()
        sent = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual(len(sent), 1, "one template; the refused empty one created nothing")
        self.assertEqual((sent.message_type, sent.state, sent.wa_template_id),
                         ("template", "queued", template))
        self.assertEqual(json.loads(sent.wa_template_values), ["Maria"])
        sms_conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.sms_connector.id)])
        self.assertEqual(len(sms_conversation), 1)
        self.assertEqual(sms_conversation.agent_id, self.agent)
        sms = sms_conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual((sms.body, sms.state), ("Seu boleto vence hoje.", "queued"))
