# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom configuration (connectors, stages, tags, answers, agents) -> cc_core.

Pure functions on plain dicts; the loaders resolve ids.
"""
import re

from .cc_services import phone

# The WhatsApp provider key of cc_connector_whatsapp. Used only when that
# addon is installed; otherwise the connector is created without provider
# (cc_core allows that for archived connectors).
WHATSAPP_PROVIDER = "whatsapp_cloud"

SKIP_CODE_ANSWER = "python_code_answer"


def connector_values(row):
    """cc.connector values of an ``acrux_chat_connector`` row.

    Always archived: it becomes usable once configured with Cloud API
    credentials (ChatRoom's token/uuid are secrets of another provider and
    are not copied).
    """
    return {
        "name": (row["name"] or "").strip() or "ChatRoom %s" % row["id"],
        "sequence": row.get("sequence") or 10,
        "channel_kind": "whatsapp",
        "active": False,
        "address": business_number(row.get("source")),
    }


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
