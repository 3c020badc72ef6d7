# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom migration: connectors, agents, stages, answers, teams, checksum, report."""
import json
from datetime import datetime

import pytest

from migrations.chatroom import checksum, progress, reference_mapping as rm, report


def test_connector_values_are_archived_whatsapp_without_secrets():
    row = {"id": 4, "name": " WhatsApp Vendas ", "sequence": 3, "source": "5511400400001",
           "token": "secret", "uuid": "u-1"}
    assert rm.connector_values(row) == {
        "name": "WhatsApp Vendas", "sequence": 3, "channel_kind": "whatsapp",
        "active": False, "address": "+5511400400001"}


@pytest.mark.parametrize("source, address", [
    ("/", None), ("", None), (None, None), ("5511400400001", "+5511400400001"),
    ("+55 11 4004-0001", "+55 11 4004-0001"), ("page-123", "page-123"),
])
def test_business_number(source, address):
    assert rm.business_number(source) == address


def test_presence_and_signature():
    assert rm.presence(True) == "online"
    assert rm.presence(None) == "online"   # column default True
    assert rm.presence(False) == "offline"
    signing = {"chatroom_signing_active": True, "chatroom_signing": " Ana: "}
    assert rm.signature(signing) == "Ana:"
    assert rm.signature({"chatroom_signing_active": False, "chatroom_signing": "Ana"}) is None
    assert rm.signature({"chatroom_signing_active": True, "chatroom_signing": ""}) is None


def test_match_by_name_ignores_case_and_spaces():
    existing = {"Pending": 1, "Urgent": 2}
    assert rm.match_by_name(" pending", existing) == 1
    assert rm.match_by_name("URGENT", existing) == 2
    assert rm.match_by_name("Aguardando", existing) is None


def test_template_values():
    vals, skip = rm.template_values({"id": 1, "name": "Olá", "sequence": 2, "active": True,
                                     "text": "Olá! 😊", "ttype": "text"})
    assert skip is None
    assert vals == {"name": "Olá", "sequence": 2, "active": True, "body": "Olá! 😊",
                    "channel_kind": "whatsapp", "company_id": False}
    vals, _skip = rm.template_values({"id": 2, "name": "Foto", "sequence": None,
                                      "active": False, "text": None, "ttype": "image"})
    assert (vals["body"], vals["active"], vals["sequence"]) == ("", False, 10)
    assert rm.template_values({"id": 3, "name": "Py", "ttype": "code", "text": "result=1"}) \
        == (None, rm.SKIP_CODE_ANSWER)


def test_team_policy():
    assert rm.team_policy([]) == ("manual", False)
    assert rm.team_policy([{"automatic_agent_assign": True, "retain_agent": None},
                           {"automatic_agent_assign": False, "retain_agent": True}]) == \
        ("balanced", True)


def test_checksum_ignores_order_but_not_content():
    when = datetime(2025, 6, 2, 9, 0)
    a = checksum.line(when, "inbound", "text", "Olá 😀")
    b = checksum.line(when, "outbound", "text", "Oi")
    assert checksum.digest([a, b]) == checksum.digest([b, a])
    assert checksum.digest([a, b])[0] == 2
    for changed in (checksum.line(when, "outbound", "text", "Olá 😀"),
                    checksum.line(when, "inbound", "image", "Olá 😀"),
                    checksum.line(when, "inbound", "text", "Ola 😀"),
                    checksum.line(datetime(2025, 6, 2, 9, 1), "inbound", "text", "Olá 😀")):
        assert checksum.digest([changed, b]) != checksum.digest([a, b])
    assert checksum.digest([a]) != checksum.digest([a, a])


def test_progress_line():
    clock = iter([0.0, 10.0, 20.0])
    lines = []
    bar = progress.Progress("conversations", 100, write=lines.append, clock=lambda: next(clock))
    bar.advance(50, "1200 messages")
    bar.advance(50)
    assert lines[0] == ("conversations: 50/100 items (50%), 5 items/s, ETA 10s - "
                        "1200 messages")
    assert lines[1].startswith("conversations: 100/100 items (100%)")
    assert "done in 20s" in lines[1]
    assert progress.format_seconds(3725) == "1h02m"
    assert progress.format_seconds(75) == "1m15s"


def test_report_counts_examples_and_nothing_to_do():
    rep = report.Report("migrate", "prod")
    rep.plan("conversations", "unchanged", 10)
    rep.plan("messages", "create", 0)
    assert rep.nothing_to_do()
    assert "0 to migrate" in rep.render()
    for index in range(report.MAX_EXAMPLES + 5):
        rep.anomaly("media_purged", {"message": index, "when": datetime(2025, 1, 1)})
    entry = rep.data["anomalies"]["media_purged"]
    assert entry["count"] == report.MAX_EXAMPLES + 5
    assert len(entry["examples"]) == report.MAX_EXAMPLES
    rep.plan("messages", "create", 3)
    assert not rep.nothing_to_do()
    rep.finish(True)
    data = json.loads(rep.to_json())
    assert data["plan"]["messages"] == {"create": 3}
    assert data["anomalies"]["media_purged"]["examples"][0]["when"] == "2025-01-01T00:00:00"
    assert "Media messages without attachment" in rep.render()


# -- the provider ChatRoom really used -----------------------------------------
def _row(**values):
    base = {"connector_type": "apichat.io", "endpoint": " https://api.chat-smart.io/v1 ",
            "token": "tok", "uuid": "uuid-1", "odoo_url": "https://erp.example/",
            "is_direct_connection": True, "is_connection_chatsmart": False}
    base.update(values)
    return base


def test_connector_provider_of_each_chatroom_type():
    provider = rm.connector_provider
    assert provider(_row(is_connection_chatsmart=True)) == ("whatsapp_gateway", "chatsmart")
    assert provider(_row()) == ("whatsapp_gateway", "direct")
    # apichat.io through the AcruxLab protocol (direct module absent or off)
    assert provider(_row(is_direct_connection=None)) == (None, None)
    assert provider(_row(is_direct_connection=False)) == (None, None)
    assert provider(_row(connector_type="waba_extern")) == ("whatsapp_cloud", None)
    assert provider(_row(connector_type="gupshup")) == ("whatsapp_cloud", None)
    assert provider(_row(connector_type="chatapi")) == (None, None)
    assert provider(_row(connector_type="not_set")) == (None, None)


def test_gateway_values_copy_the_account_but_not_placeholders():
    assert rm.gateway_values(_row(), "chatsmart") == {
        "wg_variant": "chatsmart", "wg_endpoint": "https://api.chat-smart.io/v1",
        "wg_token": "tok", "wg_client_id": "uuid-1"}
    values = rm.gateway_values(_row(token="*", uuid=" * "), "direct")
    assert (values["wg_token"], values["wg_client_id"]) == (False, False)


def test_chatroom_webhook_url_per_variant():
    url = rm.chatroom_webhook_url
    assert url(_row(), "chatsmart") == \
        "https://erp.example/chatsmart/whatsapp_connector/uuid-1"
    assert url(_row(), "direct") == "https://erp.example/apichat/whatsapp_connector/uuid-1"
    assert url(_row(odoo_url=""), "direct") is None
