# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestBalance(KolmeyaCase):
    """Cached balance, cron refresh, low-balance activity for the responsible."""

    def _activities(self):
        return self.connector.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(
                "cc_connector_sms_kolmeya.mail_activity_type_low_balance"))

    def test_form_reads_the_cache_not_kolmeya(self):
        self.connector.invalidate_cache()
        self.connector.read(["kolmeya_balance", "kolmeya_balance_date"])
        self.assertFalse(self.server.requests, "opening the form calls nobody")

    def test_cron_refresh_and_low_balance_activity(self):
        self.connector.kolmeya_low_balance = 100
        self.server.balance = "R$ 99,90"
        Connector = self.env["cc.connector"]
        Connector._cron_kolmeya_refresh_balance()
        self.assertAlmostEqual(self.connector.kolmeya_balance, 99.9)
        activity = self._activities()
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn("low", activity.summary)
        Connector._cron_kolmeya_refresh_balance()
        self.assertEqual(len(self._activities()), 1, "one activity, not one per run")
        self.server.balance = "R$ 1.500,00"
        Connector._cron_kolmeya_refresh_balance()
        self.assertFalse(self._activities(), "closed once credit was added")

    def test_no_threshold_no_activity(self):
        self.server.balance = "0,00"
        self.env["cc.connector"]._cron_kolmeya_refresh_balance()
        self.assertEqual(self.connector.kolmeya_balance, 0)
        self.assertFalse(self._activities())

    def test_cron_records_errors_and_continues(self):
        self.server.enqueue("/sms/balance", status=401, json={"errors": ["x"]})
        self.env["cc.connector"]._cron_kolmeya_refresh_balance()
        self.assertIn("API token", self.connector.last_error)

    def test_refresh_button(self):
        action = self.connector.with_user(
            self.user_manager).action_kolmeya_refresh_balance()
        self.assertIn("1,234.56", action["params"]["message"])
