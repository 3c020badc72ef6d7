# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import FakeProviderMixin


@tagged("post_install", "-at_install")
class TestWorkspaceTour(FakeProviderMixin, HttpCase):
    """An agent works a whole conversation in the Inbox (headless Chromium):
    take from the queue, text, image, canned answer, a retried message whose
    tick changes, close; then a transfer with a note to a colleague."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_fake_provider()

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def test_agent_day_in_the_inbox(self):
        user = new_test_user(self.env, "cc_ws_agent", groups="cc_core.group_cc_agent",
                             name="Tina Workspace")
        colleague_user = new_test_user(self.env, "cc_ws_colleague",
                                       groups="cc_core.group_cc_agent",
                                       name="Bruno Colleague")
        Agent = self.env["cc.agent"]
        agent = Agent.create({"user_id": user.id, "presence": "online"})
        colleague = Agent.create({"user_id": colleague_user.id, "presence": "online"})
        self._connect(colleague_user)
        connector = self.env["cc.connector"].create({
            "name": "Tour WhatsApp", "provider": "fake", "channel_kind": "whatsapp",
            "agent_ids": [(6, 0, (agent | colleague).ids)]})
        queued = self.env["cc.conversation"].create({
            "connector_id": connector.id, "address": "+5511911112222",
            "customer_name": "Queue Customer", "unread_count": 1})
        failed = self.env["cc.message"].create({
            "conversation_id": queued.id, "direction": "outbound",
            "body": "Mensagem que falhou",
            "state": "failed", "failure_reason": "Timeout", "attempt_count": 3})
        handed = self.env["cc.conversation"].create({
            "connector_id": connector.id, "address": "+5511933334444",
            "customer_name": "Transfer Customer", "state": "current", "agent_id": agent.id})
        self.env["cc.template"].create({
            "name": "Prazo de entrega", "channel_kind": "all",
            "body": "{{ object.customer_name }}, entregamos em até 3 dias úteis."})

        self.start_tour("/web", "cc_workspace_tour", login="cc_ws_agent", timeout=180)

        self.env.cache.invalidate()
        self.assertEqual(queued.state, "done")
        self.assertEqual(queued.agent_id, agent)
        self.assertEqual(queued.unread_count, 0)
        self.assertEqual(queued.message_ids_cc.filtered("event_type").mapped("event_type"),
                         ["taken", "closed"])
        sent = queued.message_ids_cc.filtered(
            lambda m: m.direction == "outbound" and m != failed).sorted("id")
        self.assertEqual(sent.mapped("state"), ["queued"] * len(sent))
        self.assertIn("como posso ajudar", sent[0].body)
        self.assertEqual(sent.mapped("author_id"), user)
        images = sent.mapped("attachment_ids")
        self.assertEqual(images.mapped("name"), ["foto.png"])
        self.assertEqual(images.mimetype, "image/png")
        canned = sent.filtered(lambda m: "3 dias úteis" in (m.body or ""))
        self.assertEqual(canned.body,
                         "Queue Customer, entregamos em até 3 dias úteis. Obrigado!")
        self.assertEqual(failed.state, "queued", "retried from its bubble")

        self.assertEqual(handed.agent_id, colleague)
        transfer = handed.message_ids_cc.filtered(lambda m: m.event_type == "transferred")
        self.assertEqual(len(transfer), 1)
        self.assertIn("Cliente quer falar sobre a fatura", transfer.body or "")
