# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Current SMS modules -> Contact Center, as ops run it: check (writes
nothing), migrate (+ verify), migrate again (nothing twice)."""
import pytest

from migrations.sms import fake_sms

from .conftest import DATA_DIR, snapshot


@pytest.fixture(scope="module")
def migrated(database_factory, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sms-reports")
    db = database_factory("sms")
    with db.env() as env:
        partner = env["res.partner"].create({"name": "Maria Aposentada"})
        connector = env["cc.connector"].create({
            "name": "Kolmeya (migration test)", "channel_kind": "sms", "active": False})
        ids = fake_sms.build(env, partner_id=partner.id)
        env.cr.commit()
        connector_id, partner_id = connector.id, partner.id
        before = snapshot(env.cr, DATA_DIR, db.name)
    check = db.cli_module("migrations.sms", "check", tmp, "--connector", str(connector_id))
    with db.env() as env:
        after_check = snapshot(env.cr, DATA_DIR, db.name)
    first = db.cli_module("migrations.sms", "migrate", tmp, "--connector",
                          str(connector_id), "--batch-size", "2")
    again = db.cli_module("migrations.sms", "migrate", tmp, "--connector", str(connector_id))
    verify = db.cli_module("migrations.sms", "verify", tmp, "--connector", str(connector_id))
    return dict(db=db, ids=ids, connector_id=connector_id, partner_id=partner_id,
                before=before, after_check=after_check, check=check, first=first,
                again=again, verify=verify)


def test_check_plans_and_writes_nothing(migrated):
    status, report, _out = migrated["check"]
    assert status == 0, report
    assert migrated["before"] == migrated["after_check"]
    assert report["plan"]["messages to copy"] == 3
    assert report["plan"]["campaigns to copy"] == 1
    assert report["plan"]["templates to copy"] == 1, "only the templates in use"
    assert report["anomalies"]["invalid_phone"]["examples"] == [migrated["ids"]["bad_phone"]]


def test_migrate_copies_history_opt_outs_and_templates(migrated):
    status, report, out = migrated["first"]
    assert status == 0, out
    assert report["result"] == {"templates": 1, "campaigns": 1, "opt_outs": 1,
                                "messages": 3}
    with migrated["db"].env() as env:
        Message = env["cc.message"]
        messages = Message.search([("connector_id", "=", migrated["connector_id"])],
                                  order="date")
        assert [(m.direction, m.state, m.body) for m in messages] == [
            ("outbound", "delivered", "Olá Maria, temos uma oferta."),
            ("inbound", "received", "Quero saber mais"),
            ("outbound", "failed", "Lembrete de pagamento"),
        ]
        delivered, reply, failed = messages
        assert delivered.conversation_id == reply.conversation_id, \
            "one conversation per customer"
        assert delivered.conversation_id.partner_id.id == migrated["partner_id"]
        assert reply.reply_to_id == delivered
        assert delivered.provider_message_id == "uuid-1"
        assert delivered.provider_batch_id == "job-7"
        assert delivered.campaign_id.name == "Campanha novembro"
        assert delivered.campaign_id.state == "done"
        assert failed.failure_reason == "Saldo insuficiente"
        assert delivered.conversation_id.state == "done"
        opt_out = env["cc.opt.out"].search([("address", "=", "+5511944440001")])
        assert (opt_out.channel_kind, opt_out.source) == ("sms", "migration")
        assert "Customer request - Pediu por telefone" in opt_out.note
        assert not env["cc.opt.out"].search([("address", "=", "+5511944440009")])
        template = env["cc.template"].search([("name", "=", "Oferta consignado")])
        assert template.body == "Olá {{ object.partner_id.name }}, temos uma oferta."
        assert template.channel_kind == "sms"
        assert template._render_for(delivered.conversation_id) == \
            "Olá Maria Aposentada, temos uma oferta."


def test_second_run_copies_nothing_and_verify_passes(migrated):
    status, report, out = migrated["again"]
    assert status == 0, out
    assert report["result"] == {"templates": 0, "campaigns": 0, "opt_outs": 0,
                                "messages": 0}
    status, report, _out = migrated["verify"]
    assert status == 0 and report["verify"]["differences"] == 0
    assert report["verify"]["messages_expected"] == 3


def test_without_sms_tables_it_says_so(database_factory, tmp_path):
    db = database_factory("nosms")
    status, report, _out = db.cli_module("migrations.sms", "check", tmp_path)
    assert status == 2
    assert "No sms_message table" in report["errors"][0]
