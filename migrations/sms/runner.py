# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``check``, ``migrate`` and ``verify`` of the SMS data.

Same discipline as the ChatRoom migration: ``check`` writes nothing;
``migrate`` copies in committed batches, records every copied row in
``cc_migration_origin`` in the batch's transaction (so it is idempotent and
resumable: a row mapped is never copied twice), then ``verify`` compares
both sides. The SMS tables are only read.
"""
from ..chatroom import origin
from . import mapping
from .source import BLACKLIST, CAMPAIGN, MESSAGE, TEMPLATE, Source

LOCK_KEY = 7151805  # pg advisory lock: one SMS migrate at a time per database


class PreflightError(Exception):
    """The SMS tables, cc_core or the Kolmeya connector are missing."""


def _phone():
    from odoo.addons.cc_core.services import phone

    return phone


def preflight(env, connector_id=None):
    source = Source(env.cr)
    if not source.has(MESSAGE):
        raise PreflightError("No sms_message table: the current SMS modules' data "
                             "is not in this database; nothing to migrate.")
    if "cc.connector" not in env:
        raise PreflightError("cc_core is not installed in this database.")
    Connector = env["cc.connector"].with_context(active_test=False)
    if connector_id:
        connector = Connector.browse(connector_id).exists()
        if not connector:
            raise PreflightError("Connector %s does not exist." % connector_id)
    else:
        connector = Connector.search([("provider", "=", "kolmeya")])
        if len(connector) != 1:
            raise PreflightError(
                "%s Kolmeya connectors found: create the Kolmeya connector first "
                "(Contact Center > Configuration > Connectors) or name it with "
                "--connector ID." % len(connector))
    return source, connector


def check(env, report, connector_id=None):
    """Plan and anomalies; writes nothing."""
    source, connector = preflight(env, connector_id)
    report["connector"] = connector.name
    done = {table: origin.lookup(env.cr, table) for table in
            (MESSAGE, CAMPAIGN, BLACKLIST, TEMPLATE)}
    phone = _phone()
    plan = report["plan"]
    after = 0
    seen_ids = {}
    while True:
        rows = source.messages(after)
        if not rows:
            break
        after = rows[-1]["id"]
        for row in rows:
            if row["id"] in done[MESSAGE]:
                plan["messages already migrated"] = plan.get("messages already migrated", 0) + 1
                continue
            if not phone.to_e164(row["phone"] or ""):
                _anomaly(report, "invalid_phone", row["id"])
                continue
            if mapping.message_direction(row["direction"]) is None:
                _anomaly(report, "unknown_direction", row["id"])
                continue
            pid = row["provider_message_id"]
            if pid and pid in seen_ids:
                _anomaly(report, "duplicate_provider_id", row["id"])
            seen_ids[pid] = True
            plan["messages to copy"] = plan.get("messages to copy", 0) + 1
    for name, rows, table in (("campaigns", source.campaigns(), CAMPAIGN),
                              ("blacklist entries", source.blacklist(), BLACKLIST),
                              ("templates", source.templates(), TEMPLATE)):
        new = [r for r in rows if r["id"] not in done[table]]
        plan["%s to copy" % name] = len(new)
    report["source"] = {table: source.count(table) for table in source.tables}
    return report


def _anomaly(report, name, example):
    entry = report["anomalies"].setdefault(name, {"count": 0, "examples": []})
    entry["count"] += 1
    if len(entry["examples"]) < 10:
        entry["examples"].append(example)


def _commit(env):
    env.cr.commit()  # pylint: disable=invalid-commit


def migrate(env, report, batch_size=1000, connector_id=None):
    source, connector = preflight(env, connector_id)
    env.cr.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
    if not env.cr.fetchone()[0]:
        raise PreflightError("Another SMS migration is running on this database.")
    origin.ensure(env.cr)
    run_id = origin.start_run(env.cr, "sms-migrate")
    _commit(env)
    report["connector"] = connector.name
    copied = report["result"]
    copied["templates"] = _copy_templates(env, source, run_id)
    copied["campaigns"] = _copy_campaigns(env, source, connector, run_id)
    copied["opt_outs"] = _copy_blacklist(env, source, connector, run_id)
    _commit(env)
    copied["messages"] = _copy_messages(env, source, connector, run_id, batch_size, report)
    origin.finish_run(env.cr, run_id, "done")
    _commit(env)
    return report


def _copy_templates(env, source, run_id):
    done = origin.targets(env.cr, TEMPLATE)
    rows = [r for r in source.templates() if r["id"] not in done]
    mapped = []
    for row in rows:
        template = env["cc.template"].create({
            "name": row["name"] or "SMS template %s" % row["id"],
            "body": mapping.template_body(row["body"], row["model"]) or " ",
            "channel_kind": "sms",
        })
        mapped.append((row["id"], template.id, row["write_date"]))
    env["cc.template"].flush()
    origin.record(env.cr, TEMPLATE, "cc.template", mapped, run_id)
    _commit(env)
    return len(mapped)


def _copy_campaigns(env, source, connector, run_id):
    done = origin.targets(env.cr, CAMPAIGN)
    templates = origin.targets(env.cr, TEMPLATE)
    mapped = []
    for row in source.campaigns():
        if row["id"] in done:
            continue
        template = env["cc.template"].browse(templates.get(row["template_id"]))
        campaign = env["cc.campaign"].create({
            "name": row["name"] or "SMS campaign %s" % row["id"],
            "connector_id": connector.id,
            "company_id": connector.company_id.id or env.company.id,
            "template_id": template.id or False,
            "body": template.body if template else False,
            "state": "cancelled" if row["state"] == "cancelled" else "done",
            "scheduled_date": row["start_date"],
            "window_start": 0, "window_end": 0,
        })
        mapped.append((row["id"], campaign.id, row["write_date"]))
    env["cc.campaign"].flush()
    origin.record(env.cr, CAMPAIGN, "cc.campaign", mapped, run_id)
    _commit(env)
    return len(mapped)


def _copy_blacklist(env, source, connector, run_id):
    phone = _phone()
    done = origin.targets(env.cr, BLACKLIST)
    OptOut = env["cc.opt.out"].with_context(active_test=False)
    mapped, created = [], 0
    for row in source.blacklist():
        if row["id"] in done or row["active"] is False:
            continue
        e164 = phone.to_e164(row["phone"] or "")
        if not e164:
            continue
        key = phone.ninth_digit_key(e164)
        opt_out = OptOut.search([("address", "=", key), ("channel_kind", "=", "sms")])
        if not opt_out:
            opt_out = OptOut.create({
                "address": key, "channel_kind": "sms", "source": "migration",
                "connector_id": connector.id,
                "note": mapping.blacklist_note(row["reason"], row["notes"]),
                "date": row["create_date"] or None,
            })
            created += 1
        mapped.append((row["id"], opt_out.id, row["write_date"]))
    OptOut.flush()
    origin.record(env.cr, BLACKLIST, "cc.opt.out", mapped, run_id)
    _commit(env)
    return created


def _copy_messages(env, source, connector, run_id, batch_size, report):
    phone = _phone()
    Conversation = env["cc.conversation"].with_context(active_test=False)
    Message = env["cc.message"]
    campaigns = origin.targets(env.cr, CAMPAIGN)
    closing = env["cc.stage"].search([("is_closing", "=", True)], limit=1)
    has_sms_fields = "sms_segments" in Message._fields
    env.cr.execute("SELECT provider_message_id FROM cc_message WHERE connector_id = %s "
                   "AND provider_message_id IS NOT NULL", (connector.id,))
    provider_ids = {row[0] for row in env.cr.fetchall()}
    conversations = {}
    copied, after, batch = 0, 0, 0
    while True:
        rows = source.messages(after, batch_size)
        if not rows:
            break
        after = rows[-1]["id"]
        batch += 1
        done = origin.targets(env.cr, MESSAGE, [r["id"] for r in rows])
        parents = origin.targets(env.cr, MESSAGE, [r["parent_id"] for r in rows
                                                   if r["parent_id"]])
        vals_list, sources = [], []
        for row in rows:
            direction = mapping.message_direction(row["direction"])
            e164 = phone.to_e164(row["phone"] or "")
            if row["id"] in done or not direction or not e164:
                continue
            key = phone.ninth_digit_key(e164)
            conversation = conversations.get(key)
            if conversation is None:
                conversation, created = Conversation._find_or_create(
                    connector, e164, {"partner_id": row["partner_id"] or False,
                                      "state": "done", "stage_id": closing.id or False})
                conversations[key] = conversation
            state = mapping.message_state(row["direction"], row["state"],
                                          row["error_message"])
            provider_id = row["provider_message_id"] or False
            if provider_id in provider_ids:
                provider_id = False  # kept once per connector (unique)
            elif provider_id:
                provider_ids.add(provider_id)
            date = row["create_date"]
            vals = {
                "conversation_id": conversation.id, "direction": direction,
                "message_type": "text", "body": row["body"] or "", "date": date,
                "state": state.state, "failure_reason": state.failure_reason,
                "provider_message_id": provider_id,
                "provider_batch_id": row["provider_job_id"] or False,
                "sent_date": row["sent_date"], "delivered_date": row["delivered_date"],
                "campaign_id": campaigns.get(row["campaign_id"]) or False,
                "reply_to_id": parents.get(row["parent_id"]) or False,
            }
            if has_sms_fields and direction == "outbound":
                vals["sms_segments"] = row["sms_count"] or 0
                vals["sms_cost"] = float(row["cost"] or 0)
            vals_list.append(vals)
            sources.append(row)
        messages = Message.create(vals_list)
        in_batch = {row["id"]: message for row, message in zip(sources, messages)}
        for row, message in zip(sources, messages):
            parent = in_batch.get(row["parent_id"])
            if parent and not message.reply_to_id:
                message.reply_to_id = parent
        Message.flush()
        origin.record(env.cr, MESSAGE, "cc.message",
                      [(row["id"], message.id, row["write_date"])
                       for row, message in zip(sources, messages)], run_id, batch)
        _touch_conversations(env, {m.conversation_id.id for m in messages})
        _commit(env)
        copied += len(messages)
    return copied


def _touch_conversations(env, conversation_ids):
    """Timestamps and preview of the conversations from their messages."""
    if not conversation_ids:
        return
    env.cr.execute("""
        UPDATE cc_conversation c SET
               last_message_date = GREATEST(c.last_message_date, m.last_date),
               last_inbound_date = GREATEST(c.last_inbound_date, m.last_in),
               last_outbound_date = GREATEST(c.last_outbound_date, m.last_out),
               last_message_preview = COALESCE(m.preview, c.last_message_preview)
          FROM (SELECT conversation_id, max(date) AS last_date,
                       max(date) FILTER (WHERE direction = 'inbound') AS last_in,
                       max(date) FILTER (WHERE direction = 'outbound') AS last_out,
                       (array_agg(left(body, 100) ORDER BY date DESC, id DESC))[1]
                           AS preview
                  FROM cc_message WHERE conversation_id = ANY(%s)
                 GROUP BY conversation_id) m
         WHERE c.id = m.conversation_id""", (list(conversation_ids),))
    env["cc.conversation"].invalidate_cache()


def verify(env, report, connector_id=None):
    """Every copyable source row has its record, with the same text."""
    source, _connector = preflight(env, connector_id)
    phone = _phone()
    problems = report.setdefault("differences", [])
    mapped = origin.lookup(env.cr, MESSAGE)
    after, expected = 0, 0
    while True:
        rows = source.messages(after)
        if not rows:
            break
        after = rows[-1]["id"]
        for row in rows:
            if not mapping.message_direction(row["direction"]) or \
                    not phone.to_e164(row["phone"] or ""):
                continue
            expected += 1
            target = mapped.get(row["id"])
            message = env["cc.message"].browse(target[0]).exists() if target else None
            if not message:
                problems.append("sms_message %s: not copied" % row["id"])
            elif (message.body or "") != (row["body"] or ""):
                problems.append("sms_message %s: text differs" % row["id"])
    for table, rows, model in (
            (CAMPAIGN, source.campaigns(), "cc.campaign"),
            (TEMPLATE, source.templates(), "cc.template"),
            (BLACKLIST, [r for r in source.blacklist() if r["active"] is not False
                         and phone.to_e164(r["phone"] or "")], "cc.opt.out")):
        targets = origin.targets(env.cr, table)
        for row in rows:
            target = targets.get(row["id"])
            if not target or not env[model].with_context(
                    active_test=False).browse(target).exists():
                problems.append("%s %s: not copied" % (table, row["id"]))
    report["verify"] = {"messages_expected": expected, "differences": len(problems)}
    return not problems
