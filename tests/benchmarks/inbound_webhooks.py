#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: inbound WhatsApp webhooks posted to a running Odoo.

Posts N signed WhatsApp Cloud API text messages to the webhook route of a
benchmark connector, the way Meta does, and reports:

* messages per second (wall time of the N requests, sequential or with
  ``--concurrency`` clients);
* SQL queries per request, as counted by Odoo itself (the last numbers of
  each werkzeug access-log line), when ``--odoo-log`` names Odoo's log file;
* that every message was stored exactly once (counted back over XML-RPC).

The first message of each customer creates the conversation and is left out.
Two cases (``--case``):

* ``open``: messages into an open conversation;
* ``reopen``: each message reopens a closed conversation (before each round
  every benchmark conversation is closed over XML-RPC, not measured; a round
  posts one message per customer).

The connector is worked by every active agent of the database (so each
message notifies real recipients on the bus, as in production). Run it
against a database of realistic size, e.g. the one the migration benchmark
keeps (``python -m migrations.chatroom.benchmark ... --keep``).

Example, against ``./run.sh`` writing its log to a file::

    ./run.sh --logfile var/log/odoo.log &
    python3 tests/benchmarks/inbound_webhooks.py --odoo-log var/log/odoo.log -n 500

Only 127.0.0.1 is accepted as target. Standard library only.
"""
import argparse
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import statistics
import sys
import threading
import time
import xmlrpc.client
from urllib.parse import urlparse


CONNECTOR_NAME = "Benchmark WhatsApp (inbound webhooks)"
LOG_LINE = re.compile(
    r'"POST /cc/webhook/(?P<key>[^/ ?"]+)[^"]*" (?P<status>\d{3}) - '
    r"(?P<queries>\d+) (?P<query_time>[\d.]+) (?P<other_time>[\d.]+)")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069",
                        help="Odoo base URL (127.0.0.1 only; default %(default)s)")
    parser.add_argument("--db", default=os.environ.get("CC_DB", "cc_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("-n", "--messages", type=int, default=300,
                        help="messages to post (default %(default)s)")
    parser.add_argument("--customers", type=int, default=10,
                        help="distinct customers the messages come from")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="parallel HTTP clients (default %(default)s)")
    parser.add_argument("--case", choices=("open", "reopen", "both"), default="both",
                        help="messages into open conversations, messages reopening "
                        "closed ones, or both (default %(default)s)")
    parser.add_argument("--team", help="name of an existing team given to the "
                        "benchmark connector, so that reopened conversations are "
                        "routed by its rule (default: no team, they wait in the "
                        "connector's queue)")
    parser.add_argument("--odoo-log", help="Odoo's log file, to read query counts")
    parser.add_argument("--json", dest="json_path", help="also write the report here")
    args = parser.parse_args(argv)
    if urlparse(args.url).hostname != "127.0.0.1":
        parser.error("--url must point at 127.0.0.1")
    if args.messages < 1 or args.customers < 1 or args.concurrency < 1:
        parser.error("--messages, --customers and --concurrency must be positive")
    return args


class Odoo:
    """The few XML-RPC calls the benchmark needs."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.password = url, db, password
        common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit("cannot log in to %s as %s" % (db, login))
        self.models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method,
                                      list(args), kwargs)


def prepare_connector(odoo, team=None):
    """A fresh benchmark connector: its webhook key, app secret and phone id;
    ``team``: the name of the team it gets."""
    old = odoo.call("cc.connector", "search",
                    [("name", "=", CONNECTOR_NAME), ("active", "in", [True, False])])
    if old:
        odoo.call("cc.connector", "write", old, {"active": False, "name": CONNECTOR_NAME
                                                 + " (old)"})
    app_secret = secrets.token_hex(16)
    phone_number_id = "bench%s" % secrets.randbelow(10 ** 9)
    connector_id = odoo.call("cc.connector", "create", {
        "name": CONNECTOR_NAME,
        "provider": "whatsapp_cloud",
        "channel_kind": "whatsapp",
        "wa_phone_number_id": phone_number_id,
        "wa_app_secret": app_secret,
        "wa_graph_base_url": "http://127.0.0.1:9",  # never called for inbound
    })
    key = odoo.call("cc.connector", "read", [connector_id], ["webhook_key"])[0][
        "webhook_key"]
    agents = odoo.call("cc.agent", "search", [("active", "=", True)])
    if agents:  # real recipients for the bus notifications
        odoo.call("cc.connector", "write", [connector_id],
                  {"agent_ids": [(6, 0, agents)]})
    if team:
        team_ids = odoo.call("cc.team", "search", [("name", "=", team)], limit=1)
        if not team_ids:
            raise SystemExit("no team named %r" % team)
        odoo.call("cc.connector", "write", [connector_id], {"team_id": team_ids[0]})
    return connector_id, key, app_secret, phone_number_id


