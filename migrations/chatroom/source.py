# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Read-only access to ChatRoom's tables (``acrux_chat_*`` and its columns on
standard tables), as described in ``acrux-schema.md``.

ChatRoom is a family of optional modules: a table or column of a module that
is not installed is simply absent. :meth:`Source.select` returns ``None`` for
such columns, so the mapping code sees one shape.
"""
from collections import OrderedDict

CONNECTOR = "acrux_chat_connector"
CONVERSATION = "acrux_chat_conversation"
MESSAGE = "acrux_chat_message"
STAGE = "acrux_chat_conversation_stage"
TAG = "acrux_chat_conversation_tag"
CONVERSATION_TAG_REL = "acrux_chat_conversation_acrux_chat_conversation_tag_rel"
ANSWER = "acrux_chat_default_answer"
ANSWER_CATEGORY = "acrux_chat_default_answer_category"
CONNECTOR_AGENTS = "connector_assign_agents"
CONNECTOR_USERS = "chatroom_allowed_users"
CRM_TEAM = "crm_team"
CRM_TEAM_MEMBER = "crm_team_member"
CRM_LEAD = "crm_lead"

REQUIRED_TABLES = (CONNECTOR, CONVERSATION, MESSAGE)
CONVERSATION_MODEL = "acrux.chat.conversation"
MESSAGE_MODEL = "acrux.chat.message"
CHATROOM_MODULE = "whatsapp_connector"

COUNTED_TABLES = (CONNECTOR, CONVERSATION, MESSAGE, STAGE, TAG, CONVERSATION_TAG_REL,
                  ANSWER, ANSWER_CATEGORY, CONNECTOR_AGENTS, CONNECTOR_USERS)


class Source:
    """ChatRoom's schema as found in the database, and typed reads of it."""

    def __init__(self, cr):
        self.cr = cr
        cr.execute("""
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = current_schema()
        """)
        self.columns = {}
        for table, column in cr.fetchall():
            self.columns.setdefault(table, set()).add(column)

    def has(self, table, column=None):
        if column is None:
            return table in self.columns
        return column in self.columns.get(table, ())

    def missing_tables(self):
        return [t for t in REQUIRED_TABLES if not self.has(t)]

    def module_state(self, name):
        self.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (name,))
        row = self.cr.fetchone()
        return row[0] if row else None

    def select(self, table, columns, where="", params=(), order="id"):
        """Rows of ``table`` as dicts of ``columns`` (absent columns -> None)."""
        if not self.has(table):
            return []
        exprs = [('"%s"' % c) if self.has(table, c) else ("NULL AS \"%s\"" % c)
                 for c in columns]
        query = 'SELECT %s FROM "%s"' % (", ".join(exprs), table)
        if where:
            query += " WHERE " + where
        if order:
            query += " ORDER BY " + order
        self.cr.execute(query, params)
        return [OrderedDict(zip(columns, row)) for row in self.cr.fetchall()]

    def pairs(self, table, left, right):
        """(left, right) rows of a relation table, [] when it is absent."""
        if not (self.has(table, left) and self.has(table, right)):
            return []
        self.cr.execute('SELECT "%s", "%s" FROM "%s"' % (left, right, table))
        return self.cr.fetchall()

    def count(self, table, where="", params=()):
        if not self.has(table):
            return None
        query = 'SELECT count(*) FROM "%s"' % table
        self.cr.execute(query + (" WHERE " + where if where else ""), params)
        return self.cr.fetchone()[0]

    def group_users(self, module, name):
        """Ids of the users of the group with XML id ``module.name``."""
        self.cr.execute("""
            SELECT r.uid FROM res_groups_users_rel r
              JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
             WHERE d.module = %s AND d.name = %s
        """, (module, name))
        return {row[0] for row in self.cr.fetchall()}

    # ------------------------------------------------------------------
    # The rows the migration reads
    # ------------------------------------------------------------------
    def connectors(self):
        return self.select(CONNECTOR, [
            "id", "name", "sequence", "company_id", "team_id", "source", "connector_type",
            "automatic_agent_assign", "retain_agent", "assing_type",
            "create_uid", "create_date", "write_date", "endpoint", "token", "uuid",
            "odoo_url", "ca_status", "is_direct_connection", "is_connection_chatsmart"])

    def conversations(self, ids=None):
        where, params = ("id = ANY(%s)", (list(ids),)) if ids is not None else ("", ())
        return self.select(CONVERSATION, [
            "id", "name", "number", "conv_type", "connector_id", "res_partner_id", "status",
            "agent_id", "last_activity", "company_id", "team_id", "stage_id", "priority",
            "color", "note", "crm_lead_id", "create_uid", "create_date", "write_date"],
            where, params)

    def conversation_tags(self):
        tags = {}
        for conversation_id, tag_id in self.pairs(
                CONVERSATION_TAG_REL, "acrux_chat_conversation_id",
                "acrux_chat_conversation_tag_id"):
            tags.setdefault(conversation_id, []).append(tag_id)
        return tags

    MESSAGE_COLUMNS = [
        "id", "contact_id", "text", "ttype", "from_me", "date_message", "msgid",
        "error_msg", "event", "user_id", "active", "res_model", "res_id",
        "create_uid", "create_date", "write_date"]

    def messages(self, conversation_ids):
        return self.select(MESSAGE, self.MESSAGE_COLUMNS, "contact_id = ANY(%s)",
                           (list(conversation_ids),), order="contact_id, date_message, id")
