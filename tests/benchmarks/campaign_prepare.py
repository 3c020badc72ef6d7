# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: a campaign of 100,000 recipients, prepared and queued.

    PYTHONPATH=/opt/odoo15 /opt/odoo15/venv/bin/python \\
        tests/benchmarks/campaign_prepare.py --config odoo.conf \\
        --template <db with cc_core installed> [-n 100000]

Copies the template database into a scratch database (dropped at the end
unless ``--keep``), inserts N contacts (2 % sharing a number with another
contact, 1 % without a number, 1 % opted out, 0.5 % on the phone blacklist),
then measures, in one process:

* **prepare**: ``_prepare_run`` (audience resolved with set-based SQL,
  duplicates collapsed, opted-out and blocked numbers skipped);
* **queue**: the campaign cron queueing every recipient (conversation found
  or created, message rendered and queued, committed per batch of 1000);

and the process's peak resident memory (``ru_maxrss``). Nothing is sent.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import time

from psycopg2.extras import execute_values

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="campaign_prepare.py")
    parser.add_argument("--config", "-c", required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--database", default="campaigns_bench_prepare")
    parser.add_argument("-n", type=int, default=100000)
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args(argv)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def fill(env, count):
    """Contacts straight into res_partner, with their phone keys."""
    cr = env.cr
    tag = env["res.partner.category"].create({"name": "Benchmark audience"})
    rows = []
    for index in range(count):
        if index % 100 == 1:
            key = None  # no number
        elif index % 50 == 2:
            key = "+55119%08d" % (index - 1)  # same number as another contact
        else:
            key = "+55119%08d" % index
        rows.append(("Cliente %06d" % index, key, key, "%011d" % index))
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company_id = cr.fetchone()[0]
    ids = execute_values(cr, """
        INSERT INTO res_partner (name, display_name, mobile, cc_mobile_key, vat, active,
                                 type, company_id, create_date, write_date)
        SELECT v.name, v.name, v.mobile, v.key, v.vat, true, 'contact', %s,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM (VALUES %%s) AS v(name, mobile, key, vat) RETURNING id""" % company_id,
                         rows, page_size=5000, fetch=True)
    execute_values(cr, "INSERT INTO res_partner_res_partner_category_rel "
                       "(partner_id, category_id) VALUES %s",
                   [(row[0], tag.id) for row in ids], page_size=5000)
    opted = [("+55119%08d" % i, "sms", "migration", True) for i in range(5, count, 100)]
    execute_values(cr, "INSERT INTO cc_opt_out (address, channel_kind, source, active, "
                       "date) SELECT v.*, now() at time zone 'UTC' FROM (VALUES %s) "
                       "AS v(a, k, s, ac) ON CONFLICT DO NOTHING", opted)
    blocked = [("+55119%08d" % i,) for i in range(7, count, 200)]
    execute_values(cr, "INSERT INTO phone_blacklist (number, active, create_date, "
                       "write_date) SELECT v.n, true, now() at time zone 'UTC', "
                       "now() at time zone 'UTC' FROM (VALUES %s) AS v(n) "
                       "ON CONFLICT DO NOTHING", blocked)
    env.cr.commit()
    return tag


def main(argv=None):
    args = parse_args(argv)
    from migrations.chatroom.odoo_env import environment

    subprocess.run(["dropdb", "--if-exists", args.database], check=True)
    subprocess.run(["createdb", "-T", args.template, args.database], check=True)
    try:
        with environment(args.config, args.database) as env:
            env = env(context=dict(env.context, cc_no_commit=False))
            started = time.monotonic()
            tag = fill(env, args.n)
            print("filled %d contacts in %.1f s" % (args.n, time.monotonic() - started))
            connector = env["cc.connector"].create(
                {"name": "Benchmark SMS", "channel_kind": "sms", "active": False})
            campaign = env["cc.campaign"].create({
                "name": "Benchmark", "connector_id": connector.id,
                "partner_domain": "[('category_id', 'in', [%d])]" % tag.id,
                "body": "Olá |NOME|, CPF |CPF|: oferta de {{ object.connector_id.name }}",
                "window_start": 0, "window_end": 0,
            })
            env.cr.commit()
            rss_before = peak_mb()
            started = time.monotonic()
            campaign._prepare_run(1)
            env.cr.commit()
            prepare = time.monotonic() - started
            campaign.state = "running"
            env.cr.commit()
            started = time.monotonic()
            campaign._run()
            queue = time.monotonic() - started
            env.cr.execute("SELECT count(*) FROM cc_message WHERE campaign_id = %s",
                           (campaign.id,))
            queued = env.cr.fetchone()[0]
            campaign.invalidate_cache()
            print("audience %d: recipients %d, skipped invalid %d, duplicate %d, "
                  "opted out %d, blocked %d" % (
                      campaign.audience_size, campaign.recipient_count,
                      campaign.skipped_invalid_count, campaign.skipped_duplicate_count,
                      campaign.skipped_opted_out_count, campaign.skipped_blocked_count))
            print("prepare: %.1f s; queue %d messages: %.1f s; total %.1f s" % (
                prepare, queued, queue, prepare + queue))
            print("peak memory: %.0f MB (before preparing: %.0f MB)" % (
                peak_mb(), rss_before))
    finally:
        if not args.keep:
            import odoo

            odoo.sql_db.close_db(args.database)
            subprocess.run(["dropdb", "--if-exists", args.database], check=False)
            data_dir = odoo.tools.config["data_dir"]
            shutil.rmtree(os.path.join(data_dir, "filestore", args.database),
                          ignore_errors=True)


if __name__ == "__main__":
    main()
