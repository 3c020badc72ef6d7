# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace's thread: pages of messages as bubbles, events as rows.

One query per page (attachments, quoted message and reactions included),
after one access check of the conversation. Bodies are plain text: the
client escapes them.
"""
from odoo import _, api, models

from ..services import message_content

PAGE_MAX = 100


class CcWorkspaceThread(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _message_sql(self, ids_sql):
        """SELECT of the bubble columns of the messages ``ids_sql`` gives."""
        extra = ["m.is_voice_note", "m.failure_code"]
        extra.append("""
                (SELECT json_build_object(
                            'id', q.id, 'body', q.body, 'message_type', q.message_type,
                            'direction', q.direction,
                            'author', (SELECT p.name FROM res_users u
                                         JOIN res_partner p ON p.id = u.partner_id
                                        WHERE u.id = q.author_id))
                   FROM cc_message q
                  WHERE q.id = m.reply_to_id
                    AND q.conversation_id = m.conversation_id) AS reply_to""")
        extra.append("""
                (SELECT json_agg(json_build_object('emoji', r.body,
                                                   'direction', r.direction)
                                 ORDER BY r.id)
                   FROM cc_message r
                  WHERE r.reply_to_id = m.id AND r.message_type = 'reaction'
                ) AS reactions""")
        return """
            SELECT m.id, m.conversation_id, m.channel_kind, m.direction,
                   m.message_type, m.body, m.author_id,
                   (SELECT p.name FROM res_users u
                      JOIN res_partner p ON p.id = u.partner_id
                     WHERE u.id = m.author_id) AS author_name,
                   m.date, m.state, m.failure_reason, m.delivery_note,
                   m.attempt_count, m.media_state, m.media_error,
                   m.event_type, m.event_agent_id, ea.name AS event_agent_name,
                   m.event_target_agent_id, eta.name AS event_target_agent_name,
                   m.event_team_id, %(team_name)s AS event_team_name,
                   %(template_name)s AS template_name,
                   (SELECT json_agg(json_build_object(
                               'id', a.id, 'name', a.name, 'mimetype', a.mimetype,
                               'file_size', a.file_size) ORDER BY a.id)
                      FROM cc_message_attachment_rel rel
                      JOIN ir_attachment a ON a.id = rel.attachment_id
                     WHERE rel.message_id = m.id) AS attachments
                   %(extra)s
              FROM cc_message m
              LEFT JOIN cc_agent ea ON ea.id = m.event_agent_id
              LEFT JOIN cc_agent eta ON eta.id = m.event_target_agent_id
              LEFT JOIN cc_team et ON et.id = m.event_team_id
              LEFT JOIN cc_template tpl ON tpl.id = m.template_id
             WHERE m.id IN (%(ids)s)
             ORDER BY m.date, m.id
        """ % {
            "team_name": self._translated_sql("cc.team", "et"),
            "template_name": self._translated_sql("cc.template", "tpl"),
            "extra": "".join(", " + e for e in extra),
            "ids": ids_sql,
        }

    @api.model
    def _page_domain(self, conversation_ids):
        # Reactions are drawn on the message they react to.
        return [("conversation_id", "in", list(conversation_ids)),
                ("message_type", "!=", "reaction")]

    @api.model
    def _messages_page(self, conversation_ids, before_id=False, after_id=False,
                       limit=30):
        """``{"messages", "has_more"}`` of the conversations, oldest first."""
        limit = max(1, min(int(limit or 30), PAGE_MAX))
        from_clause, where_clause, params = self._rule_sql(
            "cc.message", self._page_domain(conversation_ids))
        order = "DESC"
        if before_id:
            where_clause += (" AND (cc_message.date, cc_message.id) < "
                             "(SELECT b.date, b.id FROM cc_message b WHERE b.id = %s)")
            params = params + [int(before_id)]
        elif after_id:
            where_clause += (" AND (cc_message.date, cc_message.id) > "
                             "(SELECT b.date, b.id FROM cc_message b WHERE b.id = %s)")
            params = params + [int(after_id)]
            order = "ASC"
        ids_sql = (
            "SELECT cc_message.id FROM %s WHERE %s ORDER BY cc_message.date %s, "
            "cc_message.id %s LIMIT %%s" % (from_clause, where_clause, order, order))
        sql = self._message_sql(ids_sql)
        rows = self._fetch_dicts(sql, params + [limit + 1])
        has_more = len(rows) > limit
        if has_more:
            # The extra row is the oldest (or, after_id, the newest).
            rows = rows[1:] if order == "DESC" else rows[:-1]
        return {"messages": [self._message(row) for row in rows], "has_more": has_more}

    @api.model
    def _labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    @api.model
    def _message(self, row):
        """The bubble payload of one message row (see ``_message_sql``)."""
        attachments = [self._attachment(a, row) for a in row["attachments"] or []]
        state = row["state"]
        outbound = row["direction"] == "outbound"
        msg = {
            "id": row["id"],
            "conversation_id": row["conversation_id"],
            "channel_kind": row["channel_kind"],
            "direction": row["direction"],
            "message_type": row["message_type"],
            "body": row["body"] or "",
            "author": {"id": row["author_id"], "name": row["author_name"]}
            if row["author_id"] else False,
            "date": self._date(row["date"]),
            "state": state,
            "failure_reason": self._in_reader_language(row["failure_reason"]),
            "delivery_note": self._in_reader_language(row["delivery_note"]),
            "attempt_count": row["attempt_count"] or 0,
            "can_retry": outbound and state == "failed",
            "can_retry_anyway": outbound and state == "unknown",
            "attachments": attachments,
            "media_state": row["media_state"]
            if row["media_state"] in ("pending", "failed") else False,
            "media_error": row["media_error"] or False,
            "can_retry_download": row["media_state"] == "failed",
            "event": self._event(row) if row["message_type"] == "event" else False,
            "reply_to": self._reply_to(row.get("reply_to")),
            "location": message_content.parse_location(row["body"])
            if row["message_type"] == "location" else False,
            "contact": self._contact(row),
            "template": row["template_name"] or False,
            "is_voice_note": bool(row["is_voice_note"]),
            "failure_code": row["failure_code"] or False,
            "reactions": row["reactions"] or [],
        }
        return msg

    @api.model
    def _in_reader_language(self, text):
        """Our own reasons and notes are stored as written by the cron (in
        English): shown in the reader's language when they are one of our
        translated terms; a provider's own text is shown as it came."""
        if not text:
            return False
        lang = self.env.lang or "en_US"
        if lang == "en_US":
            return text
        return self.env["ir.translation"]._get_source(None, ("code",), lang, text)

    @api.model
    def _attachment(self, data, row):
        url = "/web/content/%s" % data["id"]
        mimetype = data["mimetype"] or "application/octet-stream"
        attachment = {
            "id": data["id"],
            "name": data["name"],
            "mimetype": mimetype,
            "file_size": data["file_size"] or 0,
            "url": url,
            "download_url": url + "?download=true",
            "image_url": "/web/image/%s" % data["id"]
            if mimetype.startswith("image/") else False,
            "is_voice_note": bool(row["is_voice_note"]),
        }
        return attachment

    @api.model
    def _event(self, row):
        labels = self._labels("cc.message", "event_type")
        return {
            "type": row["event_type"] or False,
            "label": labels.get(row["event_type"], _("Event")),
            "agent": row["event_agent_name"] or False,
            "target_agent": row["event_target_agent_name"] or False,
            "team": row["event_team_name"] or False,
            "note": row["body"] or False,
        }

    @api.model
    def _contact(self, row):
        if row["message_type"] != "contact":
            return False
        cards = message_content.parse_contacts(row["body"])
        if not cards:
            return False
        card = cards[0]
        return {"name": card["name"], "phones": card["phones"],
                "cards": cards}

    @api.model
    def _reply_to(self, quoted):
        if not quoted:
            return False
        return {
            "id": quoted["id"],
            "preview": self.env["cc.message"]._preview_for(
                quoted["body"], quoted["message_type"]),
            "direction": quoted["direction"],
            "author": quoted["author"] or False,
        }

    # ------------------------------------------------------------------
    # Public
    # ------------------------------------------------------------------
    @api.model
    def _thread(self, conversation_id, before_id=False, after_id=False, limit=30):
        return self._messages_page([conversation_id], before_id, after_id, limit)

    @api.model
    def workspace_thread(self, conversation_id, before_id=False, after_id=False,
                         limit=30):
        conversation = self._check_conversation(conversation_id)
        return self._thread(conversation.id, before_id, after_id, limit)

    @api.model
    def workspace_timeline(self, conversation_id, before_id=False, limit=30):
        """Every readable conversation of the same customer, as one thread."""
        conversation = self._check_conversation(conversation_id)
        ids = self._same_customer_ids(conversation) + [conversation.id]
        return self._messages_page(ids, before_id, False, limit)

    @api.model
    def _same_customer_ids(self, conversation):
        """Readable conversations of the same partner (else the same number)."""
        data = conversation.sudo().read(["partner_id", "address_key"])[0]
        if data["partner_id"]:
            domain = [("partner_id", "=", data["partner_id"][0])]
        else:
            domain = [("address_key", "=", data["address_key"])]
        domain.append(("id", "!=", conversation.id))
        return self.env["cc.conversation"].search(domain).ids
