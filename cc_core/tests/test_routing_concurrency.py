# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two real transactions racing for one agent's last slot."""
import threading

from odoo import SUPERUSER_ID, api, fields, registry as registry_for
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name


@tagged("post_install", "-at_install")
class TestRoutingConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = registry_for(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            user = env["res.users"].create({
                "name": "Slot Race", "login": "cc_slot_race",
                "groups_id": [(6, 0, env.ref("cc_core.group_cc_agent").ids)]})
            now = fields.Datetime.now()
            env["bus.presence"].create({"user_id": user.id, "last_poll": now,
                                        "last_presence": now, "status": "online"})
            agent = env["cc.agent"].create({"user_id": user.id, "presence": "online",
                                            "capacity": 1})
            team = env["cc.team"].create({"name": "Race team",
                                          "assignment_policy": "balanced",
                                          "member_ids": [(6, 0, agent.ids)]})
            connector = env["cc.connector"].create({
                "name": "Slot race connector", "channel_kind": "sms", "active": False,
                "team_id": team.id, "agent_ids": [(6, 0, agent.ids)]})
            conversations = env["cc.conversation"].create([
                {"connector_id": connector.id, "address": "+55119777700%02d" % i}
                for i in range(2)])
            cls.user_id, cls.agent_id, cls.team_id = user.id, agent.id, team.id
            cls.connector_id, cls.conversation_ids = connector.id, conversations.ids
            cr.commit()

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["cc.conversation"].browse(cls.conversation_ids).unlink()
            env["cc.connector"].browse(cls.connector_id).unlink()
            env["cc.team"].browse(cls.team_id).unlink()
            env["cc.agent"].browse(cls.agent_id).unlink()
            env["bus.presence"].search([("user_id", "=", cls.user_id)]).unlink()
            env["res.users"].browse(cls.user_id).unlink()
            cr.commit()
        super().tearDownClass()

    def test_two_arrivals_race_for_one_slot(self):
        barrier = threading.Barrier(2)
        results = [None, None]

        def route(index):
            try:
                with self.registry.cursor() as cr:
                    # As the webhook route does.
                    cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    conversation = env["cc.conversation"].browse(
                        self.conversation_ids[index])
                    conversation.state  # noqa: B018 - read before the race
                    barrier.wait(timeout=10)
                    results[index] = conversation._auto_assign().id or "waiting"
                    cr.commit()
            except Exception as error:  # noqa: B902 - reported to the test
                results[index] = error

        threads = [threading.Thread(target=route, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(sorted(map(str, results)),
                         sorted([str(self.agent_id), "waiting"]), results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            conversations = env["cc.conversation"].browse(self.conversation_ids)
            self.assertEqual(sorted(conversations.mapped("state")), ["current", "new"])


@tagged("post_install", "-at_install")
class TestRoutingBurst(BaseCase):
    """100 conversations routed at once by 4 parallel workers (one transaction
    per conversation, as webhooks) for 5 agents with one free slot each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = registry_for(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            users = env["res.users"].create([{
                "name": "Burst %s" % i, "login": "cc_burst_%s" % i,
                "groups_id": [(6, 0, env.ref("cc_core.group_cc_agent").ids)]}
                for i in range(5)])
            now = fields.Datetime.now()
            env["bus.presence"].create([{"user_id": u.id, "last_poll": now,
                                         "last_presence": now, "status": "online"}
                                        for u in users])
            agents = env["cc.agent"].create([{"user_id": u.id, "presence": "online",
                                              "capacity": 1} for u in users])
            team = env["cc.team"].create({"name": "Burst team",
                                          "assignment_policy": "balanced",
                                          "member_ids": [(6, 0, agents.ids)]})
            connector = env["cc.connector"].create({
                "name": "Burst connector", "channel_kind": "sms", "active": False,
                "team_id": team.id, "agent_ids": [(6, 0, agents.ids)]})
            conversations = env["cc.conversation"].create([
                {"connector_id": connector.id, "address": "+551197770%04d" % i,
                 "queue_date": fields.Datetime.subtract(now, seconds=100 - i)}
                for i in range(100)])
            cls.user_ids, cls.agent_ids, cls.team_id = users.ids, agents.ids, team.id
            cls.connector_id, cls.conversation_ids = connector.id, conversations.ids
            cr.commit()

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["cc.conversation"].browse(cls.conversation_ids).unlink()
            env["cc.connector"].browse(cls.connector_id).unlink()
            env["cc.team"].browse(cls.team_id).unlink()
            env["cc.agent"].browse(cls.agent_ids).unlink()
            env["bus.presence"].search([("user_id", "in", cls.user_ids)]).unlink()
            env["res.users"].browse(cls.user_ids).unlink()
            cr.commit()
        super().tearDownClass()

    def test_hundred_arrivals_five_slots(self):
        errors = []
        barrier = threading.Barrier(4)

        def worker(ids):
            barrier.wait(timeout=10)
            for conversation_id in ids:
                try:
                    with self.registry.cursor() as cr:
                        cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        env["cc.conversation"].browse(conversation_id)._auto_assign()
                        cr.commit()
                except Exception as error:  # noqa: B902 - reported to the test
                    errors.append(error)

        threads = [threading.Thread(target=worker, args=(self.conversation_ids[i::4],))
                   for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertEqual(errors, [])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            conversations = env["cc.conversation"].browse(self.conversation_ids)
            assigned = conversations.filtered("agent_id")
            self.assertEqual(len(assigned), 5)
            self.assertEqual(sorted(assigned.mapped("agent_id").ids),
                             sorted(self.agent_ids))
            waiting = conversations - assigned
            self.assertEqual(set(waiting.mapped("state")), {"new"})
            self.assertEqual(sorted(waiting.mapped("queue_position")),
                             list(range(1, 96)))
            # Freeing a slot gives the oldest waiting conversation.
            assigned[:1].action_close()
            oldest = waiting.sorted(lambda c: (c.queue_date, c.id))[:1]
            self.assertEqual(oldest.agent_id, assigned[:1].agent_id)
            cr.rollback()
