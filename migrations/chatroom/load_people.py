# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Agents (ChatRoom users) and teams (CRM teams of ChatRoom, or one per connector).

Configuration is created once: a later run adds what is new (an agent, a
member) but never overwrites what admins changed in the Contact Center after
the first run.
"""
from odoo import SUPERUSER_ID

from . import reference_mapping
from .source import (
    CONNECTOR_AGENTS,
    CONNECTOR_USERS,
    CONVERSATION,
    CRM_TEAM,
    CRM_TEAM_MEMBER,
    MESSAGE,
)

USERS = "res_users"
TEAMS = CRM_TEAM
CONNECTOR_TEAMS = "acrux_chat_connector_team"


def add_missing_agents(ctx, kind, record, field, agent_ids):
    """A record copied by an earlier run keeps what admins changed since; it
    only gains the agents ChatRoom added (``update``), or stays ``unchanged``."""
    new_agents = set(agent_ids) - set(record[field].ids)
    ctx.report.plan(kind, "update" if new_agents else "unchanged")
    if new_agents and not ctx.dry_run:
        record.write({field: [(4, a) for a in sorted(new_agents)]})


def chatroom_users(ctx):
    """Ids of the users of ChatRoom's group (``is_chatroom_group``)."""
    source = ctx.source
    if source.has(USERS, "is_chatroom_group"):
        ctx.cr.execute("SELECT id FROM res_users WHERE is_chatroom_group")
        return {row[0] for row in ctx.cr.fetchall()}
    return source.group_users("whatsapp_connector", "group_chat_basic")


def referenced_users(ctx):
    """Users ChatRoom names as agents: conversation owners and info-row agents."""
    cr = ctx.cr
    cr.execute("SELECT DISTINCT agent_id FROM %s WHERE agent_id IS NOT NULL" % CONVERSATION)
    users = {row[0] for row in cr.fetchall()}
    cr.execute("SELECT DISTINCT user_id FROM %s WHERE ttype = 'info' AND user_id IS NOT NULL"
               % MESSAGE)
    users.update(row[0] for row in cr.fetchall())
    return users


def load_agents(ctx):
    source, report = ctx.source, ctx.report
    members = chatroom_users(ctx)
    referenced = referenced_users(ctx)
    users = {row["id"]: row for row in source.select(USERS, [
        "id", "login", "active", "share", "company_id", "acrux_chat_active",
        "chatroom_signing_active", "chatroom_signing"],
        "id = ANY(%s)", (list(members | referenced),))}
    mapped = ctx.origins(USERS)
    ctx.cr.execute("SELECT user_id, id FROM cc_agent")
    existing = dict(ctx.cr.fetchall())
    to_create = []
    for user_id in sorted(members | referenced):
        user = users.get(user_id)
        if not user or user["share"] or user_id == SUPERUSER_ID:
            report.anomaly("agents_without_user", {"user_id": user_id,
                                                   "login": user and user["login"]})
            continue
        if user_id not in members:
            report.anomaly("users_not_in_group", {"user_id": user_id, "login": user["login"]})
        if user_id in mapped:
            ctx.agent_by_user[user_id] = mapped[user_id][0]
            report.plan("agents", "unchanged")
        elif user_id in existing:
            ctx.agent_by_user[user_id] = existing[user_id]
            report.plan("agents", "link")
            ctx.record(USERS, "cc.agent", [(user_id, existing[user_id], None)])
        else:
            report.plan("agents", "create")
            to_create.append((user_id, {
                "user_id": user_id,
                "company_id": user["company_id"],
                "presence": reference_mapping.presence(user["acrux_chat_active"]),
                "signature": reference_mapping.signature(user),
                "active": bool(user["active"]) and user_id in members,
            }))
    if to_create and not ctx.dry_run:
        agents = ctx.env["cc.agent"].create([vals for _uid, vals in to_create])
        ctx.record(USERS, "cc.agent",
                   [(u, a.id, None) for (u, _v), a in zip(to_create, agents)])
        for (user_id, _vals), agent in zip(to_create, agents):
            ctx.agent_by_user[user_id] = agent.id
    _grant_groups(ctx, members, users)


def _grant_groups(ctx, members, users):
    """ChatRoom users get the Agent role, ChatRoom admins the Supervisor role."""
    env = ctx.env
    admins = ctx.source.group_users("whatsapp_connector_admin", "group_chat_admin")
    grants = (("cc_core.group_cc_agent", members), ("cc_core.group_cc_supervisor", admins))
    for xmlid, user_ids in grants:
        group = env.ref(xmlid)
        wanted = {u for u in user_ids if users.get(u) and users[u]["active"]
                  and not users[u]["share"] and u != SUPERUSER_ID}
        missing = sorted(wanted - set(group.users.ids))
        ctx.report.plan("user roles (%s)" % group.name, "create", len(missing))
        if missing and not ctx.dry_run:
            group.write({"users": [(4, u) for u in missing]})


