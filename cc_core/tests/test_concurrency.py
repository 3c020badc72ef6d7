# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Races between two real database transactions (committed data, cleaned up)."""
import threading

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name

from odoo.addons.cc_core.services.types import InboundMessage
from odoo import registry as registry_for


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    """Two agents clicking Take at the same moment; two first messages from one
    new number arriving at the same moment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = registry_for(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            users = env["res.users"].create([
                {"name": "Race A", "login": "cc_race_a",
                 "groups_id": [(6, 0, env.ref("cc_core.group_cc_agent").ids)]},
                {"name": "Race B", "login": "cc_race_b",
                 "groups_id": [(6, 0, env.ref("cc_core.group_cc_agent").ids)]},
            ])
            agents = env["cc.agent"].create([{"user_id": u.id, "presence": "online"}
                                             for u in users])
            connector = env["cc.connector"].create({
                "name": "Race connector", "channel_kind": "sms", "active": False,
                "agent_ids": [(6, 0, agents.ids)]})
            cls.user_ids = users.ids
            cls.connector_id = connector.id
            cr.commit()

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            conversations = env["cc.conversation"].search(
                [("connector_id", "=", cls.connector_id)])
            env["cc.webhook.receipt"].search(
                [("connector_id", "=", cls.connector_id)]).unlink()
            conversations.unlink()
            env["cc.connector"].browse(cls.connector_id).unlink()
            env["cc.agent"].search([("user_id", "in", cls.user_ids)]).unlink()
            env["res.users"].browse(cls.user_ids).unlink()
            cr.commit()
        super().tearDownClass()

    def _race(self, *functions):
        """Run each function in its own transaction, started together."""
        barrier = threading.Barrier(len(functions))
        results = [None] * len(functions)

        def runner(index, function):
            try:
                with self.registry.cursor() as cr:
                    barrier.wait(timeout=10)
                    results[index] = function(cr)
                    cr.commit()
            except Exception as error:  # noqa: B902 - reported to the test
                results[index] = error

        threads = [threading.Thread(target=runner, args=(i, f))
                   for i, f in enumerate(functions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        return results

    def _new_conversation(self, address):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            conversation = env["cc.conversation"].create(
                {"connector_id": self.connector_id, "address": address})
            cr.commit()
            return conversation.id

    def test_concurrent_take_has_exactly_one_winner(self):
        conversation_id = self._new_conversation("+5511911112222")

        def take(uid):
            def run(cr):
                env = api.Environment(cr, uid, {})
                env["cc.conversation"].browse(conversation_id).action_take()
                return "won"
            return run

        results = self._race(take(self.user_ids[0]), take(self.user_ids[1]))
        winners = [r for r in results if r == "won"]
        losers = [r for r in results if isinstance(r, UserError)]
        self.assertEqual(len(winners), 1, results)
        self.assertEqual(len(losers), 1, results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            conversation = env["cc.conversation"].browse(conversation_id)
            self.assertEqual(conversation.state, "current")
            self.assertEqual(len(conversation.message_ids_cc.filtered("event_type")), 1)

    def test_two_first_messages_make_one_conversation(self):
        address = "+5531988887777"

        def deliver(event_id, text):
            def run(cr):
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                env = api.Environment(cr, SUPERUSER_ID, {})
                webhook_user = env.ref("cc_core.user_cc_webhook")
                inbound = env["cc.inbound"].with_user(webhook_user)
                connector = inbound.env["cc.connector"].browse(self.connector_id)
                item = InboundMessage(event_id, event_id, address, text=text)
                return inbound._process_item(connector, item, env["cc.webhook.event"])
            return run

        results = self._race(deliver("race-1", "primeira"), deliver("race-2", "segunda"))
        self.assertEqual(results, ["ok", "ok"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            conversations = env["cc.conversation"].search(
                [("connector_id", "=", self.connector_id), ("address", "=", address)])
            self.assertEqual(len(conversations), 1)
            self.assertEqual(sorted(conversations.message_ids_cc.mapped("body")),
                             ["primeira", "segunda"])
