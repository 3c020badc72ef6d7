# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import FakeProviderMixin


@tagged("post_install", "-at_install")
class TestInboxTour(FakeProviderMixin, HttpCase):
    """An agent works a conversation from the queue in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_fake_provider()

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def test_agent_takes_answers_and_closes(self):
        user = new_test_user(self.env, "cc_tour_agent", groups="cc_core.group_cc_agent",
                             name="Tina Tour")
        agent = self.env["cc.agent"].create({"user_id": user.id, "presence": "online"})
        connector = self.env["cc.connector"].create({
            "name": "Tour WhatsApp", "provider": "fake", "channel_kind": "whatsapp",
            "agent_ids": [(6, 0, agent.ids)]})
        conversation = self.env["cc.conversation"].create({
            "connector_id": connector.id, "address": "+5511911112222",
            "customer_name": "Tour Customer", "unread_count": 1})
        self.start_tour("/web", "cc_inbox_tour", login="cc_tour_agent")
        conversation.invalidate_cache()
        self.assertEqual(conversation.state, "done")
        self.assertEqual(conversation.unread_count, 0)
        self.assertEqual(conversation.message_ids_cc.filtered("event_type").mapped(
            "event_type"), ["taken", "closed"])
        sent = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual(sent.state, "queued")
        self.assertIn("como posso ajudar", sent.body)
        self.assertEqual(sent.author_id, user)
