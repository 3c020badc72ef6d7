#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: webhook processing modes (sync / async) end to end.

Two measurements against a running Odoo (127.0.0.1 only), each switching
``cc_core.webhook_processing`` over XML-RPC before it runs:

``latency``
    Posts signed WhatsApp Cloud API texts at a steady rate (default 50
    messages/s for 30 s, from a pool of client threads, each message at its
    scheduled moment) and reports the time from each POST to the agent's
    screen: the moment the bus notification of the new message
    (``cc.message/new`` carrying its id) reaches a ``LISTEN imbus``
    connection of the benchmark on the ``postgres`` database, i.e. where
    Odoo's longpolling dispatcher hears it. p50 / p95 / max; also the HTTP
    answer times and how late the senders were on their schedule.

``throughput``
    For each round, number of clients and case (``open``, ``reopen``, as
    ``inbound_webhooks.py``), both modes back to back, the first flipping
    every round: N messages posted as fast as the clients go; reports the
    HTTP acknowledgements per second (wall time of the posts) AND the
    processed messages per second end to end (from the first POST until
    every message is stored, counted in the database every 10 ms). In sync
    mode both are the same thing.

Both check that every message was stored exactly once. Needs the cron
workers running (``--max-cron-threads=1`` or more) for the async mode.

    odoo-bin ... -d <db> --http-port 8413 --workers=2 --max-cron-threads=1 &
    /opt/odoo15/venv/bin/python tests/benchmarks/inbound_async.py latency \\
        --url http://127.0.0.1:8413 --db <db> --mode async --rate 50 --seconds 30
    /opt/odoo15/venv/bin/python tests/benchmarks/inbound_async.py throughput \\
        --url http://127.0.0.1:8413 --db <db> --rounds 3 --clients 1,4 -n 150
