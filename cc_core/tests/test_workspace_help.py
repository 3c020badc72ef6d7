# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Inbox's ways out of a locked composer and the sandbox simulations in
the customer panel."""
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from .test_sandbox import SandboxMixin


@tagged("post_install", "-at_install")
class TestWorkspaceHelp(SandboxMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sandbox()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])
        cls.user_trainer.lang = "pt_BR"
        cls.user_colleague = new_test_user(cls.env, "sb_colleague",
                                           groups="cc_core.group_cc_agent",
                                           name="Bruno Colleague")
        colleague = cls.env["cc.agent"].create({"user_id": cls.user_colleague.id,
                                                "presence": "online"})
        cls.whatsapp.agent_ids = [(4, colleague.id)]
        cls.whatsapp.team_id.member_ids = [(4, colleague.id)]
        cls.conversation = cls.env["cc.conversation"].create({
            "connector_id": cls.whatsapp.id, "address": "+5511987654321",
            "customer_name": "Maria"})
        # Bruno still reads the connector's queue but his agent profile is
        # paused (archived): he may not take, only ask.
        colleague.active = False

    def _ws(self, user):
        return self.env["cc.workspace"].with_user(user)

    def _help_activities(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "cc.conversation"),
            ("res_id", "=", self.conversation.id),
            ("activity_type_id", "=",
             self.env.ref("cc_core.mail_activity_type_cc_help").id)])

    def _bus_messages(self, user, notification_type):
        channel = json_dump(channel_with_db(self.env.cr.dbname, user.partner_id))
        messages = [json.loads(b.message) for b in self.env["bus.bus"].sudo().search(
            [("channel", "=", channel)])]
        return [m["payload"] for m in messages if m["type"] == notification_type]

    def test_agent_who_cannot_answer_asks_the_supervisors_once(self):
        ws = self._ws(self.user_colleague)
        permissions = ws.workspace_panel(self.conversation.id)["permissions"]
        self.assertFalse(permissions["can_send"])
        self.assertTrue(permissions["can_ask_supervisor"])
        self.assertFalse(self._ws(self.user_agent).workspace_panel(
            self.conversation.id)["permissions"]["can_ask_supervisor"], "Ana takes it")

        ws.workspace_action(self.conversation.id, "ask_supervisor")
        activity = self._help_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_trainer)
        self.assertEqual(activity.create_uid, self.user_colleague)
        self.assertIn("Bruno Colleague", activity.summary)
        popups = self._bus_messages(self.user_trainer, "simple_notification")
        self.assertEqual(len(popups), 1)
        self.assertEqual(popups[0]["title"], "Ajuda solicitada", "in the supervisor's language")
        self.assertIn("Bruno Colleague", popups[0]["message"])
        self.assertIn("Maria", popups[0]["message"])
        self.assertEqual(len(self._bus_messages(
            self.user_trainer, "cc.conversation/help_requested")), 1)

        with self.assertRaises(UserError):
            ws.workspace_action(self.conversation.id, "ask_supervisor")
        self.assertEqual(len(self._help_activities()), 1, "once per request")
        self.assertEqual(len(self._bus_messages(self.user_trainer, "simple_notification")), 1)

        activity.with_user(self.user_trainer).action_feedback("Transferido")
        ws.workspace_action(self.conversation.id, "ask_supervisor")
        self.assertEqual(len(self._help_activities()), 1, "a new request once answered")

    def test_supervisor_simulates_from_the_panel_of_sandbox_conversations(self):
        self.conversation.with_user(self.user_agent).action_take()
        trainer = self._ws(self.user_trainer)
        self.assertTrue(trainer.workspace_panel(self.conversation.id)["permissions"][
            "can_simulate"])
        agent = self._ws(self.user_agent)
        self.assertFalse(agent.workspace_panel(self.conversation.id)["permissions"][
            "can_simulate"])
        with self.assertRaises(AccessError):
            agent.workspace_action(self.conversation.id, "sandbox_reply")

        trainer.workspace_action(self.conversation.id, "sandbox_reply")
        trainer.workspace_action(self.conversation.id, "sandbox_image")
        inbound = self.conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual(inbound.mapped("message_type"), ["text", "image"])
        with self.assertRaises(UserError):  # nothing sent to him yet
            trainer.workspace_action(self.conversation.id, "sandbox_reaction")
        sms = self.env["cc.conversation"].create({
            "connector_id": self.sms.id, "address": "+5511987654321"})
        with self.assertRaises(UserError):  # no reactions on SMS
            trainer.workspace_action(sms.id, "sandbox_reaction")
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": self.conversation.id, "body": "Olá!"})
        composer.action_send()
        self.env["cc.message"]._cron_send_outbox()
        trainer.workspace_action(self.conversation.id, "sandbox_reaction")
        thread = trainer.workspace_thread(self.conversation.id)["messages"]
        answer = next(m for m in thread if m["direction"] == "outbound"
                      and m["message_type"] == "text")
        self.assertEqual(answer["reactions"], [{"emoji": "\U0001f44d",
                                                "direction": "inbound"}],
                         "shown on the message reacted to, not as a bubble")
        result = trainer.workspace_action(self.conversation.id, "sandbox_fail_next")
        self.assertTrue(result["panel"]["conversation"]["sandbox_fail_next"])

        real = self.env["cc.connector"].create({
            "name": "Real", "channel_kind": "sms", "active": False,
            "team_id": self.whatsapp.team_id.id})
        other = self.env["cc.conversation"].create({
            "connector_id": real.id, "address": "+5511922223333"})
        self.assertFalse(trainer.workspace_panel(other.id)["permissions"]["can_simulate"])
        with self.assertRaises(UserError):
            trainer.workspace_action(other.id, "sandbox_reply")
