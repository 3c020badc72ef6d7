# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The current SMS modules' tables, as documented (current-sms-modules.md
§2-4), for the migration tests: only the columns the migration reads, with
their documented types and selection values."""

DDL = """
CREATE TABLE IF NOT EXISTS sms_template (
    id serial PRIMARY KEY, name varchar, body text, model varchar,
    create_date timestamp, write_date timestamp);
CREATE TABLE sms_campaign (
    id serial PRIMARY KEY, name varchar NOT NULL, description text,
    active boolean DEFAULT true, provider_id integer, template_id integer,
    domain_filter varchar, state varchar NOT NULL DEFAULT 'draft',
    start_date timestamp, end_date timestamp,
    create_date timestamp, write_date timestamp);
CREATE TABLE sms_scheduled (
    id serial PRIMARY KEY, name varchar NOT NULL, template_id integer,
    schedule_type varchar, state varchar, create_date timestamp, write_date timestamp);
CREATE TABLE sms_blacklist (
    id serial PRIMARY KEY, phone varchar NOT NULL UNIQUE, partner_id integer,
    reason varchar NOT NULL DEFAULT 'manual', notes text, synced_kolmeya boolean,
    active boolean DEFAULT true, create_date timestamp, write_date timestamp);
CREATE TABLE sms_message (
    id serial PRIMARY KEY, partner_id integer, user_id integer, provider_id integer,
    phone varchar NOT NULL, body text NOT NULL,
    direction varchar NOT NULL DEFAULT 'outgoing',
    state varchar NOT NULL DEFAULT 'draft', provider_message_id varchar,
    provider_job_id varchar, parent_id integer, provider_reference varchar,
    sent_date timestamp, delivered_date timestamp, error_message text,
    retry_count integer DEFAULT 0, char_count integer, sms_count integer,
    cost numeric DEFAULT 0.10, campaign_id integer, scheduled_id integer,
    create_date timestamp, write_date timestamp);
"""


def build(env, partner_id=None):
    """Create the tables and a small history; returns the ids by name."""
    cr = env.cr
    cr.execute(DDL)
    ids = {}

    def insert(table, **values):
        columns = ", ".join(values)
        marks = ", ".join(["%s"] * len(values))
        cr.execute("INSERT INTO %s (%s) VALUES (%s) RETURNING id" % (table, columns, marks),
                   list(values.values()))
        return cr.fetchone()[0]

    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = 'sms_template'")
    template_columns = {row[0] for row in cr.fetchall()}
    template_extra = {}
    if "model_id" in template_columns:  # Odoo's own sms.template (module sms)
        cr.execute("SELECT id FROM ir_model WHERE model = 'res.partner'")
        template_extra["model_id"] = cr.fetchone()[0]
    now = "2026-11-20 12:00:00"
    ids["template_used"] = insert(
        "sms_template", name="Oferta consignado",
        body="Olá {{ object.name }}, temos uma oferta.", model="res.partner",
        write_date=now, **template_extra)
    ids["template_unused"] = insert("sms_template", name="Nunca usado", body="x",
                                    model="res.partner", write_date=now,
                                    **template_extra)
    ids["campaign"] = insert("sms_campaign", name="Campanha novembro", state="done",
                             template_id=ids["template_used"], start_date=now,
                             write_date=now)
    ids["blacklisted"] = insert("sms_blacklist", phone="+5511944440001",
                                reason="user_request", notes="Pediu por telefone",
                                write_date=now, create_date=now)
    ids["blacklist_inactive"] = insert("sms_blacklist", phone="+5511944440009",
                                       active=False, write_date=now)
    ids["out_delivered"] = insert(
        "sms_message", partner_id=partner_id, phone="+55 11 94444-0002",
        body="Olá Maria, temos uma oferta.", direction="outgoing", state="delivered",
        provider_message_id="uuid-1", provider_job_id="job-7",
        campaign_id=ids["campaign"], sms_count=1, cost=0.1,
        sent_date="2026-11-20 12:00:05", delivered_date="2026-11-20 12:01:00",
        create_date="2026-11-20 12:00:00", write_date=now)
    ids["in_reply"] = insert(
        "sms_message", phone="5511944440002", body="Quero saber mais",
        direction="incoming", state="delivered", parent_id=ids["out_delivered"],
        provider_message_id="reply-1", create_date="2026-11-20 12:05:00",
        write_date=now)
    ids["out_error"] = insert(
        "sms_message", phone="(11) 94444-0003", body="Lembrete de pagamento",
        direction="outgoing", state="error", error_message="Saldo insuficiente",
        create_date="2026-11-20 13:00:00", write_date=now)
    ids["bad_phone"] = insert(
        "sms_message", phone="12345", body="Número errado", direction="outgoing",
        state="error", create_date="2026-11-20 14:00:00", write_date=now)
    return ids
