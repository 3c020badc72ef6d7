# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace: read methods made for the screen, and its actions.

Every method returns exactly what the screen draws, as plain JSON. Reads go
through the ORM's query builder with the caller's record rules
(``_where_calc`` + ``_apply_ir_rules``): a page costs a constant number of
SQL queries whatever its size, and never shows what the caller may not read.
This file: opening the screen, the current user ("me") and presence.
The other concepts are in ``cc_workspace_*.py``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.cc_agent import PRESENCES


class CcWorkspace(models.AbstractModel):
    _name = "cc.workspace"
    _description = "Contact Center agent workspace"

    # ------------------------------------------------------------------
    # SQL helpers (record rules applied)
    # ------------------------------------------------------------------
    @api.model
    def _rule_sql(self, model_name, domain):
        """``(from, where, params)`` of ``domain`` on ``model_name`` with the
        caller's record rules, the table under its own name as alias."""
        model = self.env[model_name]
        model.check_access_rights("read")
        self.env["base"].flush()  # the SQL must see pending ORM writes
        query = model._where_calc(domain)
        model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        return from_clause, where_clause or "TRUE", params

    @api.model
    def _translated_sql(self, model_name, alias, field="name"):
        """SQL expression of a translated field in the caller's language (no
        query parameter: the language is quoted in)."""
        lang = self.env.cr.mogrify("%s", [self.env.lang or "en_US"]).decode()
        return (
            "COALESCE((SELECT t.value FROM ir_translation t WHERE t.type = 'model' "
            "AND t.name = '%s,%s' AND t.lang = %s AND t.res_id = %s.id "
            "AND t.value != '' LIMIT 1), %s.%s)" % (
                model_name, field, lang, alias, alias, field)
        )

    @api.model
    def _fetch_dicts(self, query, params):
        self.env.cr.execute(query, params)
        names = [d[0] for d in self.env.cr.description]
        return [dict(zip(names, row)) for row in self.env.cr.fetchall()]

    @api.model
    def _date(self, value):
        return fields.Datetime.to_string(value) if value else False

    # ------------------------------------------------------------------
    # Me
    # ------------------------------------------------------------------
    @api.model
    def _me_data(self):
        """The caller as an agent, in one query: agent, presence, teams
        (member or supervisor) and the connectors he may start conversations
        on (readable, active, with a provider; supervisors: all of them)."""
        supervisor = self.env.user.has_group("cc_core.group_cc_supervisor")
        domain = [("provider", "!=", False)]
        if not supervisor:
            domain.append(("agent_ids.user_id", "=", self.env.uid))
        c_from, c_where, c_params = self._rule_sql("cc.connector", domain)
        rows = self._fetch_dicts(
            """
            SELECT a.id AS agent_id, a.presence,
                   ARRAY(SELECT t.team_id FROM cc_agent_team_rel t
                          WHERE t.agent_id = a.id) AS member_team_ids,
                   ARRAY(SELECT s.team_id FROM cc_team_supervisor_rel s
                          WHERE s.user_id = u.id) AS supervised_team_ids,
                   ARRAY(SELECT ac.connector_id FROM cc_agent_connector_rel ac
                          WHERE ac.agent_id = a.id) AS work_connector_ids,
                   (SELECT json_agg(json_build_object(
                               'id', cc_connector.id, 'name', cc_connector.name,
                               'channel_kind', cc_connector.channel_kind,
                               'provider', cc_connector.provider,
                               'company_id', cc_connector.company_id)
                           ORDER BY cc_connector.sequence, cc_connector.name,
                                    cc_connector.id)
                      FROM """ + c_from + " WHERE " + c_where + """) AS connectors,
                   u.partner_id, up.tz
              FROM res_users u
              JOIN res_partner up ON up.id = u.partner_id
              LEFT JOIN cc_agent a ON a.user_id = u.id AND a.active
             WHERE u.id = %s
            """,
            c_params + [self.env.uid],
        )
        row = rows[0]
        return {
            "agent_id": row["agent_id"] or False,
            "presence": row["presence"] or "offline",
            "is_supervisor": supervisor,
            "user_partner_id": row["partner_id"],
            "member_team_ids": [t for t in row["member_team_ids"] if t],
            "team_ids": sorted({t for t in row["member_team_ids"] + row[
                "supervised_team_ids"] if t}),
            "work_connector_ids": [c for c in row["work_connector_ids"] if c],
            "connectors": row["connectors"] or [],
            "tz": row["tz"] or False,
        }

    @api.model
    def _me_payload(self, me, counts):
        return {
            "agent_id": me["agent_id"],
            "presence": me["presence"],
            "is_supervisor": me["is_supervisor"],
            "queue_count": counts["queue"],
            "user_partner_id": me["user_partner_id"],
            "connectors": [{"id": c["id"], "name": c["name"],
                            "channel_kind": c["channel_kind"]}
                           for c in me["connectors"]],
        }

    @api.model
    def workspace_me(self):
        me = self._me_data()
        return self._me_payload(me, self._tab_counts(me))

    @api.model
    def workspace_set_presence(self, presence):
        if presence not in dict(PRESENCES):
            raise UserError(_("Unknown presence: %(presence)s", presence=presence))
        agent = self.env["cc.agent"].sudo().search(
            [("user_id", "=", self.env.uid)], limit=1)
        if not agent:
            raise UserError(_("You are not a Contact Center agent."))
        agent.with_user(self.env.user)._set_presence(presence)
        return self.workspace_me()

    # ------------------------------------------------------------------
    # Opening the screen
    # ------------------------------------------------------------------
    @api.model
    def workspace_open(self, tab="mine", conversation_id=False, search="",
                       channel_kind=False, connector_id=False):
        """List page, thread page, panel and me in one call (constant queries)."""
        me = self._me_data()
        counts = self._tab_counts(me)
        result = {
            "list": self._list(me, tab, search, channel_kind, connector_id, 0, 40,
                               counts=counts),
            "thread": False,
            "panel": False,
            "me": self._me_payload(me, counts),
        }
        if conversation_id:
            data = self._conversation_data(conversation_id)
            result["thread"] = self._thread(data["id"], limit=30)
            result["panel"] = self._panel(data, me)
        return result

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _check_conversation(self, conversation_id):
        """The conversation as the caller; AccessError when he may not read it
        (one query with his record rules)."""
        from_clause, where_clause, params = self._rule_sql(
            "cc.conversation", [("id", "=", int(conversation_id or 0))])
        self.env.cr.execute("SELECT cc_conversation.id FROM %s WHERE %s" % (
            from_clause, where_clause), params)
        if not self.env.cr.fetchone():
            raise self._access_error()
        return self.env["cc.conversation"].browse(int(conversation_id))

    @api.model
    def _access_error(self):
        return AccessError(_("You may not read this conversation."))
