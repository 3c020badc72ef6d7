# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKolmeyaConnectorHealth(TransactionCase):
    """What the live dashboard says about Kolmeya connectors: access refused,
    prepaid balance (low or not) as last read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connector = cls.env["cc.connector"].with_context(tracking_disable=True).create({
            "name": "Kolmeya health", "provider": "kolmeya", "channel_kind": "sms",
            "kolmeya_base_url": "http://127.0.0.1:9", "kolmeya_low_balance": 50.0})
        cls.supervisor = new_test_user(cls.env, "kol_health_sup",
                                       groups="cc_core.group_cc_supervisor")

    def _items(self):
        connector = self.connector.with_user(self.supervisor)
        return connector._cc_health_items()[connector.id]

    def test_balance(self):
        self.assertEqual(self._items()[0]["key"], "balance_unknown")
        now = fields.Datetime.now()
        self.connector.sudo().write({"kolmeya_balance": 12.5, "kolmeya_balance_date": now})
        item = self._items()[0]
        self.assertEqual((item["key"], item["level"]), ("balance_low", "warning"))
        self.assertIn("12", item["label"])
        self.connector.sudo().write({"kolmeya_balance": 80.0})
        item = self._items()[0]
        self.assertEqual((item["key"], item["level"]), ("balance", "ok"))
        # No threshold: never low.
        self.connector.sudo().write({"kolmeya_balance": 1.0, "kolmeya_low_balance": 0})
        self.assertEqual(self._items()[0]["key"], "balance")

    def test_access_refused_comes_first(self):
        self.connector.sudo().write({
            "kolmeya_access_refused": True,
            "kolmeya_access_refused_date": fields.Datetime.now(),
            "kolmeya_access_refused_reason": "IP not whitelisted"})
        item = self._items()[0]
        self.assertEqual((item["key"], item["level"], item["detail"]),
                         ("access", "danger", "IP not whitelisted"))
