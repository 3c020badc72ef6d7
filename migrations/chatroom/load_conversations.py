# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom conversations -> cc.conversation: merge groups, plan, values.

Conversations mirror ChatRoom until the switch: a conversation changed in
ChatRoom since the last run (newer ``write_date``, new or changed messages or
chatter) is written again from ChatRoom's values.
"""
from . import addresses, conversation_mapping
from .source import CONVERSATION, CRM_LEAD, MESSAGE

MAIL_MODEL = "acrux.chat.conversation"


class Group:
    """ChatRoom conversations that become one cc.conversation."""

    def __init__(self, key, members, primary, address_of):
        self.key = key
        self.members = members
        self.primary = primary
        self.address = address_of(primary)
        self.addresses = [address_of(m).address for m in members]
        self.target_id = None
        self.existed = False
        self.status = None  # create / merge / update / unchanged

    @property
    def member_ids(self):
        return [m["id"] for m in self.members]

    def merge_reason(self):
        return addresses.merge_reason(self.addresses) if len(self.members) > 1 else None


def prepare(ctx, touched=()):
    """All merge groups with their plan status (``Group.status``).

    ``touched``: cc_core conversations whose copied messages were deleted
    (their summary must be recomputed)."""
    report = ctx.report
    rows = ctx.source.conversations()
    mapped = {}
    for row in rows:
        mapped[row["id"]] = addresses.map_address(row["number"], row["conv_type"])
        if mapped[row["id"]].problem:
            report.anomaly("numbers_not_normalised", {
                "conversation": row["id"], "number": row["number"]})
    groups = [Group(g["key"], g["members"], g["primary"], lambda r: mapped[r["id"]])
              for g in addresses.group_conversations(rows, lambda r: mapped[r["id"]])]
    origins = ctx.origins(CONVERSATION)
    dirty = dirty_conversations(ctx)
    for group in groups:
        targets = sorted({origins[i][0] for i in group.member_ids if i in origins})
        group.target_id = targets[0] if targets else None
        group.existed = bool(targets)
        new_members = [i for i in group.member_ids if i not in origins]
        changed = any(m["write_date"] and m["id"] in origins
                      and (origins[m["id"]][1] is None or m["write_date"] > origins[m["id"]][1])
                      for m in group.members)
        if not group.existed:
            group.status = "create"
        elif new_members:
            group.status = "merge"
        elif changed or group.target_id in touched or any(
                i in dirty for i in group.member_ids):
            group.status = "update"
        else:
            group.status = "unchanged"
        report.plan("conversations", group.status)
        reason = group.merge_reason()
        if reason:
            report.anomaly("ninth_digit_merges" if reason == addresses.MERGE_NINTH_DIGIT
                           else "duplicate_numbers",
                           {"conversations": group.member_ids, "numbers": group.addresses})
            if group.status in ("create", "merge"):
                report.merge({
                    "chatroom_conversations": group.member_ids,
                    "numbers": [m["number"] for m in group.members],
                    "connector": group.primary["connector_id"],
                    "into": group.address.address,
                    "reason": reason,
                    "kept_values_of": group.primary["id"],
                })
        if group.primary["status"] == "current" and not group.primary["agent_id"]:
            report.anomaly("current_without_agent", {"conversation": group.primary["id"]})
    return groups


def dirty_conversations(ctx):
    """ChatRoom conversation ids with new or changed messages or chatter."""
    from . import origin as origin_table

    cr = ctx.cr
    if not origin_table.exists(cr):
        return set()
    cr.execute("""
        SELECT DISTINCT m.contact_id FROM %s m
          LEFT JOIN cc_migration_origin o
            ON o.source_table = '%s' AND o.source_id = m.id
         WHERE o.id IS NULL OR m.write_date > o.source_write_date
    """ % (MESSAGE, MESSAGE))
    dirty = {row[0] for row in cr.fetchall()}
    for table, model_column in (("mail_message", "model"), ("mail_activity", "res_model")):
        cr.execute("""
            SELECT DISTINCT s.res_id FROM {table} s
              LEFT JOIN cc_migration_origin o
                ON o.source_table = '{table}' AND o.source_id = s.id
             WHERE s.{model_column} = %s
               AND (o.id IS NULL OR s.write_date > o.source_write_date)
        """.format(table=table, model_column=model_column), (MAIL_MODEL,))
        dirty.update(row[0] for row in cr.fetchall())
    cr.execute("""
        SELECT DISTINCT s.res_id FROM mail_followers s
          LEFT JOIN cc_migration_origin o
            ON o.source_table = 'mail_followers' AND o.source_id = s.id
         WHERE s.res_model = %s AND o.id IS NULL
    """, (MAIL_MODEL,))
    dirty.update(row[0] for row in cr.fetchall())
    return dirty


class PartnerMatcher:
    """cc_core's partner match (``res.partner._cc_find_by_address_key``) for
    many keys in one query: active contacts whose mobile or phone key is the
    customer's, individuals before companies, oldest first."""

    def __init__(self, cr):
        self.cr = cr

    def match(self, keys):
        keys = sorted({k for k in keys if k})
        if not keys:
            return {}, set()
        self.cr.execute("""
            SELECT k, id FROM (
                SELECT cc_mobile_key AS k, id, COALESCE(is_company, false) AS c
                  FROM res_partner WHERE active AND cc_mobile_key = ANY(%s)
                UNION
                SELECT cc_phone_key, id, COALESCE(is_company, false)
                  FROM res_partner WHERE active AND cc_phone_key = ANY(%s)
            ) s ORDER BY k, c, id
        """, (keys, keys))
        found, ambiguous = {}, set()
        for key, partner_id in self.cr.fetchall():
            if key in found:
                ambiguous.add(key)
            else:
                found[key] = partner_id
        return found, ambiguous


