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

The first message of each customer creates the conversation and is left out:
the figures are for messages into an existing conversation.

Example, against ``./run.sh`` writing its log to a file::

    ./run.sh --logfile var/log/odoo.log &
    python3 tests/benchmarks/inbound_webhooks.py --odoo-log var/log/odoo.log -n 500

Only 127.0.0.1 is accepted as target. Needs ``requests`` (requirements.txt).
"""
import argparse
import hashlib
import hmac
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

import requests

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


def prepare_connector(odoo):
    """A fresh benchmark connector: its webhook key, app secret and phone id."""
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


def post_event(session, url, app_secret, event):
    raw = json.dumps(event).encode()
    signature = hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()
    response = session.post(url, data=raw, timeout=30, headers={
        "Content-Type": "application/json",
        "X-Hub-Signature-256": "sha256=" + signature,
    })
    if response.status_code != 200:
        raise RuntimeError("webhook answered %s: %s" % (response.status_code,
                                                        response.text[:200]))


def post_all(url, app_secret, events, concurrency):
    """Post ``events`` with ``concurrency`` clients; returns the wall time."""
    queue = list(reversed(events))
    lock = threading.Lock()
    failures = []

    def worker():
        session = requests.Session()
        while True:
            with lock:
                if not queue or failures:
                    return
                event = queue.pop()
            try:
                post_event(session, url, app_secret, event)
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


def query_counts(log_path, offset, key):
    """Query counts of the webhook requests logged after ``offset``."""
    with open(log_path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # colour codes of a tty log
    return [int(m.group("queries")) for m in LOG_LINE.finditer(text)
            if m.group("key") == key and m.group("status") == "200"]


def main(argv=None):
    args = parse_args(argv)
    odoo = Odoo(args.url, args.db, args.login, args.password)
    connector_id, key, app_secret, phone_number_id = prepare_connector(odoo)
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
    events = [event(i, customers[i % len(customers)]) for i in range(args.messages)]
    offset = os.path.getsize(args.odoo_log) if args.odoo_log else 0
    elapsed = post_all(webhook_url, app_secret, events, args.concurrency)

    stored = odoo.call("cc.message", "search_count", [
        ("connector_id", "=", connector_id), ("direction", "=", "inbound")])
    # Concurrent messages into one conversation must not lose unread counts.
    conversations = odoo.call("cc.conversation", "search_read",
                              [("connector_id", "=", connector_id)], ["unread_count"])
    per_conversation = odoo.call("cc.message", "read_group", [
        ("connector_id", "=", connector_id), ("direction", "=", "inbound")],
        ["conversation_id"], ["conversation_id"])
    inbound = {g["conversation_id"][0]: g["conversation_id_count"] for g in per_conversation}
    counts_match = all(c["unread_count"] == inbound.get(c["id"]) for c in conversations)
    report = {
        "messages": args.messages,
        "customers": args.customers,
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 3),
        "messages_per_second": round(args.messages / elapsed, 1),
        "stored_messages": stored,
        "expected_messages": args.messages + len(customers),
        "unread_counts_match": counts_match,
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
    print("Inbound webhook benchmark (%s)" % webhook_url.replace(key, "<key>"))
    for name, value in report.items():
        print("  %-28s %s" % (name, value))
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=2)
    if not counts_match:
        print("ERROR: unread counters differ from the messages received", file=sys.stderr)
        return 1
    if stored != report["expected_messages"]:
        print("ERROR: %s messages stored, %s expected" % (
            stored, report["expected_messages"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
