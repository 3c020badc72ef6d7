# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestConnection(KolmeyaCase):
    """Test connection: the balance, or a clear translated error."""

    def setUp(self):
        super().setUp()
        self.connector = self.connector.with_user(self.user_manager)
        self.server.segments = [{"id": 109, "name": "CORPORATIVO"},
                                {"id": 110, "name": "COBRANÇA"}]

    def _test(self):
        return self.connector.action_test_connection()["params"]["message"]

    def test_ok_shows_and_stores_the_balance_and_cost_centres(self):
        message = self._test()
        self.assertIn("1,234.56", message)
        self.assertIn("CORPORATIVO, COBRANÇA", message)
        self.assertEqual(self.connector.kolmeya_balance, 1234.56)
        self.assertTrue(self.connector.kolmeya_balance_date)
        self.assertEqual(sorted(self.connector.kolmeya_cost_centre_ids.mapped("kolmeya_id")),
                         [109, 110])

    def test_plain_decimal_balance(self):
        self.server.balance = "1500.50"
        self._test()
        self.assertEqual(self.connector.kolmeya_balance, 1500.5)

    def test_errors_are_explained(self):
        cases = [
            (dict(status=401, json={"errors": ["Unauthenticated."]}), "API token"),
            (dict(status=403, json={"errors": ["IP não autorizado"]}), "IP whitelist"),
            (dict(status=403, json={"errors": ["Forbidden"]}), "permission"),
            (dict(status=422, json={"errors": ["O campo x é inválido."]}),
             "O campo x é inválido"),
            (dict(status=429, json={"errors": ["Too Many Requests"]},
                  headers={"Retry-After": "30"}), "30 seconds"),
            (dict(status=500, json={"errors": ["boom"]}), "HTTP 500"),
            (dict(delay=2), "did not answer in time"),
            (dict(status=200, json={"saldo": 1}), "cannot read"),
        ]
        for script, expected in cases:
            self.server.enqueue("/sms/balance", **script)
            with self.assertRaisesRegex(UserError, expected):
                self._test()

    def test_wrong_url_and_missing_token(self):
        self.connector.sudo().kolmeya_base_url = self.server.url + "/nope"
        with self.assertRaisesRegex(UserError, "not found"):
            self._test()
        self.connector.sudo().kolmeya_base_url = "http://127.0.0.1:9"
        with self.assertRaisesRegex(UserError, "Cannot reach Kolmeya"):
            self._test()
        self.connector.sudo().kolmeya_token = False
        with self.assertRaisesRegex(UserError, "token"):
            self._test()

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(
            ["cc_connector_sms_kolmeya"], ["pt_BR"], overwrite=True)
        self.server.enqueue("/sms/balance", status=401, json={"errors": ["x"]})
        with self.assertRaisesRegex(UserError, "token da API"):
            self.connector.with_context(lang="pt_BR").action_test_connection()
