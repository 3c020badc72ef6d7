# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: production-sized synthetic ChatRoom data, timed migrate + verify.

    PYTHONPATH=/opt/odoo15 /opt/odoo15/venv/bin/python -m migrations.chatroom.benchmark \\
        --config odoo.conf --template <db with cc_core installed>

Copies the template database into a scratch database (dropped at the end
unless ``--keep``), fills ChatRoom's tables with 4,968 conversations,
about 185,000 messages and 25,000 attachments (the size of the production
database measured in issue 14), chatter, followers and activities, then times ``migrate``
(with its verification), a second ``migrate`` (nothing to do) and a catch-up
after new messages arrived.
"""
import argparse
import cProfile
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta

from psycopg2.extras import execute_values

CONVERSATIONS = 4968
MESSAGES = 185000
DISTINCT_FILES = 1000
ATTACHMENTS = 25000
TYPES = (["text"] * 70 + ["image"] * 10 + ["audio"] * 5 + ["file"] * 3 + ["video"] * 2
         + ["location", "sticker", "contact", "product"] + ["info"] * 8)
EVENTS = ("to_new", "to_curr", "to_done", "unanswered")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m migrations.chatroom.benchmark")
    parser.add_argument("--config", "-c", required=True)
    parser.add_argument("--template", required=True,
                        help="database with cc_core installed, copied for the benchmark")
    parser.add_argument("--database", default="cc_chatroom_benchmark")
    parser.add_argument("--conversations", type=int, default=CONVERSATIONS)
    parser.add_argument("--messages", type=int, default=MESSAGES)
    parser.add_argument("--attachments", type=int, default=ATTACHMENTS)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--profile", metavar="FILE",
                        help="write a cProfile of the first migrate to FILE "
                        "(read it with python -m pstats FILE)")
    return parser.parse_args(argv)


def copy_database(odoo, template, database):
    data_dir = odoo.tools.config["data_dir"]
    subprocess.run(["dropdb", "--if-exists", "--force", database], check=False)
    subprocess.run(["createdb", "-T", template, database], check=True)
    source = os.path.join(data_dir, "filestore", template)
    target = os.path.join(data_dir, "filestore", database)
    shutil.rmtree(target, ignore_errors=True)
    if os.path.isdir(source):
        shutil.copytree(source, target)


def drop_database(odoo, database):
    odoo.sql_db.close_db(database)
    subprocess.run(["dropdb", "--if-exists", "--force", database], check=False)
    shutil.rmtree(os.path.join(odoo.tools.config["data_dir"], "filestore", database),
                  ignore_errors=True)


def generate(env, conversations, messages, attachments=ATTACHMENTS, seed=20251123):
    """Fill ChatRoom's tables; returns counts."""
    from . import fake_chatroom
    from .cc_services import phone

    rnd = random.Random(seed)
    cr = env.cr
    groups = fake_chatroom.install(cr)
    room = fake_chatroom.FakeChatRoom(cr, groups)
    company1 = env.ref("base.main_company")
    company2 = env["res.company"].create({"name": "Benchmark Filial"})
    users = env["res.users"].with_context(no_reset_password=True).create([{
        "login": "bench.agent%02d" % i, "name": "Agente %02d" % i,
        "company_ids": [(6, 0, (company1 | company2).ids)],
        "company_id": (company1 if i % 5 else company2).id,
        "groups_id": [(6, 0, [env.ref("base.group_user").id])]} for i in range(30)])
    for user in users:
        room.chatroom_user(user.id, active_in_chat=bool(user.id % 7), admin=user.id % 10 == 0)
    team = room.crm_team("Atendimento", company1.id, leader=users[0].id, members=users[:20].ids)
    start = datetime(2024, 1, 1)
    connectors = [
        room.connector("WhatsApp Principal", company1.id, start, team_id=team,
                       source="5511400400001", agents=users[:20].ids,
                       automatic_agent_assign=True),
        room.connector("WhatsApp Suporte", company1.id, start, source="5511400400002"),
        room.connector("WhatsApp Filial", company2.id, start, source="5581400400003"),
    ]
    stages = [room.stage(n, s) for n, s in (("Pending", 5), ("Urgent", 6), ("Finished", 7))]
    tags = [room.tag("Tag %d" % i, i % 10) for i in range(12)]
    # partners with mobile numbers (keys as cc_core computes them)
    numbers = []
    while len(numbers) < conversations:
        number = "55%02d9%08d" % (rnd.choice((11, 21, 31, 41, 48, 51, 61, 71, 81, 85)),
                                  rnd.randrange(60000000, 99999999))
        if number not in numbers:
            numbers.append(number)
    partner_rows = []
    for number in numbers[: conversations // 2]:
        e164 = "+" + number
        partner_rows.append(("Cliente %s" % number[-4:], e164, phone.ninth_digit_key(e164)))
    execute_values(cr._obj, """
        INSERT INTO res_partner (name, display_name, mobile, cc_mobile_key, active, type,
                                 is_company, lang, create_date, write_date)
        SELECT v.n, v.n, v.m, v.k, true, 'contact', false, 'pt_BR', now(), now()
          FROM (VALUES %s) AS v (n, m, k) RETURNING id
    """, partner_rows, fetch=True)
    cr.execute("SELECT id, mobile FROM res_partner WHERE mobile = ANY(%s)",
               (["+" + n for n in numbers],))
    partner_of = {mobile[1:]: pid for pid, mobile in cr.fetchall()}
    # conversations: 1% 9th-digit variants of another number, some private/invalid
    rows = []
    for index, number in enumerate(numbers):
        connector = connectors[index % 3]
        conv_type = "normal"
        if index % 101 == 0 and index:
            base = rows[index - 3]
            number = base[1][:4] + base[1][5:] if len(base[1]) == 13 else number
            connector = base[0]
        elif index % 397 == 0:
            number, conv_type = "%s-16000@l.us" % number, "private"
        elif index % 499 == 0:
            number = "0800%d" % index
        status = rnd.choice(("new", "current", "done", "done", "done"))
        agent = rnd.choice(users[:20]).id if status == "current" or rnd.random() < 0.3 else None
        when = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 600))
        rows.append((connector, number, conv_type, status, agent, when,
                     partner_of.get(number) if rnd.random() < 0.8 else None,
                     rnd.choice(stages + [None]), str(rnd.randrange(0, 4)),
                     company2.id if connector == connectors[2] else company1.id))
    result = execute_values(cr._obj, """
        INSERT INTO acrux_chat_conversation (connector_id, number, conv_type, status, agent_id,
            last_activity, res_partner_id, stage_id, priority, company_id, name,
            create_uid, create_date, write_uid, write_date)
        SELECT v.c, v.n, v.t, v.s, v.a, v.w, v.p, v.st, v.pr, v.co, 'Contato ' || right(v.n, 4),
               2, v.w - interval '30 days', 2, v.w
          FROM (VALUES %s) AS v (c, n, t, s, a, w, p, st, pr, co) RETURNING id, last_activity
    """, rows, template=(
        "(%s::int4, %s::varchar, %s::varchar, %s::varchar, %s::int4, "
        "%s::timestamp, %s::int4, %s::int4, %s::varchar, %s::int4)"),
        fetch=True, page_size=1000)
    conversation_ids = [(cid, when) for cid, when in result]
    execute_values(
        cr._obj,
        "INSERT INTO acrux_chat_conversation_acrux_chat_conversation_tag_rel "
        "VALUES %s ON CONFLICT DO NOTHING",
        [(cid, rnd.choice(tags)) for cid, _w in conversation_ids if rnd.random() < 0.3])
    # files shared by the attachment rows (ChatRoom stores one file per upload)
    files = env["ir.attachment"].create([{
        "name": "midia_%04d.ogg" % i, "raw": os.urandom(rnd.randrange(2000, 60000)),
        "mimetype": "audio/ogg", "res_model": "acrux.chat.message", "res_id": 0,
        "public": True} for i in range(DISTINCT_FILES)])
    cr.execute("SELECT store_fname, checksum, file_size FROM ir_attachment WHERE id = ANY(%s)",
               (files.ids,))
    file_rows = cr.fetchall()
    # messages
    weights = [rnd.paretovariate(1.5) for _c in conversation_ids]
    total = sum(weights)
    counts = [max(1, int(messages * weight / total)) for weight in weights]
    for index in rnd.sample(range(len(counts)), max(0, messages - sum(counts))):
        counts[index] += 1
    message_rows = []
    media_slots = []
    for (cid, last), count in zip(conversation_ids, counts):
        for position in range(count):
            when = last - timedelta(minutes=(count - position) * rnd.randrange(1, 90))
            ttype = rnd.choice(TYPES)
            from_me = ttype == "info" or rnd.random() < 0.45
            event = rnd.choice(EVENTS) if ttype == "info" else None
            text = rnd.choice(("Olá, tudo bem? 😊", "Preciso de ajuda com meu pedido nº %d"
                               % position, "Obrigado! 🙏", "Ação concluída", "Pode me "
                               "enviar o boleto?", "Segue o comprovante")) \
                if ttype in ("text", "image", "info") else ""
            message_rows.append([cid, when, text, ttype, from_me,
                                 ("wamid.%d.%d" % (cid, position)
                                  if rnd.random() < 0.9 else None),
                                 "Falha no envio" if from_me and rnd.random() < 0.01 else None,
                                 event, rnd.choice(users).id if from_me else None,
                                 not (from_me and rnd.random() < 0.005), None, None])
            if ttype in ("image", "audio", "file", "video"):
                media_slots.append(len(message_rows) - 1)
    rnd.shuffle(media_slots)
    for slot in media_slots[:attachments]:
        message_rows[slot][10] = "ir.attachment"
    fake_chatroom.bulk_messages(cr, [tuple(r) for r in message_rows])
    cr.execute("""
        SELECT id FROM acrux_chat_message WHERE res_model = 'ir.attachment' ORDER BY id
    """)
    media_ids = [row[0] for row in cr.fetchall()]
    attachment_rows = [(mid, "midia_%d.ogg" % mid) + file_rows[i % len(file_rows)]
                       for i, mid in enumerate(media_ids)]
    execute_values(cr._obj, """
        WITH a AS (
            INSERT INTO ir_attachment (name, res_model, res_id, type, store_fname, checksum,
                file_size, mimetype, public, delete_old, company_id, create_uid, create_date,
                write_uid, write_date)
            SELECT v.n, 'acrux.chat.message', v.m, 'binary', v.f, v.c, v.s, 'audio/ogg',
                   true, true, 1, 2, now(), 2, now()
              FROM (VALUES %s) AS v (m, n, f, c, s) RETURNING id, res_id)
        UPDATE acrux_chat_message SET res_id = a.id
          FROM a WHERE acrux_chat_message.id = a.res_id
    """, attachment_rows, page_size=1000)
    cr.execute("UPDATE ir_attachment SET res_id = 0 WHERE id = ANY(%s)", (files.ids,))
    # chatter
    admin_partner = env.ref("base.partner_admin").id
    note_subtype = env.ref("mail.mt_note").id
    chosen = rnd.sample([c for c, _w in conversation_ids], min(2000, len(conversation_ids)))
    execute_values(cr._obj, """
        INSERT INTO mail_message (model, res_id, body, message_type, subtype_id, author_id,
                                  date, create_uid, create_date, write_uid, write_date)
        SELECT 'acrux.chat.conversation', v.r, '<p>Nota interna sobre o cliente</p>',
               'comment', %d, %d, now(), 2, now(), 2, now()
          FROM (VALUES %%s) AS v (r)
    """ % (note_subtype, admin_partner), [(c,) for c in chosen])
    execute_values(cr._obj, "INSERT INTO mail_followers (res_model, res_id, partner_id) "
                   "VALUES %s ON CONFLICT DO NOTHING",
                   [("acrux.chat.conversation", c, rnd.choice(users).partner_id.id)
                    for c in chosen[:1000]])
    todo = env.ref("mail.mail_activity_data_todo").id
    cr.execute("SELECT id FROM ir_model WHERE model = 'acrux.chat.conversation'")
    model_id = cr.fetchone()[0]
    execute_values(cr._obj, """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, summary,
            date_deadline, user_id, create_uid, create_date, write_uid, write_date)
        SELECT %d, 'acrux.chat.conversation', v.r, %d, 'Retornar', current_date + 3, v.u,
               2, now(), 2, now()
          FROM (VALUES %%s) AS v (r, u)
    """ % (model_id, todo), [(c, rnd.choice(users).id) for c in chosen[:300]])
    env["base"].invalidate_cache()
    return {"conversations": len(conversation_ids), "messages": len(message_rows),
            "attachments": len(attachment_rows), "chatter messages": len(chosen)}


