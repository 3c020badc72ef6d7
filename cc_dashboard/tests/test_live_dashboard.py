# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.cc_core.tests.common import CcCase


class LiveDashboardData(CcCase):
    """A small known dataset: team Support (Ana, Bruno; supervised by Sonia)
    on the WhatsApp connector, team Sales (Carla; supervised by Saulo) on the
    SMS connector, one conversation without team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        now = fields.Datetime.now()
        cls.now = now
        # Only this dataset (demo data would change the managers' numbers).
        env["base"].flush()
        env.cr.execute("DELETE FROM cc_sla_result")
        env.cr.execute("DELETE FROM cc_webhook_event")
        env.cr.execute("DELETE FROM cc_conversation")
        env["base"].invalidate_cache()
        cls.user_supervisor2 = new_test_user(env, "cc_super2",
                                             groups="cc_core.group_cc_supervisor",
                                             name="Saulo Supervisor")
        cls.sales = env["cc.team"].create({
            "name": "Sales", "member_ids": [(6, 0, cls.agent3.ids)],
            "supervisor_user_ids": [(6, 0, cls.user_supervisor2.ids)]})
        # "Today" is the reader's day: every reader of this dataset lives in
        # the same time zone, whatever the time zone of the test run's user.
        (cls.user_agent | cls.user_agent2 | cls.user_outsider | cls.user_supervisor
         | cls.user_supervisor2 | cls.user_manager).write({"tz": "America/Sao_Paulo"})
        cls.lunch = env.ref("cc_core.cc_pause_reason_lunch")
        cls.agent.write({"presence": "online", "capacity": 4})
        cls.agent2.write({"presence": "paused", "pause_reason_id": cls.lunch.id})
        cls.agent3.write({"presence": "away"})
        Conversation = env["cc.conversation"]

        numbers = iter(range(10 ** 6))

        def conversation(name, connector, team, state, agent=None, minutes=0, **vals):
            record = Conversation.create({
                "connector_id": connector.id, "address": "+55119%08d" % next(numbers),
                "customer_name": name, "team_id": team.id if team else False})
            record.sudo().write(dict({
                "state": state, "agent_id": agent.id if agent else False,
                "queue_date": now - timedelta(minutes=minutes)}, **vals))
            return record

        wa, sms = cls.connector, cls.other_connector
        cls.c1 = conversation("Queue 30", wa, cls.team, "new", minutes=30)
        cls.c2 = conversation("Queue 10", wa, cls.team, "new", minutes=10,
                              sla_state="at_risk")
        cls.c3 = conversation("Ana breached", wa, cls.team, "current", cls.agent,
                              sla_state="breached")
        cls.c4 = conversation("Ana snoozed", wa, cls.team, "current", cls.agent,
                              is_snoozed=True)
        cls.c5 = conversation("Bruno current", wa, cls.team, "current", cls.agent2)
        cls.c6 = conversation("Support done", wa, cls.team, "done")
        cls.c7 = conversation("Sales queue 60", sms, cls.sales, "new", minutes=60)
        cls.c8 = conversation("Carla current", sms, cls.sales, "current", cls.agent3)
        cls.c9 = conversation("Nobody's", sms, None, "new", minutes=5)

        Message = env["cc.message"]
        cls.today_start = env["cc.dashboard.live"].with_user(
            cls.user_manager)._bounds()["today"]

        def message(conv, direction, state, date=None):
            return Message.create({
                "conversation_id": conv.id, "direction": direction, "state": state,
                "body": "x", "date": date or now,
                "author_id": cls.user_agent.id if direction == "outbound" else False})

        message(cls.c3, "inbound", "received")
        message(cls.c3, "inbound", "received")
        message(cls.c3, "outbound", "sent")
        message(cls.c3, "outbound", "failed")
        message(cls.c3, "inbound", "received", date=cls.today_start - timedelta(hours=1))
        old_failure = message(cls.c5, "outbound", "failed",
                              date=cls.today_start - timedelta(hours=3))
        message(cls.c8, "inbound", "received")
        message(cls.c8, "outbound", "failed")
        # An internal note is neither received nor sent.
        message(cls.c8, "internal", "sent")

        Event = env["cc.webhook.event"].sudo()
        company = env.company.id
        failed = Event.create([
            {"connector_id": wa.id, "state": "failed", "company_id": company},
            {"connector_id": sms.id, "state": "failed", "company_id": company},
            {"connector_id": wa.id, "state": "processed", "company_id": company}])
        Result = env["cc.sla.result"].sudo().with_context(
            default_company_id=env.company.id)
        Result.create([
            {"conversation_id": cls.c3.id, "team_id": cls.team.id, "kind": "first",
             "done_date": now, "met": True},
            {"conversation_id": cls.c5.id, "team_id": cls.team.id, "kind": "first",
             "done_date": now, "breached": True},
            {"conversation_id": cls.c8.id, "team_id": cls.sales.id, "kind": "first",
             "done_date": now, "met": True},
            {"conversation_id": cls.c3.id, "team_id": cls.team.id, "kind": "first",
             "done_date": cls.today_start - timedelta(hours=2), "met": True},
        ])
        env["base"].flush()
        # Failed two hours ago: out of the last hour's window.
        env.cr.execute("UPDATE cc_message SET write_date = %s WHERE id = %s",
                       (now - timedelta(hours=2), old_failure.id))
        env.cr.execute("UPDATE cc_webhook_event SET write_date = %s WHERE id = %s",
                       (now - timedelta(hours=2), failed[1].id))
        env["base"].invalidate_cache()

    def _data(self, user, **filters):
        return self.env["cc.dashboard.live"].with_user(user).dashboard_data(filters)


@tagged("post_install", "-at_install")
class TestLiveDashboard(LiveDashboardData):
    """Every number of the live dashboard on a known dataset."""

    def test_manager_sees_everything(self):
        data = self._data(self.user_manager)
        self.assertEqual(data["queue"]["count"], 4)
        self.assertEqual(data["queue"]["oldest"], fields.Datetime.to_string(
            self.c7.queue_date))
        self.assertEqual(data["open"]["count"], 8)
        by_channel = {row["key"]: row["count"] for row in data["open"]["by_channel"]}
        self.assertEqual(by_channel, {"whatsapp": 5, "sms": 3})
        by_team = {row["name"]: row["count"] for row in data["open"]["by_team"]}
        self.assertEqual(by_team, {"Support": 5, "Sales": 2, "No team": 1})
        self.assertEqual((data["sla"]["at_risk"], data["sla"]["breached"]), (1, 1))
        self.assertEqual((data["sla"]["met_today"], data["sla"]["missed_today"]), (2, 1))
        self.assertEqual(data["messages"], {"inbound_today": 3, "outbound_today": 3,
                                            "failed_sends": 2})
        self.assertEqual(data["failed_webhooks"], 1)
        self.assertTrue(data["has_connectors"] and data["has_conversations"])

    def test_supervisor_sees_only_his_team(self):
        data = self._data(self.user_supervisor)
        self.assertEqual(data["queue"]["count"], 2)
        self.assertEqual(data["queue"]["oldest"], fields.Datetime.to_string(
            self.c1.queue_date))
        self.assertEqual(data["open"]["count"], 5)
        by_channel = {row["key"]: row["count"] for row in data["open"]["by_channel"]}
        self.assertEqual(by_channel, {"whatsapp": 5, "sms": 0})
        self.assertEqual([(r["name"], r["count"]) for r in data["open"]["by_team"]],
                         [("Support", 5)])
        self.assertEqual((data["sla"]["met_today"], data["sla"]["missed_today"]), (1, 1))
        self.assertEqual(data["messages"], {"inbound_today": 2, "outbound_today": 2,
                                            "failed_sends": 1})
        # The webhook journal is for managers: no figure rather than a wrong one.
        self.assertIs(data["failed_webhooks"], False)
        self.assertEqual([t["name"] for t in data["options"]["teams"]], ["Support"])
        agents = {row["name"]: row for row in data["agents"]["rows"]}
        self.assertEqual(sorted(agents), ["Ana Agent", "Bruno Agent"])
        self.assertEqual((agents["Ana Agent"]["open"], agents["Ana Agent"]["capacity"]),
                         (1, 4))  # the snoozed one frees its slot
        self.assertEqual(agents["Bruno Agent"]["reason"], self.lunch.name)
        self.assertEqual((data["agents"]["online"], data["agents"]["away"],
                          data["agents"]["offline"]), (1, 0, 0))
        self.assertEqual([(r["name"], r["count"]) for r in data["agents"]["paused"]],
                         [(self.lunch.name, 1)])

    def test_other_supervisor_sees_his_team(self):
        data = self._data(self.user_supervisor2)
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (1, 2))
        self.assertEqual(data["messages"]["inbound_today"], 1)
        self.assertEqual([r["name"] for r in data["agents"]["rows"]],
                         ["Carla Other Connector"])
        self.assertEqual(data["agents"]["away"], 1)
        self.assertEqual(data["agents"]["rows"][0]["open"], 1)

    def test_filters(self):
        data = self._data(self.user_manager, channel_kind="sms")
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (2, 3))
        self.assertEqual(data["messages"]["inbound_today"], 1)
        shown = [c["id"] for c in data["connectors"]]
        self.assertIn(self.other_connector.id, shown)
        self.assertNotIn(self.connector.id, shown)
        self.assertEqual({c["channel_kind"] for c in data["connectors"]}, {"sms"})
        data = self._data(self.user_manager, team_id=self.sales.id)
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (1, 2))
        self.assertEqual((data["sla"]["met_today"], data["sla"]["missed_today"]), (1, 0))
        self.assertEqual([r["name"] for r in data["agents"]["rows"]],
                         ["Carla Other Connector"])
        data = self._data(self.user_manager, connector_id=self.connector.id)
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (2, 5))
        self.assertEqual(data["failed_webhooks"], 1)
        self.assertEqual(data["messages"]["failed_sends"], 1)
        # A supervisor filtering on another team's id still sees nothing of it.
        data = self._data(self.user_supervisor, team_id=self.sales.id)
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (0, 0))
        self.assertEqual(data["agents"]["rows"], [])

    def test_bad_filters_are_refused(self):
        Live = self.env["cc.dashboard.live"].with_user(self.user_manager)
        for filters in ({"team": 1}, {"team_id": "x"}, {"channel_kind": "fax"},
                        {"connector_id": -3}):
            with self.assertRaises(UserError):
                Live.dashboard_data(filters)

    def test_agents_may_not_open_it(self):
        with self.assertRaises(AccessError):
            self._data(self.user_agent)
        with self.assertRaises(AccessError):
            self.env["cc.dashboard.live"].with_user(self.user_agent).dashboard_action(
                "queue")

    def test_every_number_opens_the_list_behind_it(self):
        """The drill-down domain, read as the same user, finds as many
        records as the number shown."""
        for user in (self.user_supervisor, self.user_manager):
            Live = self.env["cc.dashboard.live"].with_user(user)
            data = Live.dashboard_data({})
            figures = [
                ("queue", False, data["queue"]["count"]),
                ("open", False, data["open"]["count"]),
                ("sla_at_risk", False, data["sla"]["at_risk"]),
                ("sla_breached", False, data["sla"]["breached"]),
                ("messages_in", False, data["messages"]["inbound_today"]),
                ("messages_out", False, data["messages"]["outbound_today"]),
                ("failed_sends", False, data["messages"]["failed_sends"]),
                ("sla_met_today", False, data["sla"]["met_today"]),
                ("sla_missed_today", False, data["sla"]["missed_today"]),
                ("agents_online", False, data["agents"]["online"]),
                ("agents_away", False, data["agents"]["away"]),
                ("agents_offline", False, data["agents"]["offline"]),
            ]
            figures += [("open_channel", row["key"], row["count"])
                        for row in data["open"]["by_channel"]]
            figures += [("open_team", row["id"], row["count"])
                        for row in data["open"]["by_team"]]
            figures += [("agent_open", row["id"], row["open"])
                        for row in data["agents"]["rows"]]
            figures += [("agents_paused", row["id"], row["count"])
                        for row in data["agents"]["paused"]]
            if data["failed_webhooks"] is not False:
                figures.append(("failed_webhooks", False, data["failed_webhooks"]))
            for key, arg, shown in figures:
                action = Live.dashboard_action(key, arg)
                count = self.env[action["res_model"]].with_user(user).search_count(
                    action["domain"])
                self.assertEqual(count, shown, "%s %s as %s" % (key, arg, user.login))
        # The manager's figures: every kind was checked.
        self.assertEqual({key for key, _arg, _shown in figures},
                         set(Live._drill_titles()) - {"agents"})

    def test_drill_down_keeps_filters_and_opens_connectors(self):
        Live = self.env["cc.dashboard.live"].with_user(self.user_manager)
        action = Live.dashboard_action("queue", False, {"channel_kind": "sms"})
        found = self.env["cc.conversation"].search(action["domain"])
        self.assertEqual(found, self.c7 | self.c9)
        self.assertEqual(action["name"], "Waiting in queue")
        action = Live.dashboard_action("connector", self.connector.id)
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("cc.connector", self.connector.id))
        for key in ("everything", "load"):
            with self.assertRaises(UserError):
                Live.dashboard_action(key)
        with self.assertRaises(UserError):
            Live.dashboard_action("connector", "1; drop table")
        with self.assertRaises(UserError):
            Live.dashboard_action("queue", {"isTrusted": True})

    def test_connector_health(self):
        self.connector.sudo()._record_error("Provider said no")
        data = self._data(self.user_supervisor)
        health = {c["id"]: c for c in data["connectors"]}
        wa = health[self.connector.id]
        self.assertEqual(wa["level"], "warning")
        self.assertEqual([i["key"] for i in wa["items"]], ["last_error", "last_webhook"])
        self.assertEqual(wa["items"][0]["detail"], "Provider said no")
        self.assertEqual(wa["items"][1]["level"], "ok")  # events were received
        self.assertEqual(wa["channel_kind"], "whatsapp")

    def test_empty_states(self):
        newcomer = new_test_user(self.env, "cc_super_new",
                                 groups="cc_core.group_cc_supervisor", name="New Sup")
        data = self._data(newcomer)
        self.assertFalse(data["has_teams"])
        self.assertFalse(data["has_conversations"])
        self.assertEqual((data["queue"]["count"], data["open"]["count"]), (0, 0))
        self.assertEqual(data["agents"]["rows"], [])


@tagged("post_install", "-at_install")
class TestLiveDashboardQueries(LiveDashboardData):
    """The dashboard costs a constant, small number of queries."""

    def _more(self, count):
        """``count`` more agents, connectors and conversations in Support."""
        env = self.env
        for index in range(count):
            user = new_test_user(env, "cc_more_%s_%s" % (count, index),
                                 groups="cc_core.group_cc_agent")
            agent = env["cc.agent"].create({"user_id": user.id, "presence": "online"})
            self.team.write({"member_ids": [(4, agent.id)]})
            connector = env["cc.connector"].create({
                "name": "More %s %s" % (count, index), "provider": "fake",
                "channel_kind": "sms", "fake_token": "more-%s-%s" % (count, index),
                "team_id": self.team.id})
            conversation = env["cc.conversation"].create({
                "connector_id": connector.id, "address": "+5511955%06d" % index,
                "team_id": self.team.id})
            conversation.sudo().write({"state": "current", "agent_id": agent.id})
        env["base"].flush()

    def _live(self, user):
        # The web client's context carries the user's language and time zone.
        return self.env["cc.dashboard.live"].with_user(user).with_context(
            lang="en_US", tz="America/Sao_Paulo")

    def _warm_up(self, Live):
        """Registry caches (access rights, record rules) warm, record cache
        cold: twice, so that nothing read is still in the record cache of
        an earlier call."""
        for _index in range(2):
            Live.dashboard_data({})
            self.env["base"].invalidate_cache()

    def _queries(self, user):
        Live = self._live(user)
        self._warm_up(Live)
        start = self.cr.sql_log_count
        Live.dashboard_data({})
        return self.cr.sql_log_count - start

    def test_query_count(self):
        # A supervisor: 8, a manager 9 (the webhook journal), plus 2 when
        # Kolmeya connectors show their balance (currency, language).
        for user, count in ((self.user_supervisor, 10), (self.user_manager, 11)):
            Live = self._live(user)
            self._warm_up(Live)
            with self.assertQueryCount(count):
                Live.dashboard_data()

    def test_queries_do_not_grow_with_the_data(self):
        users = self.user_supervisor | self.user_manager
        before = {user.login: self._queries(user) for user in users}
        self._more(6)
        after = {user.login: self._queries(user) for user in users}
        self.assertEqual(after, before)
        self.assertLessEqual(max(after.values()), 15, after)
