# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``python -m migrations.chatroom {check,migrate,verify,switch,rollback}
--config F --database D [--connector C] [--dry-run]``.

Exit status: 0 on success (``verify``: both sides match; ``migrate``: copied
and verified; ``switch`` / ``rollback``: every connector moved, nothing
missing, phones connected), 1 when verification finds differences or the run
fails, 2 on usage errors (missing Odoo, ChatRoom or cc_core, nothing to switch).
"""
import argparse
import datetime
import os
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m migrations.chatroom",
        description="Copy ChatRoom (acrux.chat.*) data into the Contact Center (cc_core).")
    parser.add_argument("command",
                        choices=("check", "migrate", "verify", "switch", "rollback"),
                        help="check: plan and anomalies, writes nothing; migrate: copy "
                        "what is new or changed, then verify; verify: compare both "
                        "sides; switch: move gateway numbers to the Contact Center "
                        "(catch-up, webhook, activate, verify); rollback: give them "
                        "back to ChatRoom")
    parser.add_argument("--config", "-c", required=True, help="Odoo configuration file")
    parser.add_argument("--database", "-d", required=True, help="database name")
    parser.add_argument("--report", help="JSON report path (default: "
                        "chatroom-<command>-<database>-<UTC time>.json here)")
    parser.add_argument("--batch-size", type=int, default=500,
                        help="conversations per committed batch (default 500)")
    parser.add_argument("--connector", help="switch/rollback: only this connector "
                        "(ChatRoom id or name); default: every gateway connector")
    parser.add_argument("--dry-run", action="store_true", help="switch/rollback: show "
                        "what would be done and the phones' state; change nothing")
    parser.add_argument("--settle", type=float, default=5.0, help="switch/rollback: "
                        "seconds to wait for requests in flight after the webhook "
                        "moved (default 5)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from .odoo_env import OdooMissing

    try:
        return run(args)
    except OdooMissing as error:
        print(error, file=sys.stderr)
        return 2


def run(args):
    from . import runner, switch, verify
    from .odoo_env import environment
    from .report import Report

    report = Report(args.command, args.database)
    path = args.report or "chatroom-%s-%s-%s.json" % (
        args.command, args.database,
        datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ"))
    started = time.monotonic()
    status = 1
    try:
        with environment(args.config, args.database) as env:
            if args.command == "check":
                runner.check(env, args.database, report)
                status = 0
            elif args.command == "migrate":
                runner.migrate(env, args.database, report, batch_size=args.batch_size)
                status = 0 if verify.verify(env, report) else 1
            elif args.command in ("switch", "rollback"):
                command = getattr(switch, args.command)
                ok = command(env, report, wanted=args.connector, dry_run=args.dry_run,
                             settle=args.settle)
                status = 0 if ok else 1
            else:
                status = 0 if verify.verify(env, report) else 1
    except (runner.PreflightError, switch.SwitchError) as error:
        report.error(str(error))
        status = 2
    except Exception as error:  # noqa: B902 - reported, then re-raised for the traceback
        report.error("%s: %s" % (type(error).__name__, error))
        report.finish(False)
        report.write(path)
        print(report.render())
        print("Report written to %s" % os.path.abspath(path))
        raise
    report.data["result"]["seconds"] = round(time.monotonic() - started, 1)
    report.finish(status == 0)
    report.write(path)
    print(report.render())
    print("Report written to %s" % os.path.abspath(path))
    return status


if __name__ == "__main__":
    sys.exit(main())
