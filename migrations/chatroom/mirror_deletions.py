# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rows deleted in ChatRoom since they were copied are deleted from our copy.

Until the switch ChatRoom is the live system: a conversation deleted there
(with its messages), a chatter note deleted, an activity marked done must
not survive in the copy. Only copies the migration made are touched (found
through ``cc_migration_origin``); a cc_core conversation merged from two
ChatRoom conversations is deleted only when both are gone. Message files are
never deleted here: ChatRoom's attachment purge does not delete our copies.
"""
from . import origin
from .source import CONVERSATION, MESSAGE

MESSAGE_ATTACHMENTS = "acrux_chat_message_attachment"
CHATTER = (("mail_message", "mail.message", "chatter messages"),
           ("mail_activity", "mail.activity", "activities"),
           ("mail_followers", "mail.followers", "followers"))


def vanished(cr, source_table):
    """[(source_id, target_id)] mapped rows whose ChatRoom row is gone."""
    if not origin.exists(cr):
        return []
    cr.execute("""
        SELECT o.source_id, o.target_id FROM cc_migration_origin o
         WHERE o.source_table = %s
           AND NOT EXISTS (SELECT 1 FROM "{table}" s WHERE s.id = o.source_id)
    """.format(table=source_table), (source_table,))
    return cr.fetchall()


def _still_mapped(cr, source_table, target_ids, gone_sources):
    cr.execute("""
        SELECT DISTINCT target_id FROM cc_migration_origin
         WHERE source_table = %s AND target_id = ANY(%s) AND NOT source_id = ANY(%s)
    """, (source_table, list(target_ids), list(gone_sources)))
    return {row[0] for row in cr.fetchall()}


def mirror_deletions(ctx):
    """Plan (and unless dry run, apply) the deletions; returns the ids of the
    cc_core conversations whose messages changed."""
    cr, env, report = ctx.cr, ctx.env, ctx.report
    touched = set()
    if not origin.exists(cr):
        return touched
    # conversations
    gone = vanished(cr, CONVERSATION)
    targets = {t for _s, t in gone}
    kept = _still_mapped(cr, CONVERSATION, targets, [s for s, _t in gone])
    doomed = sorted(targets - kept)
    report.plan("conversations", "delete", len(doomed))
    # messages
    gone_messages = vanished(cr, MESSAGE)
    report.plan("messages", "delete", len(gone_messages))
    chatter = [(table, model, label, vanished(cr, table)) for table, model, label in CHATTER]
    for _table, _model, label, rows in chatter:
        report.plan(label, "delete", len(rows))
    message_ids = [t for _s, t in gone_messages]
    cr.execute("SELECT DISTINCT conversation_id FROM cc_message WHERE id = ANY(%s)",
               (message_ids,))
    touched.update(row[0] for row in cr.fetchall())
    touched -= set(doomed)
    if ctx.dry_run:
        return touched
    messages = env["cc.message"].browse(message_ids).exists()
    _unlink_messages(env, messages)
    _forget(ctx, MESSAGE, [s for s, _t in gone_messages])
    _forget(ctx, MESSAGE_ATTACHMENTS, [s for s, _t in gone_messages])
    for table, model, _label, rows in chatter:
        targets = {t for _s, t in rows}
        if table == "mail_followers":
            targets -= _still_mapped(cr, table, targets, [s for s, _t in rows])
        env[model].browse(sorted(targets)).exists().unlink()
        _forget(ctx, table, [s for s, _t in rows])
    conversations = env["cc.conversation"].browse(doomed).exists()
    _unlink_messages(env, conversations.message_ids_cc)
    conversations.unlink()
    _forget(ctx, CONVERSATION, [s for s, _t in gone])
    return touched


def _unlink_messages(env, messages):
    """Messages and their attachment rows (files stay while another row uses them)."""
    if messages:
        env["ir.attachment"].search([("res_model", "=", "cc.message"),
                                     ("res_id", "in", messages.ids)]).unlink()
        messages.unlink()


def _forget(ctx, table, source_ids):
    origin.forget(ctx.cr, table, source_ids)
