# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Templates synced from the WhatsApp Business Account."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WABA, WhatsAppCase


@tagged("post_install", "-at_install")
class TestTemplates(WhatsAppCase):
    def _templates(self, **domain):
        return self.env["cc.whatsapp.template"].with_context(active_test=False).search(
            [("connector_id", "=", self.connector.id)]
            + [(k, "=", v) for k, v in domain.items()])

    def test_sync_mirrors_the_waba(self):
        counts = self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        self.assertEqual(counts, {"total": 3, "approved": 2, "archived": 0})
        request = self.graph.requests_to("/%s/message_templates" % WABA)[0]
        self.assertEqual(request.headers["authorization"], "Bearer EAAG-test-token")
        reminder = self._templates(name="cobranca_lembrete")
        self.assertEqual(
            (reminder.language, reminder.category, reminder.status,
             reminder.header_format, reminder.footer_text),
            ("pt_BR", "utility", "approved", "document", "Equipe Financeira"))
        self.assertEqual(reminder.body_text,
                         "Olá {{1}}, seu boleto de {{2}} vence amanhã.")
        self.assertEqual(reminder.parameter_ids.mapped("label"), [
            "Header Document", "Body {{1}}", "Body {{2}}", "Button 1 (link)"])
        self.assertEqual(self._templates(name="codigo_acesso").status, "pending")
        self.assertTrue(self.connector.wa_templates_synced_date)
        self.assertEqual(self.connector.wa_template_count, 3)

    def test_resync_keeps_parameter_values_and_archives_removed_templates(self):
        Template = self.env["cc.whatsapp.template"]
        Template._sync_connector(self.connector)
        welcome = self._templates(name="boas_vindas")
        welcome.parameter_ids.value = "{{ object.partner_id.name }}"
        self.graph.templates = [t for t in self.graph.templates
                                if t["name"] != "cobranca_lembrete"]
        self.graph.templates[0]["status"] = "PAUSED"
        counts = Template._sync_connector(self.connector)
        self.assertEqual(counts["archived"], 1)
        self.assertFalse(self._templates(name="cobranca_lembrete").active)
        self.assertEqual(welcome.status, "paused")
        self.assertEqual(welcome.parameter_ids.value, "{{ object.partner_id.name }}")
        # Meta lists it again: it comes back.
        self._reset_graph()
        Template._sync_connector(self.connector)
        self.assertTrue(self._templates(name="cobranca_lembrete").active)

    def test_paged_template_lists_are_followed(self):
        self.graph.template_page_size = 1
        try:
            counts = self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        finally:
            self.graph.template_page_size = None
        self.assertEqual(counts["total"], 3)

    def test_sync_errors_are_clear_and_change_nothing(self):
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        self.graph.fail("*/message_templates", 400, code=100, message="Bad WABA",
                        method="GET")
        with self.assertRaisesRegex(UserError, "Bad WABA"):
            self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        self.assertEqual(len(self._templates(active=True)), 3)
        self.connector.wa_business_account_id = False
        with self.assertRaisesRegex(UserError, "Business Account ID"):
            self.env["cc.whatsapp.template"]._sync_connector(self.connector)

    def test_sync_button_as_manager_and_agents_only_read(self):
        action = self.connector.with_user(self.user_manager).action_wa_sync_templates()
        self.assertEqual(action["tag"], "display_notification")
        templates = self._templates().with_user(self.user_agent)
        self.assertEqual(len(templates.read(["name", "status"])), 3)
        with self.assertRaises(AccessError):
            templates[0].parameter_ids[:1].write({"value": "x"})
        with self.assertRaises(AccessError):
            templates.unlink()

    @mute_logger("odoo.addons.cc_connector_whatsapp.models.cc_whatsapp_template")
    def test_daily_cron_syncs_and_survives_errors(self):
        self.graph.fail("*/message_templates", 500, code=2, message="Down",
                        method="GET", times=10)
        self.env["cc.whatsapp.template"]._cron_sync()
        self.assertFalse(self._templates())
        self._reset_graph()
        self.env["cc.whatsapp.template"]._cron_sync()
        self.assertEqual(len(self._templates()), 3)
