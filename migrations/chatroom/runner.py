# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``check`` and ``migrate``: the order of the steps, batches and commits."""
from . import (
    load_catalog,
    load_connectors,
    load_conversations,
    load_messages,
    load_people,
    origin,
)
from .bulk import BulkWriter
from .context import Context
from .load_attachments import copy_message_attachments
from .load_chatter import ChatterSync
from .mirror_deletions import mirror_deletions
from .progress import Progress
from .source import (
    CHATROOM_MODULE,
    CONVERSATION,
    CONVERSATION_MODEL,
    COUNTED_TABLES,
    MESSAGE,
    Source,
)

LOCK_KEY = 7151804  # pg advisory lock: one migrate at a time per database

NOT_MIGRATED = [
    "Cloud API credentials (ChatRoom had none for gateway numbers): gateway connectors "
    "get ChatRoom's endpoint, token and client id; the WhatsApp session (QR) stays on "
    "the gateway and is not touched",
    "WABA templates, 'ChatRoom:' mail templates, buttons and interactive lists",
    "ChatBot, AI configuration and usage logs, mass-mailing (campaigns, traces)",
    "json_request_log (contains connector tokens), bot logs, bot state",
    "read_date (it is when an agent opened the chat, not a customer read receipt)",
    "helpdesk links (the ChatRoom field points to the team model, not to tickets)",
    "avatars (image_128) of conversations",
]


class PreflightError(Exception):
    """ChatRoom or cc_core is not there: nothing can be done."""


def preflight(ctx):
    source, report, env = ctx.source, ctx.report, ctx.env
    missing = source.missing_tables()
    if missing:
        raise PreflightError("ChatRoom tables missing: %s (is ChatRoom installed in this "
                             "database?)" % ", ".join(missing))
    if source.module_state("cc_core") != "installed" or "cc.conversation" not in env:
        raise PreflightError("cc_core is not installed in this database: install the "
                             "Contact Center first (odoo-bin -i cc_core,cc_connector_whatsapp)")
    report.data["chatroom"]["module %s" % CHATROOM_MODULE] = \
        source.module_state(CHATROOM_MODULE) or "not found"
    for table in COUNTED_TABLES:
        count = source.count(table)
        if count is not None:
            report.data["chatroom"][table] = count
    for label, table, where in (
            ("chatter messages", "mail_message", "model = %s"),
            ("followers", "mail_followers", "res_model = %s"),
            ("activities", "mail_activity", "res_model = %s")):
        report.data["chatroom"][label] = source.count(table, where, (CONVERSATION_MODEL,))
    report.data["chatroom"]["message attachments (linked)"] = source.count(
        MESSAGE, "res_model = 'ir.attachment' AND res_id > 0")
    for model in ("cc.connector", "cc.conversation", "cc.message", "cc.agent", "cc.team"):
        report.data["cc_core"][model] = env[model].with_context(
            active_test=False).search_count([])
    report.data["cc_core"]["migrated before"] = origin.exists(ctx.cr)
    report.data["not_migrated"] = list(NOT_MIGRATED)


def reference_steps(ctx):
    connectors = ctx.source.connectors()
    load_people.load_agents(ctx)
    ctx.commit()
    load_people.load_teams(ctx, connectors)
    ctx.commit()
    load_connectors.load_connectors(ctx, connectors)
    load_connectors.report_owners_not_on_connector(ctx, connectors)
    ctx.commit()
    load_catalog.load_stages(ctx)
    load_catalog.load_tags(ctx)
    load_catalog.load_templates(ctx)
    load_catalog.load_activity_types(ctx)
    ctx.commit()


def plan_rows(ctx):
    """New/changed counts of the rows copied per conversation (check only)."""
    cr = ctx.cr
    known = origin.exists(cr)
    specs = [
        ("messages", MESSAGE, "TRUE", ()),
        ("chatter messages", "mail_message", "s.model = %s", (CONVERSATION_MODEL,)),
        ("activities", "mail_activity", "s.res_model = %s", (CONVERSATION_MODEL,)),
        ("followers", "mail_followers", "s.res_model = %s", (CONVERSATION_MODEL,)),
        ("message attachments", MESSAGE, "s.res_model = 'ir.attachment' AND EXISTS "
         "(SELECT 1 FROM ir_attachment a WHERE a.id = s.res_id)", ()),
    ]
    for label, table, where, params in specs:
        key = "acrux_chat_message_attachment" if label == "message attachments" else table
        has_date = label not in ("followers", "message attachments")
        if not known:
            cr.execute('SELECT count(*), 0, 0 FROM "%s" s WHERE %s' % (table, where), params)
        else:
            cr.execute("""
                SELECT count(*) FILTER (WHERE o.id IS NULL),
                       count(*) FILTER (WHERE o.id IS NOT NULL AND %s),
                       count(*) FILTER (WHERE o.id IS NOT NULL)
                  FROM "%s" s
                  LEFT JOIN cc_migration_origin o
                    ON o.source_table = '%s' AND o.source_id = s.id
                 WHERE %s
            """ % ("s.write_date > o.source_write_date" if has_date else "FALSE",
                   table, key, where), params)
        new, changed, mapped = cr.fetchone()
        ctx.report.plan(label, "create", new)
        ctx.report.plan(label, "update", changed)
        ctx.report.plan(label, "unchanged", mapped - changed)


