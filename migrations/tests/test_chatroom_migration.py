# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom -> Contact Center, as ops run it: check, migrate (+ verify), run again.

One database per module: the quirks dataset of ``dataset.py`` (with a CRM
lead link), checked, migrated and migrated again through the command line.
"""
import hashlib
from types import SimpleNamespace

import pytest

from migrations.chatroom import origin
from migrations.chatroom.load_attachments import MESSAGE_ATTACHMENTS

from . import dataset
from .conftest import DATA_DIR, snapshot

CHATROOM_TABLES = ("acrux_chat_connector", "acrux_chat_conversation", "acrux_chat_message",
                   "acrux_chat_conversation_stage", "acrux_chat_conversation_tag",
                   "acrux_chat_default_answer")


def chatroom_state(cr):
    """Every ChatRoom row, its attachments and chatter: must never change."""
    state = {}
    for table in CHATROOM_TABLES:
        cr.execute('SELECT * FROM "%s" ORDER BY id' % table)
        state[table] = cr.fetchall()
    cr.execute("""
        SELECT a.* FROM ir_attachment a
         WHERE a.res_model LIKE 'acrux.%' OR a.id IN (SELECT res_id FROM acrux_chat_message
                                                      WHERE res_model = 'ir.attachment')
         ORDER BY a.id
    """)
    state["ir_attachment"] = cr.fetchall()
    for table, column in (("mail_message", "model"), ("mail_followers", "res_model"),
                          ("mail_activity", "res_model")):
        cr.execute('SELECT * FROM "%s" WHERE "%s" = %%s ORDER BY id' % (table, column),
                   ("acrux.chat.conversation",))
        state[table] = cr.fetchall()
    return state


@pytest.fixture(scope="module")
def migrated(database_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    db = database_factory("flow")
    with db.env() as env:
        ids = dataset.build(env, with_crm_lead=True)
        env.cr.commit()
        before_check = snapshot(env.cr, DATA_DIR, db.name)
        chatroom_before = chatroom_state(env.cr)
    check_status, check_report, _out = db.cli("check", tmp)
    with db.env() as env:
        after_check = snapshot(env.cr, DATA_DIR, db.name)
    migrate_status, migrate_report, migrate_out = db.cli("migrate", tmp, "--batch-size", "3")
    again_status, again_report, again_out = db.cli("migrate", tmp)
    verify_status, verify_report, _out = db.cli("verify", tmp)
    with db.env() as env:
        chatroom_after = chatroom_state(env.cr)
    return SimpleNamespace(**locals())


def targets(env, table, source_id):
    return origin.targets(env.cr, table, [source_id]).get(source_id)


# ----------------------------------------------------------------------
# check
# ----------------------------------------------------------------------
def test_check_writes_nothing(migrated):
    assert migrated.check_status == 0
    assert migrated.after_check == migrated.before_check
    assert "cc_migration_origin" not in migrated.after_check


def test_check_reports_plan_and_anomalies(migrated):
    report = migrated.check_report
    assert report["ok"] is True
    plan = report["plan"]
    # 10 ChatRoom conversations, the 9th-digit pair becomes one
    assert plan["conversations"] == {"create": 9}
    assert plan["messages"] == {"create": 36}
    assert plan["message attachments"] == {"create": 3}
    assert plan["templates"] == {"create": 2, "skip": 1}
    anomalies = report["anomalies"]
    assert anomalies["ninth_digit_merges"]["examples"][0]["conversations"] == [
        migrated.ids["pair_old"], migrated.ids["pair_new"]]
    assert anomalies["numbers_not_normalised"]["examples"] == [
        {"conversation": migrated.ids["not_a_number"], "number": "12345"}]
    assert anomalies["partner_found_by_number"]["count"] == 1
    assert anomalies["attachments_gone"]["examples"][0]["message"] == migrated.ids["msg_gone"]
    assert {e["message"] for e in anomalies["media_purged"]["examples"]} >= {
        migrated.ids["msg_purged"]}
    assert anomalies["duplicate_provider_ids"]["examples"] == [
        {"message": migrated.ids["msg_dup_b"]}]
    assert {e["login"] for e in anomalies["agents_without_user"]["examples"]} == {
        "__system__", "mig.portal"}
    assert anomalies["code_answers"]["count"] == 1
    assert report["merges"][0]["reason"] == "ninth_digit"


# ----------------------------------------------------------------------
# migrate, verify, run again
# ----------------------------------------------------------------------
def test_migrate_copies_and_verifies(migrated):
    assert migrated.migrate_status == 0, migrated.migrate_out[-3000:]
    verify = migrated.migrate_report["verify"]
    assert verify["ok"] is True
    assert verify["differences"] == []
    assert verify["messages (ChatRoom)"] == verify["messages (cc_core)"] == 36
    assert verify["attachments compared"] == 4
    assert "conversations: 9/9 conversations (100%)" in migrated.migrate_out
    assert "ETA" in migrated.migrate_out
    assert migrated.verify_status == 0
    assert migrated.verify_report["verify"]["ok"] is True


def test_second_run_migrates_nothing(migrated):
    assert migrated.again_status == 0
    plan = migrated.again_report["plan"]
    for entity, actions in plan.items():
        assert set(actions) <= {"unchanged", "skip"}, (entity, actions)
    assert plan["conversations"] == {"unchanged": 9}
    assert "0 to migrate" in migrated.again_out
    with migrated.db.env() as env:
        env.cr.execute("SELECT count(*) FROM cc_migration_origin WHERE run_id = "
                       "(SELECT max(id) FROM cc_migration_run)")
        assert env.cr.fetchone()[0] == 0


def test_chatroom_data_untouched(migrated):
    assert migrated.chatroom_after == migrated.chatroom_before


def test_ninth_digit_pair_is_one_conversation_in_date_order(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        old = targets(env, "acrux_chat_conversation", ids["pair_old"])
        new = targets(env, "acrux_chat_conversation", ids["pair_new"])
        assert old == new
        conversation = env["cc.conversation"].browse(new)
        assert conversation.address == "+5521987654321"
        # values of the most recent one, partner of the one that had it
        assert conversation.state == "new"
        assert conversation.partner_id.id == ids["partner_pair"]
        assert conversation.note == "Número novo.\n\nNúmero antigo, sem o 9."
        # matched onto existing tags by name, case aside (the demo data has "VIP")
        assert sorted(n.casefold() for n in conversation.tag_ids.mapped("name")) == [
            "reclamação", "vip"]
        bodies = conversation.message_ids_cc.mapped("body")
        assert bodies == ["Mensagem no número antigo", "Resposta no antigo", "Encerrada",
                          "Mensagem intercalada no novo", "Agora com o nono dígito"]
        assert conversation.message_ids_cc.mapped("cycle") == [1, 1, 1, 2, 2]
        assert conversation.cycle == 2
        # same number on the other connector (other company): its own conversation
        other = env["cc.conversation"].browse(targets(env, "acrux_chat_conversation",
                                                      ids["other_company"]))
        assert other.id != conversation.id
        assert other.company_id.id == ids["company2"]
        assert other.message_ids_cc.mapped("company_id").ids == [ids["company2"]]


def test_conversation_values(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        conversation = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["conv_full"]))
        ana = env["cc.agent"].search([("user_id", "=", ids["ana"])])
        assert conversation.state == "current"
        assert conversation.agent_id == ana
        assert conversation.partner_id.id == ids["partner_joao"]
        assert conversation.name == "João Cliente"
        assert conversation.customer_name == "João 😀"
        assert conversation.stage_id == env.ref("cc_core.cc_stage_urgent")
        assert (conversation.priority, conversation.color) == ("2", 3)
        assert conversation.note == "Cliente prefere contato à tarde."
        assert conversation.connector_id.name == "WhatsApp Vendas"
        assert conversation.team_id.name == "Atendimento ChatRoom"
        assert (conversation.document_model, conversation.document_id) == (
            "crm.lead", ids["lead"])
        assert str(conversation.create_date) == "2025-06-02 11:00:00"
        assert conversation.last_message_preview == "Obrigado!"
        assert conversation.unread_count == 1
        # the lead linked from the lead's side only
        pair = env["cc.conversation"].browse(targets(env, "acrux_chat_conversation",
                                                     ids["pair_new"]))
        assert (pair.document_model, pair.document_id) == ("crm.lead", ids["lead_back"])
        found = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["found_partner"]))
        assert found.partner_id.id == ids["partner_found"]
        private = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["private"]))
        assert (private.address, private.is_phone) == ("5511999998888-1600000000@l.us", False)
        portal = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["portal_agent"]))
        assert (portal.state, portal.agent_id.id) == ("new", False)
        retained = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["no_partner"]))
        assert retained.state == "done"
        assert retained.agent_id.user_id.id == ids["xavier"]
        assert not retained.agent_id.active


def test_messages_events_and_failures(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        conversation = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["conv_full"]))
        messages = conversation.message_ids_cc
        events = messages.filtered(lambda m: m.message_type == "event")
        assert events.mapped("event_type") == ["queued", "taken", "unanswered", "closed",
                                               "taken"]
        assert set(events.mapped("direction")) == {"internal"}
        assert events[1].event_agent_id.user_id.id == ids["ana"]
        assert events[1].author_id.id == ids["ana"]
        assert not events[3].event_agent_id     # the system closed it
        types = set(messages.mapped("message_type"))
        assert types >= {"text", "image", "document", "audio", "video", "location",
                         "sticker", "contact", "event"}
        by_id = {k: env["cc.message"].browse(targets(env, "acrux_chat_message", ids[k]))
                 for k in ("msg_failed", "msg_inactive", "msg_text_out", "msg_dup_a",
                           "msg_dup_b", "msg_text_in")}
        assert (by_id["msg_failed"].state, by_id["msg_failed"].failure_reason) == (
            "failed", "Número sem WhatsApp (131026)")
        assert by_id["msg_inactive"].state == "failed"
        assert by_id["msg_text_out"].state == "sent"
        assert by_id["msg_text_out"].provider_message_id == "true_5511987654321@c.us_A1"
        assert by_id["msg_text_out"].author_id.id == ids["ana"]
        assert by_id["msg_dup_a"].provider_message_id == "DUP-1"
        assert not by_id["msg_dup_b"].provider_message_id
        assert by_id["msg_text_in"].body == "Olá, bom dia! Preciso de ajuda 🙏 com a ação"
        assert by_id["msg_text_in"].state == "received"
        assert not messages.filtered(lambda m: m.state in ("queued", "sending"))


def test_attachments_readable_and_sharing_chatroom_files(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        pairs = (("msg_image_in", "att_image_in"), ("msg_file_out", "att_file_upload"),
                 ("msg_audio_in", "att_audio_in"))
        for message_key, attachment_key in pairs:
            message = env["cc.message"].browse(targets(env, "acrux_chat_message",
                                                       ids[message_key]))
            source = env["ir.attachment"].browse(ids[attachment_key])
            copy = message.attachment_ids
            assert len(copy) == 1 and copy.id != source.id
            assert (copy.res_model, copy.res_id) == ("cc.message", message.id)
            assert copy.store_fname == source.store_fname          # no file copy
            assert (copy.checksum, copy.file_size, copy.mimetype, copy.name) == (
                source.checksum, source.file_size, source.mimetype, source.name)
            assert hashlib.sha1(copy.raw).hexdigest() == source.checksum
            assert copy.public is False and not copy.access_token
            assert message.media_state == "done"
        # res_id = 0 upload reached through the message: copied; purged: none
        purged = env["cc.message"].browse(targets(env, "acrux_chat_message",
                                                  ids["msg_purged"]))
        assert not purged.attachment_ids and purged.media_state == "none"
        assert targets(env, MESSAGE_ATTACHMENTS, ids["msg_gone"]) is None
        env.cr.execute("SELECT delete_old FROM ir_attachment WHERE res_model = 'cc.message'")
        assert {row[0] for row in env.cr.fetchall()} == {False}


def test_chatter_followers_activities_copied(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        conversation = env["cc.conversation"].browse(
            targets(env, "acrux_chat_conversation", ids["conv_full"]))
        note = env["mail.message"].browse(targets(env, "mail_message", ids["chatter_note"]))
        assert note in conversation.message_ids
        assert note.body == "<p>Cliente VIP, atenção.</p>"
        assert note.attachment_ids.res_model == "cc.conversation"
        assert note.attachment_ids.store_fname == env["ir.attachment"].browse(
            ids["chatter_attachment"]).store_fname
        tracking = note.tracking_value_ids
        assert tracking.field.mapped("name") == ["stage_id"]
        assert tracking.field.model == "cc.conversation"
        assert tracking.new_value_integer == env.ref("cc_core.cc_stage_urgent").id
        assert conversation.message_follower_ids.partner_id == env["res.users"].browse(
            ids["ana"]).partner_id
        activities = conversation.activity_ids
        assert sorted(activities.mapped("summary")) == ["Enviar proposta",
                                                        "Ligar para o cliente"]
        call = activities.filtered(lambda a: a.summary == "Ligar para o cliente")
        assert call.activity_type_id.id != ids["activity_type"]
        assert call.activity_type_id.res_model == "cc.conversation"
        assert call.res_name == conversation.name


def test_reference_data(migrated):
    ids = migrated.ids
    with migrated.db.env() as env:
        connectors = env["cc.connector"].with_context(active_test=False).browse(
            [targets(env, "acrux_chat_connector", ids[k])
             for k in ("connector1", "connector2")])
        vendas, nordeste = connectors
        assert not vendas.active and vendas.channel_kind == "whatsapp"
        whatsapp_installed = "wa_phone_number_id" in env["cc.connector"]._fields
        # apichat.io (direct module) -> the gateway it really used, with its account;
        # GupShup (a WhatsApp Business API number) -> the Cloud API
        assert vendas.provider == ("whatsapp_gateway" if whatsapp_installed else False)
        assert nordeste.provider == ("whatsapp_cloud" if whatsapp_installed else False)
        if whatsapp_installed:
            assert (vendas.wg_variant, vendas.wg_token) == ("direct", "secret-token")
            assert vendas.wg_client_id.startswith("fake-uuid-WhatsApp Vendas")
        assert vendas.address == "+5511400400001"
        assert vendas.agent_ids.user_id.ids == sorted([ids["ana"], ids["bruno"]])
        assert vendas.team_id.assignment_policy == "balanced"
        assert vendas.team_id.keep_last_agent is True
        assert vendas.team_id.supervisor_user_ids.ids == [ids["carla"]]
        assert nordeste.company_id.id == ids["company2"]
        assert nordeste.team_id.name == "WhatsApp Nordeste"
        # no assignment list in ChatRoom: every ChatRoom user of the company
        assert nordeste.agent_ids.user_id.ids == sorted(
            [ids["ana"], ids["bruno"], ids["carla"], ids["dora"]])
        bruno = env["cc.agent"].search([("user_id", "=", ids["bruno"])])
        assert bruno.presence == "offline"
        ana = env["cc.agent"].search([("user_id", "=", ids["ana"])])
        assert (ana.presence, ana.signature) == ("online", "Ana:")
        assert env.ref("cc_core.group_cc_agent") in ana.user_id.groups_id
        carla = env["res.users"].browse(ids["carla"])
        assert env.ref("cc_core.group_cc_supervisor") in carla.groups_id
        waiting = env["cc.stage"].browse(targets(env, "acrux_chat_conversation_stage",
                                                 ids["stage_waiting"]))
        assert waiting.with_context(lang="pt_BR").name == "Aguardando cliente"
        assert env["cc.conversation"]._default_stage() == env.ref("cc_core.cc_stage_pending")
        template = env["cc.template"].browse(targets(env, "acrux_chat_default_answer",
                                                     ids["answer_image"]))
        assert template.attachment_ids.raw == dataset.PNG
        assert targets(env, "acrux_chat_default_answer", ids["answer_code"]) is None


def test_text_limit_is_cc_core_inbound_limit():
    from odoo.addons.cc_core.models.cc_inbound import MAX_TEXT_LENGTH

    from migrations.chatroom.message_mapping import MAX_TEXT_LENGTH as MIGRATION_LIMIT

    assert MIGRATION_LIMIT == MAX_TEXT_LENGTH


def test_verify_fails_on_any_difference(migrated, tmp_path):
    """Last test of the module: it damages the copy."""
    ids = migrated.ids
    with migrated.db.env() as env:
        message = env["cc.message"].browse(targets(env, "acrux_chat_message",
                                                   ids["msg_text_in"]))
        env.cr.execute("UPDATE cc_message SET body = body || '!' WHERE id = %s",
                       (message.id,))
        copy = env["cc.message"].browse(targets(env, "acrux_chat_message",
                                                ids["msg_audio_in"])).attachment_ids
        env.cr.execute("DELETE FROM ir_attachment WHERE id = %s", (copy.id,))
        env.cr.commit()
    status, report, output = migrated.db.cli("verify", tmp_path)
    assert status == 1, output[-2000:]
    kinds = {d["kind"] for d in report["verify"]["differences"]}
    assert kinds == {"messages_differ", "attachment_missing"}
    assert "DIFFERENCE" in output