def report_partners(ctx, groups):
    """Anomalies about partners, for the whole dataset."""
    without = [g for g in groups if not any(m["res_partner_id"] for m in g.members)]
    phones = [g.address.key for g in without if g.address.is_phone]
    found, ambiguous = PartnerMatcher(ctx.cr).match(phones)
    for group in without:
        ctx.report.anomaly("conversations_without_partner", {
            "conversations": group.member_ids, "number": group.address.address})
        if group.address.key in found:
            ctx.report.anomaly("partner_found_by_number", {
                "conversations": group.member_ids, "partner": found[group.address.key]})
        if group.address.key in ambiguous:
            ctx.report.anomaly("partner_ambiguous", {
                "conversations": group.member_ids, "number": group.address.address})
    return found


def lead_links(ctx, groups):
    """{group primary id: crm.lead id} when crm is installed.

    The links exist only when ``crm`` and ChatRoom's ``crm`` module are
    installed (table ``crm_lead``, its columns). ChatRoom has two independent
    links: ``conversation.crm_lead_id`` (linked
    from the chat panel) wins; else the newest lead whose ``conversation_id``
    is one of the group's conversations.
    """
    source = ctx.source
    if not source.has(CRM_LEAD) or not (source.has(CONVERSATION, "crm_lead_id")
                                        or source.has(CRM_LEAD, "conversation_id")):
        return {}
    ids = [i for g in groups for i in g.member_ids]
    back = {}
    if source.has(CRM_LEAD, "conversation_id"):
        ctx.cr.execute("SELECT conversation_id, id FROM crm_lead "
                       "WHERE conversation_id = ANY(%s) ORDER BY id", (ids,))
        for conversation_id, lead_id in ctx.cr.fetchall():
            back[conversation_id] = lead_id
    ctx.cr.execute("SELECT id FROM crm_lead")
    existing_leads = {row[0] for row in ctx.cr.fetchall()}
    links = {}
    for group in groups:
        lead = next((m["crm_lead_id"] for m in [group.primary] + group.members
                     if m["crm_lead_id"] in existing_leads), None)
        if not lead:
            lead = max((back[i] for i in group.member_ids if i in back), default=None)
        if lead:
            links[group.primary["id"]] = lead
    return links


def conversation_values(ctx, group, tags, partners, leads, connector_teams):
    """cc.conversation values of a merge group (without message summary)."""
    primary = group.primary
    members = [primary] + [m for m in group.members if m is not primary]
    agent = ctx.agent_by_user.get(primary["agent_id"])
    connector_id = ctx.connector_map[primary["connector_id"]]
    partner = next((m["res_partner_id"] for m in members if m["res_partner_id"]), None)
    if not partner and group.address.is_phone:
        partner = partners.get(group.address.key)
    team = ctx.team_by_crm_team.get(primary["team_id"]) if primary["team_id"] else None
    notes = []
    for member in members:
        note = (member["note"] or "").strip()
        if note and note not in notes:
            notes.append(note)
    tag_ids = sorted({ctx.tag_map[t] for m in members for t in tags.get(m["id"], ())
                      if t in ctx.tag_map})
    vals = {
        "connector_id": connector_id,
        "customer_name": primary["name"],
        "address": group.address.address,
        "address_key": group.address.key,
        "is_phone": group.address.is_phone,
        "partner_id": partner or False,
        "team_id": team or connector_teams.get(connector_id) or False,
        "agent_id": agent or False,
        "last_agent_id": agent or False,
        "state": conversation_mapping.state(primary["status"], bool(agent)),
        "priority": conversation_mapping.priority(primary["priority"]),
        "color": conversation_mapping.color(primary["color"]),
        "tag_ids": [(6, 0, tag_ids)],
        "note": "\n\n".join(notes) or False,
    }
    if primary["stage_id"] and primary["stage_id"] in ctx.stage_map:
        vals["stage_id"] = ctx.stage_map[primary["stage_id"]]
    lead = leads.get(primary["id"])
    if lead:
        vals.update(document_model="crm.lead", document_id=lead)
    return vals


def creation_values(group):
    """create_uid/create_date of the oldest ChatRoom conversation of the group."""
    first = min(group.members, key=lambda m: (m["create_date"] is None, m["create_date"] or 0,
                                              m["id"]))
    vals = {}
    if first["create_date"]:
        vals["create_date"] = first["create_date"]
    if first["create_uid"]:
        vals["create_uid"] = first["create_uid"]
    return vals
