# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Routing: policies, owner preference, the waiting queue, skills, hours."""
import logging
from datetime import date, datetime, time, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import CcCase

_logger = logging.getLogger(__name__)


class RoutingCase(CcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.write({"assignment_policy": "balanced", "keep_last_agent": True})

    def _agent(self, login, capacity=10, presence="online", connect=True):
        user = new_test_user(self.env, login, groups="cc_core.group_cc_agent",
                             name=login.title())
        agent = self.env["cc.agent"].create({"user_id": user.id, "presence": presence,
                                             "capacity": capacity})
        self.team.member_ids |= agent
        self.connector.agent_ids |= agent
        if connect:
            self._connect(user)
        return agent

    def _new(self, address, **vals):
        conversation = self._conversation(address, **vals)
        conversation._auto_assign()
        return conversation

    def _assignment_event(self, conversation):
        return conversation.message_ids_cc.filtered(
            lambda m: m.event_type == "assigned")[-1:]


@tagged("post_install", "-at_install")
class TestRoutingPolicies(RoutingCase):
    def test_least_loaded_goes_to_the_agent_with_fewest_conversations(self):
        self._new("+5511900000001")  # tie: lowest id
        second = self._new("+5511900000002")
        self.assertEqual(second.agent_id, self.agent2)
        event = self._assignment_event(second)
        self.assertEqual(event.assignment_reason, "policy")
        self.assertEqual(event.event_target_agent_id, self.agent2)

    def test_round_robin_takes_turns(self):
        self.team.assignment_policy = "round_robin"
        third = self._agent("cc_rr3")
        agents = [self._new("+55119000001%02d" % i).agent_id for i in range(6)]
        self.assertEqual(len(set(agents[:3])), 3, agents)
        self.assertEqual(agents[3:], agents[:3])
        self.assertIn(third, agents)

    def test_manual_team_waits_in_the_queue(self):
        self.team.assignment_policy = "manual"
        conversation = self._new("+5511900000003")
        self.assertEqual((conversation.state, conversation.agent_id.id), ("new", False))

    def test_connector_overrides_the_team_policy(self):
        self.team.assignment_policy = "manual"
        self.connector.assignment_policy_override = "round_robin"
        self.assertTrue(self._new("+5511900000004").agent_id)

    def test_inbound_first_message_is_routed_and_manual_take_is_tagged(self):
        self._inbound("Oi", address="+5511900000005")
        conversation = self.env["cc.conversation"].search(
            [("address", "=", "+5511900000005")])
        self.assertEqual(conversation.state, "current")
        self.team.assignment_policy = "manual"
        self._inbound("Oi", address="+5511900000006")
        queued = self.env["cc.conversation"].search([("address", "=", "+5511900000006")])
        queued.with_user(self.user_agent).action_take()
        taken = queued.message_ids_cc.filtered(lambda m: m.event_type == "taken")
        self.assertEqual(taken.assignment_reason, "manual")


@tagged("post_install", "-at_install")
class TestRoutingOwner(RoutingCase):
    def test_salesperson_first_when_online_and_free(self):
        partner = self.env["res.partner"].create(
            {"name": "Cliente", "user_id": self.user_agent2.id})
        self._new("+5511900000010")  # agent now has 1, agent2 0... make agent2 busier
        self._conversation("+5511900000011", agent_id=self.agent2.id, state="current")
        self._conversation("+5511900000012", agent_id=self.agent2.id, state="current")
        conversation = self._new("+5511900000013", partner_id=partner.id)
        self.assertEqual(conversation.agent_id, self.agent2)
        self.assertEqual(self._assignment_event(conversation).assignment_reason, "owner")

    def test_last_agent_only_when_online_and_below_capacity(self):
        conversation = self._conversation("+5511900000014",
                                          last_agent_id=self.agent2.id)
        self._conversation("+5511900000015", agent_id=self.agent2.id, state="current")
        conversation._auto_assign()
        self.assertEqual(conversation.agent_id, self.agent2)  # owner beats load
        conversation.action_close()
        self.agent2.capacity = 1  # full with the other one
        conversation._reopen("again")
        self.assertEqual(conversation.agent_id, self.agent)
        self.assertEqual(self._assignment_event(conversation).assignment_reason, "policy")
        conversation.action_close()
        self.agent2.capacity = 10
        self.agent2.presence = "offline"
        conversation.last_agent_id = self.agent2
        conversation._reopen("again")
        self.assertEqual(conversation.agent_id, self.agent)

    def test_never_to_offline_paused_disconnected_or_full_agents(self):
        self.agent.action_pause(self.env.ref("cc_core.cc_pause_reason_lunch"))
        self.env["bus.presence"].search([("user_id", "=", self.user_agent2.id)]).write(
            {"last_poll": "2020-01-01 00:00:00"})  # web client gone
        full = self._agent("cc_full", capacity=0)
        self._agent("cc_offline", presence="offline")
        conversation = self._new("+5511900000016")
        self.assertFalse(conversation.agent_id)
        full.capacity = 1  # raising capacity frees a slot: the queue drains
        self.assertEqual(conversation.agent_id, full)
        self.assertEqual(self._assignment_event(conversation).assignment_reason, "queue")

    def test_skill_restricts_agents(self):
        self.team.route_by_skill = True
        billing = self.env["cc.tag"].create({"name": "Billing"})
        self.agent2.skill_tag_ids = billing
        self._conversation("+5511900000017", agent_id=self.agent2.id, state="current")
        tagged_one = self._new("+5511900000018", tag_ids=[(6, 0, billing.ids)])
        self.assertEqual(tagged_one.agent_id, self.agent2)
        untagged = self._new("+5511900000019")
        self.assertEqual(untagged.agent_id, self.agent)


@tagged("post_install", "-at_install")
class TestWaitingQueue(RoutingCase):
    def test_queue_drains_in_arrival_order_as_slots_free(self):
        (self.agent | self.agent2).write({"capacity": 1})
        first = self._new("+5511900000020")
        second = self._new("+5511900000021")
        minutes_ago = fields.Datetime.subtract(fields.Datetime.now(), minutes=10)
        waiting = [self._new("+55119000000%d" % n,
                             queue_date=fields.Datetime.add(minutes_ago, minutes=n - 20))
                   for n in (22, 23, 24)]
        self.assertEqual([c.state for c in waiting], ["new"] * 3)
        self.assertEqual([c.queue_position for c in waiting], [1, 2, 3])
        first.action_close()  # close frees a slot
        self.assertEqual(waiting[0].agent_id, first.agent_id)
        self.assertEqual(self._assignment_event(waiting[0]).assignment_reason, "queue")
        second.with_user(self.user_supervisor)._transfer(team=self.team)
        self.assertEqual(waiting[1].agent_id, second.last_agent_id)
        self.assertEqual(second.state, "new")  # the transferred one waits its turn
        self.agent.capacity = 2  # more capacity
        self.assertEqual(waiting[2].agent_id, self.agent)
        self.assertEqual(second.queue_position, 1)

    def test_agent_coming_online_gets_the_oldest(self):
        (self.agent | self.agent2).write({"presence": "offline"})
        old = self._new("+5511900000030")
        self._new("+5511900000031")
        self.agent2.action_set_online()
        self.assertEqual(old.agent_id, self.agent2)

    def test_hundred_arrivals_for_five_free_slots(self):
        (self.agent | self.agent2).write({"presence": "offline"})
        agents = self.env["cc.agent"]
        for index in range(5):
            agents |= self._agent("cc_bulk%s" % index, capacity=1)
        conversations = self.env["cc.conversation"]
        for index in range(100):
            conversations |= self._new("+5511950%06d" % index)
        assigned = conversations.filtered("agent_id")
        self.assertEqual(len(assigned), 5)
        self.assertEqual(assigned.mapped("agent_id"), agents)
        waiting = conversations - assigned
        self.assertEqual(waiting.mapped("queue_position"), list(range(1, 96)))
        agents[0].presence = "away"
        assigned.filtered(lambda c: c.agent_id == agents[1]).action_close()
        self.assertEqual(waiting[0].agent_id, agents[1])
        self.assertFalse(waiting[1].agent_id)

    def test_queue_message_with_position(self):
        self.team.queue_message = "Você é o número {position} na fila."
        (self.agent | self.agent2).write({"presence": "offline"})
        self._new("+5511900000040")
        second = self._new("+5511900000041")
        message = second.message_ids_cc.filtered("is_automatic")
        self.assertEqual(message.body, "Você é o número 2 na fila.")
        self.assertEqual((message.state, message.auto_kind), ("queued", "queue"))
        self.assertFalse(second.last_outbound_date)  # not an answer

    def test_queue_message_respects_opt_out(self):
        self.team.queue_message = "Fila: {position}"
        (self.agent | self.agent2).write({"presence": "offline"})
        self.env["cc.opt.out"]._record_opt_out("+5511900000042", "whatsapp", "keyword")
        conversation = self._new("+5511900000042")
        self.assertFalse(conversation.message_ids_cc.filtered("is_automatic"))


@tagged("post_install", "-at_install")
class TestBusinessHours(RoutingCase):
    def _close_today(self):
        calendar = self.env["resource.calendar"].create({
            "name": "Comercial", "tz": "America/Sao_Paulo"})
        self.team.resource_calendar_id = calendar
        # Yesterday, today and tomorrow: closed whatever the local date.
        self.env["cc.holiday"].create([
            {"name": "Feriado local", "date": fields.Date.add(fields.Date.today(), days=d),
             "team_ids": [(6, 0, self.team.ids)]} for d in (-1, 0, 1)])
        return calendar

    def test_routing_waits_on_a_holiday_and_replies_once(self):
        self._close_today()
        self.team.out_of_hours_message = "Estamos fechados."
        self._inbound("Oi", address="+5511900000050", msg_id="h1")
        conversation = self.env["cc.conversation"].search(
            [("address", "=", "+5511900000050")])
        self.assertEqual(conversation.state, "new")
        conversation.action_close()
        self._inbound("Oi de novo", address="+5511900000050", msg_id="h2")
        replies = conversation.message_ids_cc.filtered(
            lambda m: m.auto_kind == "out_of_hours")
        self.assertEqual(len(replies), 1)
        self.assertEqual(replies.body, "Estamos fechados.")
        self.assertFalse(self.agent._cc_drain_queue())  # the queue drain waits too
        self.team.resource_calendar_id = False
        self.env["cc.agent"]._cron_drain_queue()
        self.assertEqual(conversation.state, "current")

    def _christmases(self):
        return set(self.env["cc.holiday"].search([("national", "=", True)]).filtered(
            lambda h: (h.date.month, h.date.day) == (12, 25)).mapped("date"))

    def test_national_holidays_are_loaded_for_this_year_and_next(self):
        Holiday = self.env["cc.holiday"]
        # "This year" as the loader computes it: the date in its user's time
        # zone (not UTC's: on 31 December at 23:30 UTC it is already next
        # year in Brussels).
        year = fields.Date.context_today(Holiday).year
        # Loaded at install: this year's (also when the install ran last year,
        # whose run loaded "next year" too, i.e. this one).
        self.assertIn(date(year, 12, 25), self._christmases())
        # The daily cron adds what a new year needs, never a year twice.
        created = Holiday._cron_load_national_holidays()
        self.assertFalse(created.filtered(lambda h: h.date.year <= year))
        self.assertTrue({date(year, 12, 25), date(year + 1, 12, 25)}
                        <= self._christmases())
        self.assertFalse(Holiday._cron_load_national_holidays())

    def test_team_schedule_uses_calendar_hours_zone_and_holidays(self):
        calendar = self.env.ref("resource.resource_calendar_std").copy(
            {"tz": "America/Sao_Paulo"})
        self.team.resource_calendar_id = calendar
        # This year's Christmas (loaded explicitly: the holidays loaded at
        # install are those of the install's year, not of a pinned one).
        year = fields.Date.today().year
        self.env["cc.holiday"]._cron_load_national_holidays(years=(year,))
        schedule = self.team._cc_schedule()
        # Standard calendar: Mon-Fri 8-12 and 13-17. Monday 7 Dec 2026:
        self.assertTrue(schedule.is_open(datetime(2026, 12, 7, 11, 0)))  # 08:00 local
        self.assertFalse(schedule.is_open(datetime(2026, 12, 7, 15, 30)))  # lunch
        self.assertIn(date(year, 12, 25), schedule.holidays)
        calendar.tz = "Europe/Lisbon"
        self.assertTrue(self.team._cc_schedule().is_open(datetime(2026, 12, 7, 8, 0)))

    def test_schedule_reads_the_holidays_around_the_moment_asked(self):
        """A moment years away from today (a report or a pinned date) is
        judged with that moment's holidays, not with those around today."""
        calendar = self.env.ref("resource.resource_calendar_std").copy(
            {"tz": "America/Sao_Paulo"})
        self.team.resource_calendar_id = calendar
        day = fields.Date.today() + timedelta(days=3 * 366)
        day += timedelta(days=(7 - day.weekday()) % 7)  # a Monday
        self.env["cc.holiday"].create({"name": "Aniversário da empresa", "date": day,
                                       "team_ids": [(6, 0, self.team.ids)]})
        monday_11h = datetime.combine(day, time(14, 0))  # 11:00 in São Paulo (UTC-3)
        self.assertFalse(self.team._cc_is_open(monday_11h))
        self.assertTrue(self.team._cc_is_open(monday_11h + timedelta(days=1)))
        schedule = self.team._cc_schedule(monday_11h)
        self.assertIn(day, schedule.holidays)
        # Friday 16:00 local -> Tuesday 09:00 local: 60 + 60 business minutes.
        self.assertEqual(schedule.minutes_between(
            monday_11h - timedelta(days=3, hours=-5),
            monday_11h + timedelta(days=1, hours=-2)), 120)


@tagged("post_install", "-at_install", "cc_performance")
class TestRoutingQueries(RoutingCase):
    """Routing one arriving conversation costs the same number of queries
    whatever the number of agents and waiting conversations."""

    def _route_queries(self, address):
        self.env["base"].flush()
        self.env["base"].invalidate_cache()
        # The request already knows its user's company (read while journaling).
        self.env.user.company_id  # noqa: B018
        start = self.cr.sql_log_count
        conversation = self._conversation(address)
        conversation._auto_assign()
        self.env["base"].flush()
        return self.cr.sql_log_count - start, conversation

    def test_constant_queries_assigned_and_waiting(self):
        self._route_queries("+5511960000000")  # warm-up
        few_assigned, conversation = self._route_queries("+5511960000001")
        self.assertEqual(conversation.state, "current")
        for index in range(12):
            self._agent("cc_many%s" % index)
        self.env["cc.conversation"].create([
            {"connector_id": self.other_connector.id, "address": "+55119610%05d" % i}
            for i in range(60)])
        many_assigned, conversation = self._route_queries("+5511960000002")
        self.assertEqual(conversation.state, "current")
        self.assertEqual(few_assigned, many_assigned)
        self.team.member_ids.write({"capacity": 0})
        waits_few, conversation = self._route_queries("+5511960000003")
        self.assertEqual(conversation.state, "new")
        self.env["cc.conversation"].create([
            {"connector_id": self.connector.id, "address": "+55119620%05d" % i}
            for i in range(60)])
        waits_many, conversation = self._route_queries("+5511960000004")
        self.assertEqual(conversation.state, "new")
        self.assertEqual(waits_few, waits_many)
        _logger.info("cc_performance: routing one arriving conversation: %s queries "
                     "assigned, %s waiting", few_assigned, waits_few)


class OnKeptConnectionMixin:
    """The routing tests again, the candidates' query as a statement prepared
    once per connection (services/prepared_sql), as on the connections
    webhook requests keep: same answers. The test's connection is marked as
    such for the test and cleaned afterwards."""

    def setUp(self):
        super().setUp()
        connection = self.env.cr._cnx
        connection.cc_prepared = set()

        def clean():
            del connection.cc_prepared
            self.env.cr.execute("DEALLOCATE ALL")

        self.addCleanup(clean)

    def test_the_candidates_query_is_prepared_once(self):
        first = self._new("+5511963000001")
        self._new("+5511963000002")
        self.assertTrue(first.agent_id)
        self.assertEqual(len(self.env.cr._cnx.cc_prepared), 1)
        self.env.cr.execute("SELECT count(*) FROM pg_prepared_statements"
                            " WHERE name LIKE 'cc\\_%%'")
        self.assertEqual(self.env.cr.fetchone()[0], 1)


@tagged("post_install", "-at_install")
class TestRoutingPoliciesPrepared(OnKeptConnectionMixin, TestRoutingPolicies):
    pass


@tagged("post_install", "-at_install")
class TestRoutingOwnerPrepared(OnKeptConnectionMixin, TestRoutingOwner):
    pass
