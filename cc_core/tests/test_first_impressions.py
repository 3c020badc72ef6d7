# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Defects a newcomer met in the first ten minutes (issue 13)."""
from lxml import etree

from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestFirstImpressions(CcCase):
    def _portuguese(self, user):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])
        user.lang = "pt_BR"
        return self.env["cc.conversation"].with_user(user).with_context(lang="pt_BR")

    def test_media_placeholder_is_shown_in_the_readers_language(self):
        # The webhook's technical user (English) stores the message...
        self.env.ref("cc_core.user_cc_webhook").sudo().lang = "en_US"
        self._inbound("", media=["MEDIA42"])
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual(conversation.last_message_type, "image")
        self.assertFalse(conversation.last_message_preview, "no language stored")
        # ... a Portuguese-speaking agent reads it in Portuguese.
        as_agent = self._portuguese(self.user_agent).browse(conversation.id)
        self.assertEqual(as_agent.last_message_summary, "[Imagem]")
        self.assertEqual(conversation.with_context(lang="en_US").last_message_summary,
                         "[Image]")
        self._inbound("Oi de novo", msg_id="text-after")
        self.assertEqual(as_agent.last_message_summary, "Oi de novo")

    def test_no_english_creation_log_in_the_history(self):
        self._inbound("Olá")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        bodies = conversation.message_ids.mapped("body")
        self.assertFalse([b for b in bodies if "created" in (b or "")], bodies)

    def test_inbound_image_is_shown_as_an_image(self):
        self._inbound("", media=["MEDIA42"])
        self.env["cc.message"]._cron_fetch_media()
        message = self.env["cc.message"].search([("connector_id", "=", self.connector.id),
                                                 ("direction", "=", "inbound")])
        attachment = message.attachment_ids
        self.assertEqual(attachment.mimetype, "image/png")
        html = message.with_user(self.user_agent).media_html
        self.assertIn('<img src="/web/image/%d/160x160"' % attachment.id, html)
        # The agent may open the file behind the thumbnail.
        self.assertTrue(attachment.with_user(self.user_agent).read(["datas"]))

    def test_message_dialog_uses_no_uploader_and_no_status_bar_for_inbound(self):
        arch = etree.fromstring(self.env["cc.message"].fields_view_get(
            view_type="form")["arch"])
        self.assertFalse(arch.xpath("//field[@widget='many2many_binary']"),
                         "the uploader widget needs data the dialog does not have")
        statusbar = arch.xpath("//field[@name='state'][@widget='statusbar']")[0]
        # Hidden unless outbound: an inbound message never went queued -> read.
        self.assertIn('"invisible": [["direction", "!=", "outbound"]]',
                      statusbar.get("modifiers"))

    def test_outbound_file_belongs_to_the_message(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        attachment = self.env["ir.attachment"].with_user(self.user_agent).create({
            "name": "foto.png", "raw": self.wire.media["MEDIA42"],
            "mimetype": "image/png", "res_model": "cc.message.compose"})
        message = self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation, "", attachment)
        self.assertEqual((attachment.res_model, attachment.res_id),
                         ("cc.message", message.id))
        # The supervisor, who may read the message, may open its file.
        self.assertTrue(attachment.with_user(self.user_supervisor).read(["name"]))

    def test_failed_events_menu_opens_failed_events(self):
        menu = self.env.ref("cc_core.cc_webhook_event_menu")
        self.assertEqual(menu.action.name, menu.name)
        self.assertIn("search_default_failed", menu.action.context)

    def test_connectors_empty_state_does_not_ask_to_install_addons(self):
        action = self.env.ref("cc_core.cc_connector_action")
        self.assertNotIn("Install", action.help)
        self.assertIn("Sandbox", action.help)

    def test_webhook_url_warns_when_providers_cannot_reach_it(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("web.base.url", "http://127.0.0.1:8069")
        connector = self.connector.with_user(self.user_manager)
        self.assertIn("https", connector.webhook_url_warning)
        self.assertIn("http://127.0.0.1:8069", connector.webhook_url_warning)
        params.set_param("web.base.url", "https://atendimento.empresa.com.br")
        connector.invalidate_cache()
        self.assertFalse(connector.webhook_url_warning)
