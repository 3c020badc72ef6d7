# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom messages of one batch of conversations -> cc.message.

New rows are inserted, rows ChatRoom changed since the last run (newer
``write_date``: an error reported late, a purge rewriting the text...) are
written again. Each conversation's stream (existing + new, in date order)
then gives the messages' cycles and the conversation's summary fields.
"""
from . import conversation_mapping, message_mapping
from .bulk import BulkWriter
from .source import MESSAGE

MEDIA_TYPES = ("image", "audio", "video", "file", "sticker")
STREAM_COLUMNS = ("id", "conversation_id", "date", "direction", "message_type", "body",
                  "state", "failure_reason", "event_type", "event_agent_id", "cycle")
UPDATED_FIELDS = ("direction", "message_type", "body", "date", "state", "failure_reason",
                  "provider_message_id", "sent_date", "event_type", "event_agent_id",
                  "event_target_agent_id", "author_id")


def duplicate_provider_ids(cr):
    """Source message ids whose ``msgid`` an older message of the same connector
    already has: their copy gets no provider id (cc_core's unique key)."""
    cr.execute("""
        SELECT ids FROM (
            SELECT array_agg(m.id ORDER BY m.id) AS ids
              FROM acrux_chat_message m
              JOIN acrux_chat_conversation c ON c.id = m.contact_id
             WHERE btrim(coalesce(m.msgid, '')) != ''
             GROUP BY c.connector_id, btrim(m.msgid)
            HAVING count(*) > 1
        ) d
    """)
    losers = set()
    for (ids,) in cr.fetchall():
        losers.update(ids[1:])
    return losers


def scan_anomalies(ctx):
    """Message anomalies of the whole dataset (same in check and migrate)."""
    cr, report = ctx.cr, ctx.report
    losers = duplicate_provider_ids(cr)
    for message_id in sorted(losers):
        report.anomaly("duplicate_provider_ids", {"message": message_id})
    cr.execute("""
        SELECT m.id, m.res_id FROM acrux_chat_message m
         WHERE m.res_model = 'ir.attachment' AND m.res_id > 0
           AND NOT EXISTS (SELECT 1 FROM ir_attachment a WHERE a.id = m.res_id)
         ORDER BY m.id
    """)
    for message_id, attachment_id in cr.fetchall():
        report.anomaly("attachments_gone", {"message": message_id, "attachment": attachment_id})
    cr.execute("""
        SELECT m.id, m.text FROM acrux_chat_message m
         WHERE m.ttype = ANY(%s)
           AND (m.res_model IS DISTINCT FROM 'ir.attachment' OR coalesce(m.res_id, 0) <= 0)
         ORDER BY m.id
    """, (list(MEDIA_TYPES),))
    for message_id, text in cr.fetchall():
        report.anomaly("media_purged", {"message": message_id, "text": (text or "")[:60]})
    return losers


class MessageSync:
    """Copies the messages of one batch of merge groups."""

    def __init__(self, ctx, losers, type_labels):
        self.ctx = ctx
        self.cr = ctx.cr
        self.losers = losers
        self.type_labels = type_labels
        self.writer = BulkWriter(ctx.env, "cc.message")
        self.conversations = BulkWriter(ctx.env, "cc.conversation")

    def run(self, groups, batch_no):
        """Copy new/changed messages of ``groups``; returns the (new, updated)
        counts and the attachments to copy: [(source row, message id, company)]."""
        ctx = self.ctx
        member_to_target = {m: g.target_id for g in groups for m in g.member_ids}
        rows = ctx.source.messages(list(member_to_target))
        origins = ctx.origins(MESSAGE, [r["id"] for r in rows])
        targets = self._targets(list({g.target_id for g in groups}))
        streams = self._existing_streams([g.target_id for g in groups if g.existed])
        for group in groups:
            streams.setdefault(group.target_id, {})
        fallback = {g.target_id: g.primary["last_activity"] for g in groups}
        attachments = self._source_attachments(rows)
        new, changed = [], {}
        for row in rows:
            known = origins.get(row["id"])
            if known and not (row["write_date"] and (known[1] is None
                                                     or row["write_date"] > known[1])):
                continue
            target = targets[member_to_target[row["contact_id"]]]
            vals = self._values(row, target, attachments)
            if known:
                changed[known[0]] = (row, vals)
            else:
                new.append((row, vals))
        self._dedupe_provider_ids(new, changed, targets)
        # streams: existing rows (with changes applied) + new rows, in date order
        for message_id, (_row, vals) in changed.items():
            entry = streams.setdefault(vals["conversation_id"], {}).get(message_id)
            if entry is not None:
                entry.update({k: vals[k] for k in STREAM_COLUMNS if k in vals})
        new.sort(key=lambda item: (item[1]["conversation_id"], item[1]["date"], item[0]["id"]))
        for index, (_row, vals) in enumerate(new):
            streams.setdefault(vals["conversation_id"], {})[("new", index)] = vals
        summaries, cycle_updates = self._summaries(streams, targets, fallback)
        new_ids = self.writer.create([vals for _row, vals in new])
        if changed:
            self.writer.update({mid: {k: vals[k] for k in UPDATED_FIELDS}
                                for mid, (_row, vals) in changed.items()})
        if cycle_updates:
            self.writer.update(cycle_updates)
        self.conversations.update(summaries)
        copied = [(row, mid) for (row, _v), mid in zip(new, new_ids)]
        copied += [(row, mid) for mid, (row, _v) in changed.items()]
        ctx.record(MESSAGE, "cc.message",
                   [(row["id"], mid, row["write_date"]) for row, mid in copied], batch_no)
        work = [(row, mid, vals["company_id"]) for (row, vals), mid in zip(new, new_ids)]
        work += [(row, mid, vals["company_id"]) for mid, (row, vals) in changed.items()]
        return len(new), len(changed), [item for item in work
                                        if item[0]["id"] in attachments["linked"]]

    # ------------------------------------------------------------------
    def _targets(self, target_ids):
        self.cr.execute("""
            SELECT id, connector_id, channel_kind, company_id, agent_id, state
              FROM cc_conversation WHERE id = ANY(%s)
        """, (target_ids,))
        return {row[0]: dict(zip(("id", "connector_id", "channel_kind", "company_id",
                                  "agent_id", "state"), row)) for row in self.cr.fetchall()}

    def _existing_streams(self, target_ids):
        streams = {}
        if not target_ids:
            return streams
        self.cr.execute("SELECT %s FROM cc_message WHERE conversation_id = ANY(%%s)"
                        % ", ".join(STREAM_COLUMNS), (target_ids,))
        for row in self.cr.fetchall():
            entry = dict(zip(STREAM_COLUMNS, row))
            streams.setdefault(entry["conversation_id"], {})[entry["id"]] = entry
        return streams

    def _source_attachments(self, rows):
        """Which messages link an attachment that still exists."""
        ids = {r["res_id"] for r in rows if r["res_model"] == "ir.attachment"
               and (r["res_id"] or 0) > 0}
        existing = set()
        if ids:
            self.cr.execute("SELECT id FROM ir_attachment WHERE id = ANY(%s)", (list(ids),))
            existing = {row[0] for row in self.cr.fetchall()}
        linked = {r["id"] for r in rows if r["res_model"] == "ir.attachment"
                  and r["res_id"] in existing}
        return {"existing": existing, "linked": linked}

    def _values(self, row, target, attachments):
        mapped = message_mapping.map_message(row)
        agent_by_user = self.ctx.agent_by_user
        event_agent = agent_by_user.get(mapped["event_user_id"]) or False
        vals = {
            "conversation_id": target["id"],
            "connector_id": target["connector_id"],
            "channel_kind": target["channel_kind"],
            "company_id": target["company_id"],
            "direction": mapped["direction"],
            "message_type": mapped["message_type"],
            "body": mapped["body"],
            "date": mapped["date"],
            "state": mapped["state"],
            "failure_reason": mapped["failure_reason"] or False,
            "provider_message_id": mapped["provider_message_id"] or False,
            "sent_date": mapped["sent_date"] or False,
            "event_type": mapped["event_type"] or False,
            "event_agent_id": event_agent,
            "event_target_agent_id": event_agent if mapped["event_type"] == "taken" else False,
            "author_id": mapped["author_user_id"] or False,
            "media_state": "done" if row["id"] in attachments["linked"] else "none",
        }
        if row["create_date"]:
            vals["create_date"] = row["create_date"]
        if row["create_uid"]:
            vals["create_uid"] = row["create_uid"]
        return vals

    def _dedupe_provider_ids(self, new, changed, targets):
        """cc_core's unique (connector, provider id): the oldest message keeps it."""
        items = new + list(changed.values())
        for row, vals in items:
            if row["id"] in self.losers:
                vals["provider_message_id"] = False
        wanted = {}
        for _row, vals in items:
            if vals["provider_message_id"]:
                wanted.setdefault(vals["connector_id"], set()).add(vals["provider_message_id"])
        taken = set()
        changed_ids = set(changed)
        for connector_id, pids in wanted.items():
            self.cr.execute("""
                SELECT provider_message_id, id FROM cc_message
                 WHERE connector_id = %s AND provider_message_id = ANY(%s)
            """, (connector_id, list(pids)))
            taken.update((connector_id, pid) for pid, mid in self.cr.fetchall()
                         if mid not in changed_ids)
        for _row, vals in new:
            if (vals["connector_id"], vals["provider_message_id"]) in taken:
                vals["provider_message_id"] = False

    def _summaries(self, streams, targets, fallback):
        summaries, cycle_updates = {}, {}
        for target_id, entries in streams.items():
            ordered = sorted(entries.items(), key=lambda item: (
                item[1]["date"], 1 if isinstance(item[0], tuple) else 0,
                item[0][1] if isinstance(item[0], tuple) else item[0]))
            messages = [entry for _key, entry in ordered]
            target = targets[target_id]
            values = conversation_mapping.summary(messages, target["state"], self.type_labels,
                                                  fallback.get(target_id))
            for (key, entry), cycle in zip(ordered, values.pop("cycles")):
                if isinstance(key, tuple):
                    entry["cycle"] = cycle
                elif entry.get("cycle") != cycle:
                    cycle_updates[key] = {"cycle": cycle}
            last_taken = [m["event_agent_id"] for m in messages
                          if m.get("event_type") == "taken" and m.get("event_agent_id")]
            values["last_agent_id"] = target["agent_id"] or (last_taken[-1] if last_taken
                                                             else False)
            summaries[target_id] = values
        return summaries, cycle_updates