def whatsapp_text_event(phone_number_id, wa_id, wamid, text, timestamp):
    """One Cloud API ``messages`` webhook carrying one text message."""
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "bench-waba", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "5511999990000",
                         "phone_number_id": phone_number_id},
            "contacts": [{"profile": {"name": "Cliente %s" % wa_id[-4:]},
                          "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": wamid, "timestamp": str(timestamp),
                          "type": "text", "text": {"body": text}}],
        }}]}],
    }


def sign_event(app_secret, event):
    """``(body, headers)`` of ``event`` as Meta posts it, signed."""
    raw = json.dumps(event).encode()
    signature = hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"Content-Type": "application/json",
                 "X-Hub-Signature-256": "sha256=" + signature}


def post_signed(url, raw, headers):
    """One POST on a new connection (as a provider's delivery arrives), with
    the standard library's client: the client's own cost per message
    (``requests`` spent about a millisecond more) is part of every measured
    rate and flattens the ratio between two servers."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", parts.path, raw, headers)
        response = connection.getresponse()
        text = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError("webhook answered %s: %s" % (response.status, text[:200]))


def post_event(url, app_secret, event):
    post_signed(url, *sign_event(app_secret, event))


def post_all(url, app_secret, events, concurrency):
    """Post ``events`` with ``concurrency`` clients; returns the wall time
    (the bodies are signed before the clock starts)."""
    queue = [sign_event(app_secret, event) for event in reversed(events)]
    lock = threading.Lock()
    failures = []

    def worker():
        while True:
            with lock:
                if not queue or failures:
                    return
                raw, headers = queue.pop()
            try:
                post_signed(url, raw, headers)
            except Exception as error:  # noqa: B902 - reported after the run
                failures.append(error)

    threads = [threading.Thread(target=worker) for _i in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise SystemExit("benchmark aborted: %s" % failures[0])
    return elapsed


def _accepted_lines(log_path, offset, key):
    with open(log_path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # colour codes of a tty log
    return [m for m in LOG_LINE.finditer(text)
            if m.group("key") == key and m.group("status") == "200"]


def query_counts(log_path, offset, key):
    """Query counts of the webhook requests logged after ``offset``."""
    return [int(m.group("queries")) for m in _accepted_lines(log_path, offset, key)]


def request_times(log_path, offset, key):
    """Time Odoo spent on each webhook request logged after ``offset``, in
    milliseconds: (SQL, total). Odoo's access-log line ends with the query
    count, the time in SQL and the time outside SQL, in seconds."""
    return [(float(m.group("query_time")) * 1000,
             (float(m.group("query_time")) + float(m.group("other_time"))) * 1000)
            for m in _accepted_lines(log_path, offset, key)]


def close_conversations(odoo, connector_id):
    """Close every open benchmark conversation (the next message reopens it)."""
    ids = odoo.call("cc.conversation", "search", [
        ("connector_id", "=", connector_id), ("state", "!=", "done")])
    if ids:
        odoo.call("cc.conversation", "action_close", ids)
    return ids


def run_case(args, odoo, context, case):
    """Post the case's messages; returns its report."""
    connector_id, key, app_secret, webhook_url, event, customers = context
    offset = os.path.getsize(args.odoo_log) if args.odoo_log else 0
    elapsed = 0.0
    if case == "open":
        events = [event("%s-%s" % (case, i), customers[i % len(customers)])
                  for i in range(args.messages)]
        elapsed = post_all(webhook_url, app_secret, events, args.concurrency)
    else:
        rounds = -(-args.messages // len(customers))
        posted = 0
        for round_index in range(rounds):
            close_conversations(odoo, connector_id)
            batch = [event("%s-%s-%s" % (case, round_index, i), customer)
                     for i, customer in enumerate(customers)][:args.messages - posted]
            elapsed += post_all(webhook_url, app_secret, batch, args.concurrency)
            posted += len(batch)
        done = odoo.call("cc.conversation", "search_count", [
            ("connector_id", "=", connector_id), ("state", "=", "done")])
        if done:
            raise SystemExit("%s conversations were not reopened" % done)
    report = {
        "case": case,
        "messages": args.messages,
        "customers": args.customers,
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 3),
        "messages_per_second": round(args.messages / elapsed, 1),
    }
    if args.odoo_log:
        time.sleep(0.5)  # let the last access-log lines reach the file
        counts = query_counts(args.odoo_log, offset, key)
        if counts:
            report.update({
                "requests_logged": len(counts),
                "queries_per_request_mean": round(statistics.mean(counts), 2),
                "queries_per_request_median": statistics.median(counts),
                "queries_per_request_max": max(counts),
            })
        times = request_times(args.odoo_log, offset, key)
        if times:
            report.update({
                "request_ms_median": round(statistics.median(t[1] for t in times), 1),
                "request_sql_ms_median": round(statistics.median(t[0] for t in times),
                                               1),
            })
    return report