def connector_users(ctx, connectors):
    """{ChatRoom connector id: user ids allowed/assigned on it}.

    ``connector_assign_agents`` (auto-assignment list) and
    ``chatroom_allowed_users`` (access restriction) when those modules are
    installed; otherwise every ChatRoom user of the connector's company.
    """
    explicit = {}
    for table, left, right in ((CONNECTOR_AGENTS, "acrux_chat_connector_id", "res_users_id"),
                               (CONNECTOR_USERS, "connector_id", "user_id")):
        for connector_id, user_id in ctx.source.pairs(table, left, right):
            explicit.setdefault(connector_id, set()).add(user_id)
    ctx.cr.execute("SELECT cid, user_id FROM res_company_users_rel")
    company_users = {}
    for company_id, user_id in ctx.cr.fetchall():
        company_users.setdefault(company_id, set()).add(user_id)
    members = chatroom_users(ctx)
    result = {}
    for connector in connectors:
        users = explicit.get(connector["id"])
        if users is None:
            users = members & company_users.get(connector["company_id"], set())
        result[connector["id"]] = users
    ctx.connector_users = result
    return result


def load_teams(ctx, connectors):
    """CRM teams used by ChatRoom -> cc.team; a connector without team gets its own."""
    source, report, env = ctx.source, ctx.report, ctx.env
    users_by_connector = connector_users(ctx, connectors)
    ctx.cr.execute("SELECT DISTINCT team_id FROM %s WHERE team_id IS NOT NULL" % CONVERSATION
                   if source.has(CONVERSATION, "team_id") else "SELECT NULL WHERE false")
    used = {row[0] for row in ctx.cr.fetchall()} | {
        c["team_id"] for c in connectors if c["team_id"]}
    crm_teams = source.select(CRM_TEAM, ["id", "name", "company_id", "user_id", "sequence",
                                         "color", "create_uid", "create_date"],
                              "id = ANY(%s)", (list(used),))
    crm_members = {}
    for team_id, user_id in source.pairs(CRM_TEAM_MEMBER, "crm_team_id", "user_id"):
        crm_members.setdefault(team_id, set()).add(user_id)
    mapped_crm = ctx.origins(TEAMS)
    mapped_own = ctx.origins(CONNECTOR_TEAMS)
    main_company = env.ref("base.main_company").id
    specs = []  # (source table, source id, vals, member users)
    for team in crm_teams:
        using = [c for c in connectors if c["team_id"] == team["id"]]
        policy, keep = reference_mapping.team_policy(using)
        users = set(crm_members.get(team["id"], set()))
        for connector in using:
            users |= users_by_connector[connector["id"]]
        supervisors = [team["user_id"]] if team["user_id"] in ctx.agent_by_user else []
        specs.append((TEAMS, team["id"], mapped_crm, {
            "name": team["name"] or "ChatRoom",
            "sequence": team["sequence"] or 10,
            "company_id": team["company_id"] or (using and using[0]["company_id"])
            or main_company,
            "assignment_policy": policy,
            "keep_last_agent": keep,
            "supervisor_user_ids": [(6, 0, supervisors)],
        }, users))
    for connector in connectors:
        if connector["team_id"]:
            continue
        policy, keep = reference_mapping.team_policy([connector])
        specs.append((CONNECTOR_TEAMS, connector["id"], mapped_own, {
            "name": connector["name"] or "ChatRoom",
            "company_id": connector["company_id"] or main_company,
            "assignment_policy": policy,
            "keep_last_agent": keep,
        }, users_by_connector[connector["id"]]))
    Team = env["cc.team"]
    for table, source_id, mapped, vals, users in specs:
        agent_ids = sorted({ctx.agent_by_user[u] for u in users if u in ctx.agent_by_user})
        team_map = ctx.team_by_crm_team if table == TEAMS else ctx.team_by_connector
        if source_id in mapped:
            team = Team.browse(mapped[source_id][0]).exists()
            team_map[source_id] = team.id
            add_missing_agents(ctx, "teams", team, "member_ids", agent_ids)
            continue
        report.plan("teams", "create")
        if ctx.dry_run:
            continue
        team = Team.create(dict(vals, member_ids=[(6, 0, agent_ids)]))
        team_map[source_id] = team.id
        ctx.record(table, "cc.team", [(source_id, team.id, None)])
