# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The supervisors' live dashboard: every figure of the screen in one call.

The cost is a constant number of queries whatever the volume: grouped SQL
built from ORM domains with the caller's record rules (``_where_calc`` +
``_apply_ir_rules``), so a supervisor counts only what he may read. Each
figure has one domain (``_figure_domain``): the counts are computed from it
and the drill-down (``cc_dashboard_live_drill.py``) opens exactly it.
"""
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS
from odoo.addons.cc_core.models.cc_connector_health import worst_level

# "Failed in the last hour": the state is failed and last changed within it.
FAILURE_WINDOW = timedelta(hours=1)
OPEN_STATES = ("new", "current")
FILTER_KEYS = ("team_id", "connector_id", "channel_kind")
# Where each filter applies on each model (None: it does not).
FILTER_PATHS = {
    "cc.conversation": ("team_id", "connector_id", "channel_kind"),
    "cc.message": ("conversation_id.team_id", "connector_id", "channel_kind"),
    "cc.sla.result": ("team_id", "conversation_id.connector_id", "channel_kind"),
    "cc.webhook.event": (None, "connector_id", "connector_id.channel_kind"),
    "cc.agent": ("team_ids", "connector_ids", None),
    "cc.connector": (None, "id", "channel_kind"),
}
# Figures counted by the grouped conversation query (FILTER columns).
CONVERSATION_FIGURES = ("queue", "open", "sla_at_risk", "sla_breached", "load")
MESSAGE_FIGURES = ("messages_in", "messages_out", "failed_sends")
SLA_RESULT_FIGURES = ("sla_met_today", "sla_missed_today")


class CcDashboardLive(models.AbstractModel):
    _name = "cc.dashboard.live"
    _description = "Contact Center live dashboard"

    # ------------------------------------------------------------------
    # Access, filters, time bounds
    # ------------------------------------------------------------------
    @api.model
    def _check_supervisor(self):
        if not self.env.user.has_group("cc_core.group_cc_supervisor"):
            raise AccessError(_("The live dashboard is for Contact Center supervisors."))

    @api.model
    def _clean_filters(self, filters):
        """``{team_id, connector_id, channel_kind}`` with ``False`` for no
        filter; a clear error on anything else."""
        filters = dict(filters or {})
        unknown = sorted(set(filters) - set(FILTER_KEYS))
        if unknown:
            raise UserError(_("Unknown dashboard filter: %(names)s",
                              names=", ".join(unknown)))
        clean = {}
        for key in ("team_id", "connector_id"):
            value = filters.get(key) or False
            if value is not False:
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise UserError(_("Invalid dashboard filter %(name)s: %(value)s",
                                      name=key, value=value))
            clean[key] = value
        kind = filters.get("channel_kind") or False
        if kind and kind not in dict(CHANNEL_KINDS):
            raise UserError(_("Invalid dashboard filter %(name)s: %(value)s",
                              name="channel_kind", value=kind))
        clean["channel_kind"] = kind
        return clean

    @api.model
    def _bounds(self):
        """Now, the start of today in the user's time zone and the start of
        the failure window (naive UTC, as stored)."""
        now = fields.Datetime.now()
        try:
            tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        except pytz.UnknownTimeZoneError:
            tz = pytz.utc
        local_today = pytz.utc.localize(now).astimezone(tz).date()
        midnight = tz.localize(datetime.combine(local_today, time.min))
        return {"now": now,
                "today": midnight.astimezone(pytz.utc).replace(tzinfo=None),
                "hour_ago": now - FAILURE_WINDOW}

    @api.model
    def _filter_domain(self, model_name, filters):
        domain = []
        for key, path in zip(FILTER_KEYS, FILTER_PATHS[model_name]):
            if filters.get(key) and path:
                domain.append((path, "in", [filters[key]]))
        return domain

    # ------------------------------------------------------------------
    # Domains: one per figure (counted here, opened by the drill-down)
    # ------------------------------------------------------------------
    @api.model
    def _base_domain(self, key, arg, bounds):
        """(model, domain) of a figure before filters; ``arg`` is the channel,
        team, agent or pause reason of the figures that have one."""
        open_domain = [("state", "in", list(OPEN_STATES))]
        conversation = {
            "queue": [("state", "=", "new"), ("agent_id", "=", False),
                      ("is_snoozed", "=", False)],
            "open": open_domain,
            "open_channel": open_domain + [("channel_kind", "=", arg)],
            "open_team": open_domain + [("team_id", "=", arg or False)],
            "sla_at_risk": open_domain + [("sla_state", "=", "at_risk")],
            "sla_breached": open_domain + [("sla_state", "=", "breached")],
            "load": [("state", "=", "current"), ("is_snoozed", "=", False)],
            "agent_open": [("agent_id", "=", arg), ("state", "=", "current"),
                           ("is_snoozed", "=", False)],
        }
        if key in conversation:
            return "cc.conversation", conversation[key]
        message = {
            "messages_in": [("direction", "=", "inbound"),
                            ("date", ">=", bounds["today"])],
            "messages_out": [("direction", "=", "outbound"),
                             ("date", ">=", bounds["today"])],
            "failed_sends": [("direction", "=", "outbound"), ("state", "=", "failed"),
                             ("write_date", ">=", bounds["hour_ago"])],
        }
        if key in message:
            return "cc.message", message[key]
        if key == "failed_webhooks":
            return "cc.webhook.event", [("state", "=", "failed"),
                                        ("write_date", ">=", bounds["hour_ago"])]
        if key in SLA_RESULT_FIGURES:
            met = ("met", "=", True) if key == "sla_met_today" else ("breached", "=", True)
            return "cc.sla.result", [("done_date", ">=", bounds["today"]), met]
        agent = {
            "agents": [],
            "agents_online": [("presence", "=", "online")],
            "agents_away": [("presence", "=", "away")],
            "agents_paused": [("presence", "=", "paused"),
                              ("pause_reason_id", "=", arg or False)],
            "agents_offline": [("presence", "=", "offline")],
        }
        if key in agent:
            return "cc.agent", agent[key]
        raise UserError(_("Unknown dashboard figure: %(key)s", key=key))

    @api.model
    def _figure_domain(self, key, arg, filters, bounds, scope_team_ids=None):
        """(model, full domain) of a figure: its own domain, the filters and,
        for agents, the supervisor's teams."""
        model_name, domain = self._base_domain(key, arg, bounds)
        domain = domain + self._filter_domain(model_name, filters)
        if model_name == "cc.agent" and scope_team_ids is not None:
            domain.append(("team_ids", "in", scope_team_ids or [0]))
        return model_name, domain

    @api.model
    def _where(self, model_name, domain):
        """SQL condition of ``domain`` on the model's own table (no rules:
        used inside a query that applies them)."""
        query = self.env[model_name].with_context(active_test=False)._where_calc(domain)
        _from, where, params = query.get_sql()
        return where or "TRUE", params

    @api.model
    def _rule_sql(self, model_name, domain, active_test=True):
        return self.env["cc.workspace"].with_context(
            active_test=active_test)._rule_sql(model_name, domain)

    @api.model
    def _can_read(self, model_name):
        return self.env[model_name].check_access_rights("read", raise_exception=False)

    # ------------------------------------------------------------------
    # The screen
    # ------------------------------------------------------------------
    @api.model
    def dashboard_data(self, filters=None):
        """Everything the dashboard draws, as plain JSON."""
        self._check_supervisor()
        filters = self._clean_filters(filters)
        bounds = self._bounds()
        teams = self._teams()
        is_manager = self.env.user.has_group("cc_core.group_cc_manager")
        scope_team_ids = None if is_manager else [t["id"] for t in teams if t["mine"]]
        conversations = self._conversation_figures(filters, bounds)
        agents = self._agents(filters, bounds, scope_team_ids, conversations["load"])
        connectors = self._connectors(filters)
        team_names = {t["id"]: t["name"] for t in teams}
        data = {
            "filters": filters,
            "is_manager": is_manager,
            "now": fields.Datetime.to_string(bounds["now"]),
            "today": fields.Datetime.to_string(bounds["today"]),
            "options": {
                "teams": [{"id": t["id"], "name": t["name"]} for t in teams
                          if t["active"] and (is_manager or t["mine"])],
                "connectors": [{"id": c["id"], "name": c["name"],
                                "channel_kind": c["channel_kind"]}
                               for c in connectors["all"]],
                "channels": [{"key": k, "name": v} for k, v in self._channel_labels()],
            },
            "queue": conversations["queue"],
            "open": {
                "count": conversations["open"],
                "by_channel": [
                    {"key": key, "name": name,
                     "count": conversations["by_channel"].get(key, 0)}
                    for key, name in self._channel_labels()
                    if not filters["channel_kind"] or filters["channel_kind"] == key],
                "by_team": sorted(
                    [{"id": team_id or 0,
                      "name": team_names.get(team_id) if team_id else _("No team"),
                      "count": count}
                     for team_id, count in conversations["by_team"].items() if count],
                    key=lambda row: (-row["count"], row["name"] or "")),
            },
            "sla": dict(conversations["sla"], **self._sla_results(filters, bounds)),
            "messages": self._message_figures(filters, bounds),
            "failed_webhooks": self._failed_webhooks(filters, bounds),
            "agents": agents,
            "connectors": connectors["health"],
        }
        data["has_connectors"] = bool(connectors["all"])
        data["has_conversations"] = bool(conversations["open"]) or \
            self._any_conversation()
        data["has_teams"] = bool(is_manager or scope_team_ids)
        return data

    @api.model
    def _channel_labels(self):
        return list(self.env["cc.conversation"]._fields["channel_kind"]
                    ._description_selection(self.env))

    # ------------------------------------------------------------------
    # Queries (each one costs one SQL query)
    # ------------------------------------------------------------------
    @api.model
    def _teams(self):
        """Every team the caller may read, archived ones too (their names in
        the breakdown), and whether he supervises or belongs to it."""
        workspace = self.env["cc.workspace"]
        from_clause, where_clause, params = self._rule_sql("cc.team", [],
                                                           active_test=False)
        rows = workspace._fetch_dicts(
            """
            SELECT cc_team.id, %s AS name, cc_team.active,
                   (EXISTS (SELECT 1 FROM cc_team_supervisor_rel s
                             WHERE s.team_id = cc_team.id AND s.user_id = %%s)
                    OR EXISTS (SELECT 1 FROM cc_agent_team_rel m
                                 JOIN cc_agent a ON a.id = m.agent_id
                                WHERE m.team_id = cc_team.id AND a.user_id = %%s))
                   AS mine
              FROM %s WHERE %s
             ORDER BY cc_team.sequence, cc_team.name, cc_team.id
            """ % (workspace._translated_sql("cc.team", "cc_team"), from_clause,
                   where_clause),
            [self.env.uid, self.env.uid] + params)
        return rows

    @api.model
    def _conversation_figures(self, filters, bounds):
        """Open conversations counted per figure, in total and per team,
        channel and agent: one query (GROUPING SETS)."""
        columns, column_params = [], []
        for key in CONVERSATION_FIGURES:
            where, params = self._where("cc.conversation",
                                        self._base_domain(key, None, bounds)[1])
            columns.append("count(*) FILTER (WHERE %s) AS %s" % (where, key))
            column_params += params
        queue_where, queue_params = self._where(
            "cc.conversation", self._base_domain("queue", None, bounds)[1])
        from_clause, where_clause, params = self._rule_sql(
            "cc.conversation", self._base_domain("open", None, bounds)[1]
            + self._filter_domain("cc.conversation", filters))
        self.env.cr.execute(
            """
            SELECT GROUPING(cc_conversation.team_id, cc_conversation.channel_kind,
                            cc_conversation.agent_id) AS grouping,
                   cc_conversation.team_id, cc_conversation.channel_kind,
                   cc_conversation.agent_id, %s,
                   min(cc_conversation.queue_date) FILTER (WHERE %s) AS oldest
              FROM %s WHERE %s
             GROUP BY GROUPING SETS ((), (cc_conversation.team_id),
                                     (cc_conversation.channel_kind),
                                     (cc_conversation.agent_id))
            """ % (", ".join(columns), queue_where, from_clause, where_clause),
            column_params + queue_params + params)
        names = [d[0] for d in self.env.cr.description]
        result = {"queue": {"count": 0, "oldest": False}, "open": 0,
                  "sla": {"at_risk": 0, "breached": 0},
                  "by_team": {}, "by_channel": {}, "load": {}}
        # GROUPING() bits (team, channel, agent): 1 = aggregated away.
        for values in self.env.cr.fetchall():
            row = dict(zip(names, values))
            if row["grouping"] == 0b111:
                result["queue"] = {"count": row["queue"],
                                   "oldest": fields.Datetime.to_string(row["oldest"])
                                   if row["oldest"] else False}
                result["open"] = row["open"]
                result["sla"] = {"at_risk": row["sla_at_risk"],
                                 "breached": row["sla_breached"]}
            elif row["grouping"] == 0b011:
                result["by_team"][row["team_id"] or 0] = row["open"]
            elif row["grouping"] == 0b101:
                result["by_channel"][row["channel_kind"]] = row["open"]
            elif row["grouping"] == 0b110 and row["agent_id"]:
                result["load"][row["agent_id"]] = row["load"]
        return result

    @api.model
    def _message_figures(self, filters, bounds):
        """Messages in and out today, failed sends of the last hour: one query."""
        columns, column_params, outer = [], [], []
        for key in MESSAGE_FIGURES:
            domain = self._base_domain(key, None, bounds)[1]
            where, params = self._where("cc.message", domain)
            columns.append("count(*) FILTER (WHERE %s)" % where)
            column_params += params
        outer = ["|", ("date", ">=", bounds["today"]),
                 "&", ("state", "=", "failed"), ("write_date", ">=", bounds["hour_ago"])]
        from_clause, where_clause, params = self._rule_sql(
            "cc.message", outer + self._filter_domain("cc.message", filters))
        self.env.cr.execute("SELECT %s FROM %s WHERE %s" % (
            ", ".join(columns), from_clause, where_clause), column_params + params)
        counts = self.env.cr.fetchone()
        return {"inbound_today": counts[0], "outbound_today": counts[1],
                "failed_sends": counts[2]}

    @api.model
    def _failed_webhooks(self, filters, bounds):
        """Failed webhook events of the last hour; ``False`` when the caller
        may not read the journal (managers only)."""
        if not self._can_read("cc.webhook.event"):
            return False
        model_name, domain = self._figure_domain("failed_webhooks", None, filters, bounds)
        from_clause, where_clause, params = self._rule_sql(model_name, domain)
        self.env.cr.execute("SELECT count(*) FROM %s WHERE %s" % (
            from_clause, where_clause), params)
        return self.env.cr.fetchone()[0]

    @api.model
    def _sla_results(self, filters, bounds):
        """SLA targets met and missed today (closed or answered today)."""
        if not self._can_read("cc.sla.result"):
            return {"met_today": False, "missed_today": False}
        columns, column_params = [], []
        for key in SLA_RESULT_FIGURES:
            where, params = self._where("cc.sla.result",
                                        self._base_domain(key, None, bounds)[1])
            columns.append("count(*) FILTER (WHERE %s)" % where)
            column_params += params
        from_clause, where_clause, params = self._rule_sql(
            "cc.sla.result", [("done_date", ">=", bounds["today"])]
            + self._filter_domain("cc.sla.result", filters))
        self.env.cr.execute("SELECT %s FROM %s WHERE %s" % (
            ", ".join(columns), from_clause, where_clause), column_params + params)
        met, missed = self.env.cr.fetchone()
        return {"met_today": met, "missed_today": missed}

    @api.model
    def _agents(self, filters, bounds, scope_team_ids, loads):
        """Agents (of the supervisor's teams) with presence, pause reason and
        open conversations against capacity: one query."""
        model_name, domain = self._figure_domain("agents", None, filters, bounds,
                                                 scope_team_ids)
        from_clause, where_clause, params = self._rule_sql(model_name, domain)
        workspace = self.env["cc.workspace"]
        rows = workspace._fetch_dicts(
            """
            SELECT cc_agent.id, cc_agent.name, cc_agent.user_id, cc_agent.presence,
                   cc_agent.pause_reason_id, %s AS reason, cc_agent.capacity,
                   cc_agent.presence_date
              FROM %s
              LEFT JOIN cc_pause_reason r ON r.id = cc_agent.pause_reason_id
             WHERE %s
             ORDER BY cc_agent.name, cc_agent.id
            """ % (workspace._translated_sql("cc.pause.reason", "r"), from_clause,
                   where_clause), params)
        summary = {"online": 0, "away": 0, "offline": 0, "paused": {}}
        agents = []
        for row in rows:
            presence = row["presence"]
            if presence == "paused":
                reason_id = row["pause_reason_id"] or 0
                entry = summary["paused"].setdefault(reason_id, {
                    "id": reason_id, "name": row["reason"] or _("Paused"), "count": 0})
                entry["count"] += 1
            elif presence in summary:
                summary[presence] += 1
            agents.append({
                "id": row["id"], "name": row["name"], "user_id": row["user_id"],
                "presence": presence, "reason": row["reason"] or False,
                "capacity": row["capacity"], "open": loads.get(row["id"], 0),
                "presence_date": fields.Datetime.to_string(row["presence_date"])
                if row["presence_date"] else False,
            })
        summary["paused"] = sorted(summary["paused"].values(),
                                   key=lambda r: (-r["count"], r["name"]))
        summary["rows"] = agents
        summary["count"] = len(agents)
        return summary

    @api.model
    def _connectors(self, filters):
        """Active connectors the caller may read (all: the filter's choices)
        and the health of those the filters keep (stored fields; one grouped
        query for the last webhooks)."""
        from_clause, where_clause, params = self._rule_sql(
            "cc.connector", [("provider", "!=", False)])
        rows = self.env["cc.workspace"]._fetch_dicts(
            """
            SELECT cc_connector.id, cc_connector.name, cc_connector.channel_kind,
                   cc_connector.provider
              FROM %s WHERE %s
             ORDER BY cc_connector.sequence, cc_connector.name, cc_connector.id
            """ % (from_clause, where_clause), params)
        kept = [row for row in rows
                if (not filters["connector_id"] or row["id"] == filters["connector_id"])
                and (not filters["channel_kind"]
                     or row["channel_kind"] == filters["channel_kind"])]
        connectors = self.env["cc.connector"].browse([row["id"] for row in kept])
        items = connectors._cc_health_items() if connectors else {}
        providers = dict(self.env["cc.connector"]._fields["provider"]
                         ._description_selection(self.env))
        channels = dict(self._channel_labels())
        health = []
        for row in kept:
            connector_items = items.get(row["id"], [])
            health.append({
                "id": row["id"], "name": row["name"],
                "channel_kind": row["channel_kind"],
                "channel": channels.get(row["channel_kind"], row["channel_kind"]),
                "provider": providers.get(row["provider"], row["provider"]),
                "level": worst_level(connector_items),
                "items": connector_items,
            })
        return {"all": rows, "health": health}

    @api.model
    def _any_conversation(self):
        """Whether the caller may read any conversation at all (empty state)."""
        from_clause, where_clause, params = self._rule_sql("cc.conversation", [])
        self.env.cr.execute("SELECT EXISTS (SELECT 1 FROM %s WHERE %s)" % (
            from_clause, where_clause), params)
        return self.env.cr.fetchone()[0]
