# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceJs(HttpCase):
    """QUnit tests of the agent workspace components (headless Chromium):
    list reorder on a notification, replayed notification ignored, draft kept
    per conversation, customer HTML shown inert, optimistic send."""

    def test_workspace_components(self):
        self.browser_js("/web/tests?module=cc_core_workspace", "", "", login="admin",
                        timeout=600)

    def test_customer_avatar_components(self):
        """Rows show the customer's picture, else initials on a colour."""
        self.browser_js("/web/tests?module=cc_core_workspace_avatar", "", "",
                        login="admin", timeout=300)
