# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The triage bot over SMS: numbered text to the fake Kolmeya server, answers
by number or words, quiet hours hand over to the queue, opt-out."""
from datetime import timedelta

import pytz

from odoo import fields
from odoo.tests import tagged

from odoo.addons.cc_core.tests.bot_common import make_flow

from .common import PHONE, KolmeyaCase


@tagged("post_install", "-at_install")
class TestKolmeyaBot(KolmeyaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connector.bot_flow_id = make_flow(cls.env)
        cls.bot_user = cls.env.ref("cc_core.user_cc_bot")

    def _reply(self, text, reply_id):
        # Kolmeya dates its replies in São Paulo time (a UTC time would be
        # three hours ahead: in the future, hence discarded).
        received = pytz.utc.localize(fields.Datetime.now()).astimezone(
            pytz.timezone("America/Sao_Paulo"))
        self._webhook("reply", {"id": reply_id, "phone": PHONE.lstrip("+"),
                                "message": text,
                                "received_at": received.strftime("%Y-%m-%d %H:%M:%S")})
        return self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", PHONE)])

    def _sms_bodies(self):
        return [message["message"] for body in self._stored_bodies()
                for message in body["messages"]]

    def test_numbered_menu_and_answers_by_number_and_words(self):
        conversation = self._reply("Oi", "r-1")
        self.assertEqual(conversation.state, "bot")
        self._send()
        self.assertEqual(self._sms_bodies(), [
            "Olá! Sou o assistente virtual.\n\nComo podemos ajudar?\n1 - Segunda via\n"
            "2 - Pedido\n3 - Cadastro\n4 - Falar com atendente"])
        self._reply("3", "r-2")
        self._reply("atualizar cpf", "r-3")
        self._reply("123", "r-4")  # not a CPF
        self._reply("529.982.247-25", "r-5")
        self._send()
        self.assertEqual(self._sms_bodies()[1:], [
            "Cadastro: o que deseja?\n1 - Atualizar CPF\n2 - Voltar",
            "Informe seu CPF",
            "Não entendi.\n\nInforme seu CPF",
            "Vou chamar um atendente.",
        ])
        self.assertEqual(conversation.bot_answer_ids.value, "529.982.247-25")
        self.assertEqual(conversation.state, "new", "in the queue (manual policy)")
        bot_messages = conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual(bot_messages.author_id, self.bot_user)
        self.assertEqual(set(bot_messages.mapped("state")), {"sent"})

    def test_duplicate_reply_is_answered_once(self):
        self._reply("Oi", "r-10")
        self._reply("3", "r-11")
        conversation = self._reply("3", "r-11")
        self._send()
        self.assertEqual(len(self._sms_bodies()), 2)
        self.assertEqual(conversation.bot_node_id.name, "Cadastro")

    def test_quiet_hours_hand_over_instead_of_waiting(self):
        tz = pytz.timezone("America/Sao_Paulo")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        self.connector.write({
            "kolmeya_quiet_hours": True, "kolmeya_tz": "America/Sao_Paulo",
            "kolmeya_quiet_start": (hour - 1) % 24, "kolmeya_quiet_end": (hour + 1) % 24})
        conversation = self._reply("Oi", "r-20")
        self.assertEqual(conversation.state, "new")
        self.assertFalse(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound"), "nothing queued for the morning")

    def test_opt_out_and_timeout(self):
        conversation = self._reply("Oi", "r-30")
        self._send()
        self._reply("PARE", "r-31")
        self._send()
        self.assertEqual(len(self._sms_bodies()), 1, "only the greeting")
        self.assertNotEqual(conversation.state, "bot")
        self._reply("Oi?", "r-32")
        self._send()
        self.assertEqual(len(self._sms_bodies()), 1, "never to an opted-out customer")
        conversation.sudo().action_close()
        self.env["cc.opt.out"].search([]).unlink()
        conversation = self._reply("Oi de novo", "r-33")
        self.assertEqual(conversation.state, "bot")
        conversation.bot_last_date = fields.Datetime.now() - timedelta(hours=1)
        self.env["cc.conversation"]._cron_bot_timeout()
        self.assertEqual(conversation.state, "new")
