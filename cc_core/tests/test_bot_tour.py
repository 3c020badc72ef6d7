# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import FakeProviderMixin


@tagged("post_install", "-at_install")
class TestBotFlowTour(FakeProviderMixin, HttpCase):
    """A manager writes a bot flow in the browser; the bot then runs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_fake_provider()

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def test_manager_writes_a_flow(self):
        new_test_user(self.env, "cc_bot_manager", groups="cc_core.group_cc_manager",
                      name="Bia Bot Manager")
        self.start_tour("/web", "cc_bot_flow_tour", login="cc_bot_manager")
        flow = self.env["cc.bot.flow"].search([("name", "=", "Triagem da loja")])
        self.assertEqual(flow.greeting, "Olá! Sou o assistente da loja.")
        self.assertEqual(flow.node_ids.name, "Principal")
        self.assertEqual(flow.node_ids.option_ids.mapped("title"),
                         ["Meu pedido", "Falar com atendente"])
        self.assertEqual(flow.node_ids.option_ids.mapped("action"),
                         ["handover", "handover"])
        connector = self.env["cc.connector"].create({
            "name": "Loja", "provider": "fake", "channel_kind": "sms",
            "fake_token": "loja", "bot_flow_id": flow.id})
        conversation, _created = self.env["cc.conversation"]._find_or_create(
            connector, "+5511944443333")
        conversation.with_context(cc_bot_start=True)._auto_assign()
        self.assertEqual(conversation.state, "bot")
        greeting = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual(greeting.body, "Olá! Sou o assistente da loja.\n\nComo podemos "
                         "ajudar?\n1 - Meu pedido\n2 - Falar com atendente")
