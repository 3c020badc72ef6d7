# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Migrate days ahead, catch up at the switch; rows equal the ORM's; uninstall ChatRoom.

The tests of this module share one database and run in order: first
migration, ChatRoom keeps working (new, changed, deleted rows), catch-up,
then ChatRoom is uninstalled.
"""
import hashlib
from datetime import datetime

import pytest

from migrations.chatroom import origin, runner, verify
from migrations.chatroom.report import Report

from . import dataset


def migrate(env):
    report = Report("migrate", env.cr.dbname)
    runner.migrate(env, env.cr.dbname, report, write=lambda line: None)
    assert verify.verify(env, report), report.data["verify"]
    return report


def check(env):
    report = Report("check", env.cr.dbname)
    runner.check(env, env.cr.dbname, report)
    return report


def target(env, table, source_id):
    return origin.targets(env.cr, table, [source_id]).get(source_id)


@pytest.fixture(scope="module")
def db(database_factory):
    database = database_factory("catchup")
    with database.env() as env:
        database.ids = dataset.build(env)
        env.cr.commit()
        migrate(env)
    return database


def chatroom_keeps_working(env, ids):
    """A day of ChatRoom activity after the first migration."""
    cr = env.cr
    now = datetime.utcnow().replace(microsecond=0)
    cr.execute("""
        INSERT INTO acrux_chat_message (contact_id, date_message, text, ttype, from_me,
            msgid, create_uid, create_date, write_uid, write_date)
        VALUES (%(c)s, %(n)s, 'Chegou hoje 🎉', 'text', false, 'wamid.today', 2, %(n)s, 2, %(n)s)
    """, {"c": ids["conv_full"], "n": now})
    cr.execute("UPDATE acrux_chat_conversation SET status = 'done', agent_id = NULL, "
               "write_date = %s WHERE id = %s", (now, ids["conv_full"]))
    # a late failure report, and ChatRoom's attachment purge
    cr.execute("UPDATE acrux_chat_message SET error_msg = 'Falha tardia', write_date = %s "
               "WHERE id = %s", (now, ids["msg_text_out"]))
    env["ir.attachment"].browse(ids["att_image_in"]).unlink()
    cr.execute("UPDATE acrux_chat_message SET text = text || ' (Attachment removed)', "
               "res_id = NULL, write_date = %s WHERE id = %s", (now, ids["msg_image_in"]))
    # a new customer, and the 9th-digit twin of an existing one
    cr.execute("""
        INSERT INTO acrux_chat_conversation (connector_id, number, name, conv_type, status,
            last_activity, company_id, create_uid, create_date, write_uid, write_date)
        VALUES (%(k)s, '5585988776655', 'Novo cliente', 'normal', 'new', %(n)s, 1, 2, %(n)s,
                2, %(n)s),
               (%(k)s, '553191112222', 'Maria (sem 9)', 'normal', 'new', %(n)s, 1, 2, %(n)s,
                2, %(n)s)
        RETURNING id
    """, {"k": ids["connector1"], "n": now})
    new_ids = [row[0] for row in cr.fetchall()]
    for conversation_id in new_ids:
        cr.execute("INSERT INTO acrux_chat_message (contact_id, date_message, text, ttype, "
                   "from_me, write_date) VALUES (%s, %s, 'Olá', 'text', false, %s)",
                   (conversation_id, now, now))
    # deletions: one message, one whole conversation, a done activity
    cr.execute("DELETE FROM acrux_chat_message WHERE contact_id = %s AND from_me",
               (ids["other_company"],))
    cr.execute("DELETE FROM acrux_chat_conversation WHERE id = %s", (ids["no_partner"],))
    cr.execute("DELETE FROM mail_activity WHERE id = %s", (ids["activity_todo"],))
    return dict(zip(("new_customer", "twin"), new_ids))


def test_catch_up_copies_what_changed(db):
    ids = db.ids
    with db.env() as env:
        kept_copy = env["cc.message"].browse(
            target(env, "acrux_chat_message", ids["msg_image_in"])).attachment_ids
        kept_sum = kept_copy.checksum
        created = chatroom_keeps_working(env, ids)
        env.cr.commit()
        plan = check(env).data["plan"]
        assert plan["conversations"] == {"create": 1, "merge": 1, "update": 2,
                                         "unchanged": 5, "delete": 1}
        assert plan["messages"]["create"] == 3
        assert plan["messages"]["update"] == 2
        assert plan["messages"]["delete"] == 2   # the deleted one + the deleted conversation's
        assert plan["activities"]["delete"] == 1
        report = migrate(env)
        full = env["cc.conversation"].browse(target(env, "acrux_chat_conversation",
                                                    ids["conv_full"]))
        assert full.state == "done" and full.unread_count == 0
        assert full.message_ids_cc[-1].body == "Chegou hoje 🎉"
        out = env["cc.message"].browse(target(env, "acrux_chat_message", ids["msg_text_out"]))
        assert (out.state, out.failure_reason) == ("failed", "Falha tardia")
        image = env["cc.message"].browse(target(env, "acrux_chat_message", ids["msg_image_in"]))
        assert image.body == "Foto do produto (Attachment removed)"
        # ChatRoom purged its attachment row; our copy and its file stay
        env["ir.attachment"]._gc_file_store()
        assert image.attachment_ids == kept_copy
        assert hashlib.sha1(kept_copy.raw).hexdigest() == kept_sum
        twin = target(env, "acrux_chat_conversation", created["twin"])
        assert twin == target(env, "acrux_chat_conversation", ids["found_partner"])
        assert report.data["merges"][0]["chatroom_conversations"] == [
            ids["found_partner"], created["twin"]]
        assert target(env, "acrux_chat_conversation", ids["no_partner"]) is None
        assert not env["cc.conversation"].search([("address", "=", "+5548988887777")])
        other = env["cc.conversation"].browse(target(env, "acrux_chat_conversation",
                                                     ids["other_company"]))
        assert other.message_ids_cc.mapped("direction") == ["inbound"]
        assert other.last_outbound_date is False
        assert len(full.activity_ids) == 1
        assert check(env).nothing_to_do()


def _row(cr, table, record_id, skip):
    cr.execute('SELECT * FROM "%s" WHERE id = %%s' % table, (record_id,))
    columns = [c.name for c in cr.description]
    return {k: v for k, v in zip(columns, cr.fetchone()) if k not in skip}


def test_bulk_rows_equal_what_the_orm_creates(db):
    """The bulk-inserted rows are what ``create`` with the same values gives."""
    ids = db.ids
    magic = {"id", "create_uid", "create_date", "write_uid", "write_date"}
    with db.env() as env:
        conversation = env["cc.conversation"].browse(
            target(env, "acrux_chat_conversation", ids["conv_full"]))
        # the ORM gets exactly the values stored by the bulk insert (NULL = not given)
        inputs = ["customer_name", "partner_id", "team_id", "agent_id", "last_agent_id",
                  "state", "priority", "color", "note", "stage_id", "connector_id",
                  "document_model", "document_id", "cycle", "last_inbound_date",
                  "last_outbound_date", "last_message_date", "first_unanswered_date",
                  "last_message_preview", "unread_count", "has_failed_message",
                  "last_failure_reason", "customer_user_id"]
        row = _row(env.cr, "cc_conversation", conversation.id, set())
        vals = {k: row[k] for k in inputs if row[k] is not None}
        vals.update(address="+5511900001111",
                    tag_ids=[(6, 0, conversation.tag_ids.ids)])
        if True:  # the environment is rolled back at the end: nothing stays
            twin = env["cc.conversation"].create(vals)
            env["base"].flush()
            # Routing timestamps are "now" at creation, like create_date.
            skip = magic | {"address", "address_key", "queue_date", "cycle_start_date",
                            "assigned_date"}
            assert _row(env.cr, "cc_conversation", twin.id, skip) == \
                _row(env.cr, "cc_conversation", conversation.id, skip)
            for message in conversation.message_ids_cc:
                row = _row(env.cr, "cc_message", message.id, set())
                vals = {k: row[k] for k in (
                    "conversation_id", "direction", "message_type", "body", "date", "state",
                    "failure_reason", "sent_date", "event_type", "event_agent_id",
                    "event_target_agent_id", "author_id", "media_state", "cycle")
                    if row[k] is not None}
                copy = env["cc.message"].create(vals)
                env["base"].flush()
                skip = magic | {"provider_message_id"}
                assert _row(env.cr, "cc_message", copy.id, skip) == \
                    _row(env.cr, "cc_message", message.id, skip), message.body
            # stored computed fields: recomputing them changes nothing
            before = _row(env.cr, "cc_conversation", conversation.id, set())
            for name in ("name", "company_id", "channel_kind"):
                env.add_to_compute(conversation._fields[name], conversation)
            conversation.recompute()
            env["base"].flush()
            after = _row(env.cr, "cc_conversation", conversation.id, set())
            assert after == before


def test_uninstalling_chatroom_keeps_every_copy(db):
    """What Odoo's uninstall does to ChatRoom's data (mail's ``ir.model.unlink``:
    messages, followers, activity types and attachment rows of its models,
    cascades to activities and tracking values; tables dropped; filestore GC)
    leaves our copies complete and readable."""
    with db.env() as env:
        cr = env.cr
        cr.execute("SELECT count(*) FROM cc_message")
        messages = cr.fetchone()[0]
        attachments = env["ir.attachment"].search([("res_model", "in", ("cc.message",
                                                                        "cc.conversation"))])
        sums = {a.id: a.checksum for a in attachments}
        conversations = env["cc.conversation"].browse(sorted(set(origin.targets(
            cr, "acrux_chat_conversation").values())))
        chatter = conversations.message_ids
        followers = conversations.message_follower_ids
        activities = conversations.activity_ids
        tracking = chatter.tracking_value_ids
        assert chatter and followers and activities and tracking
        # README, "Uninstalling ChatRoom": Odoo deletes the activity types of
        # ChatRoom's models before their activities, which fails while one is
        # still used; ops delete ChatRoom's activities first (they are copied).
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'acrux.chat.conversation'")
        env["ir.model"].search([("model", "=like", "acrux.chat.%")]).with_context(
            _force_unlink=True).unlink()
        cr.execute("""
            DROP TABLE acrux_chat_conversation_acrux_chat_conversation_tag_rel,
                       acrux_chat_message, acrux_chat_conversation, connector_assign_agents,
                       acrux_chat_connector, acrux_chat_conversation_stage,
                       acrux_chat_conversation_tag, acrux_chat_default_answer,
                       acrux_chat_default_answer_category CASCADE;
            ALTER TABLE ir_attachment DROP COLUMN delete_old;
        """)
        env["base"].invalidate_cache()
        env.cr.commit()
        env["ir.attachment"]._gc_file_store()
        cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model LIKE 'acrux.%'")
        assert cr.fetchone()[0] == 0, "uninstall removed ChatRoom's attachment rows"
        cr.execute("SELECT count(*) FROM cc_message")
        assert cr.fetchone()[0] == messages
        assert chatter.exists() == chatter
        assert followers.exists() == followers
        assert activities.exists() == activities
        assert tracking.exists() == tracking
        for attachment in attachments:
            assert hashlib.sha1(attachment.raw).hexdigest() == sums[attachment.id]
