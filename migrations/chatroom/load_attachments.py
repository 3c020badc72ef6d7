# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Message attachments: a new ``ir.attachment`` row per migrated message.

ChatRoom reaches a message's file through ``message.res_id`` (the attachment
row itself may say ``res_id = 0``). The copy belongs to our message
(``res_model = 'cc.message'``), shares the stored file (same ``store_fname``,
``checksum``, ``file_size``, ``mimetype``: no file is copied) and is private
(ChatRoom's are public with an access token; ours are reached through the
message's access rules). ChatRoom's row is left untouched.

Uninstalling ChatRoom deletes the attachment rows of its models, and marks
for garbage collection only the files no other row uses (``mail`` module's
``ir.model.unlink``); the filestore GC (``ir.attachment._gc_file_store``)
keeps any file still referenced by a row. Our copies keep the files alive.
"""
from psycopg2.extras import execute_values

from .bulk import next_ids
from .copy_rows import copy_rows

MESSAGE_ATTACHMENTS = "acrux_chat_message_attachment"


def attachment_overrides(source, res_model):
    overrides = {
        "res_model": "'%s'" % res_model,
        "res_id": "v.res_id",
        "res_field": "NULL",
        "public": "false",
        "access_token": "NULL",
        "original_id": "NULL",
        "company_id": "v.company_id",
    }
    if source.has("ir_attachment", "delete_old"):
        # ChatRoom's weekly purge deletes delete_old attachments: not ours.
        overrides["delete_old"] = "false"
    return overrides


def copy_message_attachments(ctx, work, batch_no):
    """``work``: [(source message row, cc.message id, company id)]."""
    if not work:
        return 0
    done = ctx.origins(MESSAGE_ATTACHMENTS, [row["id"] for row, _m, _c in work])
    todo = [(row, message_id, company) for row, message_id, company in work
            if row["id"] not in done]
    if not todo:
        return 0
    cr = ctx.cr
    Attachment = ctx.env["ir.attachment"]
    new_ids = next_ids(cr, Attachment, len(todo))
    copy_rows(cr, "ir_attachment",
              [(row["res_id"], new_id, message_id, company)
               for (row, message_id, company), new_id in zip(todo, new_ids)],
              [("res_id", "int4"), ("company_id", "int4")],
              attachment_overrides(ctx.source, "cc.message"), ctx.env.uid)
    execute_values(cr._obj, "INSERT INTO cc_message_attachment_rel "
                   "(message_id, attachment_id) VALUES %s ON CONFLICT DO NOTHING",
                   [(message_id, new_id)
                    for (_r, message_id, _c), new_id in zip(todo, new_ids)])
    cr.execute("UPDATE cc_message SET media_state = 'done' WHERE id = ANY(%s) "
               "AND media_state IS DISTINCT FROM 'done'",
               ([message_id for _r, message_id, _c in todo],))
    ctx.record(MESSAGE_ATTACHMENTS, "ir.attachment",
               [(row["id"], new_id, None) for (row, _m, _c), new_id in zip(todo, new_ids)],
               batch_no)
    ctx.env["base"].invalidate_cache()
    return len(todo)
