# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace's conversation list: tabs, search, filters, rows, counts.

A page is one query (rows, with connector and agent names and the opt-out
state) and the tab counts one more, whatever the page size.
"""
import re

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..services import phone as phone_service

TABS = ("mine", "queue", "team", "snoozed", "all")
SORTS = {
    "recent": "cc_conversation.last_message_date DESC NULLS LAST, cc_conversation.id DESC",
    # Most urgent promise first; conversations without an SLA after, newest first.
    "sla": "cc_conversation.sla_due ASC NULLS LAST, "
           "cc_conversation.last_message_date DESC NULLS LAST, cc_conversation.id DESC",
}
PAGE_MAX = 200


class CcWorkspaceList(models.AbstractModel):
    _inherit = "cc.workspace"

    # ------------------------------------------------------------------
    # Tabs
    # ------------------------------------------------------------------
    @api.model
    def _tab_domain(self, me, tab):
        """Domain of a tab (the record rules restrict it further)."""
        if tab == "mine":
            return [("agent_id", "=", me["agent_id"] or 0), ("state", "=", "current"),
                    ("is_snoozed", "=", False)]
        if tab == "snoozed":
            return [("agent_id", "=", me["agent_id"] or 0), ("is_snoozed", "=", True)]
        if tab == "queue":
            domain = [("state", "=", "new"), ("agent_id", "=", False),
                      ("is_snoozed", "=", False),
                      ("connector_id", "in", me["work_connector_ids"] or [0])]
            if me["member_team_ids"]:
                domain += ["|", ("team_id", "=", False),
                           ("team_id", "in", me["member_team_ids"])]
            return domain
        if tab == "team":
            return [("team_id", "in", me["team_ids"] or [0]), ("state", "!=", "done"),
                    ("is_snoozed", "=", False)]
        if tab == "all":
            if not me["is_supervisor"]:
                raise AccessError(self._all_tab_error())
            return []
        raise UserError(_("Unknown tab: %(tab)s", tab=tab))

    @api.model
    def _all_tab_error(self):
        return _("Only supervisors see every conversation.")

    @api.model
    def _tab_counts(self, me):
        """Conversations per tab, in one query over what the caller may read."""
        Conversation = self.env["cc.conversation"]
        filters, filter_params = [], []
        for tab in TABS:
            if tab == "all" and not me["is_supervisor"]:
                filters.append("0")
                continue
            query = Conversation._where_calc(self._tab_domain(me, tab))
            _from, tab_where, tab_params = query.get_sql()
            filters.append("count(*) FILTER (WHERE %s)" % (tab_where or "TRUE"))
            filter_params += tab_params
        from_clause, where_clause, params = self._rule_sql("cc.conversation", [])
        self.env.cr.execute(
            "SELECT %s FROM %s WHERE %s"
            % (", ".join(filters), from_clause, where_clause),
            filter_params + params,
        )
        return dict(zip(TABS, self.env.cr.fetchone()))

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    @api.model
    def _search_domain(self, search):
        """Name, customer name, number (digits) or message text."""
        search = (search or "").strip()
        if not search:
            return []
        domain = ["|", "|", ("name", "ilike", search), ("customer_name", "ilike", search),
                  ("message_ids_cc.body", "ilike", search)]
        digits = re.sub(r"\D", "", search)
        if len(digits) >= 3:
            domain = ["|", ("address", "ilike", digits)] + domain
        return domain

    @api.model
    def _row_sql(self, ids_sql, sort="recent"):
        """SELECT of the row columns of conversations whose ids ``ids_sql`` gives."""
        return """
            SELECT c.id, c.name, c.address, c.is_phone, c.channel_kind,
                   c.connector_id, conn.name AS connector_name,
                   conn.provider AS connector_provider, c.state, c.agent_id,
                   ag.name AS agent_name, ag.user_id AS agent_user_id,
                   c.unread_count, c.last_message_preview, c.last_message_type,
                   c.last_message_date,
                   c.first_unanswered_date, c.priority, c.has_failed_message,
                   c.last_inbound_date, c.sla_state, c.sla_due, c.is_snoozed,
                   c.snoozed_until,
                   c.partner_id, %s,
                   EXISTS(SELECT 1 FROM cc_opt_out o
                           WHERE o.address = c.address_key
                             AND o.channel_kind = c.channel_kind
                             AND o.active) AS is_opted_out
              FROM cc_conversation c
              JOIN cc_connector conn ON conn.id = c.connector_id
              LEFT JOIN cc_agent ag ON ag.id = c.agent_id
             WHERE c.id IN (%s)
             ORDER BY %s
        """ % (self._avatar_sql("c"), ids_sql,
               SORTS[sort].replace("cc_conversation.", "c."))

    @api.model
    def _row(self, data):
        """The row payload of one conversation's data (see ``_row_sql``)."""
        return {
            "id": data["id"],
            "name": data["name"] or data["address"],
            "address": data["address"],
            "address_display": phone_service.display(data["address"])
            if data["is_phone"] else data["address"],
            "channel_kind": data["channel_kind"],
            "connector": {"id": data["connector_id"], "name": data["connector_name"]},
            "state": data["state"],
            "agent": {"id": data["agent_id"], "name": data["agent_name"]}
            if data["agent_id"] else False,
            "is_mine": data["agent_user_id"] == self.env.uid,
            "unread_count": data["unread_count"] or 0,
            # A voice note or a photo without caption: its kind, not nothing.
            "preview": data["last_message_preview"] or (
                self.env["cc.message"]._preview_for("", data["last_message_type"])
                if data["last_message_type"] else ""),
            "last_message_date": self._date(data["last_message_date"]),
            "waiting_since": self._date(data["first_unanswered_date"]),
            "priority": data["priority"] or "0",
            "window": self._row_window(data),
            "has_failed_message": bool(data["has_failed_message"]),
            "is_opted_out": bool(data["is_opted_out"]),
            "sla": {"state": data["sla_state"], "due": self._date(data["sla_due"])}
            if data["sla_state"] and data["sla_state"] != "none" else False,
            "snoozed": {"until": self._date(data["snoozed_until"])}
            if data["is_snoozed"] else False,
        }

    @api.model
    def _row_window(self, data):
        """Messaging window of the row (WhatsApp adds it); False by default."""
        return False

    @api.model
    def _list(self, me, tab, search, channel_kind, connector_id, offset, limit,
              counts=None, sort="recent"):
        if sort not in SORTS:
            raise UserError(_("Unknown order: %(sort)s", sort=sort))
        limit = max(1, min(int(limit or 40), PAGE_MAX))
        offset = max(0, int(offset or 0))
        domain = self._tab_domain(me, tab or "mine") + self._search_domain(search)
        if channel_kind:
            domain.append(("channel_kind", "=", channel_kind))
        if connector_id:
            domain.append(("connector_id", "=", int(connector_id)))
        from_clause, where_clause, params = self._rule_sql("cc.conversation", domain)
        ids_sql = (
            "SELECT cc_conversation.id FROM %s WHERE %s ORDER BY %s "
            "LIMIT %%s OFFSET %%s" % (from_clause, where_clause, SORTS[sort]))
        rows = self._fetch_dicts(self._row_sql(ids_sql, sort),
                                 params + [limit + 1, offset])
        return {
            "rows": [self._row(data) for data in rows[:limit]],
            "has_more": len(rows) > limit,
            "counts": counts if counts is not None else self._tab_counts(me),
        }

    @api.model
    def workspace_list(self, tab="mine", search="", channel_kind=False, connector_id=False,
                       offset=0, limit=40, sort="recent"):
        """``sort``: "recent" (last message first) or "sla" (nearest SLA due
        first, conversations without an SLA after)."""
        return self._list(self._me_data(), tab, search, channel_kind, connector_id,
                          offset, limit, sort=sort)

    @api.model
    def workspace_row(self, conversation_id):
        return self._rows_by_ids([int(conversation_id)])[0]

    @api.model
    def _rows_by_ids(self, ids):
        """Rows of conversations the caller may read (AccessError otherwise)."""
        from_clause, where_clause, params = self._rule_sql(
            "cc.conversation", [("id", "in", list(ids))])
        rows = self._fetch_dicts(self._row_sql(
            "SELECT cc_conversation.id FROM %s WHERE %s" % (from_clause, where_clause)),
            params)
        if len(rows) != len(set(ids)):
            raise self._access_error()
        return [self._row(data) for data in rows]
