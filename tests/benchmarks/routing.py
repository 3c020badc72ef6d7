#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: routing query counts and housekeeping cron passes.

Runs inside Odoo on a database where ``cc_core`` is installed, in one
transaction that is rolled back at the end (nothing is kept), and reports:

* SQL queries to route one arriving conversation (create + ``_auto_assign``)
  with few agents and an empty queue, then with many agents and thousands of
  waiting conversations: assigned to an agent, and left waiting;
* wall time and queries of each routing/SLA cron pass over N open
  conversations (default 10,000).

Example (Odoo 15 in /opt/odoo15, a database made with ``-i cc_core``)::

    PYTHONPATH=/opt/odoo15 /opt/odoo15/venv/bin/python tests/benchmarks/routing.py \\
        --db routing_bench --addons-path /opt/odoo15/odoo/addons,.
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default="/opt/odoo15/odoo/addons," + ROOT)
    parser.add_argument("--open", type=int, default=10000,
                        help="open conversations for the cron passes")
    parser.add_argument("--waiting", type=int, default=2000,
                        help="waiting conversations in the 'many' routing case")
    parser.add_argument("--agents", type=int, default=50,
                        help="agents in the 'many' routing case")
    return parser.parse_args(argv)


def open_env(args):
    sys.path.insert(0, ROOT)
    from migrations.chatroom.odoo_env import import_odoo

    odoo = import_odoo()
    odoo.tools.config.parse_config(["-d", args.db, "--addons-path", args.addons_path,
                                    "--no-http"])
    registry = odoo.registry(args.db)
    cr = registry.cursor()
    return odoo, cr, odoo.api.Environment(cr, odoo.SUPERUSER_ID,
                                          {"tracking_disable": True})


def make_agents(env, count, tag, capacity=10):
    """Online agents with a connected web client (bus presence)."""
    users = env["res.users"].create([{
        "name": "Bench %s %s" % (tag, i), "login": "bench_%s_%s" % (tag, i),
        "groups_id": [(6, 0, env.ref("cc_core.group_cc_agent").ids)],
    } for i in range(count)])
    env.cr.execute(
        "INSERT INTO bus_presence (user_id, last_poll, last_presence, status) "
        "SELECT unnest(%s), now() at time zone 'UTC', now() at time zone 'UTC', "
        "'online'", (users.ids,))
    return env["cc.agent"].create([{"user_id": u.id, "presence": "online",
                                    "capacity": capacity} for u in users])


def make_setup(env, tag, agents):
    team = env["cc.team"].create({"name": "Bench %s" % tag,
                                  "assignment_policy": "balanced",
                                  "member_ids": [(6, 0, agents.ids)]})
    connector = env["cc.connector"].create({
        "name": "Bench %s" % tag, "channel_kind": "sms", "active": False,
        "team_id": team.id, "agent_ids": [(6, 0, agents.ids)]})
    return team, connector


def insert_conversations(env, connector, team, count, prefix, agents=None, step=1):
    """Bulk rows (SQL: the benchmark measures routing, not the set-up).

    The i-th row's customer last wrote ``(count - i) * step`` seconds ago;
    with ``agents``, every second row is held (``current``) by one of them.
    """
    env.cr.execute(
        """
        INSERT INTO cc_conversation
               (connector_id, team_id, company_id, channel_kind, address, address_key,
                is_phone, name, state, agent_id, assigned_date, cycle, priority,
                unread_count, sla_state, queue_date, cycle_start_date,
                first_unanswered_date, last_inbound_date, last_message_date,
                create_date, write_date, create_uid, write_uid)
        SELECT %(connector)s, %(team)s, %(company)s, 'sms', a, a, true, a,
               CASE WHEN agent IS NULL THEN 'new' ELSE 'current' END, agent,
               CASE WHEN agent IS NULL THEN NULL ELSE t END, 1, '0', 1, 'none',
               t, t, t, t, t, t, t, 1, 1
          FROM (SELECT %(prefix)s || lpad(i::text, 7, '0') AS a,
                       (now() at time zone 'UTC')
                       - make_interval(secs => (%(count)s - i) * %(step)s) AS t,
                       CASE WHEN i %% 2 = 0 AND cardinality(%(agents)s::int[]) > 0
                            THEN (%(agents)s::int[])[1 + (i / 2) %%
                                 greatest(cardinality(%(agents)s::int[]), 1)]
                       END AS agent
                  FROM generate_series(1, %(count)s) i) s
        """, {"connector": connector.id, "team": team.id,
              "company": connector.company_id.id, "prefix": prefix,
              "count": count, "agents": list(agents.ids) if agents else [],
              "step": step})