def check(env, database, report, write=print):
    """Plan and anomalies; runs in a read-only transaction, writes nothing."""
    env.cr.rollback()
    env.cr.execute("SET TRANSACTION READ ONLY")
    ctx = Context(env, Source(env.cr), report, dry_run=True, write=write)
    preflight(ctx)
    reference_steps(ctx)
    touched = mirror_deletions(ctx)
    groups = load_conversations.prepare(ctx, touched)
    load_conversations.report_partners(ctx, groups)
    load_messages.scan_anomalies(ctx)
    plan_rows(ctx)
    env.cr.rollback()
    return ctx


def migrate(env, database, report, write=print, batch_size=500):
    cr = env.cr
    ctx = Context(env, Source(cr), report, dry_run=False, write=write,
                  batch_size=batch_size)
    preflight(ctx)
    cr.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
    if not cr.fetchone()[0]:
        raise PreflightError("another migration is running on this database")
    try:
        origin.ensure(cr)
        ctx.run_id = origin.start_run(cr, "migrate")
        cr.commit()
        reference_steps(ctx)
        touched = mirror_deletions(ctx)
        cr.commit()
        _conversations(ctx, touched)
        origin.finish_run(cr, ctx.run_id, "done")
        cr.commit()
    finally:
        cr.rollback()
        cr.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
        cr.commit()
    return ctx


def _conversations(ctx, touched):
    env, report = ctx.env, ctx.report
    losers = load_messages.scan_anomalies(ctx)
    groups = load_conversations.prepare(ctx, touched)
    partners = load_conversations.report_partners(ctx, groups)
    todo = [g for g in groups if g.status != "unchanged"]
    if not todo:
        ctx.write("conversations: 0 to migrate")
        return
    leads = load_conversations.lead_links(ctx, todo)
    tags = ctx.source.conversation_tags()
    env.cr.execute("SELECT id, team_id FROM cc_connector WHERE team_id IS NOT NULL")
    connector_teams = dict(env.cr.fetchall())
    labels = message_type_labels(env)
    writer = BulkWriter(env, "cc.conversation")
    messages = load_messages.MessageSync(ctx, losers, labels)
    chatter = ChatterSync(ctx)
    progress = Progress("conversations", len(todo), "conversations", write=ctx.write)
    totals = {"messages created": 0, "messages updated": 0, "attachments": 0,
              "chatter messages": 0, "followers": 0, "activities": 0}
    for batch_no, start in enumerate(range(0, len(todo), ctx.batch_size), 1):
        batch = todo[start:start + ctx.batch_size]
        new_groups = [g for g in batch if not g.existed]
        vals_list = [dict(load_conversations.conversation_values(
            ctx, g, tags, partners, leads, connector_teams),
            **load_conversations.creation_values(g)) for g in new_groups]
        for group, target_id in zip(new_groups, writer.create(vals_list)):
            group.target_id = target_id
        writer.update({g.target_id: load_conversations.conversation_values(
            ctx, g, tags, partners, leads, connector_teams)
            for g in batch if g.existed})
        ctx.record(CONVERSATION, "cc.conversation",
                   [(m["id"], g.target_id, m["write_date"]) for g in batch for m in g.members],
                   batch_no)
        created, updated, work = messages.run(batch, batch_no)
        attachments = copy_message_attachments(ctx, work, batch_no)
        stats = chatter.run(batch, batch_no)
        ctx.commit()
        totals["messages created"] += created
        totals["messages updated"] += updated
        totals["attachments"] += attachments
        totals["chatter messages"] += stats["messages"]
        totals["followers"] += stats["followers"]
        totals["activities"] += stats["activities"]
        copied = totals["messages created"] + totals["messages updated"]
        progress.advance(len(batch), "%d messages" % copied)
    for key, value in totals.items():
        report.data["result"][key] = value
    report.plan("messages", "create", totals["messages created"])
    report.plan("messages", "update", totals["messages updated"])
    report.plan("message attachments", "create", totals["attachments"])
    report.plan("chatter messages", "create", totals["chatter messages"])
    report.plan("followers", "create", totals["followers"])
    report.plan("activities", "create", totals["activities"])


def message_type_labels(env):
    """Labels of message types in the language cc_core's inbound pipeline uses
    (its webhook user's), for previews of messages without text."""
    lang = env.ref("cc_core.user_cc_webhook").lang or "en_US"
    lang_env = env(context=dict(env.context, lang=lang))
    field = lang_env["cc.message"]._fields["message_type"]
    return dict(field._description_selection(lang_env))
