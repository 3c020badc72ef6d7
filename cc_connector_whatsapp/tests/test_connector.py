# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The connector form: provider, secrets, Test connection."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PNID, WhatsAppCase


@tagged("post_install", "-at_install")
class TestConnector(WhatsAppCase):
    def test_test_connection_reads_name_and_quality(self):
        action = self.connector.with_user(self.user_manager).action_test_connection()
        self.assertIn("Contact Center Demo", action["params"]["message"])
        self.assertIn("GREEN", action["params"]["message"])
        self.assertEqual(self.connector.wa_verified_name, "Contact Center Demo")
        self.assertEqual(self.connector.wa_quality_rating, "GREEN")
        self.assertEqual(self.connector.wa_display_phone_number, "+55 11 99999-0000")
        request = self.graph.requests_to("/%s" % PNID)[0]
        self.assertEqual(request.path, "/v26.0/%s" % PNID)

    def test_test_connection_with_a_bad_token_says_so(self):
        self.connector.wa_access_token = "revoked"
        # The flag is written by a cursor of its own: let it see this test's data.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with self.assertRaisesRegex(UserError, "access token"):
            self.connector.action_test_connection()
        self.connector.invalidate_cache()
        self.assertTrue(self.connector.wa_token_invalid,
                        "flagged although the button's transaction is rolled back")
        self.assertIn("access token", self.connector.message_ids[:1].body)

    def test_successful_test_lifts_the_token_flag(self):
        self.connector.write({"wa_token_invalid": True})
        self.connector.action_test_connection()
        self.assertFalse(self.connector.wa_token_invalid)

    def test_secrets_are_for_managers_only(self):
        as_agent = self.connector.with_user(self.user_agent)
        self.assertEqual(as_agent.wa_phone_number_id, PNID)
        for field in ("wa_access_token", "wa_app_secret", "wa_verify_token",
                      "webhook_url"):
            with self.assertRaises(AccessError, msg=field):
                as_agent.read([field])
        as_manager = self.connector.with_user(self.user_manager)
        self.assertTrue(as_manager.read(["wa_access_token", "wa_app_secret"]))

    def test_defaults_point_at_meta_and_are_editable(self):
        connector = self.env["cc.connector"].create({
            "name": "Other number", "provider": "whatsapp_cloud",
            "channel_kind": "whatsapp", "wa_phone_number_id": "2222"})
        self.assertEqual(connector.wa_graph_base_url, "https://graph.facebook.com")
        self.assertEqual(connector.wa_api_version, "v26.0")
        self.assertTrue(connector.wa_verify_token)
        self.assertNotEqual(connector.wa_verify_token, self.connector.wa_verify_token)

    def test_configuration_rules(self):
        with self.assertRaises(ValidationError):
            self.env["cc.connector"].create({
                "name": "No id", "provider": "whatsapp_cloud",
                "channel_kind": "whatsapp"})
        with self.assertRaises(ValidationError):
            self.env["cc.connector"].create({
                "name": "Twin", "provider": "whatsapp_cloud",
                "channel_kind": "whatsapp", "wa_phone_number_id": PNID})
        with self.assertRaises(ValidationError):
            self.env["cc.connector"].create({
                "name": "SMS?", "provider": "whatsapp_cloud", "channel_kind": "sms",
                "wa_phone_number_id": "3333"})
