# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The triage bot through the real inbound pipeline and outbox (fake provider)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .bot_common import make_flow
from .common import CcCase

ADDRESS = "+5511987650001"


@tagged("post_install", "-at_install")
class TestBot(CcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flow = make_flow(cls.env)
        cls.connector.bot_flow_id = cls.flow
        cls.team.assignment_policy = "balanced"
        cls.bot_user = cls.env.ref("cc_core.user_cc_bot")

    # helpers -------------------------------------------------------------
    def _say(self, text, msg_id=None, **extra):
        self._inbound(text, address=ADDRESS, msg_id=msg_id, **extra)
        return self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address", "=", ADDRESS)])

    def _bot_messages(self, conversation):
        return conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound" and m.author_id == self.bot_user)

    def _events(self, conversation, kind=None):
        return conversation.message_ids_cc.filtered(
            lambda m: m.message_type == "event" and (not kind or m.event_type == kind))

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    # start ---------------------------------------------------------------
    def test_a_new_customer_meets_the_bot_not_the_queue(self):
        conversation = self._say("Oi")
        self.assertEqual(conversation.state, "bot")
        self.assertFalse(conversation.agent_id, "routing did not assign it")
        greeting = self._bot_messages(conversation)
        self.assertEqual(len(greeting), 1)
        self.assertEqual(greeting.body, "Olá! Sou o assistente virtual.\n\nComo podemos "
                         "ajudar?\n1 - Segunda via\n2 - Pedido\n3 - Cadastro\n"
                         "4 - Falar com atendente")
        self.assertTrue(greeting.options_json)
        self.assertEqual(greeting.state, "queued", "through the outbox")
        self._send()
        self.assertEqual(greeting.state, "sent")
        self.assertEqual([body for _id, _to, body in self.wire.sent], [greeting.body])
        self.assertTrue(self._events(conversation, "bot_started"))
        # Out of the agents' queue: the queue drain and the Queue tab skip it.
        self.assertFalse(self.agent._cc_drain_queue())
        me = self.env["cc.workspace"].with_user(self.user_agent)._me_data()
        queue = self.env["cc.conversation"].with_user(self.user_agent).search(
            self.env["cc.workspace"]._tab_domain(me, "queue"))
        self.assertNotIn(conversation, queue)

    def test_no_bot_when_off(self):
        self.connector.bot_flow_id = False
        conversation = self._say("Oi")
        self.assertEqual(conversation.state, "current", "routed as before")
        self.assertFalse(self._bot_messages(conversation))

    def test_team_flow_when_the_connector_has_none(self):
        self.connector.bot_flow_id = False
        self.team.bot_flow_id = self.flow
        self.assertEqual(self._say("Oi").state, "bot")

    def test_a_reopened_conversation_meets_the_bot_again(self):
        conversation = self._say("Oi", msg_id="a1")
        self._say("4", msg_id="a2")
        self.assertEqual(conversation.state, "current")
        conversation.with_user(self.user_agent).action_close()
        self._say("Voltei", msg_id="a3")
        self.assertEqual(conversation.state, "bot")
        self.assertEqual(conversation.cycle, 2)
        self.assertEqual(len(self._bot_messages(conversation).filtered(
            lambda m: m.cycle == 2)), 1, "one greeting; 'Voltei' is not an answer")

    # answers -------------------------------------------------------------
    def test_number_words_and_tap(self):
        conversation = self._say("Oi", msg_id="b1")
        self._say("3", msg_id="b2")
        self.assertEqual(conversation.bot_node_id.name, "Cadastro")
        self._say("voltar", msg_id="b3")
        self.assertEqual(conversation.bot_node_id.name, "Principal")
        cadastro = self.flow.node_ids.option_ids.filtered(lambda o: o.title == "Cadastro")
        self._say("Cadastro", msg_id="b4", option_id=str(cadastro.id),
                  option_title="Cadastro", type="interactive")
        self.assertEqual(conversation.bot_node_id.name, "Cadastro")
        self.assertEqual(conversation.state, "bot")
        self.assertEqual(len(self._events(conversation, "bot_step")), 3)

    def test_question_answer_kept_with_tags_priority_and_team(self):
        sales = self.env["cc.team"].create({
            "name": "Vendas", "member_ids": [(6, 0, self.agent2.ids)],
            "assignment_policy": "balanced"})
        pedido = self.flow.node_ids.option_ids.filtered(lambda o: o.title == "Pedido")
        pedido.team_id = sales
        conversation = self._say("Oi", msg_id="c1")
        self._say("2", msg_id="c2")
        self.assertEqual(self._bot_messages(conversation)[-1].body,
                         "Qual o número do pedido?")
        self._say("não sei", msg_id="c3")
        self.assertEqual(self._bot_messages(conversation)[-1].body,
                         "Não entendi.\n\nQual o número do pedido?")
        self._say("12345", msg_id="c4")
        self.assertEqual(conversation.bot_answer_ids.mapped("name"), ["Pedido"])
        self.assertEqual(conversation.bot_answer_ids.value, "12345")
        self.assertEqual(conversation.tag_ids.name, "Pedido")
        self.assertEqual(conversation.priority, "2")
        self.assertEqual(conversation.team_id, sales)
        self.assertEqual(conversation.state, "current")
        self.assertEqual(conversation.agent_id, self.agent2, "routed in the new team")
        self.assertEqual(self._bot_messages(conversation)[-1].body,
                         "Vou chamar um atendente.")
        self.assertTrue(self._events(conversation, "bot_handover"))

    def test_template_reply_then_close(self):
        conversation = self._say("Oi", msg_id="d1")
        self._say("1", msg_id="d2")
        self.assertEqual(self._bot_messages(conversation)[-2:].mapped("body"), [
            "Acesse exemplo.com/boleto para a segunda via.", "Obrigado, até logo!"])
        self.assertEqual(conversation.state, "done")
        self.assertFalse(conversation.agent_id)

    def test_invalid_answers_hand_over(self):
        conversation = self._say("Oi", msg_id="e1")
        self._say("banana", msg_id="e2")
        self._say("laranja", msg_id="e3")
        self.assertEqual(conversation.state, "bot")
        self._say("uva", msg_id="e4")
        self.assertEqual(conversation.state, "current")
        self.assertEqual(len(self._bot_messages(conversation)), 3,
                         "greeting and two menus again; nothing on the third")
        self.assertIn("não entendeu", self._events(conversation, "bot_handover").body
                      .replace("did not understand", "não entendeu"))

    def test_asking_for_a_person_hands_over(self):
        (self.agent | self.agent2).write({"presence": "offline"})
        conversation = self._say("Oi", msg_id="f1")
        self._say("quero um humano", msg_id="f2")
        self.assertEqual(conversation.state, "new", "waits in the queue")
        me = self.env["cc.workspace"].with_user(self.user_agent)._me_data()
        queue = self.env["cc.conversation"].with_user(self.user_agent).search(
            self.env["cc.workspace"]._tab_domain(me, "queue"))
        self.assertIn(conversation, queue)

    def test_duplicate_delivery_answers_once(self):
        conversation = self._say("Oi", msg_id="g1")
        self._say("3", msg_id="g2")
        self._say("3", msg_id="g2")
        self.assertEqual(len(self._bot_messages(conversation)), 2)
        self.assertEqual(conversation.bot_node_id.name, "Cadastro")

    def test_message_cap(self):
        self.flow.max_messages = 3
        conversation = self._say("Oi", msg_id="h1")
        self._say("3", msg_id="h2")
        self._say("2", msg_id="h3")
        self.assertEqual(conversation.state, "bot")
        self._say("3", msg_id="h4")
        self.assertEqual(conversation.state, "current")
        self.assertEqual(len(self._bot_messages(conversation)), 3)

    def test_reactions_and_media_are_not_answers(self):
        conversation = self._say("Oi", msg_id="i1")
        self._say("", msg_id="i2", media=["MEDIA42"])
        self.assertEqual(conversation.bot_invalid_count, 1)
        self.assertEqual(conversation.state, "bot")

    # the bot stops -------------------------------------------------------
    def test_agent_takes_over_mid_flow(self):
        conversation = self._say("Oi", msg_id="j1")
        self._say("2", msg_id="j2")
        conversation.with_user(self.user_agent).action_take()
        self.assertEqual(conversation.state, "current")
        self.assertEqual(conversation.agent_id, self.agent)
        self.assertFalse(conversation.bot_option_id)
        self.assertTrue(self._events(conversation, "bot_stopped"))
        sent = len(self._bot_messages(conversation))
        self._say("12345", msg_id="j3")
        self.assertEqual(len(self._bot_messages(conversation)), sent, "the bot is silent")
        self.assertFalse(conversation.bot_answer_ids)

    def test_agent_sees_and_may_take_but_not_write(self):
        conversation = self._say("Oi", msg_id="k1")
        as_agent = conversation.with_user(self.user_agent)
        self.assertTrue(as_agent.name)  # readable
        with self.assertRaises(UserError):
            self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
                as_agent, "Olá")
        with self.assertRaises(UserError):
            self.env["cc.message"].with_user(self.user_supervisor)._queue_outbound(
                conversation.with_user(self.user_supervisor), "Olá")
        panel = self.env["cc.workspace"].with_user(self.user_agent).workspace_panel(
            conversation.id)
        self.assertTrue(panel["permissions"]["can_take"])
        self.assertFalse(panel["permissions"]["can_send"])

    def test_timeout_hands_over(self):
        conversation = self._say("Oi", msg_id="l1")
        Conversation = self.env["cc.conversation"]
        self.assertFalse(Conversation._cron_bot_timeout())
        conversation.bot_last_date = fields.Datetime.now() - timedelta(minutes=31)
        self.assertEqual(Conversation._cron_bot_timeout(), conversation)
        self.assertEqual(conversation.state, "current")
        self.assertEqual(len(self._bot_messages(conversation)), 1, "nothing more sent")

    def test_opt_out_keyword_stops_the_bot_silently(self):
        conversation = self._say("Oi", msg_id="m1")
        self._say("SAIR", msg_id="m2")
        self.assertNotEqual(conversation.state, "bot")
        conversation.invalidate_cache()
        self.assertTrue(conversation.is_opted_out)
        self.assertEqual(len(self._bot_messages(conversation)), 1)

    def test_opted_out_customer_never_meets_the_bot(self):
        self.env["cc.opt.out"]._record_opt_out(ADDRESS, "whatsapp", "keyword")
        conversation = self._say("Oi", msg_id="n1")
        self.assertNotEqual(conversation.state, "bot")
        self.assertFalse(self._bot_messages(conversation))

    def test_quiet_hours_go_to_the_queue_instead_of_waiting(self):
        self.wire.window = fields.Datetime.now() + timedelta(hours=8)
        conversation = self._say("Oi", msg_id="o1")
        self.assertEqual(conversation.state, "current")
        self.assertFalse(self._bot_messages(conversation))
        # Quiet hours starting mid-flow: hand over, nothing queued.
        self.wire.window = None
        conversation.with_user(self.user_agent).action_close()
        self._say("Oi", msg_id="o2")
        self.assertEqual(conversation.state, "bot")
        self.wire.window = fields.Datetime.now() + timedelta(hours=8)
        self._say("3", msg_id="o3")
        self.assertEqual(conversation.state, "current")
        self.assertEqual(len(self._bot_messages(conversation).filtered(
            lambda m: m.cycle == 2)), 1)

    def test_out_of_hours_flow(self):
        night = make_flow(self.env, name="Noite",
                          greeting="Estamos fechados, mas posso ajudar.")
        self.connector.bot_flow_out_of_hours_id = night
        calendar = self.env["resource.calendar"].create({
            "name": "Comercial", "tz": "America/Sao_Paulo"})
        self.team.resource_calendar_id = calendar
        self.env["cc.holiday"].create([
            {"name": "Feriado", "date": fields.Date.add(fields.Date.today(), days=d),
             "team_ids": [(6, 0, self.team.ids)]} for d in (-1, 0, 1)])
        conversation = self._say("Oi", msg_id="p1")
        self.assertEqual(conversation.bot_flow_id, night)
        self.assertTrue(self._bot_messages(conversation).body.startswith(
            "Estamos fechados, mas posso ajudar."))
        self._say("4", msg_id="p2")
        self.assertEqual(conversation.state, "new", "waits for the team to open")
        self.connector.bot_flow_out_of_hours_id = False
        conversation.sudo().action_close()
        self._say("Oi", msg_id="p3")
        self.assertEqual(conversation.state, "new", "no bot out of hours")

    # editor --------------------------------------------------------------
    def test_option_to_another_menu_needs_one_of_its_flow(self):
        other = make_flow(self.env, name="Outro")
        option = self.flow.node_ids.option_ids[:1]
        with self.assertRaises(ValidationError):
            option.write({"action": "node", "next_node_id": False})
        with self.assertRaises(ValidationError):
            option.write({"action": "node", "next_node_id": other.node_ids[:1].id})
        with self.assertRaises(ValidationError):
            self.flow.max_messages = 0

    def test_agents_cannot_edit_flows(self):
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.flow.with_user(self.user_agent).write({"name": "x"})
        self.flow.with_user(self.user_manager).write({"name": "Triagem 2"})
