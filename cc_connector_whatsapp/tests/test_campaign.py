# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WhatsAppCase


@tagged("post_install", "-at_install")
class TestWhatsAppCampaign(WhatsAppCase):
    """A WhatsApp campaign sends an approved template, parameters filled per
    recipient, through the outbox."""

    def setUp(self):
        super().setUp()
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        Template = self.env["cc.whatsapp.template"]
        self.welcome = Template.search([("connector_id", "=", self.connector.id),
                                        ("name", "=", "boas_vindas")])
        self.welcome.parameter_ids.value = "{{ object.partner_id.name }}"
        self.pending = Template.search([("connector_id", "=", self.connector.id),
                                        ("name", "=", "codigo_acesso")])
        self.partner = self.env["res.partner"].create(
            {"name": "Rita Campanha", "mobile": "+55 11 93333-0001"})

    def _campaign(self, **vals):
        return self.env["cc.campaign"].create(dict({
            "name": "Boas-vindas", "connector_id": self.connector.id,
            "partner_domain": "[('id', '=', %d)]" % self.partner.id,
            "window_start": 0, "window_end": 0}, **vals))

    def test_template_is_required_and_must_be_approved(self):
        with self.assertRaisesRegex(UserError, "approved template"):
            self._campaign(body="Texto livre").action_start()
        with self.assertRaisesRegex(UserError, "not approved"):
            self._campaign(wa_template_id=self.pending.id).action_start()

    def test_campaign_sends_the_template_with_mapped_parameters(self):
        campaign = self._campaign(wa_template_id=self.welcome.id)
        campaign.action_prepare()
        self.assertIn("Bem-vindo, {{1}}!", campaign.preview)
        campaign.action_start()
        self.env["cc.campaign"]._cron_run_campaigns()
        message = self.env["cc.message"].search([("campaign_id", "=", campaign.id)])
        self.assertEqual((message.message_type, message.wa_template_id, message.body),
                         ("template", self.welcome, "Bem-vindo, Rita Campanha!"))
        self.assertEqual(json.loads(message.wa_template_values), ["Rita Campanha"])
        self._send()
        payload = self._sent_payloads()[-1]
        self.assertEqual(payload["type"], "template")
        self.assertEqual(payload["template"]["name"], "boas_vindas")
        self.assertEqual(payload["template"]["components"][0]["parameters"],
                         [{"type": "text", "text": "Rita Campanha"}])
        self.assertEqual(message.state, "sent")
