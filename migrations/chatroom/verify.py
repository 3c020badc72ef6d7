# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Compare ChatRoom with the copy: conversations, messages, attachments, chatter.

Per cc_core conversation, the ChatRoom side (the messages of every ChatRoom
conversation merged into it, mapped by the pure mapping functions) and the
cc_core side (its messages copied from ChatRoom, as stored) must have the
same count and the same checksum over (date, direction, type, text).
Attachments must be readable, with the content hash of ChatRoom's file.
Messages cc_core received itself after the switch are not compared.
"""
import hashlib

from . import addresses, checksum, message_mapping, origin
from .load_attachments import MESSAGE_ATTACHMENTS
from .source import CONVERSATION, CONVERSATION_MODEL, MESSAGE, Source

MAX_DIFFERENCES = 200


class Verifier:
    def __init__(self, env):
        self.env = env
        self.cr = env.cr
        self.differences = []
        self.totals = {}

    def difference(self, kind, **details):
        if len(self.differences) < MAX_DIFFERENCES:
            self.differences.append(dict(details, kind=kind))
        self.totals["differences"] = self.totals.get("differences", 0) + 1

    def run(self):
        source = Source(self.cr)
        if source.missing_tables():
            self.difference("chatroom_tables_missing", tables=source.missing_tables())
            return self.result()
        if not origin.exists(self.cr):
            self.difference("nothing_migrated")
            return self.result()
        self._conversations(source)
        self._attachments(source)
        self._chatter()
        return self.result()

    def result(self):
        self.totals.setdefault("differences", 0)
        self.totals["ok"] = self.totals["differences"] == 0
        self.totals["differences_list"] = self.differences
        return self.totals

    # ------------------------------------------------------------------
    def _conversations(self, source):
        cr = self.cr
        rows = source.conversations()
        mapped = {r["id"]: addresses.map_address(r["number"], r["conv_type"]) for r in rows}
        groups = addresses.group_conversations(rows, lambda r: mapped[r["id"]])
        targets = origin.targets(cr, CONVERSATION)
        source_lines = {}
        cr.execute("SELECT contact_id, date_message, ttype, from_me, text "
                   "FROM acrux_chat_message")
        for contact_id, date, ttype, from_me, text in cr.fetchall():
            source_lines.setdefault(contact_id, []).append(checksum.line(
                date, message_mapping.direction(ttype, from_me),
                message_mapping.message_type(ttype), message_mapping.body(text)))
        target_lines = {}
        cr.execute("""
            SELECT m.conversation_id, m.date, m.direction, m.message_type, m.body
              FROM cc_message m
              JOIN cc_migration_origin o ON o.source_table = %s AND o.target_id = m.id
        """, (MESSAGE,))
        for conversation_id, date, direction, message_type, body in cr.fetchall():
            target_lines.setdefault(conversation_id, []).append(
                checksum.line(date, direction, message_type, body))
        cr.execute("SELECT id FROM cc_conversation")
        existing = {row[0] for row in cr.fetchall()}
        source_count = target_count = 0
        for group in groups:
            ids = [m["id"] for m in group["members"]]
            target_ids = {targets.get(i) for i in ids}
            if None in target_ids or len(target_ids) != 1:
                self.difference("conversation_not_migrated", chatroom=ids)
                continue
            target_id = target_ids.pop()
            if target_id not in existing:
                self.difference("conversation_missing", chatroom=ids, cc_conversation=target_id)
                continue
            left = checksum.digest(line for i in ids for line in source_lines.get(i, ()))
            right = checksum.digest(target_lines.get(target_id, ()))
            source_count += left[0]
            target_count += right[0]
            if left != right:
                self.difference("messages_differ", chatroom=ids, cc_conversation=target_id,
                                chatroom_count=left[0], cc_count=right[0])
        cr.execute("""
            SELECT count(*) FROM cc_migration_origin o
             WHERE o.source_table = %s
               AND NOT EXISTS (SELECT 1 FROM cc_message m WHERE m.id = o.target_id)
        """, (MESSAGE,))
        lost = cr.fetchone()[0]
        if lost:
            self.difference("copied_messages_missing", count=lost)
        self.totals.update({"conversations (ChatRoom)": len(rows),
                            "conversations (cc_core, compared)": len(groups),
                            "messages (ChatRoom)": source_count,
                            "messages (cc_core)": target_count})

    def _attachments(self, source):
        cr = self.cr
        cr.execute("""
            SELECT m.id, a.id FROM acrux_chat_message m
              JOIN ir_attachment a ON a.id = m.res_id
             WHERE m.res_model = 'ir.attachment' AND m.res_id > 0
        """)
        expected = dict(cr.fetchall())
        copies = origin.targets(cr, MESSAGE_ATTACHMENTS)
        for message_id in sorted(set(expected) - set(copies)):
            self.difference("attachment_not_copied", chatroom_message=message_id)
        pairs = [(expected.get(m), t) for m, t in copies.items()]
        pairs += [(s, t) for s, t in origin.targets(cr, "ir_attachment").items()]
        self.totals["attachments compared"] = self._compare_files(pairs)

    def _compare_files(self, pairs):
        """[(ChatRoom attachment id or None if purged, copy id)]: same stored
        file, readable, content hash = checksum."""
        Attachment = self.env["ir.attachment"]
        ids = [t for _s, t in pairs] + [s for s, _t in pairs if s]
        self.cr.execute("SELECT id, checksum, store_fname FROM ir_attachment "
                        "WHERE id = ANY(%s)", (ids,))
        info = {row[0]: row[1:] for row in self.cr.fetchall()}
        # Copies share ChatRoom's files: each stored file is read and hashed
        # once (as ``raw`` reads it), however many rows point at it.
        file_digests = {}
        in_database = [t for _s, t in pairs if t in info and not info[t][1]]
        for attachment in Attachment.browse(in_database):  # prefetched together
            file_digests[("db", attachment.id)] = hashlib.sha1(
                attachment.raw or b"").hexdigest()
        read = 0
        for source_id, target_id in pairs:
            if target_id not in info:
                self.difference("attachment_missing", attachment=target_id)
                continue
            target_sum, target_file = info[target_id]
            if source_id in info and info[source_id] != (target_sum, target_file):
                self.difference("attachment_differs", chatroom=source_id, copy=target_id)
            key = target_file or ("db", target_id)
            if key not in file_digests:
                file_digests[key] = hashlib.sha1(
                    Attachment._file_read(target_file) or b"").hexdigest()
            read += 1
            if target_sum and file_digests[key] != target_sum:
                self.difference("attachment_unreadable", copy=target_id, file=target_file)
        return read

    def _chatter(self):
        cr = self.cr
        for label, table, where in (("chatter messages", "mail_message", "model = %s"),
                                    ("activities", "mail_activity", "res_model = %s"),
                                    ("followers", "mail_followers", "res_model = %s")):
            cr.execute('SELECT count(*) FROM "%s" s WHERE %s AND NOT EXISTS ('
                       "SELECT 1 FROM cc_migration_origin o WHERE o.source_table = %%s "
                       "AND o.source_id = s.id)" % (table, where),
                       (CONVERSATION_MODEL, table))
            missing = cr.fetchone()[0]
            if missing:
                self.difference("%s_not_copied" % table, count=missing)
            cr.execute('SELECT count(*) FROM cc_migration_origin o WHERE o.source_table = %%s '
                       'AND NOT EXISTS (SELECT 1 FROM "%s" t WHERE t.id = o.target_id)' % table,
                       (table,))
            lost = cr.fetchone()[0]
            if lost:
                self.difference("%s_copies_missing" % table, count=lost)
            cr.execute('SELECT count(*) FROM "%s" s WHERE %s' % (table, where),
                       (CONVERSATION_MODEL,))
            self.totals["%s (ChatRoom)" % label] = cr.fetchone()[0]


def verify(env, report):
    totals = Verifier(env).run()
    differences = totals.pop("differences_list")
    report.data["verify"] = dict(totals, differences=differences)
    return totals["ok"]