def check_counts(odoo, connector_id, expected):
    """Every message stored once; unread counters equal to what was received
    since each conversation was last closed (closing resets them)."""
    stored = odoo.call("cc.message", "search_count", [
        ("connector_id", "=", connector_id), ("direction", "=", "inbound")])
    conversations = odoo.call("cc.conversation", "search_read",
                              [("connector_id", "=", connector_id)],
                              ["unread_count", "cycle"])
    counts_match = True
    for conversation in conversations:
        received = odoo.call("cc.message", "search_count", [
            ("conversation_id", "=", conversation["id"]), ("direction", "=", "inbound"),
            ("cycle", "=", conversation["cycle"])])
        counts_match = counts_match and conversation["unread_count"] == received
    return {"stored_messages": stored, "expected_messages": expected,
            "unread_counts_match": counts_match}


def main(argv=None):
    args = parse_args(argv)
    odoo = Odoo(args.url, args.db, args.login, args.password)
    connector_id, key, app_secret, phone_number_id = prepare_connector(odoo, args.team)
    webhook_url = "%s/cc/webhook/%s" % (args.url, key)
    run_id = secrets.token_hex(4)
    now = int(time.time())
    customers = ["5511%09d" % (900000000 + i) for i in range(args.customers)]

    def event(index, customer):
        return whatsapp_text_event(phone_number_id, customer,
                                   "wamid.bench.%s.%s" % (run_id, index),
                                   "Mensagem %s: olá, tudo bem? 😀" % index, now)

    # First message of each customer: creates its conversation (not measured).
    post_all(webhook_url, app_secret,
             [event("first-%s" % i, c) for i, c in enumerate(customers)], 1)
    context = (connector_id, key, app_secret, webhook_url, event, customers)
    cases = ("open", "reopen") if args.case == "both" else (args.case,)
    reports = [run_case(args, odoo, context, case) for case in cases]
    totals = check_counts(odoo, connector_id,
                          len(customers) + args.messages * len(cases))
    print("Inbound webhook benchmark (%s)" % webhook_url.replace(key, "<key>"))
    for report in reports:
        for name, value in report.items():
            print("  %-28s %s" % (name, value))
        print()
    for name, value in totals.items():
        print("  %-28s %s" % (name, value))
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as out:
            json.dump({"cases": reports, "totals": totals}, out, indent=2)
    if not totals["unread_counts_match"]:
        print("ERROR: unread counters differ from the messages received", file=sys.stderr)
        return 1
    if totals["stored_messages"] != totals["expected_messages"]:
        print("ERROR: %s messages stored, %s expected" % (
            totals["stored_messages"], totals["expected_messages"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
