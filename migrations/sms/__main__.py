# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``python -m migrations.sms {check,migrate,verify} --config F --database D``.

Exit status: 0 on success (``migrate``: copied and verified), 1 when
verification finds differences, 2 on usage errors (no SMS tables, no
cc_core, no Kolmeya connector, Odoo not importable).
"""
import argparse
import datetime
import json
import os
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m migrations.sms",
        description="Copy the current SMS modules' data (sms_message, sms_campaign, "
        "sms_blacklist, the templates they use) into the Contact Center.")
    parser.add_argument("command", choices=("check", "migrate", "verify"))
    parser.add_argument("--config", "-c", required=True, help="Odoo configuration file")
    parser.add_argument("--database", "-d", required=True, help="database name")
    parser.add_argument("--connector", type=int,
                        help="id of the cc.connector receiving the SMS history "
                        "(default: the only Kolmeya connector)")
    parser.add_argument("--report", help="JSON report path")
    parser.add_argument("--batch-size", type=int, default=1000)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from ..chatroom.odoo_env import OdooMissing, environment
    from . import runner

    report = {"command": args.command, "database": args.database, "plan": {},
              "anomalies": {}, "result": {}, "verify": None, "errors": []}
    path = args.report or "sms-%s-%s-%s.json" % (
        args.command, args.database, datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ"))
    status = 1
    try:
        with environment(args.config, args.database) as env:
            if args.command == "check":
                runner.check(env, report, args.connector)
                status = 0
            elif args.command == "migrate":
                runner.migrate(env, report, args.batch_size, args.connector)
                status = 0 if runner.verify(env, report, args.connector) else 1
            else:
                status = 0 if runner.verify(env, report, args.connector) else 1
    except OdooMissing as error:
        print(error, file=sys.stderr)
        return 2
    except runner.PreflightError as error:
        report["errors"].append(str(error))
        status = 2
    report["ok"] = status == 0
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, default=str)
    print(json.dumps(report, indent=2, default=str))
    print("Report written to %s" % os.path.abspath(path))
    return status


if __name__ == "__main__":
    sys.exit(main())
