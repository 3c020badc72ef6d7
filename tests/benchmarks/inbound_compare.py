#!/usr/bin/env python3
# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: our inbound webhooks now against our code of an earlier commit.

ChatRoom cannot run here, so the issue's "N times ChatRoom's messages/s" is
derived: the issue measured our code of that time against ChatRoom (1.2x for
a text into an open conversation, 0.83x for a text reopening a closed one,
one client). Serve that commit and the current code side by side (same
machine, same settings, each on a database of realistic size), and this
script runs ``inbound_webhooks.py`` against both, **alternating** (the order
flips every round, so a load change on the machine hits both sides), for
each case and number of clients, then reports per case and clients:

* each side's messages/s (median, min, max over the rounds) and Odoo's own
  time per request (median of the rounds' medians);
* the ratio now / then: the median of the per-round ratios (a round's two
  runs are back to back), with their spread, and the ratio of the medians;
* the derived ratio to ChatRoom = (ours now / ours then) x the issue's ratio
  of then (``--then-vs-chatroom``).

Only ratios are meaningful on a shared machine; absolute figures vary from
one run to the next. Example (see README, "Inbound webhooks over HTTP")::

    python3 tests/benchmarks/inbound_compare.py \\
        --baseline http://127.0.0.1:8411,speed_base,var/log/srv_base.log \\
        --current http://127.0.0.1:8412,speed_now,var/log/srv_now.log \\
        --rounds 3 --clients 1,4 -n 150 --customers 15
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

try:
    from . import inbound_webhooks as bench
except ImportError:  # run as a script
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import inbound_webhooks as bench

CASES = ("open", "reopen")
SIDES = ("baseline", "current")
# The measurements of our code then against ChatRoom 15.0.42.
THEN_VS_CHATROOM = {"open": 1.2, "reopen": 0.83}


def _target(text):
    parts = text.split(",")
    if len(parts) != 3:
        raise argparse.ArgumentTypeError("expected URL,DATABASE,ODOO_LOG")
    return {"url": parts[0], "db": parts[1], "log": parts[2]}


def _ratios(text):
    ratios = {}
    for item in text.split(","):
        case, _sep, value = item.partition("=")
        if case not in CASES or not value:
            raise argparse.ArgumentTypeError("expected open=R,reopen=R")
        ratios[case] = float(value)
    return ratios


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=_target, required=True,
                        help="URL,DATABASE,ODOO_LOG of the earlier commit's server")
    parser.add_argument("--current", type=_target, required=True,
                        help="URL,DATABASE,ODOO_LOG of the current code's server")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", default="1,4",
                        help="comma separated client counts (default %(default)s)")
    parser.add_argument("--cases", default="open,reopen")
    parser.add_argument("-n", "--messages", type=int, default=150)
    parser.add_argument("--customers", type=int, default=15)
    parser.add_argument("--team", help="team of the benchmark connector (see "
                        "inbound_webhooks.py --team)")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--then-vs-chatroom", type=_ratios, default=THEN_VS_CHATROOM,
                        help="our earlier code's ratio to ChatRoom per case "
                        "(default: the issue's open=1.2,reopen=0.83)")
    parser.add_argument("--json", dest="json_path", help="also write the results here")
    parser.add_argument("--previous", metavar="JSON",
                        help="the --json of an earlier run: its runs count in the "
                        "summary and the rounds continue after them (the side that "
                        "goes first keeps flipping)")
    args = parser.parse_args(argv)
    args.clients = [int(c) for c in args.clients.split(",")]
    args.cases = [c for c in args.cases.split(",")]
    if any(c not in CASES for c in args.cases) or any(c < 1 for c in args.clients):
        parser.error("--cases among open,reopen; --clients positive")
    if args.rounds < 1:
        parser.error("--rounds must be positive")
    return args


def schedule(rounds, clients, cases, first_round=0):
    """Runs in order: (round, clients, case, side). The side that goes first
    flips every round, so a change of load hits both sides alike."""
    runs = []
    for round_index in range(first_round, first_round + rounds):
        sides = SIDES if round_index % 2 == 0 else tuple(reversed(SIDES))
        for count in clients:
            for case in cases:
                runs.extend((round_index, count, case, side) for side in sides)
    return runs


def _spread(values):
    return {"median": round(statistics.median(values), 2),
            "min": round(min(values), 2), "max": round(max(values), 2),
            "runs": [round(v, 2) for v in values]}


