# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestSecurity(CcCase):
    """Who sees which conversations, messages and secrets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Conversation = cls.env["cc.conversation"]
        cls.queued = Conversation.create({"connector_id": cls.connector.id,
                                          "address": "+5511900000001"})
        cls.mine = Conversation.create({"connector_id": cls.connector.id,
                                        "address": "+5511900000002"})
        cls.mine.with_user(cls.user_agent).action_take()
        cls.colleague = Conversation.create({"connector_id": cls.connector.id,
                                             "address": "+5511900000003"})
        cls.colleague.with_user(cls.user_agent2).action_take()
        cls.other = Conversation.create({"connector_id": cls.other_connector.id,
                                         "address": "+5511900000004"})
        cls.all = cls.queued | cls.mine | cls.colleague | cls.other

    def _visible(self, user):
        return self.env["cc.conversation"].with_user(user).search(
            [("id", "in", self.all.ids)])

    def test_agent_sees_own_and_queue_of_his_connectors(self):
        self.assertEqual(self._visible(self.user_agent), self.queued | self.mine)
        self.assertEqual(self._visible(self.user_outsider), self.other)

    def test_owner_keeps_his_conversation_on_a_connector_not_listing_him(self):
        """Ownership alone is enough to see and answer (a supervisor's assignment,
        a migrated ChatRoom conversation); it grants no sight of that queue."""
        held = self.env["cc.conversation"].create({
            "connector_id": self.other_connector.id, "address": "+5511900000005"})
        agent = self.env["cc.agent"].search([("user_id", "=", self.user_agent.id)])
        held.sudo().write({"agent_id": agent.id, "state": "current"})
        self.env["cc.message"].create({
            "conversation_id": held.id, "direction": "inbound", "body": "ainda aí?",
            "state": "received"})
        as_agent = self.env["cc.conversation"].with_user(self.user_agent)
        visible = as_agent.search([("id", "in", (self.all | held).ids)])
        self.assertEqual(visible, self.queued | self.mine | held)
        self.assertEqual(held.with_user(self.user_agent).message_ids_cc.mapped("body"),
                         ["ainda aí?"])
        held.with_user(self.user_agent)._check_can_send()

    def test_agent_cannot_read_colleague_messages(self):
        message = self.env["cc.message"].create({
            "conversation_id": self.colleague.id, "direction": "inbound",
            "body": "segredo", "state": "received"})
        with self.assertRaises(AccessError):
            message.with_user(self.user_agent).read(["body"])

    def test_supervisor_sees_team(self):
        self.assertEqual(self._visible(self.user_supervisor),
                         self.queued | self.mine | self.colleague)

    def test_manager_sees_all(self):
        self.assertEqual(self._visible(self.user_manager), self.all)

    def test_portal_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["cc.conversation"].with_user(self.user_portal).search([])

    def test_webhook_key_only_for_managers(self):
        with self.assertRaises(AccessError):
            self.connector.with_user(self.user_agent).read(["webhook_key"])
        key = self.connector.with_user(self.user_manager).read(["webhook_url"])[0]
        self.assertIn("/cc/webhook/", key["webhook_url"])

    def test_agent_cannot_configure_connectors(self):
        with self.assertRaises(AccessError):
            self.connector.with_user(self.user_supervisor).write({"name": "x"})

    def test_multi_company_isolation(self):
        company = self.env["res.company"].create({"name": "Filial"})
        foreign = self.env["cc.connector"].create({
            "name": "Foreign", "provider": "fake", "channel_kind": "sms",
            "company_id": company.id})
        conversation = self.env["cc.conversation"].create(
            {"connector_id": foreign.id, "address": "+5511900000009"})
        self.assertEqual(conversation.company_id, company)
        visible = self.env["cc.conversation"].with_user(self.user_manager).search(
            [("id", "=", conversation.id)])
        self.assertFalse(visible, "a manager only sees the companies he belongs to")

    def test_agent_sets_only_own_presence(self):
        self.agent.with_user(self.user_agent).action_set_away()
        self.assertEqual(self.agent.presence, "away")
        with self.assertRaises(AccessError):
            self.agent2.with_user(self.user_agent).action_set_offline()
        self.agent2.with_user(self.user_supervisor).action_set_offline()
        self.assertEqual(self.agent2.presence, "offline")

    def test_agent_cannot_rewrite_messages(self):
        message = self.env["cc.message"].create({
            "conversation_id": self.mine.id, "direction": "inbound",
            "body": "original", "state": "received"})
        with self.assertRaises(AccessError):
            message.with_user(self.user_agent).write({"body": "forged"})
        self.assertEqual(message.with_user(self.user_agent).body, "original")
