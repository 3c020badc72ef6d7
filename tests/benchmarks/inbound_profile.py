#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Profile: the inbound webhook request path under cProfile, in one process.

Loads Odoo and serves signed WhatsApp Cloud API text messages to Odoo's own
WSGI application (the code a worker runs for ``POST /cc/webhook/<key>``:
request dispatch, journal, commit, processing, commit) without a socket, and
profiles only the requests (closing the conversations before each reopen
round is not profiled). Writes a ``pstats`` file and prints the top
functions by cumulative and by own time::

    PYTHONPATH=/opt/odoo15 /opt/odoo15/venv/bin/python tests/benchmarks/inbound_profile.py \\
        --config odoo.conf --db <database with cc_core installed> --case reopen -n 200

Changes the database (a benchmark connector and its conversations, as
``inbound_webhooks.py`` does). Needs Odoo 15 importable (``PYTHONPATH``).
"""
import argparse
import cProfile
import hashlib
import hmac
import io
import json
import os
import pstats
import secrets
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import inbound_webhooks as bench  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", "-c", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--case", choices=("open", "reopen"), default="open")
    parser.add_argument("-n", "--messages", type=int, default=200)
    parser.add_argument("--customers", type=int, default=10)
    parser.add_argument("--team", help="team of the profile's connector (its "
                        "routing runs on each reopen)")
    parser.add_argument("--out", default="inbound.pstats")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sql", action="store_true",
                        help="also list the SQL statements with their total time")
    parser.add_argument("--no-profile", action="store_true",
                        help="time the requests without cProfile (its overhead "
                        "inflates Python against SQL): ms per request only")
    return parser.parse_args(argv)


def load_odoo(config, db):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "cc_odoo15_launcher", os.path.join(ROOT, ".ci", "odoo15_launcher.py"))
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    launcher.install(server=True)
    import odoo

    odoo.tools.config.parse_config(["-c", config, "-d", db, "--db-filter", "^%s$" % db])
    odoo.service.server.load_server_wide_modules()
    return odoo


def _time_statements(odoo, statements):
    """Sum the time of each SQL statement (its first 100 characters)."""
    import re

    from odoo import sql_db

    original = sql_db.Cursor.execute

    def execute(self, query, params=None, log_exceptions=None):
        if not statements.get("__active__"):
            return original(self, query, params, log_exceptions)
        start = time.perf_counter()
        try:
            return original(self, query, params, log_exceptions)
        finally:
            text = re.sub(r"\s+", " ", str(query)).strip()[:100]
            calls, total = statements.get(text, (0, 0.0))
            statements[text] = (calls + 1, total + time.perf_counter() - start)

    sql_db.Cursor.execute = execute


def main(argv=None):
    args = parse_args(argv)
    odoo = load_odoo(args.config, args.db)
    from werkzeug.test import Client

    registry = odoo.registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        app_secret = secrets.token_hex(16)
        phone_id = "prof%s" % secrets.randbelow(10 ** 9)
        connector = env["cc.connector"].create({
            "name": bench.CONNECTOR_NAME + " (profile)", "provider": "whatsapp_cloud",
            "channel_kind": "whatsapp", "wa_phone_number_id": phone_id,
            "wa_app_secret": app_secret, "wa_graph_base_url": "http://127.0.0.1:9"})
        connector.agent_ids = env["cc.agent"].search([("active", "=", True)])
        if args.team:
            team = env["cc.team"].search([("name", "=", args.team)], limit=1)
            if not team:
                raise SystemExit("no team named %r" % args.team)
            connector.team_id = team
        key, connector_id = connector.webhook_key, connector.id
    client = Client(odoo.http.root)
    url = "/cc/webhook/%s" % key
    customers = ["5511%09d" % (800000000 + i) for i in range(args.customers)]
    run_id = secrets.token_hex(4)

    def post(index, customer):
        event = bench.whatsapp_text_event(phone_id, customer, "wamid.prof.%s.%s" % (
            run_id, index), "Mensagem %s" % index, int(time.time()))
        raw = json.dumps(event).encode()
        signature = hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()
        response = client.post(url, data=raw, headers={
            "Content-Type": "application/json",
            "X-Hub-Signature-256": "sha256=" + signature})
        if response.status_code != 200:
            raise SystemExit("webhook answered %s" % response.status_code)

    def close_all():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["cc.conversation"].search([("connector_id", "=", connector_id),
                                           ("state", "!=", "done")]).action_close()

    for i, customer in enumerate(customers):
        post("first-%s" % i, customer)
    for i, customer in enumerate(customers):  # warm-up, not profiled
        post("warm-%s" % i, customer)
    statements = {}
    if args.sql:
        _time_statements(odoo, statements)
    profile = cProfile.Profile()
    posted, elapsed = 0, 0.0
    while posted < args.messages:
        if args.case == "reopen":
            close_all()
        for customer in customers[:args.messages - posted]:
            start = time.perf_counter()
            statements["__active__"] = True
            if not args.no_profile:
                profile.enable()
            post(posted, customer)
            if not args.no_profile:
                profile.disable()
            statements["__active__"] = False
            elapsed += time.perf_counter() - start
            posted += 1
    if not args.no_profile:
        profile.dump_stats(args.out)
    report(args, posted, elapsed, statements)
    return 0


def report(args, posted, elapsed, statements):
    print("%s %s messages: %.2f ms per request%s" % (
        posted, args.case, elapsed * 1000 / posted,
        "" if args.no_profile else " under the profiler"))
    if args.sql:
        print("SQL statements (calls, total ms, ms per call), slowest first:")
        statements.pop("__active__")
        for text, (calls, total) in sorted(statements.items(), key=lambda i: -i[1][1]):
            print("%6d %9.1f %7.2f  %s" % (calls, total * 1000, total * 1000 / calls,
                                           text))
    if args.no_profile:
        return
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(args.out, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
