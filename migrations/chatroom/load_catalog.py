# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Stages, tags, default answers (-> templates) and ChatRoom activity types.

Matched by name onto what exists (ChatRoom's seed stages Pending / Urgent /
Finished are cc_core's own), created otherwise; created once.
"""
import base64

from . import reference_mapping
from .source import ANSWER, ANSWER_CATEGORY, CONVERSATION_MODEL, STAGE, TAG

ANSWER_FILES = "acrux_chat_default_answer_file"
ACTIVITY_TYPES = "mail_activity_type"


def _names(env, model):
    records = env[model].with_context(active_test=False, lang="en_US").search([])
    return {record.name: record.id for record in records}


def _match_or_create(ctx, entity, table, model, rows, values_of, id_map):
    """Map each row onto an existing record of the same name, or create it."""
    mapped = ctx.origins(table)
    existing = _names(ctx.env, model)
    for row in rows:
        if row["id"] in mapped:
            id_map[row["id"]] = mapped[row["id"]][0]
            ctx.report.plan(entity, "unchanged")
            continue
        target = reference_mapping.match_by_name(row["name"], existing)
        ctx.report.plan(entity, "link" if target else "create")
        if ctx.dry_run:
            continue
        if not target:
            target = ctx.env[model].create(values_of(row)).id
            existing[row["name"]] = target
            _copy_translations(ctx, table, row["id"], model, target)
        id_map[row["id"]] = target
        ctx.record(table, model, [(row["id"], target, None)])


def _copy_translations(ctx, table, source_id, model, target_id):
    """Translations of a ChatRoom ``name`` (stages are translatable there)."""
    source_name = {STAGE: "acrux.chat.conversation.stage,name"}.get(table)
    if not source_name:
        return
    ctx.cr.execute("""
        SELECT lang, value FROM ir_translation
         WHERE type = 'model' AND name = %s AND res_id = %s AND value != ''
    """, (source_name, source_id))
    record = ctx.env[model].browse(target_id)
    for lang, value in ctx.cr.fetchall():
        if lang != "en_US":
            record.with_context(lang=lang).write({"name": value})


def load_stages(ctx):
    """ChatRoom stages not matching ours by name are appended after our stages,
    in ChatRoom's order (their ChatRoom sequences would place them before
    ours and change the default stage of new conversations)."""
    rows = ctx.source.select(STAGE, ["id", "name", "sequence", "fold"],
                             order="sequence, name, id")
    stages = ctx.env["cc.stage"].with_context(active_test=False).search([])
    last = max(stages.mapped("sequence") or [0])
    sequences = {row["id"]: last + 10 * (index + 1) for index, row in enumerate(rows)}
    _match_or_create(ctx, "stages", STAGE, "cc.stage", rows, lambda r: {
        "name": r["name"], "sequence": sequences[r["id"]], "fold": bool(r["fold"]),
    }, ctx.stage_map)


def load_tags(ctx):
    rows = ctx.source.select(TAG, ["id", "name", "color"])
    _match_or_create(ctx, "tags", TAG, "cc.tag", rows, lambda r: {
        "name": r["name"], "color": r["color"] or 0,
    }, ctx.tag_map)


def load_templates(ctx):
    rows = ctx.source.select(ANSWER_CATEGORY, ["id", "name", "sequence"])
    _match_or_create(ctx, "template categories", ANSWER_CATEGORY, "cc.template.category",
                     rows, lambda r: {"name": r["name"], "sequence": r["sequence"] or 10},
                     ctx.category_map)
    answers = ctx.source.select(ANSWER, [
        "id", "name", "sequence", "active", "text", "ttype", "file_attach",
        "file_attach_name", "category_id"])
    mapped = ctx.origins(ANSWER)
    Template = ctx.env["cc.template"].with_context(active_test=False)
    for row in answers:
        if row["id"] in mapped:
            ctx.report.plan("templates", "unchanged")
            continue
        vals, skip = reference_mapping.template_values(row)
        if skip:
            ctx.report.plan("templates", "skip")
            ctx.report.anomaly("code_answers", {"id": row["id"], "name": row["name"]})
            continue
        ctx.report.plan("templates", "create")
        if ctx.dry_run:
            continue
        vals["category_id"] = ctx.category_map.get(row["category_id"], False)
        template = Template.create(vals)
        if row["file_attach"]:
            attachment = ctx.env["ir.attachment"].create({
                "name": row["file_attach_name"] or row["name"],
                "raw": _bytes(row["file_attach"]),
                "res_model": "cc.template",
                "res_id": template.id,
            })
            template.attachment_ids = [(4, attachment.id)]
            ctx.record(ANSWER_FILES, "ir.attachment", [(row["id"], attachment.id, None)])
        ctx.record(ANSWER, "cc.template", [(row["id"], template.id, None)])


def _bytes(value):
    """``file_attach`` is a Binary column: base64 text in a bytea."""
    raw = bytes(value)
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError:
        return raw


def load_activity_types(ctx):
    """Activity types restricted to ChatRoom conversations get a copy for ours.

    Uninstalling ChatRoom deletes activity types of its models, and an
    activity type in use cannot be deleted (``ondelete='restrict'``): the
    copied activities must not use them.
    """
    types = ctx.env["mail.activity.type"].with_context(active_test=False).search(
        [("res_model", "=", CONVERSATION_MODEL)])
    mapped = ctx.origins(ACTIVITY_TYPES)
    for activity_type in types:
        if activity_type.id in mapped:
            ctx.activity_type_map[activity_type.id] = mapped[activity_type.id][0]
            ctx.report.plan("activity types", "unchanged")
            continue
        ctx.report.plan("activity types", "create")
        if ctx.dry_run:
            continue
        copy = activity_type.copy({"res_model": "cc.conversation",
                                   "name": activity_type.name})
        ctx.activity_type_map[activity_type.id] = copy.id
        ctx.record(ACTIVITY_TYPES, "mail.activity.type", [(activity_type.id, copy.id, None)])