def summarize(results, then_vs_chatroom):
    """``results``: dicts with round, clients, case, side and the report of
    ``inbound_webhooks`` (messages_per_second, request_ms_median, ...)."""
    summary = []
    keys = sorted({(r["case"], r["clients"]) for r in results},
                  key=lambda k: (CASES.index(k[0]), k[1]))
    for case, clients in keys:
        rows = [r for r in results if r["case"] == case and r["clients"] == clients]
        per_side = {}
        for side in SIDES:
            mine = [r for r in rows if r["side"] == side]
            per_side[side] = {
                "messages_per_second": _spread([r["messages_per_second"] for r in mine]),
                "request_ms_median": _spread([r["request_ms_median"] for r in mine
                                              if r.get("request_ms_median")] or [0]),
                "queries_per_request_median": _spread(
                    [r["queries_per_request_median"] for r in mine
                     if r.get("queries_per_request_median")] or [0]),
            }
        paired = []
        for round_index in sorted({r["round"] for r in rows}):
            pair = {r["side"]: r["messages_per_second"] for r in rows
                    if r["round"] == round_index}
            if len(pair) == 2 and pair["baseline"]:
                paired.append(pair["current"] / pair["baseline"])
        of_medians = (per_side["current"]["messages_per_second"]["median"]
                      / per_side["baseline"]["messages_per_second"]["median"])
        # A round's two runs are back to back: the median of the per-round
        # ratios is the figure least moved by the machine's load changes.
        ratio = statistics.median(paired) if paired else of_medians
        entry = {"case": case, "clients": clients, "sides": per_side,
                 "ratio_now_vs_then": round(ratio, 2),
                 "ratio_of_medians": round(of_medians, 2),
                 "ratio_per_round": _spread(paired) if paired else None}
        if case in then_vs_chatroom:
            entry["derived_vs_chatroom"] = round(ratio * then_vs_chatroom[case], 2)
        summary.append(entry)
    return summary


def format_summary(summary, then_vs_chatroom):
    lines = []
    for entry in summary:
        base, cur = entry["sides"]["baseline"], entry["sides"]["current"]
        lines.append("%s, %s client(s):" % (entry["case"], entry["clients"]))
        for name, side in (("then", base), ("now", cur)):
            mps = side["messages_per_second"]
            lines.append("  %-4s %6.1f msg/s (min %.1f, max %.1f)  %6.1f ms/request"
                         "  %s queries" % (name, mps["median"], mps["min"], mps["max"],
                                           side["request_ms_median"]["median"],
                                           side["queries_per_request_median"]["median"]))
        spread = entry["ratio_per_round"]
        lines.append("  now/then %.2f (median of the rounds' ratios, %s; ratio of "
                     "the medians %.2f)" % (
                         entry["ratio_now_vs_then"],
                         "%.2f..%.2f" % (spread["min"], spread["max"]) if spread
                         else "-", entry["ratio_of_medians"]))
        if "derived_vs_chatroom" in entry:
            lines.append("  derived vs ChatRoom: %.2f x %.2f = %.2fx (derived, not "
                         "measured)" % (entry["ratio_now_vs_then"],
                                        then_vs_chatroom[entry["case"]],
                                        entry["derived_vs_chatroom"]))
    return "\n".join(lines)


def run_one(args, target, case, clients):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        code = bench.main([
            "--url", target["url"], "--db", target["db"], "--odoo-log", target["log"],
            "--login", args.login, "--password", args.password,
            "-n", str(args.messages), "--customers", str(args.customers),
            "--concurrency", str(clients), "--case", case, "--json", path]
            + (["--team", args.team] if args.team else []))
        with open(path, encoding="utf-8") as report_file:
            report = json.load(report_file)
    if code:
        raise SystemExit("run failed (%s, %s clients): messages lost or counters "
                         "wrong: %s" % (case, clients, report["totals"]))
    return report["cases"][0]


def main(argv=None):
    args = parse_args(argv)
    results = []
    if args.previous:
        with open(args.previous, encoding="utf-8") as previous:
            results = json.load(previous)["runs"]
    first_round = max((r["round"] for r in results), default=-1) + 1
    for round_index, clients, case, side in schedule(args.rounds, args.clients,
                                                     args.cases, first_round):
        report = run_one(args, getattr(args, side), case, clients)
        report.update(round=round_index, clients=clients, case=case, side=side)
        results.append(report)
        print("round %s, %s, %s client(s), %s: %s msg/s, %s ms/request" % (
            round_index + 1, case, clients, side, report["messages_per_second"],
            report.get("request_ms_median")), flush=True)
    summary = summarize(results, args.then_vs_chatroom)
    print()
    print(format_summary(summary, args.then_vs_chatroom))
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as out:
            json.dump({"runs": results, "summary": summary}, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
