# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CcCase


@tagged("post_install", "-at_install")
class TestProviderRead(CcCase):
    """The provider hears that the agent read a conversation, later, by cron."""

    def _read_by_agent(self):
        self._inbound("Oi")
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        conversation.with_user(self.user_agent).action_take()
        conversation.with_user(self.user_agent).action_mark_read()
        return conversation

    def test_mark_read_is_told_to_the_provider_by_the_cron(self):
        conversation = self._read_by_agent()
        self.assertEqual(conversation.unread_count, 0)
        self.assertEqual(self.wire.read, [], "the agent's click never calls the provider")
        self.assertTrue(conversation.provider_read_pending)
        self.env["cc.conversation"]._cron_provider_mark_read()
        self.assertEqual(self.wire.read, [conversation.id])
        self.assertFalse(conversation.provider_read_pending)
        self.env["cc.conversation"]._cron_provider_mark_read()
        self.assertEqual(self.wire.read, [conversation.id], "told once")

    def test_nothing_unread_tells_nothing(self):
        conversation = self._read_by_agent()
        self.env["cc.conversation"]._cron_provider_mark_read()
        conversation.with_user(self.user_agent).action_mark_read()
        self.assertFalse(conversation.provider_read_pending)

    @mute_logger("odoo.addons.cc_core.models.cc_conversation_provider_read")
    def test_provider_failure_is_swallowed(self):
        conversation = self._read_by_agent()
        self.wire.read_error = ConnectionError("provider down")
        self.env["cc.conversation"]._cron_provider_mark_read()
        self.assertFalse(conversation.provider_read_pending, "best effort, not retried")
