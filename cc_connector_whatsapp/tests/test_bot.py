# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The triage bot on WhatsApp Cloud (fake Graph API): menus as a list or
reply buttons inside the 24-hour window, taps, words, take-over."""
from odoo.tests import tagged

from odoo.addons.cc_core.tests.bot_common import make_flow

from .common import WhatsAppCase, contact, inbound, meta_body


@tagged("post_install", "-at_install")
class TestWhatsAppBot(WhatsAppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flow = make_flow(cls.env)
        cls.connector.bot_flow_id = cls.flow
        cls.bot_user = cls.env.ref("cc_core.user_cc_bot")

    def _tap(self, kind, option_title, wamid):
        option = self.flow.node_ids.option_ids.filtered(lambda o: o.title == option_title)
        reply = {"type": kind, kind: {"id": str(option.id), "title": option.title}}
        self._process(meta_body([inbound("interactive", reply, wamid)],
                                contacts=[contact()]))
        return self.env["cc.message"].search([("provider_message_id", "=", wamid)])

    def _interactive(self):
        return [p["interactive"] for p in self._sent_payloads()
                if p["type"] == "interactive"]

    def test_list_then_buttons_tapped(self):
        conversation = self._text_in("Oi", wamid="wamid.B1").conversation_id
        self.assertEqual(conversation.state, "bot")
        self._send()
        menu = self._interactive()[0]
        self.assertEqual(menu["type"], "list", "four options: a list")
        self.assertEqual(menu["body"]["text"],
                         "Olá! Sou o assistente virtual.\n\nComo podemos ajudar?")
        self.assertEqual([row["title"] for row in menu["action"]["sections"][0]["rows"]],
                         ["Segunda via", "Pedido", "Cadastro", "Falar com atendente"])
        self._tap("list_reply", "Cadastro", "wamid.B2")
        self._send()
        buttons = self._interactive()[1]
        self.assertEqual(buttons["type"], "button", "two options: reply buttons")
        self.assertEqual([b["reply"]["title"] for b in buttons["action"]["buttons"]],
                         ["Atualizar CPF", "Voltar"])
        self._tap("button_reply", "Voltar", "wamid.B3")
        self.assertEqual(conversation.bot_node_id.name, "Principal")
        self._text_in("pedido", wamid="wamid.B4")
        self._text_in("A-77", wamid="wamid.B5")  # not a number
        self._text_in("77", wamid="wamid.B6")
        self._send()
        self.assertEqual(conversation.bot_answer_ids.value, "77")
        self.assertEqual(conversation.state, "new", "handed over to the queue")
        texts = [p["text"]["body"] for p in self._sent_payloads() if p["type"] == "text"]
        self.assertEqual(texts, ["Qual o número do pedido?",
                                 "Não entendi.\n\nQual o número do pedido?",
                                 "Vou chamar um atendente."])

    def test_agent_takes_over_and_the_bot_stops(self):
        conversation = self._text_in("Oi", wamid="wamid.C1").conversation_id
        conversation.with_user(self.user_agent).action_take()
        self._text_in("3", wamid="wamid.C2")
        self._send()
        self.assertEqual(len(self._sent_payloads()), 1, "only the greeting")
        self.assertEqual(conversation.agent_id, self.agent)
        self._queue(conversation, "Oi, sou a Walter.")
        self._send()
        self.assertEqual(len(self._sent_payloads()), 2)

    def test_invalid_answers_then_queue(self):
        conversation = self._text_in("Oi", wamid="wamid.D1").conversation_id
        for index, text in enumerate(["?", "hmm", "nada"]):
            self._text_in(text, wamid="wamid.D%d" % (index + 2))
        self.assertEqual(conversation.state, "new")
        self._send()
        self.assertEqual(len(self._interactive()), 3, "greeting and the menu twice")
