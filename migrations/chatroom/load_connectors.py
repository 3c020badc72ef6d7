# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom connectors -> archived WhatsApp connectors of the Contact Center.

They keep name, business number, company, team and agents, and the provider
ChatRoom really used: the WhatsApp gateway (apichat.io / chat-smart.io) with
its endpoint, token and client id (manager-only fields), or Meta's Cloud API
where ChatRoom used Meta (credentials entered by a manager). They stay
archived until the switch (``switch`` command).
"""
from . import reference_mapping
from .load_people import add_missing_agents
from .source import CONNECTOR, CONVERSATION


def installed_providers(env):
    """The provider keys ``cc.connector`` offers in this database."""
    field = env["cc.connector"]._fields["provider"]
    return {key for key, _label in field._description_selection(env)}


def provider_values(row, installed):
    """(cc.connector values, anomaly text or None) of ChatRoom's provider."""
    provider, variant = reference_mapping.connector_provider(row)
    if not provider:
        kind = row.get("connector_type") or "apichat.io"
        return {"provider": False}, reference_mapping.NO_PROVIDER_REASONS.get(
            kind, "unknown connector type %s" % kind)
    if provider not in installed:
        return {"provider": False}, "cc_connector_whatsapp is not installed"
    vals = {"provider": provider}
    if provider == reference_mapping.GATEWAY_PROVIDER:
        vals.update(reference_mapping.gateway_values(row, variant))
    return vals, None


def load_connectors(ctx, connectors):
    env, report = ctx.env, ctx.report
    Connector = env["cc.connector"].with_context(active_test=False)
    mapped = ctx.origins(CONNECTOR)
    installed = installed_providers(env)
    for row in connectors:
        users = ctx.connector_users.get(row["id"], set())
        agent_ids = sorted({ctx.agent_by_user[u] for u in users if u in ctx.agent_by_user})
        if row["id"] in mapped:
            connector = Connector.browse(mapped[row["id"]][0]).exists()
            ctx.connector_map[row["id"]] = connector.id
            add_missing_agents(ctx, "connectors", connector, "agent_ids",
                               agent_ids)
            continue
        report.plan("connectors", "create")
        provider_vals, problem = provider_values(row, installed)
        if problem:
            report.anomaly("connectors_without_provider", {
                "connector": row["name"], "reason": problem})
        if ctx.dry_run:
            continue
        team_id = ctx.team_by_crm_team.get(row["team_id"]) if row["team_id"] else \
            ctx.team_by_connector.get(row["id"])
        vals = dict(reference_mapping.connector_values(row),
                    company_id=row["company_id"], team_id=team_id or False,
                    agent_ids=[(6, 0, agent_ids)], **provider_vals)
        connector = Connector.create(vals)
        ctx.connector_map[row["id"]] = connector.id
        ctx.record(CONNECTOR, "cc.connector", [(row["id"], connector.id, None)])


def report_owners_not_on_connector(ctx, connectors):
    """Owners of ``current`` ChatRoom conversations whose connector does not list them.

    ChatRoom lets a supervisor (or an earlier configuration) give a conversation
    to an agent outside the connector's allowed/assign lists. The Contact
    Center's record rules let an agent see and answer the conversations he
    holds whatever the connector, so nothing is hidden after migration; the
    connector is not granted to him (that would also show him its queue).
    Listed so ops can decide to grant it.
    """
    names = {row["id"]: row["name"] for row in connectors}
    rows = ctx.source.select(CONVERSATION, ["id", "connector_id", "agent_id"],
                             "status = 'current' AND agent_id IS NOT NULL")
    outside = {}
    for row in rows:
        listed = ctx.connector_users.get(row["connector_id"], set())
        if row["agent_id"] not in listed:
            outside.setdefault((row["connector_id"], row["agent_id"]), []).append(row["id"])
    for (connector_id, user_id), conversation_ids in sorted(outside.items()):
        ctx.report.anomaly("owners_not_on_connector", {
            "connector": names.get(connector_id, connector_id), "user_id": user_id,
            "conversations": len(conversation_ids)}, count=len(conversation_ids))
