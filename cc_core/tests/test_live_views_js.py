# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLiveViewsJs(HttpCase):
    """QUnit tests of the inbox views following the bus (headless Chromium):
    a new conversation appears without a page refresh."""

    def test_live_inbox_views(self):
        self.browser_js("/web/tests?module=cc_core", "", "", login="admin", timeout=600)
