# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom configuration (connectors, stages, tags, answers, agents) -> cc_core.

Pure functions on plain dicts; the loaders resolve ids.
"""
import re

from .cc_services import phone

# The WhatsApp provider keys of cc_connector_whatsapp. Used only when that
# addon is installed; otherwise the connector is created without provider
# (cc_core allows that for archived connectors).
WHATSAPP_PROVIDER = "whatsapp_cloud"
GATEWAY_PROVIDER = "whatsapp_gateway"
GATEWAY_CHATSMART = "chatsmart"
GATEWAY_DIRECT = "direct"
# ChatRoom's webhook routes of the gateway variants (acrux-features.md §2.3).
CHATROOM_WEBHOOK_ROUTES = {
    GATEWAY_CHATSMART: "/chatsmart/whatsapp_connector/",
    GATEWAY_DIRECT: "/apichat/whatsapp_connector/",
}
NO_PROVIDER_REASONS = {
    "chatapi": "ChatApi through the AcruxLab gateway protocol (not supported)",
    "apichat.io": "apichat.io through the AcruxLab gateway protocol (not supported)",
    "not_set": "no provider set in ChatRoom",
}

SKIP_CODE_ANSWER = "python_code_answer"


def connector_values(row):
    """cc.connector values of an ``acrux_chat_connector`` row.

    Always archived until the switch (``python -m migrations.chatroom
    switch``) or until a manager enters Cloud API credentials. Gateway
    credentials are added by the loader (:func:`gateway_values`).
    """
    return {
        "name": (row["name"] or "").strip() or "ChatRoom %s" % row["id"],
        "sequence": row.get("sequence") or 10,
        "channel_kind": "whatsapp",
        "active": False,
        "address": business_number(row.get("source")),
    }


def connector_provider(row):
    """(provider key, gateway variant) of the provider ChatRoom really used.

    ``apichat.io`` with the chat-smart.io module (``is_connection_chatsmart``)
    or the direct apichat.io module (``is_direct_connection``, default True
    when that module is installed) -> the gateway provider, same account;
    ``waba_extern`` (Meta) and ``gupshup`` (a WhatsApp Business API number,
    which moves to Meta's Cloud API, not to a gateway) -> the Cloud API;
    anything else -> ``(None, None)``: no provider, reported.
    """
    kind = (row.get("connector_type") or "apichat.io").strip()
    if kind == "apichat.io":
        if row.get("is_connection_chatsmart"):
            return GATEWAY_PROVIDER, GATEWAY_CHATSMART
        if row.get("is_direct_connection"):
            return GATEWAY_PROVIDER, GATEWAY_DIRECT
        return None, None
    if kind in ("waba_extern", "gupshup"):
        return WHATSAPP_PROVIDER, None
    return None, None


def gateway_values(row, variant):
    """The gateway settings of a connector: endpoint, token, client id (ChatRoom's
    ``uuid``). ChatRoom's placeholder ``*`` is no credential."""
    def secret(value):
        value = (value or "").strip()
        return value if value and value != "*" else False
    return {
        "wg_variant": variant,
        "wg_endpoint": (row.get("endpoint") or "").strip() or False,
        "wg_token": secret(row.get("token")),
        "wg_client_id": secret(row.get("uuid")),
    }


def chatroom_webhook_url(row, variant):
    """Where the gateway posted to ChatRoom: ``<odoo_url>/<route>/<uuid>``."""
    base = (row.get("odoo_url") or "").strip().rstrip("/")
    if not base or not (row.get("uuid") or "").strip():
        return None
    return base + CHATROOM_WEBHOOK_ROUTES[variant] + row["uuid"].strip()


def business_number(source):
    """The connector's phone number in E.164, the raw account id, or None."""
    raw = (source or "").strip()
    if not raw or raw == "/":
        return None
    digits = re.sub(r"\D", "", raw)
    e164 = phone.to_e164("+" + digits) if digits and digits == raw.lstrip("+") else None
    return e164 or raw


def presence(acrux_chat_active):
    """``res_users.acrux_chat_active`` (default True) -> cc.agent presence."""
    return "offline" if acrux_chat_active is False else "online"


def signature(row):
    if row.get("chatroom_signing_active") and (row.get("chatroom_signing") or "").strip():
        return row["chatroom_signing"].strip()
    return None


def match_by_name(name, existing):
    """Id of the record of ``existing`` ({name: id}) whose name equals ``name``
    ignoring case and surrounding spaces, else None."""
    wanted = (name or "").strip().casefold()
    for candidate, record_id in existing.items():
        if (candidate or "").strip().casefold() == wanted:
            return record_id
    return None


def template_values(row):
    """(cc.template values, skip reason) of an ``acrux_chat_default_answer`` row.

    ``code`` answers are Python evaluated by ChatRoom: they cannot become an
    inline template safely, they are reported instead. Media answers keep
    their text; the file (stored in the row itself) becomes an attachment.
    """
    if row.get("ttype") == "code":
        return None, SKIP_CODE_ANSWER
    return {
        "name": (row["name"] or "").strip() or "ChatRoom %s" % row["id"],
        "sequence": row.get("sequence") or 10,
        "active": row.get("active") is not False,
        "body": row.get("text") or "",
        "channel_kind": "whatsapp",
        "company_id": False,
    }, None


def team_policy(connectors):
    """(assignment_policy, keep_last_agent) of a team from the ChatRoom
    connectors that use it (assign_agent module columns, absent = False)."""
    automatic = any(c.get("automatic_agent_assign") for c in connectors)
    keep = any(c.get("retain_agent") for c in connectors)
    return ("balanced" if automatic else "manual"), keep
