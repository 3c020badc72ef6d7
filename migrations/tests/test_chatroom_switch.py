# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The switch-over night on the fake ChatRoom dataset with a fake gateway.

ChatRoom "receives" a message by storing its rows (as the fake ChatRoom
does); the Contact Center receives one through cc_core's webhook pipeline
(journal + process, what the route does). The tests of this module share one
database and run in order: dry run, switch (with a message stored by
ChatRoom while the webhook moves), switch again, dry-run rollback, rollback,
rollback again, catch-up after the rollback.
"""
import importlib.util
import os
from datetime import datetime

import psycopg2
import pytest

from migrations.chatroom import origin, runner, verify
from migrations.chatroom.report import Report

from . import dataset
from .conftest import DATA_DIR, REPO, snapshot

GW_TOKEN = "gw-token-switch"
GW_CLIENT = "gw-client-uuid-switch"
CHATROOM_URL = "http://chatroom.example"
NUMBER = "5511987654321"  # the customer of dataset's conv_full, on connector 1


def _fake_gateway_class():
    """The pure fake server, loaded from its file (the addon's package
    imports Odoo models)."""
    path = os.path.join(REPO, "cc_connector_whatsapp", "whatsapp_gateway",
                        "fake_server.py")
    spec = importlib.util.spec_from_file_location("cc_fake_gateway_server", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FakeGatewayServer


@pytest.fixture(scope="module")
def gateway():
    server = _fake_gateway_class()(token=GW_TOKEN, client_id=GW_CLIENT).start()
    server.webhook_url = "%s/chatsmart/whatsapp_connector/%s" % (CHATROOM_URL, GW_CLIENT)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def db(database_factory, gateway):
    database = database_factory("switch")
    with database.env() as env:
        database.ids = dataset.build(env)
        env.cr.execute("""
            UPDATE acrux_chat_connector SET is_connection_chatsmart = true, endpoint = %s,
                   token = %s, uuid = %s, odoo_url = %s, ca_status = true
             WHERE id = %s
        """, (gateway.url, GW_TOKEN, GW_CLIENT, CHATROOM_URL, database.ids["connector1"]))
        env.cr.commit()
        report = Report("migrate", env.cr.dbname)
        runner.migrate(env, env.cr.dbname, report, write=lambda line: None)
        assert verify.verify(env, report), report.data["verify"]
    return database


def chatroom_receives(cr, conversation_id, msgid, text):
    """What ChatRoom's webhook handler leaves in its tables for one message."""
    now = datetime.utcnow().replace(microsecond=0)
    cr.execute("""
        INSERT INTO acrux_chat_message (contact_id, date_message, text, ttype, from_me,
            msgid, create_uid, create_date, write_uid, write_date)
        VALUES (%(c)s, %(n)s, %(t)s, 'text', false, %(m)s, 2, %(n)s, 2, %(n)s)
    """, {"c": conversation_id, "n": now, "t": text, "m": msgid})
    cr.execute("UPDATE acrux_chat_conversation SET last_activity = %s, last_received = %s, "
               "write_date = %s WHERE id = %s", (now, now, now, conversation_id))


def our_connector(env, ids):
    target = origin.targets(env.cr, "acrux_chat_connector", [ids["connector1"]])
    return env["cc.connector"].with_context(active_test=False).browse(
        target[ids["connector1"]])


def ca_status(env, ids):
    env.cr.execute("SELECT ca_status FROM acrux_chat_connector WHERE id = %s",
                   (ids["connector1"],))
    return env.cr.fetchone()[0]


def by_msgid(env, msgid):
    return env["cc.message"].search([("provider_message_id", "=", msgid)])


def test_migrate_maps_the_gateway_connector_inactive_with_its_account(db):
    with db.env() as env:
        connector = our_connector(env, db.ids)
        assert connector.provider == "whatsapp_gateway" and not connector.active
        assert (connector.wg_variant, connector.wg_token, connector.wg_client_id) == (
            "chatsmart", GW_TOKEN, GW_CLIENT)
        assert connector.wg_endpoint.startswith("http://127.0.0.1:")


def test_dry_run_changes_nothing(db, gateway, tmp_path):
    with db.env() as env:
        before = snapshot(env.cr, DATA_DIR, db.name)
    status, report, _out = db.cli("switch", tmp_path, "--dry-run",
                                  "--connector", "WhatsApp Vendas", check_status=0)
    (entry,) = report["connectors"]
    assert (entry["plan"], entry["phone"]) == ("switch", "connected")
    with db.env() as env:
        key = our_connector(env, db.ids).sudo().webhook_key
    assert "/cc/webhook/" in entry["webhook_to"] and key not in entry["webhook_to"], \
        "the report does not disclose the webhook key"
    assert not gateway.account_calls, "the webhook did not move"
    with db.env() as env:
        assert snapshot(env.cr, DATA_DIR, db.name) == before


