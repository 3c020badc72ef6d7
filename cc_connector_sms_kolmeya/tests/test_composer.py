# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import Form, tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestComposer(KolmeyaCase):
    """Live characters, encoding, SMS parts and cost under the text."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.conversation.with_user(self.user_agent).action_take()

    def _info(self, text):
        form = Form(self.env["cc.message.compose"].with_user(self.user_agent).with_context(
            default_conversation_id=self.conversation.id))
        form.body = text
        return form.body_info

    def test_gsm7_single_part(self):
        info = self._info("Bom dia")
        self.assertIn("7 characters", info)
        self.assertIn("GSM-7", info)
        self.assertIn("1 SMS part(s), 153 characters left", info)
        self.assertIn("0.08", info)

    def test_unicode_and_parts(self):
        info = self._info("Olá, ação! 😀")
        self.assertIn("Unicode", info)
        self.assertIn("1 SMS part(s)", info)
        info = self._info("a" * 161)
        self.assertIn("2 SMS part(s)", info)
        self.assertIn("0.16", info)

    def test_too_long_is_flagged(self):
        self.assertIn("TOO LONG", self._info("ç" * 269))

    def test_signature_is_counted(self):
        self.agent.signature = "Karina"
        # "Karina: Bom dia": the short SMS form of the signature.
        self.assertIn("15 characters", self._info("Bom dia"))
        self.agent.signature = "*Karina*"
        self.assertIn("15 characters", self._info("Bom dia"),
                      "WhatsApp markup is never sent (nor paid for) on SMS")
