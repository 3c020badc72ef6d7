# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An agent keeps every conversation he held in ChatRoom, even on a connector
whose allowed/assign lists do not name him (a supervisor gave it to him, or an
earlier configuration did); ``check`` lists those cases before migrating."""
from types import SimpleNamespace

import pytest

from migrations.chatroom import fake_chatroom, origin
from migrations.chatroom.source import CONVERSATION

from .dataset import t


@pytest.fixture(scope="module")
def owner_db(database_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("owner-reports")
    db = database_factory("owner")
    with db.env() as env:
        cr = env.cr
        room = fake_chatroom.FakeChatRoom(cr, fake_chatroom.install(cr))
        company = env.ref("base.main_company")
        users = env["res.users"].with_context(no_reset_password=True)
        ids = {}
        for key, login in (("listed", "own.listed"), ("outside", "own.outside")):
            ids[key] = users.create({
                "login": login, "name": login, "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, [env.ref("base.group_user").id])]}).id
            room.chatroom_user(ids[key])
        # The connector's agent list names only "listed".
        ids["connector"] = room.connector("WhatsApp Loja", company.id, t(-100),
                                          source="5511400400009", agents=[ids["listed"]])
        for n in range(3):
            conv = room.conversation(ids["connector"], "551199000100%d" % n, "Cliente %d" % n,
                                     t(10 + n), company.id, status="current",
                                     agent_id=ids["outside"])
            room.message(conv, t(10 + n), "Oi %d" % n)
            ids.setdefault("held", []).append(conv)
        ids["queued"] = room.conversation(ids["connector"], "5511990002000", "Na fila",
                                          t(20), company.id, status="new")
        room.message(ids["queued"], t(20), "Alguém?")
        ids["closed"] = room.conversation(ids["connector"], "5511990003000", "Encerrada",
                                          t(30), company.id, status="done")
        room.message(ids["closed"], t(29), "Primeira conversa")
        room.message(ids["closed"], t(30), "Resolvido, obrigado", from_me=True,
                     user_id=ids["listed"])
        env.cr.commit()
    check_status, check_report, _out = db.cli("check", tmp, check_status=0)
    migrate_status, migrate_report, migrate_out = db.cli("migrate", tmp)
    assert migrate_status == 0, migrate_out[-3000:]
    return SimpleNamespace(db=db, ids=ids, check_report=check_report,
                           migrate_report=migrate_report)


def _target(env, source_id):
    return env["cc.conversation"].browse(origin.targets(env.cr, CONVERSATION,
                                                        [source_id])[source_id])


def test_check_lists_owners_outside_the_connector(owner_db):
    entry = owner_db.check_report["anomalies"]["owners_not_on_connector"]
    assert entry["count"] == 3
    assert entry["examples"] == [{"connector": "WhatsApp Loja",
                                  "user_id": owner_db.ids["outside"], "conversations": 3}]


def test_owner_sees_and_answers_every_conversation_he_held(owner_db):
    ids = owner_db.ids
    with owner_db.db.env() as env:
        outside = env["res.users"].browse(ids["outside"])
        assert outside.has_group("cc_core.group_cc_agent")
        as_outside = env(user=outside)
        mine = as_outside["cc.conversation"].search(
            [("agent_id.user_id", "=", outside.id), ("state", "=", "current")])
        held = {_target(env, source).id for source in ids["held"]}
        assert set(mine.ids) == held
        conversation = mine[:1]
        # His messages are readable and he may answer (the composer's check).
        assert conversation.message_ids_cc.mapped("body")
        conversation._check_can_send()
        # Ownership is not a grant of the connector: its queue stays hidden.
        queued = _target(env, ids["queued"])
        assert not as_outside["cc.conversation"].search([("id", "=", queued.id)])


def test_closed_conversation_reopens_into_the_connector_queue_with_history(owner_db):
    ids = owner_db.ids
    with owner_db.db.env() as env:
        closed = _target(env, ids["closed"])
        assert closed.state == "done" and not closed.agent_id
        listed = env["res.users"].browse(ids["listed"])
        as_listed = env(user=listed)["cc.conversation"]
        # The customer writes again: the conversation reopens into the queue.
        closed._reopen()
        reopened = as_listed.search([("id", "=", closed.id)])
        assert reopened.state == "new"
        bodies = reopened.message_ids_cc.filtered(
            lambda m: m.message_type != "event").mapped("body")
        assert "Primeira conversa" in bodies and "Resolvido, obrigado" in bodies
        env.cr.rollback()