"""
import argparse
import json
import os
import select
import secrets
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inbound_webhooks as iw  # noqa: E402

MODE_PARAM = "cc_core.webhook_processing"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("latency", "throughput"))
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--mode", default="async",
                        help="latency: sync or async (comma list: each in turn)")
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--senders", type=int, default=16,
                        help="latency: client threads keeping the rate")
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", default="1,4")
    parser.add_argument("--cases", default="open,reopen")
    parser.add_argument("-n", "--messages", type=int, default=150)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args(argv)
    if urlparse(args.url).hostname != "127.0.0.1":
        parser.error("--url must point at 127.0.0.1")
    return args


class Bench:
    """A benchmark connector, its customers and a database connection."""

    def __init__(self, args):
        self.args = args
        self.odoo = iw.Odoo(args.url, args.db, args.login, args.password)
        (self.connector_id, self.key, self.app_secret,
         self.phone_number_id) = iw.prepare_connector(self.odoo)
        self.webhook_url = "%s/cc/webhook/%s" % (args.url, self.key)
        self.run_id = secrets.token_hex(4)
        self.customers = ["5511%09d" % (800000000 + i) for i in range(args.customers)]
        self.db = psycopg2.connect(dbname=args.db)
        self.db.autocommit = True
        self.posted = 0
        iw.post_all(self.webhook_url, self.app_secret,
                    [self.event("first-%s" % i, c) for i, c in enumerate(self.customers)],
                    1)
        self.posted = len(self.customers)
        self.wait_stored(self.posted, 60)

    def set_mode(self, mode):
        self.odoo.call("ir.config_parameter", "set_param", MODE_PARAM, mode)

    def event(self, index, customer):
        return iw.whatsapp_text_event(
            self.phone_number_id, customer, "wamid.bench.%s.%s" % (self.run_id, index),
            "Mensagem %s: olá, tudo bem?" % index, int(time.time()))

    def stored(self):
        with self.db.cursor() as cr:
            cr.execute("SELECT count(*) FROM cc_message WHERE connector_id = %s AND "
                       "direction = 'inbound'", (self.connector_id,))
            return cr.fetchone()[0]

    def wait_stored(self, expected, timeout):
        """Seconds until ``expected`` messages are stored (polled every 10 ms)."""
        start = time.perf_counter()
        while True:
            count = self.stored()
            if count >= expected:
                if count > expected:
                    raise SystemExit("%s messages stored, %s expected" % (count,
                                                                          expected))
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise SystemExit("only %s of %s messages stored after %ss" % (
                    count, expected, timeout))
            time.sleep(0.01)

    def check(self):
        totals = iw.check_counts(self.odoo, self.connector_id, self.posted)
        if totals["stored_messages"] != totals["expected_messages"] \
                or not totals["unread_counts_match"]:
            raise SystemExit("counts wrong: %s" % totals)
        return totals


class BusListener(threading.Thread):
    """``LISTEN imbus`` on ``postgres``; on each notification, reads the new
    ``bus_bus`` rows of the database and records when each message id was
    first announced."""

    def __init__(self, dbname):
        super().__init__(daemon=True)
        self.dbname = dbname
        self.seen = {}
        self.gaps = {}
        self.stop = False
        self.listen = psycopg2.connect(dbname="postgres")
        self.listen.autocommit = True
        self.listen.cursor().execute("LISTEN imbus")
        self.db = psycopg2.connect(dbname=dbname)
        self.db.autocommit = True
        with self.db.cursor() as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
            self.last = cr.fetchone()[0]

    def run(self):
        while not self.stop:
            if select.select([self.listen], [], [], 0.2) == ([], [], []):
                continue
            now = time.perf_counter()
            self.listen.poll()
            self.listen.notifies.clear()
            with self.db.cursor() as cr:
                # ids are not committed in order (parallel workers): the
                # gaps below the highest id read are read again until they
                # show up (forgotten after 30 s: rolled back)
                self.gaps = {i: t for i, t in self.gaps.items() if now - t < 30}
                cr.execute("SELECT id, message FROM bus_bus WHERE id > %s "
                           "OR id = ANY(%s) ORDER BY id", (self.last, list(self.gaps)))
                for row_id, message in cr.fetchall():
                    self.gaps.pop(row_id, None)
                    if row_id > self.last:
                        self.gaps.update((i, now) for i in range(self.last + 1, row_id))
                        self.last = row_id
                    try:
                        data = json.loads(message)
                    except ValueError:
                        continue
                    if data.get("type") == "cc.message/new":
                        message_id = (data.get("payload") or {}).get("message_id")
                        self.seen.setdefault(message_id, now)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_latency(bench, mode):
    args = bench.args
    bench.set_mode(mode)
    listener = BusListener(args.db)
    listener.start()
    count = int(args.rate * args.seconds)
    tag = "lat-%s-%s" % (mode, secrets.token_hex(2))
    events = [("%s-%s" % (tag, i), bench.customers[i % len(bench.customers)])
              for i in range(count)]
    posted_at, answered, late = {}, [], []
    lock = threading.Lock()
    queue = list(reversed(list(enumerate(events))))
    failures = []
    start = time.perf_counter() + 0.5

    def sender():
        while True:
            with lock:
                if not queue or failures:
                    return
                index, (name, customer) = queue.pop()
            due = start + index / args.rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            event = bench.event(name, customer)
            wamid = event["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
            sent = time.perf_counter()
            try:
                iw.post_event(bench.webhook_url, bench.app_secret, event)
            except Exception as error:  # noqa: B902 - reported after the run
                failures.append(error)
                return
            with lock:
                posted_at[wamid] = sent
                answered.append(time.perf_counter() - sent)
                late.append(max(0.0, sent - due))

    threads = [threading.Thread(target=sender) for _i in range(args.senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("latency run aborted: %s" % failures[0])
    bench.posted += count
    bench.wait_stored(bench.posted, 120)
    time.sleep(1.0)  # the last notifications
    listener.stop = True
    listener.join()
    with bench.db.cursor() as cr:
        cr.execute("SELECT id, provider_message_id FROM cc_message WHERE "
                   "provider_message_id = ANY(%s)", (list(posted_at),))
        ids = dict(cr.fetchall())
    latencies = [listener.seen[mid] - posted_at[wamid] for mid, wamid in ids.items()
                 if mid in listener.seen]
    if len(latencies) != count:
        raise SystemExit("%s of %s messages announced on the bus"
                         % (len(latencies), count))
    ms = [v * 1000 for v in latencies]
    return {
        "mode": mode, "rate": args.rate, "seconds": args.seconds, "messages": count,
        "latency_ms_p50": round(percentile(ms, 0.5), 1),
        "latency_ms_p95": round(percentile(ms, 0.95), 1),
        "latency_ms_max": round(max(ms), 1),
        "http_answer_ms_p50": round(percentile(answered, 0.5) * 1000, 1),
        "http_answer_ms_p95": round(percentile(answered, 0.95) * 1000, 1),
        "sender_late_ms_max": round(max(late) * 1000, 1),
    }


def run_throughput_case(bench, mode, clients, case):
    args = bench.args
    bench.set_mode(mode)
    tag = "%s-%s-%s-%s" % (case, mode, clients, secrets.token_hex(2))
    ack = e2e = 0.0
    if case == "open":
        batches = [[bench.event("%s-%s" % (tag, i), bench.customers[i % len(
            bench.customers)]) for i in range(args.messages)]]
    else:
        customers = bench.customers
        batches, made = [], 0
        while made < args.messages:
            batch = [bench.event("%s-%s-%s" % (tag, len(batches), i), c)
                     for i, c in enumerate(customers)][:args.messages - made]
            batches.append(batch)
            made += len(batch)
    for batch in batches:
        if case == "reopen":
            iw.close_conversations(bench.odoo, bench.connector_id)
        start = time.perf_counter()
        ack += iw.post_all(bench.webhook_url, bench.app_secret, batch, clients)
        bench.posted += len(batch)
        bench.wait_stored(bench.posted, 120)
        e2e += time.perf_counter() - start
    return {"mode": mode, "clients": clients, "case": case, "messages": args.messages,
            "ack_per_s": round(args.messages / ack, 1),
            "processed_per_s": round(args.messages / e2e, 1)}


def main(argv=None):
    args = parse_args(argv)
    bench = Bench(args)
    results = []
    try:
        if args.command == "latency":
            for mode in args.mode.split(","):
                report = run_latency(bench, mode)
                print(json.dumps(report))
                results.append(report)
        else:
            modes = ["sync", "async"]
            for round_index in range(args.rounds):
                for clients in [int(c) for c in args.clients.split(",")]:
                    for case in args.cases.split(","):
                        order = modes if round_index % 2 == 0 else modes[::-1]
                        for mode in order:
                            report = dict(run_throughput_case(bench, mode, clients,
                                                              case), round=round_index)
                            print(json.dumps(report), flush=True)
                            results.append(report)
            summarize(results)
        totals = bench.check()
        print(json.dumps(totals))
    finally:
        bench.set_mode("sync")
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)
    return 0


def summarize(results):
    keys = sorted({(r["case"], r["clients"]) for r in results})
    for case, clients in keys:
        rows = [r for r in results if (r["case"], r["clients"]) == (case, clients)]
        by_round = {}
        for row in rows:
            by_round.setdefault(row["round"], {})[row["mode"]] = row
        ratios = [pair["async"]["processed_per_s"] / pair["sync"]["processed_per_s"]
                  for pair in by_round.values() if len(pair) == 2]
        line = {"case": case, "clients": clients}
        for mode in ("sync", "async"):
            mode_rows = [r for r in rows if r["mode"] == mode]
            line[mode + "_ack_per_s_median"] = statistics.median(
                r["ack_per_s"] for r in mode_rows)
            line[mode + "_processed_per_s_median"] = statistics.median(
                r["processed_per_s"] for r in mode_rows)
        line["async_over_sync_processed_median"] = round(statistics.median(ratios), 2)
        line["ratios"] = [round(r, 2) for r in ratios]
        print("SUMMARY " + json.dumps(line))


if __name__ == "__main__":
    sys.exit(main())
