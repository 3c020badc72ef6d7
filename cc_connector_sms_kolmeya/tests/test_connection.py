# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestConnection(KolmeyaCase):
    def test_ok(self):
        action = self.connector.with_user(self.user_manager).action_test_connection()
        self.assertIn("1", action["params"]["message"])
