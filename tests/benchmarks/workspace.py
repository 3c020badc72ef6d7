#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: SQL queries of the agent workspace on a large database.

Fills a database (cc_core and cc_connector_whatsapp installed) with a
WhatsApp connector holding ~5,000 conversations and ~180,000 messages
(generated in SQL: seconds, not hours), then calls the workspace as an agent
the way the screen does, each call in a fresh record cache, and reports:

* opening the workspace (first list page + first thread page + panel + me)
  with 20 and with 2,000 open conversations held by the agent;
* a 30-message history page (newest, and an older one);
* posting a message from the composer.

Query counts are Odoo's own (``cursor.sql_log_count``); times are given for
information only (the machine is shared; the figures are the counts).
Nothing the calls write is kept: the measuring transaction is rolled back.

Example (a database of its own; ``--create`` installs the addons first)::

    /opt/odoo15/venv/bin/python tests/benchmarks/workspace.py \\
        --db ws_bench --create

The Odoo-free part (arguments, SQL, report) is imported by the pytest suite.
"""
import argparse
import json
import os
import statistics
import sys
import time

try:
    from tests.benchmarks import odoo_process
except ImportError:  # run as a script: its sibling module
    import odoo_process

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONNECTOR_NAME = "Benchmark WhatsApp (workspace)"
AGENT_LOGIN = "bench_workspace_agent"
OTHER_LOGIN = "bench_workspace_other"
QUEUE_SIZE = 100
FIGURES = {"open": 12, "thread_page": 8, "post": 15}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database to fill and measure")
    parser.add_argument("--create", action="store_true",
                        help="install cc_core and cc_connector_whatsapp in --db first")
    parser.add_argument("--odoo-root", default=os.environ.get("ODOO_ROOT", "/opt/odoo15"))
    parser.add_argument("--addons-path", help="default: Odoo's addons and this repository")
    parser.add_argument("--conversations", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=180000,
                        help="messages in all (spread evenly over the conversations)")
    parser.add_argument("--open", type=int, nargs="+", default=[20, 2000],
                        help="open conversations of the agent to measure with")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", dest="json_path", help="also write the report here")
    args = parser.parse_args(argv)
    if args.conversations < 1 or args.messages < args.conversations:
        parser.error("need at least one conversation and one message per conversation")
    if max(args.open) + QUEUE_SIZE > args.conversations:
        parser.error("--open + %s queued must not exceed --conversations" % QUEUE_SIZE)
    if args.repeat < 1:
        parser.error("--repeat must be positive")
    if not args.addons_path:
        candidates = [os.path.join(args.odoo_root, "addons"),
                      os.path.join(args.odoo_root, "odoo", "addons")]
        args.addons_path = ",".join([path for path in candidates if os.path.isdir(path)]
                                    + [ROOT])
    return args


# ----------------------------------------------------------------------
# SQL (pure)
# ----------------------------------------------------------------------
def conversations_sql(count):
    """INSERT of ``count`` conversations (all done; ``assignment_sql`` opens
    some). Named params: connector, company, team, stage, uid."""
    return (
        """
        INSERT INTO cc_conversation (
            name, customer_name, address, address_key, is_phone, connector_id,
            channel_kind, company_id, team_id, stage_id, state, cycle, priority,
            last_message_date, last_inbound_date, last_message_preview,
            unread_count, has_failed_message, sla_state, create_uid, write_uid,
            create_date, write_date)
        SELECT 'Cliente ' || g, 'Cliente ' || g, '+55119' || lpad(g::text, 8, '0'),
               '+55119' || lpad(g::text, 8, '0'), true, %(connector)s, 'whatsapp',
               %(company)s, %(team)s, %(stage)s, 'done', 1, '0',
               (now() at time zone 'UTC') - (g || ' minutes')::interval,
               (now() at time zone 'UTC') - (g || ' minutes')::interval,
               'Mensagem final da conversa ' || g, 0, false, 'none', %(uid)s, %(uid)s,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, """ + str(int(count)) + """) AS g
        """
    )


def messages_sql(per_conversation):
    """INSERT of ``per_conversation`` messages in every conversation of the
    connector, alternately from the customer and from the agent (``uid``)."""
    per = int(per_conversation)
    return (
        """
        INSERT INTO cc_message (
            conversation_id, connector_id, channel_kind, company_id, direction,
            message_type, body, date, state, cycle, media_state, author_id,
            create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.connector_id, 'whatsapp', c.company_id,
               CASE WHEN i %% 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
               'Mensagem ' || i || ' da conversa ' || c.id,
               c.last_message_date - ((""" + str(per) + """ - i) || ' minutes')::interval,
               CASE WHEN i %% 2 = 0 THEN 'received' ELSE 'read' END, 1, 'none',
               CASE WHEN i %% 2 = 1 THEN %(uid)s END, %(uid)s, %(uid)s,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM cc_conversation c
         CROSS JOIN generate_series(1, """ + str(per) + """) AS i
         WHERE c.connector_id = %(connector)s
        """
    )


def assignment_sql():
    """The agent holds the ``open`` most recent conversations, the next
    ``queue`` wait in the queue, the rest are done. Named params: connector,
    agent, open, queue."""
    return """
        UPDATE cc_conversation c
           SET state = CASE WHEN x.rn <= %(open)s THEN 'current'
                            WHEN x.rn <= %(open)s + %(queue)s THEN 'new'
                            ELSE 'done' END,
               agent_id = CASE WHEN x.rn <= %(open)s THEN %(agent)s END,
               unread_count = CASE WHEN x.rn <= %(open)s + %(queue)s THEN 1 ELSE 0 END
          FROM (SELECT id, row_number() OVER (ORDER BY last_message_date DESC, id DESC)
                       AS rn
                  FROM cc_conversation WHERE connector_id = %(connector)s) x
         WHERE x.id = c.id
    """


def format_report(report):
    """Human-readable lines of a report (see ``measure``)."""
    lines = ["Agent workspace on %(conversations)s conversations / %(messages)s "
             "messages" % report]
    for row in report["open"]:
        lines.append(
            "  open (list + thread + panel + me), %5s open conversations: %3s queries"
            "  (%.1f ms)" % (row["open_conversations"], row["queries"], row["ms"]))
    for key, label in (("thread_page", "30-message history page (newest)"),
                       ("thread_older_page", "30-message history page (older)"),
                       ("post", "post a message from the composer"),
                       ("search", "list page searching message text")):
        row = report[key]
        lines.append("  %-45s %3s queries  (%.1f ms)"
                     % (label + ":", row["queries"], row["ms"]))
    verdicts = check_figures(report)
    lines.append("  figures of issue 11: %s" % (
        "met" if not verdicts else "NOT met: " + "; ".join(verdicts)))
    return "\n".join(lines)


def check_figures(report):
    """What exceeds the issue's figures (empty list: all met)."""
    problems = []
    opens = [row["queries"] for row in report["open"]]
    if max(opens) > FIGURES["open"]:
        problems.append("open %s > %s" % (max(opens), FIGURES["open"]))
    if len(set(opens)) > 1:
        problems.append("open depends on the number of conversations: %s" % opens)
    for key in ("thread_page", "thread_older_page"):
        if report[key]["queries"] > FIGURES["thread_page"]:
            problems.append("%s %s > %s" % (key, report[key]["queries"],
                                            FIGURES["thread_page"]))
    if report["post"]["queries"] > FIGURES["post"]:
        problems.append("post %s > %s" % (report["post"]["queries"], FIGURES["post"]))
    return problems


# ----------------------------------------------------------------------
# Odoo part
# ----------------------------------------------------------------------
def create_database(args):
    odoo_process.create_database(args.odoo_root, args.db, args.addons_path,
                                 "cc_core,cc_connector_whatsapp")


def prepare(env, args):
    """Users, team, connector and the generated conversations (once)."""
    Connector = env["cc.connector"].with_context(active_test=False)
    connector = Connector.search([("name", "=", CONNECTOR_NAME)], limit=1)
    users = {}
    for login, group in ((AGENT_LOGIN, "cc_core.group_cc_agent"),
                         (OTHER_LOGIN, "cc_core.group_cc_agent")):
        user = env["res.users"].search([("login", "=", login)])
        if not user:
            user = env["res.users"].with_context(no_reset_password=True).create({
                "name": login.replace("_", " ").title(), "login": login,
                "groups_id": [(6, 0, env.ref(group).ids)]})
        users[login] = user
    agents = env["cc.agent"]
    for user in users.values():
        agent = env["cc.agent"].search([("user_id", "=", user.id)])
        agents |= agent or env["cc.agent"].create({"user_id": user.id,
                                                   "presence": "online"})
    if connector:
        return connector, agents[0]
    team = env["cc.team"].create({"name": "Benchmark team",
                                  "member_ids": [(6, 0, agents.ids)]})
    connector = Connector.create({
        "name": CONNECTOR_NAME, "provider": "whatsapp_cloud", "channel_kind": "whatsapp",
        "team_id": team.id, "agent_ids": [(6, 0, agents.ids)],
        "wa_phone_number_id": "bench-workspace", "wa_app_secret": "bench",
        "wa_graph_base_url": "http://127.0.0.1:9",
    })
    stage = env["cc.stage"].search([("is_closing", "=", False)], limit=1)
    params = {"connector": connector.id, "company": connector.company_id.id,
              "team": team.id, "stage": stage.id, "uid": users[AGENT_LOGIN].id}
    env["base"].flush()
    env.cr.execute(conversations_sql(args.conversations), params)
    env.cr.execute(messages_sql(args.messages // args.conversations), params)
    env.cr.execute("ANALYZE cc_conversation")
    env.cr.execute("ANALYZE cc_message")
    env.cr.commit()
    return connector, agents[0]


def timed(env, repeat, function):
    """(queries, median ms) of ``function`` in a fresh record cache."""
    counts, times = [], []
    function()  # warm-up: registry caches, record rules, translations
    for _index in range(repeat):
        env["base"].flush()
        env["base"].invalidate_cache()
        start, begin = env.cr.sql_log_count, time.perf_counter()
        function()
        env["base"].flush()
        times.append((time.perf_counter() - begin) * 1000)
        counts.append(env.cr.sql_log_count - start)
    return {"queries": max(counts), "ms": round(statistics.median(times), 1)}


def measure(env, args, connector, agent):
    ws = env["cc.workspace"].with_user(agent.user_id)
    report = {"conversations": env["cc.conversation"].search_count(
        [("connector_id", "=", connector.id)]),
        "messages": env["cc.message"].search_count(
            [("connector_id", "=", connector.id)]),
        "open": []}
    conversation_id = None
    for open_count in args.open:
        env["base"].flush()
        env.cr.execute(assignment_sql(), {"connector": connector.id, "agent": agent.id,
                                          "open": open_count, "queue": QUEUE_SIZE})
        env["base"].invalidate_cache()
        env.cr.execute("SELECT id FROM cc_conversation WHERE agent_id = %s "
                       "ORDER BY last_message_date DESC LIMIT 1", (agent.id,))
        conversation_id = env.cr.fetchone()[0]
        row = timed(env, args.repeat, lambda cid=conversation_id: ws.workspace_open(
            tab="mine", conversation_id=cid))
        row["open_conversations"] = open_count
        report["open"].append(row)
    report["search"] = timed(env, args.repeat, lambda: ws.workspace_list(
        tab="mine", search="Mensagem 7 da conversa"))
    page = ws.workspace_thread(conversation_id)
    report["thread_page"] = timed(env, args.repeat,
                                  lambda: ws.workspace_thread(conversation_id))
    before = page["messages"][0]["id"]
    report["thread_older_page"] = timed(
        env, args.repeat, lambda: ws.workspace_thread(conversation_id, before_id=before))
    uuids = iter(range(10 ** 6))
    report["post"] = timed(env, args.repeat, lambda: ws.workspace_post(
        conversation_id, body="Resposta do benchmark",
        client_uuid="bench-%s" % next(uuids)))
    return report


def main(argv=None):
    args = parse_args(argv)
    if args.create:
        create_database(args)
    registry = odoo_process.open_registry(args.odoo_root, args.db, args.addons_path)
    import odoo  # noqa: E402 - loaded by open_registry

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        connector, agent = prepare(env, args)
        try:
            report = measure(env, args, connector, agent)
        finally:
            cr.rollback()
    print(format_report(report))
    if args.json_path:
        with open(args.json_path, "w") as handle:
            json.dump(report, handle, indent=2)
    return 1 if check_figures(report) else 0


if __name__ == "__main__":
    sys.exit(main())
