# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The conversations' chatter: messages (with tracking values, attachments,
recipients, stars, reactions), followers and activities.

They are copied, never moved: ChatRoom's rows stay as they are, and
uninstalling ChatRoom (which deletes every ``mail_message``,
``mail_followers`` and attachment row of its models and cascades activities
and tracking values of its fields) leaves the copies intact: they point to
``cc.conversation``, to its fields and to activity types of ours.
"""
from psycopg2.extras import execute_values

from .bulk import next_ids
from .copy_rows import copy_rows, refresh_rows
from .load_attachments import attachment_overrides

MAIL_MODEL = "acrux.chat.conversation"
CHATROOM_MODELS = ("acrux.chat.conversation", "acrux.chat.message")
MAIL_MESSAGE = "mail_message"
TRACKING = "mail_tracking_value"
FOLLOWERS = "mail_followers"
ACTIVITIES = "mail_activity"
CHATTER_ATTACHMENTS = "ir_attachment"

# ChatRoom conversation field -> (cc.conversation field, id map of the values)
TRACKED_FIELDS = {
    "stage_id": ("stage_id", "stage_map"),
    "status": ("state", None),
    "agent_id": ("agent_id", "agent_by_user"),
    "res_partner_id": ("partner_id", "identity"),
    "team_id": ("team_id", "team_by_crm_team"),
    "priority": ("priority", None),
    "tag_ids": ("tag_ids", None),
    "note": ("note", None),
    "name": ("customer_name", None),
}


class ChatterSync:
    def __init__(self, ctx):
        self.ctx = ctx
        self.cr = ctx.cr
        self.uid = ctx.env.uid
        self.cr.execute("SELECT name, id FROM ir_model_fields WHERE model = 'cc.conversation'")
        self.our_fields = dict(self.cr.fetchall())
        self.cr.execute("SELECT id FROM ir_model WHERE model = 'cc.conversation'")
        self.our_model_id = self.cr.fetchone()[0]

    def run(self, groups, batch_no):
        member_to_target = {m: g.target_id for g in groups for m in g.member_ids}
        stats = {"messages": self._messages(member_to_target, batch_no)}
        stats["attachments"] = self._loose_attachments(member_to_target, batch_no)
        stats["followers"] = self._followers(member_to_target, batch_no)
        stats["activities"] = self._activities(member_to_target, batch_no)
        self.ctx.env["base"].invalidate_cache()
        return stats

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------
    def _messages(self, member_to_target, batch_no):
        cr, ctx = self.cr, self.ctx
        cr.execute("""
            SELECT id, res_id, parent_id, write_date FROM mail_message
             WHERE model = %s AND res_id = ANY(%s) ORDER BY id
        """, (MAIL_MODEL, list(member_to_target)))
        rows = cr.fetchall()
        known = ctx.origins(MAIL_MESSAGE, [r[0] for r in rows])
        new = [r for r in rows if r[0] not in known]
        changed = [(r[0], known[r[0]][0], r[3]) for r in rows if r[0] in known
                   and r[3] and (known[r[0]][1] is None or r[3] > known[r[0]][1])]
        new_ids = next_ids(cr, ctx.env["mail.message"], len(new))
        id_map = {src: tgt for src, (tgt, _w) in known.items()}
        id_map.update((r[0], n) for r, n in zip(new, new_ids))
        copy_rows(cr, "mail_message",
                  [(r[0], n, member_to_target[r[1]], id_map.get(r[2]))
                   for r, n in zip(new, new_ids)],
                  [("res_id", "int4"), ("parent_id", "int4")],
                  {"model": "'cc.conversation'", "res_id": "v.res_id",
                   "parent_id": "v.parent_id"}, self.uid)
        refresh_rows(cr, "mail_message", [(src, dst) for src, dst, _w in changed],
                     ("model", "res_id", "parent_id"), self.uid)
        pairs = [(r[0], n) for r, n in zip(new, new_ids)]
        self._tracking(pairs, batch_no)
        self._message_attachments(pairs, member_to_target, batch_no)
        self._message_relations(pairs)
        ctx.record(MAIL_MESSAGE, "mail.message",
                   [(r[0], n, r[3]) for r, n in zip(new, new_ids)]
                   + [(src, dst, w) for src, dst, w in changed], batch_no)
        return len(new) + len(changed)

    def _tracking(self, pairs, batch_no):
        if not pairs:
            return
        cr, ctx = self.cr, self.ctx
        new_message = dict(pairs)
        cr.execute("""
            SELECT t.id, t.mail_message_id, f.name, t.old_value_integer, t.new_value_integer
              FROM mail_tracking_value t JOIN ir_model_fields f ON f.id = t.field
             WHERE t.mail_message_id = ANY(%s) ORDER BY t.id
        """, (list(new_message),))
        rows = []
        for tracking_id, message_id, name, old_int, new_int in cr.fetchall():
            target = TRACKED_FIELDS.get(name)
            if not target or target[0] not in self.our_fields:
                ctx.report.anomaly("unmapped_tracking_values",
                                   {"field": name, "tracking_value": tracking_id})
                continue
            remap = self._remap(target[1])
            rows.append((tracking_id, new_message[message_id], self.our_fields[target[0]],
                         remap(old_int), remap(new_int)))
        if not rows:
            return
        new_ids = next_ids(cr, ctx.env["mail.tracking.value"], len(rows))
        copy_rows(cr, TRACKING,
                  [(r[0], n) + r[1:] for r, n in zip(rows, new_ids)],
                  [("mail_message_id", "int4"), ("field", "int4"),
                   ("old_value_integer", "int4"), ("new_value_integer", "int4")],
                  {"mail_message_id": "v.mail_message_id", "field": "v.field",
                   "old_value_integer": "v.old_value_integer",
                   "new_value_integer": "v.new_value_integer"}, self.uid)
        ctx.record(TRACKING, "mail.tracking.value",
                   [(r[0], n, None) for r, n in zip(rows, new_ids)], batch_no)

    def _remap(self, map_name):
        if map_name is None or map_name == "identity":
            return lambda value: value
        mapping = getattr(self.ctx, map_name)
        return lambda value: mapping.get(value, value) if value else value

    def _message_attachments(self, pairs, member_to_target, batch_no):
        """Attachments of copied chatter messages: ChatRoom-owned ones are
        copied (uninstall deletes them), others (e.g. a sale order PDF) are
        linked as they are."""
        if not pairs:
            return
        cr = self.cr
        new_message = dict(pairs)
        cr.execute("""
            SELECT r.message_id, a.id, a.res_model, m.res_id
              FROM message_attachment_rel r
              JOIN ir_attachment a ON a.id = r.attachment_id
              JOIN mail_message m ON m.id = r.message_id
             WHERE r.message_id = ANY(%s)
        """, (list(new_message),))
        links = cr.fetchall()
        owned = {(a, member_to_target.get(res_id)) for _m, a, model, res_id in links
                 if model in CHATROOM_MODELS}
        copies = self._copy_attachments(sorted(owned, key=lambda x: x[0]), batch_no)
        execute_values(cr._obj,
                       "INSERT INTO message_attachment_rel (message_id, attachment_id) "
                       "VALUES %s ON CONFLICT DO NOTHING",
                       [(new_message[m], copies.get(a, a)) for m, a, _model, _r in links])

    def _loose_attachments(self, member_to_target, batch_no):
        """Files attached to a ChatRoom conversation outside any message."""
        self.cr.execute("""
            SELECT id, res_id FROM ir_attachment
             WHERE res_model = %s AND res_id = ANY(%s) AND res_field IS NULL ORDER BY id
        """, (MAIL_MODEL, list(member_to_target)))
        return len(self._copy_attachments(
            [(a, member_to_target[r]) for a, r in self.cr.fetchall()], batch_no, only_new=True))

    def _copy_attachments(self, items, batch_no, only_new=False):
        """Copy attachments [(id, target conversation)] once each; {source: copy}."""
        cr, ctx = self.cr, self.ctx
        known = ctx.origins(CHATTER_ATTACHMENTS, [a for a, _t in items])
        copies = {a: t for a, (t, _w) in known.items()}
        todo = [(a, t) for a, t in dict(items).items() if a not in known]
        if not todo:
            return {} if only_new else copies
        cr.execute("SELECT id, company_id FROM cc_conversation WHERE id = ANY(%s)",
                   (list({t for _a, t in todo}),))
        company = dict(cr.fetchall())
        new_ids = next_ids(cr, ctx.env["ir.attachment"], len(todo))
        copy_rows(cr, "ir_attachment",
                  [(a, n, t, company.get(t)) for (a, t), n in zip(todo, new_ids)],
                  [("res_id", "int4"), ("company_id", "int4")],
                  attachment_overrides(ctx.source, "cc.conversation"), self.uid)
        ctx.record(CHATTER_ATTACHMENTS, "ir.attachment",
                   [(a, n, None) for (a, _t), n in zip(todo, new_ids)], batch_no)
        created = {a: n for (a, _t), n in zip(todo, new_ids)}
        if only_new:
            return created
        copies.update(created)
        return copies

    def _message_relations(self, pairs):
        """Recipients, stars and reactions of the copied messages."""
        if not pairs:
            return
        cr = self.cr
        new_message = dict(pairs)
        for table, column in (("mail_message_res_partner_rel", "mail_message_id"),
                              ("mail_message_res_partner_starred_rel", "mail_message_id")):
            cr.execute('SELECT "%s", res_partner_id FROM "%s" WHERE "%s" = ANY(%%s)'
                       % (column, table, column), (list(new_message),))
            rows = [(new_message[m], p) for m, p in cr.fetchall()]
            if rows:
                execute_values(cr._obj, 'INSERT INTO "%s" ("%s", res_partner_id) VALUES %%s '
                               "ON CONFLICT DO NOTHING" % (table, column), rows)
        if self.ctx.source.has("mail_message_reaction"):
            cr.execute("SELECT id, message_id FROM mail_message_reaction "
                       "WHERE message_id = ANY(%s) ORDER BY id", (list(new_message),))
            rows = cr.fetchall()
            new_ids = next_ids(cr, self.ctx.env["mail.message.reaction"], len(rows))
            copy_rows(cr, "mail_message_reaction",
                      [(r, n, new_message[m]) for (r, m), n in zip(rows, new_ids)],
                      [("message_id", "int4")], {"message_id": "v.message_id"}, self.uid)

    # ------------------------------------------------------------------
    # Followers and activities
    # ------------------------------------------------------------------
    def _followers(self, member_to_target, batch_no):
        cr, ctx = self.cr, self.ctx
        cr.execute("""
            SELECT id, res_id, partner_id FROM mail_followers
             WHERE res_model = %s AND res_id = ANY(%s) ORDER BY id
        """, (MAIL_MODEL, list(member_to_target)))
        rows = cr.fetchall()
        known = ctx.origins(FOLLOWERS, [r[0] for r in rows])
        todo = [r for r in rows if r[0] not in known]
        if not todo:
            return 0
        targets = list({member_to_target[r[1]] for r in todo})
        cr.execute("SELECT res_id, partner_id, id FROM mail_followers "
                   "WHERE res_model = 'cc.conversation' AND res_id = ANY(%s)", (targets,))
        existing = {(r, p): i for r, p, i in cr.fetchall()}
        mapping, created = [], []
        for follower_id, res_id, partner_id in todo:
            key = (member_to_target[res_id], partner_id)
            if key not in existing:
                cr.execute("INSERT INTO mail_followers (res_model, res_id, partner_id) "
                           "VALUES ('cc.conversation', %s, %s) RETURNING id", key)
                existing[key] = cr.fetchone()[0]
                created.append((follower_id, existing[key]))
            mapping.append((follower_id, existing[key], None))
        if created:
            execute_values(cr._obj, """
                INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                SELECT v.dst, r.mail_message_subtype_id
                  FROM (VALUES %s) AS v (src, dst)
                  JOIN mail_followers_mail_message_subtype_rel r
                    ON r.mail_followers_id = v.src
                ON CONFLICT DO NOTHING
            """, created, template="(%s::int4, %s::int4)")
        ctx.record(FOLLOWERS, "mail.followers", mapping, batch_no)
        return len(created)

    def _activities(self, member_to_target, batch_no):
        cr, ctx = self.cr, self.ctx
        cr.execute("""
            SELECT id, res_id, activity_type_id, recommended_activity_type_id,
                   previous_activity_type_id, write_date
              FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s) ORDER BY id
        """, (MAIL_MODEL, list(member_to_target)))
        rows = cr.fetchall()
        known = ctx.origins(ACTIVITIES, [r[0] for r in rows])
        types = ctx.activity_type_map
        targets = list({member_to_target[r[1]] for r in rows})
        cr.execute("SELECT id, name FROM cc_conversation WHERE id = ANY(%s)", (targets,))
        names = dict(cr.fetchall())

        def params(row):
            target = member_to_target[row[1]]
            return (target, names.get(target), types.get(row[2], row[2]),
                    types.get(row[3], row[3]), types.get(row[4], row[4]))

        new = [r for r in rows if r[0] not in known]
        changed = [r for r in rows if r[0] in known and r[5]
                   and (known[r[0]][1] is None or r[5] > known[r[0]][1])]
        new_ids = next_ids(cr, ctx.env["mail.activity"], len(new))
        overrides = {"res_model_id": str(self.our_model_id), "res_model": "'cc.conversation'",
                     "res_id": "v.res_id", "res_name": "v.res_name",
                     "activity_type_id": "v.activity_type_id",
                     "recommended_activity_type_id": "v.recommended_activity_type_id",
                     "previous_activity_type_id": "v.previous_activity_type_id"}
        spec = [("res_id", "int4"), ("res_name", "varchar"), ("activity_type_id", "int4"),
                ("recommended_activity_type_id", "int4"),
                ("previous_activity_type_id", "int4")]
        copy_rows(cr, ACTIVITIES, [(r[0], n) + params(r) for r, n in zip(new, new_ids)],
                  spec, overrides, self.uid)
        refresh_rows(cr, ACTIVITIES, [(r[0], known[r[0]][0]) for r in changed],
                     list(overrides), self.uid)
        ctx.record(ACTIVITIES, "mail.activity",
                   [(r[0], n, r[5]) for r, n in zip(new, new_ids)]
                   + [(r[0], known[r[0]][0], r[5]) for r in changed], batch_no)
        return len(new) + len(changed)
