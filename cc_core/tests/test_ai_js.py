# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAiJs(HttpCase):
    """QUnit tests of the AI assistant's buttons in the workspace (headless
    Chromium): suggestion inserted not sent, loading and error states,
    summary draft and save, voice-note transcription, nothing when off."""

    def test_ai_components(self):
        self.browser_js("/web/tests?module=cc_core_workspace_ai", "", "", login="admin",
                        timeout=600)
