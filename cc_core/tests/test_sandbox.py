# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The sandbox provider: nothing leaves Odoo, deliveries and answers are
simulated through the webhook journal and the outbox."""
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..services import sandbox


class SandboxMixin:
    @classmethod
    def _setup_sandbox(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["ir.config_parameter"].sudo().set_param("cc_core.sandbox_step_seconds", 0)
        cls.user_agent = new_test_user(cls.env, "sb_agent", groups="cc_core.group_cc_agent",
                                       name="Ana Sandbox", tz="America/Sao_Paulo")
        cls.user_trainer = new_test_user(cls.env, "sb_trainer",
                                         groups="cc_core.group_cc_supervisor",
                                         name="Tânia Trainer")
        cls.agent = cls.env["cc.agent"].create({
            "user_id": cls.user_agent.id, "presence": "online", "signature": "Ana"})
        cls.env["cc.agent"].create({"user_id": cls.user_trainer.id})
        team = cls.env["cc.team"].create({
            "name": "Training", "member_ids": [(6, 0, cls.agent.ids)],
            "supervisor_user_ids": [(6, 0, cls.user_trainer.ids)]})
        cls.whatsapp = cls.env["cc.connector"].create({
            "name": "Sandbox WhatsApp", "provider": "sandbox", "channel_kind": "whatsapp",
            "team_id": team.id, "agent_ids": [(6, 0, cls.agent.ids)]})
        cls.sms = cls.env["cc.connector"].create({
            "name": "Sandbox SMS", "provider": "sandbox", "channel_kind": "sms",
            "team_id": team.id, "agent_ids": [(6, 0, cls.agent.ids)]})


@tagged("post_install", "-at_install")
class TestSandbox(SandboxMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sandbox()

    def _conversation(self, connector, address="+5511987654321"):
        conversation = self.env["cc.conversation"].create({
            "connector_id": connector.id, "address": address,
            "customer_name": "Maria"})
        conversation.with_user(self.user_agent).action_take()
        return conversation

    def _answer(self, conversation, text="Olá!"):
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": text})
        composer.action_send()
        return conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")[-1:]

    def _network(self, rounds=1):
        for _round in range(rounds):
            self.env["cc.connector"]._cron_sandbox_network()

    def _events(self, connector):
        return self.env["cc.webhook.event"].search([("connector_id", "=", connector.id)])

    def test_message_moves_sent_delivered_read_then_customer_answers(self):
        conversation = self._conversation(self.whatsapp)
        with patch("requests.Session.send", side_effect=AssertionError("network")), \
                patch("requests.post", side_effect=AssertionError("network")):
            message = self._answer(conversation)
            self.env["cc.message"]._cron_send_outbox()
            self.assertEqual(message.state, "sent")
            self.assertTrue(message.provider_message_id.startswith("sandbox-"))
            cron = self.env.ref("cc_core.ir_cron_cc_sandbox_network")
            self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
                            "a send schedules the simulated network")
            states = []
            for _step in range(3):
                self._network()
                states.append(message.state)
        self.assertEqual(states, ["delivered", "read", "read"])
        self.assertTrue(message.delivered_date and message.read_date)
        replies = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual(len(replies), 1, "the simulated customer answered once")
        self.assertIn(replies.body, sandbox.CUSTOMER_REPLIES)
        self.assertEqual(conversation.unread_count, 1)
        # Every step went through the webhook journal.
        events = self._events(self.whatsapp)
        self.assertEqual(len(events), 3)
        self.assertEqual(set(events.mapped("state")), {"processed"})
        self._network(2)
        self.assertEqual(len(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")), 1, "no second answer to the same message")

    def test_no_answer_when_auto_reply_is_off(self):
        self.sms.sandbox_auto_reply = False
        conversation = self._conversation(self.sms)
        message = self._answer(conversation)
        self.env["cc.message"]._cron_send_outbox()
        self._network(4)
        self.assertEqual(message.state, "read")
        self.assertFalse(conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound"))

    def test_steps_wait_for_the_configured_delay(self):
        self.env["ir.config_parameter"].sudo().set_param("cc_core.sandbox_step_seconds", 60)
        conversation = self._conversation(self.whatsapp)
        message = self._answer(conversation)
        self.env["cc.message"]._cron_send_outbox()
        self._network()
        self.assertEqual(message.state, "sent", "not before the step delay")
        message.sent_date = fields.Datetime.now() - timedelta(seconds=61)
        self._network()
        self.assertEqual(message.state, "delivered")

    def test_sms_signature_is_short_and_whatsapp_bold(self):
        sms = self._answer(self._conversation(self.sms), "Seu pedido saiu.")
        whatsapp = self._answer(self._conversation(self.whatsapp, "+5511911112222"),
                                "Seu pedido saiu.")
        self.assertEqual(sms.body, "Ana: Seu pedido saiu.")
        self.assertEqual(whatsapp.body, "*Ana*\nSeu pedido saiu.")
        self.assertEqual(whatsapp.preview, "Ana Seu pedido saiu.")

    def test_sms_composer_offers_no_attachments(self):
        Composer = self.env["cc.message.compose"].with_user(self.user_agent)
        sms = Composer.create({"conversation_id": self._conversation(self.sms).id})
        whatsapp = Composer.create({"conversation_id": self._conversation(
            self.whatsapp, "+5511911112222").id})
        self.assertFalse(sms.accepts_attachments)
        self.assertTrue(whatsapp.accepts_attachments)
        content, mimetype, name = self.env["cc.connector"]._sandbox_sample_image()
        attachment = self.env["ir.attachment"].create({
            "name": name, "raw": content, "mimetype": mimetype})
        sms.write({"body": "x", "attachment_ids": [(6, 0, attachment.ids)]})
        with self.assertRaises(UserError):
            sms.action_send()

    def test_trainer_simulates_failure_reply_and_photo(self):
        conversation = self._conversation(self.whatsapp)
        trainer_view = conversation.with_user(self.user_trainer)
        trainer_view.action_sandbox_fail_next()
        message = self._answer(conversation)
        self.env["cc.message"]._cron_send_outbox()
        self._network()
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.failure_reason,
                         self.env["cc.connector"]._sandbox_failure_reason())
        self.assertFalse(conversation.sandbox_fail_next, "only the next message fails")
        self.assertTrue(conversation.has_failed_message)

        trainer_view.action_sandbox_customer_reply()
        trainer_view.action_sandbox_inbound_image()
        inbound = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual(inbound.mapped("message_type"), ["text", "image"])
        photo = inbound[-1].attachment_ids
        self.assertEqual(photo.mimetype, "image/png")
        self.assertTrue(photo.raw.startswith(b"\x89PNG"))

    def test_only_trainers_simulate_and_only_on_sandbox(self):
        conversation = self._conversation(self.whatsapp)
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_agent).action_sandbox_customer_reply()
        real = self.env["cc.connector"].create({
            "name": "Real", "channel_kind": "sms", "active": False})
        other = self.env["cc.conversation"].create({
            "connector_id": real.id, "address": "+5511922223333"})
        with self.assertRaises(UserError):
            other.action_sandbox_customer_reply()

    def test_new_agents_land_on_the_contact_center(self):
        home = self.env.ref("cc_core.action_cc_workspace")
        self.assertEqual(self.user_agent.action_id.id, home.id)
        user = new_test_user(self.env, "sb_own_home", groups="cc_core.group_cc_agent")
        own = self.env.ref("base.action_res_users")
        user.action_id = own.id
        self.env["cc.agent"].create({"user_id": user.id})
        self.assertEqual(user.action_id.id, own.id, "a home action of the user's own is kept")


@tagged("post_install", "-at_install")
class TestSandboxWebhook(SandboxMixin, HttpCase):
    """Sandbox events can also be posted to the public webhook route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sandbox()

    def _post(self, raw, signature):
        headers = {"Content-Type": "application/json"}
        if signature:
            headers["X-Sandbox-Signature"] = signature
        return self.url_open("/cc/webhook/%s" % self.sms.webhook_key, data=raw,
                             headers=headers)

    def test_signed_event_accepted_unsigned_refused(self):
        raw = sandbox.encode_body([sandbox.message_event("+5511987654321", "Oi")])
        self.assertEqual(self._post(raw, "sha256=bad").status_code, 403)
        self.assertEqual(self._post(raw, None).status_code, 403)
        response = self._post(raw, sandbox.sign(self.sms.webhook_key, raw))
        self.assertEqual(response.status_code, 200)
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.sms.id)])
        self.assertEqual(conversation.message_ids_cc.mapped("body"), ["Oi"])
        bad = b'{"events": 1}'
        self.assertEqual(self._post(bad, sandbox.sign(self.sms.webhook_key, bad))
                         .status_code, 400)
