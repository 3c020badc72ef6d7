#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the supervisors' live dashboard on a large database.

Reuses the workspace benchmark's data (``workspace.py``: ~5,000
conversations / ~180,000 messages generated in SQL), spreads it over three
months and adds what the dashboard reads: 40 agents with presences and pause
reasons, a queue, open conversations with SLA states, SLA results, a webhook
journal (one event per inbound message, some failed), failed sends, and a
gateway and a Kolmeya connector beside the WhatsApp one. Then it calls
``cc.dashboard.live.dashboard_data`` as a supervisor and as a manager, each
call in a fresh record cache, and reports Odoo's own query counter and the
server time (median). Nothing the calls write is kept.

Example (a database of its own; ``--create`` installs the addons first)::

    /opt/odoo15/venv/bin/python tests/benchmarks/live_dashboard.py \\
        --db live_bench --create

The Odoo-free part (arguments, SQL, verdict) is imported by the pytest suite.
"""
import argparse
import json
import os
import statistics
import sys
import time

try:
    from tests.benchmarks import odoo_process, workspace
except ImportError:  # run as a script: its sibling modules
    import odoo_process
    import workspace

ROOT = workspace.ROOT

ADDONS = "cc_dashboard,cc_connector_whatsapp,cc_connector_sms_kolmeya"
SUPERVISOR_LOGIN = "bench_live_supervisor"
MANAGER_LOGIN = "bench_live_manager"
AGENT_PREFIX = "bench_live_agent_"
FIGURES = {"queries": 15, "ms": 300}
DAYS = 90
# Per 1,000 open conversations: the share in each state.
QUEUED, AT_RISK, BREACHED = 0.25, 0.10, 0.05


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database to fill and measure")
    parser.add_argument("--create", action="store_true",
                        help="install %s in --db first" % ADDONS)
    parser.add_argument("--odoo-root", default=os.environ.get("ODOO_ROOT", "/opt/odoo15"))
    parser.add_argument("--addons-path", help="default: Odoo's addons and this repository")
    parser.add_argument("--conversations", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=180000)
    parser.add_argument("--agents", type=int, default=40)
    parser.add_argument("--open", type=int, default=400,
                        help="open conversations (a quarter of them in the queue)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", dest="json_path", help="also write the report here")
    args = parser.parse_args(argv)
    if args.conversations < 1 or args.messages < args.conversations:
        parser.error("need at least one conversation and one message per conversation")
    if args.agents < 1 or args.repeat < 1:
        parser.error("--agents and --repeat must be positive")
    if not 0 < args.open <= args.conversations:
        parser.error("--open must be between 1 and --conversations")
    if not args.addons_path:
        candidates = [os.path.join(args.odoo_root, "addons"),
                      os.path.join(args.odoo_root, "odoo", "addons")]
        args.addons_path = ",".join([path for path in candidates if os.path.isdir(path)]
                                    + [ROOT])
    return args


# ----------------------------------------------------------------------
# SQL (pure)
# ----------------------------------------------------------------------
def spread_sql(days=DAYS):
    """Spread the connector's history over ``days`` days: the n-th most
    recent conversation (and its messages) moves back n * days / count days.
    Named params: connector, count."""
    shift = "(floor((x.rn - 1) * %d.0 / %%(count)s) || ' days')::interval" % int(days)
    return """
        WITH x AS (SELECT id, row_number() OVER (ORDER BY last_message_date DESC, id DESC)
                          AS rn FROM cc_conversation WHERE connector_id = %(connector)s),
        c AS (UPDATE cc_conversation c
                 SET last_message_date = c.last_message_date - """ + shift + """,
                     last_inbound_date = c.last_inbound_date - """ + shift + """
                FROM x WHERE x.id = c.id RETURNING c.id, x.rn)
        UPDATE cc_message m SET date = m.date - """ + shift.replace("x.rn", "c.rn") + """
          FROM c WHERE m.conversation_id = c.id
    """


def open_sql():
    """The ``open`` most recent conversations are open: the first quarter
    wait in the queue, the rest are held by the agents in turn; some at risk,
    some breached. Named params: connector, open, queued, agent_ids, at_risk,
    breached."""
    return """
        UPDATE cc_conversation c
           SET state = CASE WHEN x.rn <= %(queued)s THEN 'new' ELSE 'current' END,
               agent_id = CASE WHEN x.rn <= %(queued)s THEN NULL
                               ELSE (%(agent_ids)s::int[])[
                                   1 + (x.rn %% array_length(%(agent_ids)s::int[], 1))]
                          END,
               queue_date = c.last_message_date,
               sla_state = CASE WHEN x.rn %% 100 < %(breached)s THEN 'breached'
                                WHEN x.rn %% 100 < %(breached)s + %(at_risk)s
                                THEN 'at_risk' ELSE 'on_time' END,
               sla_due = c.last_message_date + interval '30 minutes'
          FROM (SELECT id, row_number() OVER (ORDER BY last_message_date DESC, id DESC)
                       AS rn FROM cc_conversation WHERE connector_id = %(connector)s) x
         WHERE x.id = c.id AND x.rn <= %(open)s
    """


def journal_sql():
    """One webhook event per inbound message (1 in 50 failed), dated like
    it. Named params: connector, company."""
    return """
        INSERT INTO cc_webhook_event (connector_id, company_id, received_date, state,
                                      topic, body_size, create_date, write_date)
        SELECT %(connector)s, %(company)s, m.date,
               CASE WHEN m.id %% 50 = 0 THEN 'failed' ELSE 'processed' END,
               'messages', 120, m.date, m.date
          FROM cc_message m
         WHERE m.connector_id = %(connector)s AND m.direction = 'inbound'
    """


def sla_results_sql():
    """One first-response result per done conversation (1 in 5 breached).
    Named params: connector, team, company."""
    return """
        INSERT INTO cc_sla_result (conversation_id, team_id, company_id, channel_kind,
                                   cycle, kind, due_date, done_date, met, breached)
        SELECT c.id, %(team)s, %(company)s, c.channel_kind, 1, 'first',
               c.last_message_date, c.last_message_date, c.id %% 5 != 0, c.id %% 5 = 0
          FROM cc_conversation c
         WHERE c.connector_id = %(connector)s AND c.state = 'done'
    """


def failed_sends_sql():
    """Outbound messages of the last day: 1 in 20 failed."""
    return """
        UPDATE cc_message SET state = 'failed', write_date = date
         WHERE connector_id = %(connector)s AND direction = 'outbound'
           AND date >= (now() at time zone 'UTC') - interval '1 day' AND id %% 20 = 0
    """


def format_report(report):
    lines = ["Live dashboard on %(conversations)s conversations / %(messages)s messages "
             "/ %(agents)s agents / %(events)s webhook events" % report]
    if report.get("shown"):
        lines.append("  shown to the manager: " + ", ".join(
            "%s %s" % item for item in sorted(report["shown"].items())))
    for row in report["calls"]:
        lines.append("  %-28s %3s queries  (median %.1f ms, max %.1f ms)" % (
            row["who"] + ":", row["queries"], row["ms"], row["max_ms"]))
    problems = check_figures(report)
    lines.append("  figures of issue 16 (<= %(queries)s queries, < %(ms)s ms): " % FIGURES
                 + ("met" if not problems else "NOT met: " + "; ".join(problems)))
    return "\n".join(lines)


def check_figures(report):
    problems = []
    for row in report["calls"]:
        if row["queries"] > FIGURES["queries"]:
            problems.append("%s %s queries > %s" % (row["who"], row["queries"],
                                                    FIGURES["queries"]))
        if row["ms"] >= FIGURES["ms"]:
            problems.append("%s %.1f ms >= %s" % (row["who"], row["ms"], FIGURES["ms"]))
    return problems


# ----------------------------------------------------------------------
# Odoo part
# ----------------------------------------------------------------------
def create_database(args):
    odoo_process.create_database(args.odoo_root, args.db, args.addons_path, ADDONS)


def _user(env, login, group):
    user = env["res.users"].search([("login", "=", login)])
    return user or env["res.users"].with_context(no_reset_password=True).create({
        "name": login.replace("_", " ").title(), "login": login,
        "groups_id": [(6, 0, env.ref(group).ids)]})


def prepare(env, args):
    """The workspace benchmark's data, then the dashboard's (once)."""
    connector, _agent = workspace.prepare(env, args)
    team = connector.team_id
    supervisor = _user(env, SUPERVISOR_LOGIN, "cc_core.group_cc_supervisor")
    _user(env, MANAGER_LOGIN, "cc_core.group_cc_manager")
    if supervisor in team.supervisor_user_ids:
        return connector
    reasons = env["cc.pause.reason"].search([])
    agents = env["cc.agent"]
    for index in range(args.agents):
        user = _user(env, "%s%03d" % (AGENT_PREFIX, index), "cc_core.group_cc_agent")
        presence = ("online", "online", "away", "paused", "offline")[index % 5]
        agents |= env["cc.agent"].create({
            "user_id": user.id, "presence": presence, "capacity": 10,
            "pause_reason_id": reasons[index % len(reasons)].id
            if presence == "paused" else False})
    team.write({"member_ids": [(4, a.id) for a in agents],
                "supervisor_user_ids": [(4, supervisor.id)]})
    Connector = env["cc.connector"]
    Connector.create({"name": "Benchmark gateway", "provider": "whatsapp_gateway",
                      "channel_kind": "whatsapp", "team_id": team.id,
                      "wg_endpoint": "http://127.0.0.1:9"})
    Connector.create({"name": "Benchmark Kolmeya", "provider": "kolmeya",
                      "channel_kind": "sms", "team_id": team.id,
                      "kolmeya_base_url": "http://127.0.0.1:9"})
    env["base"].flush()
    params = {"connector": connector.id, "company": connector.company_id.id,
              "team": team.id, "count": args.conversations, "open": args.open,
              "queued": int(args.open * QUEUED), "agent_ids": agents.ids,
              "at_risk": int(100 * AT_RISK), "breached": int(100 * BREACHED)}
    env.cr.execute(spread_sql(), params)
    env.cr.execute(open_sql(), params)
    env.cr.execute(journal_sql(), params)
    env.cr.execute(sla_results_sql(), params)
    env.cr.execute(failed_sends_sql(), params)
    for table in ("cc_conversation", "cc_message", "cc_webhook_event", "cc_sla_result",
                  "cc_agent"):
        env.cr.execute("ANALYZE %s" % table)
    env.cr.commit()
    return connector


def timed(env, repeat, function):
    """(queries, median and max ms) of ``function`` in a fresh record cache."""
    counts, times = [], []
    function()  # warm-up: registry caches, record rules, translations
    for _index in range(repeat):
        env["base"].flush()
        env["base"].invalidate_cache()
        start, begin = env.cr.sql_log_count, time.perf_counter()
        function()
        times.append((time.perf_counter() - begin) * 1000)
        counts.append(env.cr.sql_log_count - start)
    return {"queries": max(counts), "ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1)}


def measure(env, args, connector):
    env.cr.execute("SELECT count(*) FROM cc_webhook_event WHERE connector_id = %s",
                   (connector.id,))
    events = env.cr.fetchone()[0]
    report = {"conversations": env["cc.conversation"].search_count(
        [("connector_id", "=", connector.id)]),
        "messages": env["cc.message"].search_count([("connector_id", "=", connector.id)]),
        "agents": env["cc.agent"].search_count([]), "events": events, "calls": []}
    users = env["res.users"].search([("login", "in", (SUPERVISOR_LOGIN, MANAGER_LOGIN))])
    for login in (SUPERVISOR_LOGIN, MANAGER_LOGIN):
        user = users.filtered(lambda u, login=login: u.login == login)
        # The web client's context: the user's language and time zone.
        live = env["cc.dashboard.live"].with_user(user).with_context(
            lang="en_US", tz="America/Sao_Paulo")
        for who, filters in ((login.split("_")[-1], {}),
                             (login.split("_")[-1] + " (SMS only)",
                              {"channel_kind": "sms"})):
            row = timed(env, args.repeat,
                        lambda f=filters, live=live: live.dashboard_data(f))
            row["who"] = who
            report["calls"].append(row)
    manager = users.filtered(lambda u: u.login == MANAGER_LOGIN)
    data = env["cc.dashboard.live"].with_user(manager).dashboard_data({})
    report["shown"] = {
        "queue": data["queue"]["count"], "open": data["open"]["count"],
        "at_risk": data["sla"]["at_risk"], "breached": data["sla"]["breached"],
        "in_today": data["messages"]["inbound_today"],
        "out_today": data["messages"]["outbound_today"],
        "failed_sends": data["messages"]["failed_sends"],
        "failed_webhooks": data["failed_webhooks"],
        "agents": len(data["agents"]["rows"]), "connectors": len(data["connectors"])}
    return report


def main(argv=None):
    args = parse_args(argv)
    if args.create:
        create_database(args)
    registry = odoo_process.open_registry(args.odoo_root, args.db, args.addons_path)
    import odoo  # noqa: E402 - loaded by open_registry

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        connector = prepare(env, args)
        try:
            report = measure(env, args, connector)
        finally:
            cr.rollback()
    print(format_report(report))
    if args.json_path:
        with open(args.json_path, "w") as handle:
            json.dump(report, handle, indent=2)
    return 1 if check_figures(report) else 0


if __name__ == "__main__":
    sys.exit(main())