def route_one(env, connector, address):
    env["base"].invalidate_cache()
    # A webhook request already knows its user's company (read while journaling).
    env.user.company_id  # noqa: B018
    start = env.cr.sql_log_count
    conversation = env["cc.conversation"].create({"connector_id": connector.id,
                                                  "address": address})
    conversation._auto_assign()
    env["base"].flush()
    return env.cr.sql_log_count - start, conversation


def main(argv=None):
    args = parse_args(argv)
    odoo, cr, env = open_env(args)
    try:
        print("Routing one arriving conversation (queries, create + routing + flush):")
        few = make_agents(env, 2, "few")
        team, connector = make_setup(env, "few", few)
        route_one(env, connector, "+5511990000001")  # warm-up
        queries, conv = route_one(env, connector, "+5511990000002")
        print("  2 agents, empty queue, assigned: %s queries (%s)" % (
            queries, conv.state))
        many = make_agents(env, args.agents, "many")
        team2, connector2 = make_setup(env, "many", many)
        insert_conversations(env, connector2, team2, args.waiting, "+55119800")
        route_one(env, connector2, "+5511991000000")
        queries, conv = route_one(env, connector2, "+5511991000001")
        print("  %s agents, %s waiting, assigned: %s queries (%s)" % (
            args.agents, args.waiting, queries, conv.state))
        many.write({"capacity": 0})
        few.write({"capacity": 0})
        queries, conv = route_one(env, connector, "+5511990000003")
        print("  2 agents full, waits: %s queries (%s)" % (queries, conv.state))
        queries, conv = route_one(env, connector2, "+5511991000002")
        print("  %s agents full, %s waiting, waits: %s queries (%s)" % (
            args.agents, args.waiting, queries, conv.state))

        print("Cron passes over %s open conversations:" % args.open)
        bulk_agents = make_agents(env, 20, "cron", capacity=1000)
        team3, connector3 = make_setup(env, "cron", bulk_agents)
        team3.write({"auto_release_minutes": 600, "auto_close_hours": 72})
        env["cc.sla.policy"].create({"name": "Bench", "team_id": team3.id,
                                     "first_response_minutes": 10,
                                     "resolution_minutes": 480})
        # Business hours Mon-Fri 8-12, 13-17 (Sao Paulo): the SLA pass does
        # business-time arithmetic for every row.
        calendar = env.ref("resource.resource_calendar_std").copy(
            {"tz": "America/Sao_Paulo"})
        team3.resource_calendar_id = calendar
        # Customers wrote over the last 10,000 minutes (one per minute); half
        # held by the 20 agents, half waiting.
        insert_conversations(env, connector3, team3, args.open, "+55118800",
                             agents=bulk_agents, step=60)
        env["base"].flush()
        Conversation = env["cc.conversation"]
        passes = [
            ("SLA states (first pass, all rows written)", Conversation._cron_sla),
            ("SLA states (next pass, nothing changed)", Conversation._cron_sla),
            ("release unanswered (batch of 500)", Conversation._cron_auto_release),
            ("close idle (batch of 500)", Conversation._cron_auto_close),
            ("wake snoozed", Conversation._cron_wake_snoozed),
            ("route waiting (drain)", env["cc.agent"]._cron_drain_queue),
            ("disconnected agents", env["cc.agent"]._cron_disconnected_offline),
        ]
        open_all = [("team always open for the drain", lambda: team3.write(
            {"resource_calendar_id": False}))]
        passes = passes[:-2] + open_all + passes[-2:]
        for name, method in passes:
            env["base"].invalidate_cache()
            start_queries, start = cr.sql_log_count, time.perf_counter()
            method()
            env["base"].flush()
            print("  %-45s %6.2f s %6d queries" % (
                name, time.perf_counter() - start, cr.sql_log_count - start_queries))
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