def add_catch_up_messages(cr, count=500, seed=7):
    """New ChatRoom messages in existing conversations (a day of traffic)."""
    from . import fake_chatroom

    rnd = random.Random(seed)
    cr.execute("SELECT id FROM acrux_chat_conversation ORDER BY id")
    ids = [row[0] for row in cr.fetchall()]
    now = datetime.utcnow().replace(microsecond=0)
    fake_chatroom.bulk_messages(cr, [
        (rnd.choice(ids), now + timedelta(seconds=i), "Mensagem nova %d" % i, "text",
         bool(i % 2), "wamid.new.%d" % i, None, None, None, True, None, None)
        for i in range(count)])
    cr.execute("UPDATE acrux_chat_conversation SET write_date = now() AT TIME ZONE 'UTC' "
               "WHERE id IN (SELECT DISTINCT contact_id FROM acrux_chat_message "
               "WHERE msgid LIKE 'wamid.new.%%')")


def timed(label, function, results):
    started = time.monotonic()
    value = function()
    results[label] = round(time.monotonic() - started, 2)
    return value


def main(argv=None):
    args = parse_args(argv)
    from . import runner, verify
    from .odoo_env import environment, import_odoo
    from .report import Report

    odoo = import_odoo()
    odoo.tools.config.parse_config(["-c", args.config])
    results = {}
    copy_database(odoo, args.template, args.database)
    silent = lambda line: None  # noqa: E731 - progress lines are not benchmark output
    try:
        with environment(args.config, args.database) as env:
            counts = timed("generate data (not part of the migration)",
                           lambda: generate(env, args.conversations, args.messages,
                                            args.attachments), results)
            env.cr.commit()
            report = Report("migrate", args.database)
            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            timed("migrate (copy)", lambda: runner.migrate(
                env, args.database, report, write=print), results)
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
            ok = timed("verify", lambda: verify.verify(env, report), results)
            results["migrate + verify"] = round(
                results["migrate (copy)"] + results["verify"], 2)
            again = Report("migrate", args.database)
            timed("second migrate (0 to migrate)",
                  lambda: runner.migrate(env, args.database, again, write=silent), results)
            add_catch_up_messages(env.cr)
            env.cr.commit()
            catch_up = Report("migrate", args.database)
            timed("catch-up of 500 new messages",
                  lambda: runner.migrate(env, args.database, catch_up, write=silent), results)
            ok_after = timed("verify after catch-up",
                             lambda: verify.verify(env, catch_up), results)
    finally:
        if not args.keep:
            drop_database(odoo, args.database)
    print()
    print("Dataset: %s" % ", ".join("%s %s" % (v, k) for k, v in counts.items()))
    print("Machine: %d CPU(s), Python %s" % (os.cpu_count(), sys.version.split()[0]))
    for label, seconds in results.items():
        print("  %-45s %8.2f s" % (label, seconds))
    print("  verify: %s, after catch-up: %s, second run: %s" % (
        "OK" if ok else "DIFFERENCES", "OK" if ok_after else "DIFFERENCES",
        "0 to migrate" if again.nothing_to_do() else again.data["plan"]))
    return 0 if ok and ok_after and again.nothing_to_do() else 1


if __name__ == "__main__":
    sys.exit(main())
