# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tell the people who watch agents that an agent's presence changed.

Supervisors of the agent's teams and the Contact Center managers of the
agent's company get ``cc.agent/presence`` on their own bus channel, chosen
and written by one query whatever their number (the live dashboard reloads
on it instead of waiting for its 30-second poll).
"""
from odoo import models


class CcAgentPresenceNotify(models.Model):
    _inherit = "cc.agent"

    def write(self, vals):
        before = {agent.id: (agent.presence, agent.pause_reason_id.id)
                  for agent in self} if (
            "presence" in vals or "pause_reason_id" in vals) else {}
        result = super().write(vals)
        changed = self.filtered(
            lambda a: a.id in before
            and before[a.id] != (a.presence, a.pause_reason_id.id))
        if changed:
            changed._notify_presence_watchers()
        return result

    def _notify_presence_watchers(self):
        manager_group = self.env.ref("cc_core.group_cc_manager")
        query = """
            SELECT DISTINCT u.partner_id
              FROM res_users u
             WHERE u.active
               AND (u.id IN (SELECT s.user_id
                               FROM cc_team_supervisor_rel s
                               JOIN cc_agent_team_rel m ON m.team_id = s.team_id
                              WHERE m.agent_id IN %(cc_agents)s)
                    OR (u.id IN (SELECT r.uid FROM res_groups_users_rel r
                                  WHERE r.gid = %(cc_manager_group)s)
                        AND u.company_id IN %(cc_companies)s))
        """
        params = {
            "cc_agents": tuple(self.ids),
            "cc_manager_group": manager_group.id,
            "cc_companies": tuple(set(self.mapped("user_id.company_id").ids) or {0}),
        }
        payload = [{"id": agent.id, "presence": agent.presence}
                   for agent in self]
        self.env["bus.bus"].sudo()._cc_send_to_partners_sql(
            query, params, "cc.agent/presence", {"agents": payload})
