# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rollback: the messages the Contact Center handled, copied back into ChatRoom.

After a rollback ChatRoom is the inbox again: whatever the Contact Center
received (or sent) on a switched connector must be there too. Each such
``cc.message`` becomes an ``acrux_chat_message`` row in the ChatRoom
conversation it came from (or a new one), and the pair is recorded in
``cc_migration_origin`` so a later catch-up sees it as already copied.
Lifecycle events (direction ``internal``) stay in the Contact Center.
"""
import re

from . import origin
from .source import CONVERSATION, MESSAGE

# cc.message type -> ChatRoom ttype (message_mapping.MESSAGE_TYPES reversed).
TTYPES = {"text": "text", "image": "image", "audio": "audio", "video": "video",
          "document": "file", "location": "location", "sticker": "sticker",
          "contact": "contact"}


def chatroom_number(address, is_phone):
    """ChatRoom's ``(number, conv_type)`` of a cc_core address."""
    if is_phone:
        return re.sub(r"\D", "", address), "normal"
    return address, "private"


def pending_messages(cr, connector_id):
    """Our messages on ``connector_id`` that ChatRoom does not have."""
    cr.execute("""
        SELECT m.id, m.conversation_id, m.direction, m.message_type, m.body, m.date,
               m.provider_message_id, m.state, m.failure_reason, m.author_id,
               (SELECT min(r.attachment_id) FROM cc_message_attachment_rel r
                 WHERE r.message_id = m.id) AS attachment_id
          FROM cc_message m
         WHERE m.connector_id = %s AND m.direction IN ('inbound', 'outbound')
           AND NOT EXISTS (SELECT 1 FROM cc_migration_origin o
                            WHERE o.source_table = %s AND o.target_id = m.id)
         ORDER BY m.date, m.id
    """, (connector_id, MESSAGE))
    columns = [c.name for c in cr.description]
    return [dict(zip(columns, row)) for row in cr.fetchall()]


def _chatroom_conversation(cr, chatroom_connector_id, conversation, run_id):
    """The ChatRoom conversation of one of our conversations (created if needed)."""
    cr.execute("""
        SELECT s.id FROM acrux_chat_conversation s
          JOIN cc_migration_origin o ON o.source_table = %s AND o.source_id = s.id
         WHERE o.target_id = %s AND s.connector_id = %s
         ORDER BY s.last_activity DESC NULLS LAST, s.id DESC LIMIT 1
    """, (CONVERSATION, conversation["id"], chatroom_connector_id))
    row = cr.fetchone()
    if row:
        return row[0]
    number, conv_type = chatroom_number(conversation["address"], conversation["is_phone"])
    cr.execute("""
        SELECT id FROM acrux_chat_conversation
         WHERE connector_id = %s AND number = %s AND conv_type = %s
    """, (chatroom_connector_id, number, conv_type))
    row = cr.fetchone()
    if row:
        return row[0]
    cr.execute("""
        INSERT INTO acrux_chat_conversation (connector_id, number, name, conv_type, status,
            last_activity, company_id, create_uid, create_date, write_uid, write_date)
        SELECT %s, %s, %s, %s, 'new', now() AT TIME ZONE 'UTC', company_id, 1,
               now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM acrux_chat_connector WHERE id = %s
        RETURNING id, write_date
    """, (chatroom_connector_id, number, conversation["customer_name"] or number,
          conv_type, chatroom_connector_id))
    source_id, write_date = cr.fetchone()
    origin.record(cr, CONVERSATION, "cc.conversation",
                  [(source_id, conversation["id"], write_date)], run_id)
    return source_id


def copy_back(cr, chatroom_connector_id, connector_id, run_id):
    """Copy the pending messages into ChatRoom; returns how many."""
    messages = pending_messages(cr, connector_id)
    if not messages:
        return 0
    cr.execute("SELECT id, address, is_phone, customer_name FROM cc_conversation "
               "WHERE id = ANY(%s)", (list({m["conversation_id"] for m in messages}),))
    conversations = {row[0]: dict(id=row[0], address=row[1], is_phone=row[2],
                                  customer_name=row[3]) for row in cr.fetchall()}
    recorded, touched = [], {}
    for message in messages:
        contact_id = _chatroom_conversation(
            cr, chatroom_connector_id, conversations[message["conversation_id"]], run_id)
        outbound = message["direction"] == "outbound"
        ttype = TTYPES.get(message["message_type"], "text")
        cr.execute("""
            INSERT INTO acrux_chat_message (contact_id, date_message, text, ttype, from_me,
                msgid, error_msg, res_model, res_id, name, create_uid, create_date,
                write_uid, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, left(coalesce(%s, '/'), 10), 1,
                    %s, 1, now() AT TIME ZONE 'UTC')
            RETURNING id, write_date
        """, (contact_id, message["date"], message["body"] or "", ttype, outbound,
              message["provider_message_id"],
              message["failure_reason"] if message["state"] == "failed" else None,
              "ir.attachment" if message["attachment_id"] else None,
              message["attachment_id"], message["body"], message["date"]))
        source_id, write_date = cr.fetchone()
        recorded.append((source_id, message["id"], write_date))
        last = touched.setdefault(contact_id, {"received": None, "sent": None})
        key = "sent" if outbound else "received"
        last[key] = max(filter(None, (last[key], message["date"])))
    origin.record(cr, MESSAGE, "cc.message", recorded, run_id)
    for contact_id, last in touched.items():
        cr.execute("""
            UPDATE acrux_chat_conversation SET
                last_received = greatest(last_received, %s),
                last_sent = greatest(last_sent, %s),
                last_activity = greatest(last_activity, %s, %s)
             WHERE id = %s
        """, (last["received"], last["sent"], last["received"], last["sent"], contact_id))
    return len(recorded)