def test_switch_moves_the_number_and_loses_nothing(db, gateway, tmp_path):
    ids = db.ids
    with db.env() as env:
        chatroom_receives(env.cr, ids["conv_full"], "false_BEFORE", "Antes da troca")
        env.cr.commit()

    def chatroom_stores_one_more(url):
        # A request ChatRoom was still handling while the webhook moved.
        with psycopg2.connect(dbname=db.name) as cnx, cnx.cursor() as cr:
            chatroom_receives(cr, ids["conv_full"], "false_DURING", "Durante a troca")

    gateway.on_account = chatroom_stores_one_more
    try:
        _status, report, out = db.cli("switch", tmp_path, "--connector", "WhatsApp Vendas",
                                      "--settle", "0", check_status=0)
    finally:
        gateway.on_account = None
    assert report["ok"] and report["verify"]["ok"], out[-2000:]
    assert report["connectors"][0]["result"] == "switched"
    assert report["connectors"][0]["phone"] == "connected"
    with db.env() as env:
        connector = our_connector(env, ids)
        assert connector.active
        assert gateway.webhook_url == connector.webhook_url
        assert ca_status(env, ids) is False, "ChatRoom no longer sends on it"
        before = by_msgid(env, "false_BEFORE")
        during = by_msgid(env, "false_DURING")
        assert before.body == "Antes da troca" and during.body == "Durante a troca"
        # the next minute the gateway posts to us: same customer, same conversation
        from odoo.addons.cc_core.services.types import WebhookRequest

        body = ('{"params": {"messages": [{"id": "false_AFTER", "number": "%s", '
                '"type": "text", "text": "Depois da troca", "from_me": false}]}}'
                % NUMBER).encode()
        request = WebhookRequest("POST", {}, body, {}, None)
        assert connector._provider()._verify_webhook(connector, request)
        env["cc.webhook.event"]._journal(connector, request)._process()
        after = by_msgid(env, "false_AFTER")
        assert after.conversation_id == before.conversation_id
        env.cr.commit()
        env.cr.execute("SELECT count(*) FROM cc_message")
        messages = env.cr.fetchone()[0]
    # switching again changes nothing more
    _status, again, _out = db.cli("switch", tmp_path, "--settle", "0", check_status=0)
    assert again["connectors"][0]["result"] == "switched"
    with db.env() as env:
        env.cr.execute("SELECT count(*) FROM cc_message")
        assert env.cr.fetchone()[0] == messages
        assert gateway.webhook_url == our_connector(env, ids).webhook_url


def test_rollback_dry_run(db, gateway, tmp_path):
    _status, report, _out = db.cli("rollback", tmp_path, "--dry-run", check_status=0)
    (entry,) = report["connectors"]
    assert entry["plan"] == "roll back"
    assert entry["messages_to_copy_back"] == 1
    assert entry["webhook_to"] == "%s/chatsmart/whatsapp_connector/%s…" % (
        CHATROOM_URL, GW_CLIENT[:4])
    with db.env() as env:
        assert gateway.webhook_url == our_connector(env, db.ids).webhook_url


def test_rollback_gives_everything_back_to_chatroom(db, gateway, tmp_path):
    ids = db.ids
    with db.env() as env:
        # an answer an agent queued that the outbox has not sent yet
        after = by_msgid(env, "false_AFTER")
        queued = env["cc.message"].create({
            "conversation_id": after.conversation_id.id, "direction": "outbound",
            "message_type": "text", "body": "Ainda na fila", "state": "queued"})
        env.cr.commit()
        queued_id = queued.id
    _status, report, out = db.cli("rollback", tmp_path, "--settle", "0", check_status=0)
    assert report["ok"], out[-2000:]
    entry = report["connectors"][0]
    assert (entry["result"], entry["messages copied back"],
            entry["messages missing in ChatRoom"], entry["queued messages failed"]) == (
        "rolled back", 2, 0, 1)
    with db.env() as env:
        queued = env["cc.message"].browse(queued_id)
        assert queued.state == "failed", "never sent behind ChatRoom's back"
        env.cr.execute("SELECT from_me, error_msg FROM acrux_chat_message "
                       "WHERE text = 'Ainda na fila'")
        (from_me, error), = env.cr.fetchall()
        assert from_me and "went back to ChatRoom" in error
    assert gateway.webhook_url == "%s/chatsmart/whatsapp_connector/%s" % (
        CHATROOM_URL, GW_CLIENT)
    with db.env() as env:
        assert not our_connector(env, ids).active
        assert ca_status(env, ids) is True
        env.cr.execute("SELECT contact_id, text, from_me FROM acrux_chat_message "
                       "WHERE msgid = 'false_AFTER'")
        assert env.cr.fetchall() == [(ids["conv_full"], "Depois da troca", False)]
    # again: nothing more to copy, nothing duplicated
    _status, again, _out = db.cli("rollback", tmp_path, "--settle", "0", check_status=0)
    assert again["connectors"][0]["messages copied back"] == 0
    with db.env() as env:
        env.cr.execute("SELECT count(*) FROM acrux_chat_message WHERE msgid = 'false_AFTER'")
        assert env.cr.fetchone()[0] == 1


def test_catch_up_after_rollback_copies_only_what_is_new(db):
    ids = db.ids
    with db.env() as env:
        chatroom_receives(env.cr, ids["conv_full"], "false_LATER", "De volta ao ChatRoom")
        env.cr.commit()
        report = Report("check", env.cr.dbname)
        runner.check(env, env.cr.dbname, report)
        assert report.data["plan"]["messages"].get("create") == 1
        report = Report("migrate", env.cr.dbname)
        runner.migrate(env, env.cr.dbname, report, write=lambda line: None)
        assert verify.verify(env, report), report.data["verify"]
        assert len(by_msgid(env, "false_AFTER")) == 1
        assert by_msgid(env, "false_LATER").body == "De volta ao ChatRoom"
