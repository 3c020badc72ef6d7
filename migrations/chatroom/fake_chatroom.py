# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A stand-in for ChatRoom in a test or benchmark database.

ChatRoom's modules are not installed (we do not have, and must not use,
their code): :func:`install` creates the tables and columns the migration
reads, as documented in ``acrux-schema.md``, plus what an installed ChatRoom
leaves in standard tables: ``ir_model`` and ``ir_model_fields`` rows of its
models (activities and tracking values point to them), its groups with their
XML ids. No ``ir_module_module`` row: Odoo would try to load the modules.
:class:`FakeChatRoom` then inserts rows the way ChatRoom stores
them (digits-only numbers, ``from_me``, ``info`` rows, attachments reached
through ``message.res_id``...).
"""
import base64

from psycopg2.extras import execute_values

DDL = """
CREATE TABLE acrux_chat_connector (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    sequence integer NOT NULL DEFAULT 1,
    message text,
    connector_type varchar NOT NULL DEFAULT 'apichat.io',
    company_id integer NOT NULL REFERENCES res_company(id),
    team_id integer REFERENCES crm_team(id) ON DELETE SET NULL,
    verify boolean DEFAULT true,
    source varchar NOT NULL DEFAULT '/',
    odoo_url varchar NOT NULL DEFAULT 'http://localhost',
    endpoint varchar NOT NULL DEFAULT 'https://api.example.invalid/v1',
    token varchar NOT NULL DEFAULT '*',
    uuid varchar NOT NULL,
    time_to_respond integer DEFAULT 24,
    time_to_reasign integer DEFAULT 10,
    time_to_done integer DEFAULT 3,
    border_color varchar(7) NOT NULL DEFAULT '#FFFFFF',
    ca_status boolean DEFAULT false,
    desk_notify varchar NOT NULL DEFAULT 'none',
    assing_type varchar NOT NULL DEFAULT 'connector',
    automatic_agent_assign boolean DEFAULT false,
    assign_offline_agent boolean DEFAULT false,
    assing_agent_index integer DEFAULT 0,
    retain_agent boolean,
    is_direct_connection boolean DEFAULT true,
    is_connection_chatsmart boolean DEFAULT false,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp,
    CONSTRAINT acrux_chat_connector_name_uniq UNIQUE (name),
    CONSTRAINT acrux_chat_connector_uuid_uniq UNIQUE (uuid)
);
CREATE TABLE connector_assign_agents (
    acrux_chat_connector_id integer NOT NULL REFERENCES acrux_chat_connector(id)
        ON DELETE CASCADE,
    res_users_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
    PRIMARY KEY (acrux_chat_connector_id, res_users_id)
);
CREATE TABLE acrux_chat_conversation_stage (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    sequence integer DEFAULT 10,
    requirements text,
    fold boolean,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
CREATE TABLE acrux_chat_conversation_tag (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    color integer DEFAULT 0,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
CREATE TABLE acrux_chat_conversation (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    number varchar NOT NULL,
    number_format varchar,
    conv_type varchar NOT NULL DEFAULT 'normal',
    image_url varchar NOT NULL DEFAULT '/web/static/img/placeholder.png',
    connector_id integer NOT NULL REFERENCES acrux_chat_connector(id) ON DELETE CASCADE,
    res_partner_id integer REFERENCES res_partner(id) ON DELETE SET NULL,
    status varchar NOT NULL DEFAULT 'new',
    agent_id integer REFERENCES res_users(id) ON DELETE SET NULL,
    last_activity timestamp NOT NULL,
    last_sent timestamp,
    last_received timestamp,
    last_received_first timestamp,
    company_id integer REFERENCES res_company(id) ON DELETE SET NULL,
    team_id integer REFERENCES crm_team(id) ON DELETE SET NULL,
    valid_number varchar,
    tmp_agent_id integer REFERENCES res_users(id) ON DELETE SET NULL,
    is_waba_opt_in boolean DEFAULT true,
    sent_opt_in boolean DEFAULT true,
    mute_opt_in boolean DEFAULT false,
    stage_id integer REFERENCES acrux_chat_conversation_stage(id) ON DELETE SET NULL,
    priority varchar DEFAULT '0',
    color integer DEFAULT 0,
    message_main_attachment_id integer REFERENCES ir_attachment(id) ON DELETE SET NULL,
    note text,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp,
    CONSTRAINT acrux_chat_conversation_number_connector_uniq
        UNIQUE (number, conv_type, connector_id)
);
CREATE INDEX acrux_chat_conversation_number_index ON acrux_chat_conversation (number);
CREATE TABLE acrux_chat_conversation_acrux_chat_conversation_tag_rel (
    acrux_chat_conversation_id integer NOT NULL REFERENCES acrux_chat_conversation(id)
        ON DELETE CASCADE,
    acrux_chat_conversation_tag_id integer NOT NULL REFERENCES acrux_chat_conversation_tag(id)
        ON DELETE CASCADE,
    PRIMARY KEY (acrux_chat_conversation_id, acrux_chat_conversation_tag_id)
);
CREATE TABLE acrux_chat_message (
    id serial PRIMARY KEY,
    active boolean DEFAULT true,
    text text,
    ttype varchar NOT NULL DEFAULT 'text',
    res_model varchar,
    res_id integer,
    name varchar,
    msgid varchar,
    contact_id integer NOT NULL REFERENCES acrux_chat_conversation(id) ON DELETE CASCADE,
    connector_id integer REFERENCES acrux_chat_connector(id) ON DELETE SET NULL,
    date_message timestamp NOT NULL,
    read_date timestamp,
    from_me boolean,
    company_id integer REFERENCES res_company(id) ON DELETE SET NULL,
    error_msg varchar,
    event varchar,
    user_id integer REFERENCES res_users(id) ON DELETE SET NULL,
    try_count integer DEFAULT 0,
    show_product_text boolean DEFAULT true,
    is_signed boolean DEFAULT false,
    metadata_type varchar NOT NULL DEFAULT 'none',
    metadata_json text,
    date_delete timestamp,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
CREATE INDEX acrux_chat_message_contact_id_index ON acrux_chat_message (contact_id);
CREATE TABLE acrux_chat_default_answer_category (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    sequence integer,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
CREATE TABLE acrux_chat_default_answer (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    sequence integer,
    active boolean DEFAULT true,
    text text,
    ttype varchar NOT NULL DEFAULT 'text',
    res_model varchar,
    res_id integer,
    file_attach bytea,
    file_attach_name varchar,
    show_in_chatroom boolean DEFAULT true,
    category_id integer REFERENCES acrux_chat_default_answer_category(id) ON DELETE SET NULL,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
ALTER TABLE res_users ADD COLUMN acrux_chat_active boolean DEFAULT true;
ALTER TABLE res_users ADD COLUMN is_chatroom_group boolean;
ALTER TABLE res_users ADD COLUMN chatroom_signing_active boolean DEFAULT false;
ALTER TABLE res_users ADD COLUMN chatroom_signing varchar;
ALTER TABLE ir_attachment ADD COLUMN delete_old boolean DEFAULT false;
"""

CRM_DDL = """
CREATE TABLE crm_team (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    sequence integer,
    active boolean DEFAULT true,
    company_id integer REFERENCES res_company(id) ON DELETE SET NULL,
    user_id integer REFERENCES res_users(id) ON DELETE SET NULL,
    color integer,
    create_uid integer, create_date timestamp, write_uid integer, write_date timestamp
);
CREATE TABLE crm_team_member (
    id serial PRIMARY KEY,
    crm_team_id integer NOT NULL REFERENCES crm_team(id) ON DELETE CASCADE,
    user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
    active boolean DEFAULT true
);
"""

CRM_LEAD_DDL = """
CREATE TABLE crm_lead (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    conversation_id integer REFERENCES acrux_chat_conversation(id) ON DELETE SET NULL
);
ALTER TABLE acrux_chat_conversation ADD COLUMN crm_lead_id integer
    REFERENCES crm_lead(id) ON DELETE SET NULL;
"""

TRACKED_FIELDS = (("stage_id", "Stage", "many2one"), ("status", "Status", "selection"),
                  ("agent_id", "Agent", "many2one"), ("valid_number", "Valid", "selection"))
GROUPS = (("whatsapp_connector", "group_chat_basic", "ChatRoom: From Forms"),
          ("whatsapp_connector_admin", "group_chat_admin", "ChatRoom: Admin User"))


def table_exists(cr, name):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", (name,))
    return cr.fetchone()[0]


def install(cr, with_crm_lead=False):
    """Create ChatRoom's schema and make it look installed."""
    if not table_exists(cr, "crm_team"):
        cr.execute(CRM_DDL)
    cr.execute(DDL)
    if with_crm_lead:
        cr.execute(CRM_LEAD_DDL)
    cr.execute("""
        INSERT INTO ir_model (name, model, "order", state, transient, is_mail_thread,
                              is_mail_activity)
        VALUES ('Chat Conversation', 'acrux.chat.conversation', 'last_activity desc',
                'base', false, true, true),
               ('Chat Message', 'acrux.chat.message', 'date_message desc, id desc',
                'base', false, false, false)
        RETURNING id
    """)
    model_id = cr.fetchone()[0]
    for name, label, ttype in TRACKED_FIELDS:
        cr.execute("""
            INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype,
                                         state, store)
            VALUES (%s, 'acrux.chat.conversation', %s, %s, %s, 'base', true)
        """, (name, model_id, label, ttype))
    groups = {}
    for module, name, label in GROUPS:
        cr.execute("INSERT INTO res_groups (name) VALUES (%s) RETURNING id", (label,))
        groups[name] = cr.fetchone()[0]
        cr.execute("INSERT INTO ir_model_data (module, name, model, res_id, noupdate) "
                   "VALUES (%s, %s, 'res.groups', %s, true)", (module, name, groups[name]))
    return groups


class FakeChatRoom:
    """Insert ChatRoom rows with plain SQL (returns the new ids)."""

    def __init__(self, cr, groups):
        self.cr = cr
        self.groups = groups
        self._uuid = 0

    def _insert(self, table, values):
        columns = list(values)
        self.cr.execute('INSERT INTO "%s" (%s) VALUES (%s) RETURNING id' % (
            table, ", ".join('"%s"' % c for c in columns), ", ".join(["%s"] * len(columns))),
            [values[c] for c in columns])
        return self.cr.fetchone()[0]

    def _stamp(self, values, when):
        values.setdefault("create_uid", 2)
        values.setdefault("write_uid", 2)
        values.setdefault("create_date", when)
        values.setdefault("write_date", when)
        return values

    # configuration ------------------------------------------------------
    def crm_team(self, name, company_id, leader=None, members=()):
        team_id = self._insert("crm_team", {"name": name, "company_id": company_id,
                                            "user_id": leader, "sequence": 10})
        for user_id in members:
            self._insert("crm_team_member", {"crm_team_id": team_id, "user_id": user_id})
        return team_id

    def connector(self, name, company_id, when, team_id=None, source="/", agents=(),
                  **extra):
        self._uuid += 1
        values = dict({"name": name, "company_id": company_id, "team_id": team_id,
                       "source": source, "uuid": "fake-uuid-%s-%s" % (name, self._uuid),
                       "token": "secret-token"}, **extra)
        connector_id = self._insert("acrux_chat_connector", self._stamp(values, when))
        for user_id in agents:
            self.cr.execute("INSERT INTO connector_assign_agents VALUES (%s, %s)",
                            (connector_id, user_id))
        return connector_id

    def chatroom_user(self, user_id, active_in_chat=True, admin=False, signing=None):
        self.cr.execute("UPDATE res_users SET is_chatroom_group = true, "
                        "acrux_chat_active = %s, chatroom_signing_active = %s, "
                        "chatroom_signing = %s WHERE id = %s",
                        (active_in_chat, bool(signing), signing, user_id))
        self.cr.execute("INSERT INTO res_groups_users_rel (gid, uid) VALUES (%s, %s) "
                        "ON CONFLICT DO NOTHING", (self.groups["group_chat_basic"], user_id))
        if admin:
            self.cr.execute("INSERT INTO res_groups_users_rel (gid, uid) VALUES (%s, %s) "
                            "ON CONFLICT DO NOTHING",
                            (self.groups["group_chat_admin"], user_id))

    def stage(self, name, sequence=10, fold=False, translations=None):
        stage_id = self._insert("acrux_chat_conversation_stage",
                                {"name": name, "sequence": sequence, "fold": fold})
        for lang, value in (translations or {}).items():
            self.cr.execute("""
                INSERT INTO ir_translation (name, res_id, lang, type, src, value, state)
                VALUES ('acrux.chat.conversation.stage,name', %s, %s, 'model', %s, %s,
                        'translated')
            """, (stage_id, lang, name, value))
        return stage_id

    def tag(self, name, color=0):
        return self._insert("acrux_chat_conversation_tag", {"name": name, "color": color})

    def answer_category(self, name, sequence=10):
        return self._insert("acrux_chat_default_answer_category",
                            {"name": name, "sequence": sequence})

    def answer(self, name, text, ttype="text", file_bytes=None, file_name=None, **extra):
        values = dict({"name": name, "text": text, "ttype": ttype, "sequence": 10}, **extra)
        if file_bytes is not None:
            values["file_attach"] = base64.b64encode(file_bytes)
            values["file_attach_name"] = file_name
        return self._insert("acrux_chat_default_answer", values)

    # conversations ------------------------------------------------------
    def conversation(self, connector_id, number, name, when, company_id, conv_type="normal",
                     tags=(), **extra):
        values = dict({"connector_id": connector_id, "number": number, "name": name,
                       "conv_type": conv_type, "last_activity": when,
                       "company_id": company_id}, **extra)
        conversation_id = self._insert("acrux_chat_conversation", self._stamp(values, when))
        for tag_id in tags:
            self.cr.execute(
                "INSERT INTO acrux_chat_conversation_acrux_chat_conversation_tag_rel "
                "VALUES (%s, %s)", (conversation_id, tag_id))
        return conversation_id

    def message(self, conversation_id, when, text, ttype="text", from_me=False, **extra):
        values = dict({"contact_id": conversation_id, "date_message": when, "text": text,
                       "ttype": ttype, "from_me": from_me or ttype == "info",
                       "name": (text or "/")[:10]}, **extra)
        return self._insert("acrux_chat_message", self._stamp(values, when))

    def media_message(self, env, conversation_id, when, ttype, content, filename, mimetype,
                      owner="message", **extra):
        """A media message whose file is an ir.attachment reached through res_id.

        ``owner``: ``"message"`` (inbound: the attachment points back to the
        message) or ``"upload"`` (agent upload: ``res_id = 0``).
        """
        attachment = env["ir.attachment"].create({
            "name": filename, "raw": content, "mimetype": mimetype,
            "res_model": "acrux.chat.message", "res_id": 0, "public": True})
        self.cr.execute("UPDATE ir_attachment SET delete_old = true WHERE id = %s",
                        (attachment.id,))
        message_id = self.message(conversation_id, when, extra.pop("text", ""), ttype=ttype,
                                  res_model="ir.attachment", res_id=attachment.id, **extra)
        if owner == "message":
            self.cr.execute("UPDATE ir_attachment SET res_id = %s WHERE id = %s",
                            (message_id, attachment.id))
        return message_id, attachment.id

    # chatter ------------------------------------------------------------
    def chatter_note(self, conversation_id, when, body, author_partner_id, attachment_ids=(),
                     tracking=(), subtype_id=None):
        message_id = self._insert("mail_message", self._stamp({
            "model": "acrux.chat.conversation", "res_id": conversation_id, "body": body,
            "message_type": "comment", "date": when, "author_id": author_partner_id,
            "subtype_id": subtype_id, "record_name": "Conversation %s" % conversation_id,
        }, when))
        for attachment_id in attachment_ids:
            self.cr.execute("INSERT INTO message_attachment_rel VALUES (%s, %s)",
                            (message_id, attachment_id))
        for field_name, old_char, new_char, old_int, new_int in tracking:
            self.cr.execute("""
                INSERT INTO mail_tracking_value (field, field_desc, field_type,
                    old_value_char, new_value_char, old_value_integer, new_value_integer,
                    mail_message_id, tracking_sequence, create_uid, create_date)
                SELECT f.id, f.field_description, f.ttype, %s, %s, %s, %s, %s, 100, 2, %s
                  FROM ir_model_fields f
                 WHERE f.model = 'acrux.chat.conversation' AND f.name = %s
            """, (old_char, new_char, old_int, new_int, message_id, when, field_name))
        return message_id

    def follower(self, conversation_id, partner_id, subtype_ids=()):
        follower_id = self._insert("mail_followers", {
            "res_model": "acrux.chat.conversation", "res_id": conversation_id,
            "partner_id": partner_id})
        for subtype_id in subtype_ids:
            self.cr.execute("INSERT INTO mail_followers_mail_message_subtype_rel "
                            "VALUES (%s, %s)", (follower_id, subtype_id))
        return follower_id

    def activity(self, conversation_id, when, user_id, activity_type_id, summary, deadline):
        self.cr.execute("SELECT id FROM ir_model WHERE model = 'acrux.chat.conversation'")
        model_id = self.cr.fetchone()[0]
        return self._insert("mail_activity", self._stamp({
            "res_model_id": model_id, "res_model": "acrux.chat.conversation",
            "res_id": conversation_id, "res_name": "Conversation %s" % conversation_id,
            "activity_type_id": activity_type_id, "summary": summary,
            "date_deadline": deadline, "user_id": user_id, "automated": False,
        }, when))


def bulk_messages(cr, rows):
    """Fast insert of many messages: rows of (contact_id, date, text, ttype, from_me,
    msgid, error_msg, event, user_id, active, res_model, res_id)."""
    execute_values(cr._obj, """
        INSERT INTO acrux_chat_message (contact_id, date_message, text, ttype, from_me, msgid,
            error_msg, event, user_id, active, res_model, res_id, name, create_uid,
            create_date, write_uid, write_date)
        SELECT v.c, v.d, v.t, v.tt, v.fm, v.mi, v.e, v.ev, v.u, v.a, v.rm, v.ri,
               left(coalesce(v.t, '/'), 10), 2, v.d, 2, v.d
          FROM (VALUES %s) AS v (c, d, t, tt, fm, mi, e, ev, u, a, rm, ri)
    """, rows, template=(
        "(%s::int4, %s::timestamp, %s::text, %s::varchar, %s::bool, %s::varchar, "
        "%s::varchar, %s::varchar, %s::int4, %s::bool, %s::varchar, %s::int4)"),
        page_size=5000)
