# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Presence periods and pauses of agents; freeing a slot drains the queue."""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bus.models.bus_presence import DISCONNECTION_TIMER

_logger = logging.getLogger(__name__)


class CcAgentPresence(models.Model):
    _inherit = "cc.agent"

    presence = fields.Selection(selection_add=[("paused", "Paused")],
                                ondelete={"paused": "set default"})
    pause_reason_id = fields.Many2one("cc.pause.reason", readonly=True)
    presence_date = fields.Datetime(string="In this state since", readonly=True)
    presence_event_ids = fields.One2many("cc.agent.presence.event", "agent_id",
                                         string="Presence timeline")
    skill_tag_ids = fields.Many2many(
        "cc.tag", "cc_agent_skill_tag_rel", "agent_id", "tag_id", string="Skills",
        help="When the team routes by skill, conversations carrying one of these "
        "tags only go to agents having it (untagged conversations go to anyone).")
    last_assignment_date = fields.Datetime(
        readonly=True, help="Last time the agent received a conversation "
        "automatically (round robin order).")

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault("presence_date", now)
        agents = super().create(vals_list)
        agents._open_presence_events(now)
        return agents

    def write(self, vals):
        vals = dict(vals)
        presence_change = "presence" in vals or "pause_reason_id" in vals
        if "presence" in vals and vals["presence"] != "paused":
            vals["pause_reason_id"] = False
        if presence_change:
            vals.setdefault("presence_date", fields.Datetime.now())
        freed = self.env["cc.agent"]
        if vals.get("presence") == "online" or "capacity" in vals:
            freed = self.filtered(lambda a: a.presence != "online"
                                  or a.capacity < vals.get("capacity", a.capacity))
        changed = self.filtered(
            lambda a: a.presence != vals.get("presence", a.presence)
            or a.pause_reason_id.id != vals.get("pause_reason_id", a.pause_reason_id.id)
        ) if presence_change else self.env["cc.agent"]
        if changed:
            changed._close_presence_events(vals["presence_date"])
        result = super().write(vals)
        if changed:
            changed._open_presence_events(vals["presence_date"])
        if freed:
            freed.filtered(lambda a: a.presence == "online")._cc_drain_queue()
        return result

    def _close_presence_events(self, now):
        self.env["cc.agent.presence.event"].sudo().search(
            [("agent_id", "in", self.ids), ("date_end", "=", False)]
        ).write({"date_end": now})

    def _open_presence_events(self, now):
        self.env["cc.agent.presence.event"].sudo().create([{
            "agent_id": agent.id,
            "presence": agent.presence,
            "pause_reason_id": agent.pause_reason_id.id,
            "date_start": now,
        } for agent in self])

    def _open_counts(self):
        """Conversations held (snoozed ones free their slot)."""
        groups = self.env["cc.conversation"].sudo().read_group(
            [("agent_id", "in", self.ids), ("state", "=", "current"),
             ("is_snoozed", "=", False)],
            ["agent_id"], ["agent_id"])
        return {g["agent_id"][0]: g["agent_id_count"] for g in groups}

    def action_pause(self, reason):
        """Pause with a reason (record or id; agents themselves, supervisors
        anyone)."""
        if isinstance(reason, int):
            reason = self.env["cc.pause.reason"].browse(reason).exists()
        if not reason:
            raise UserError(_("Choose why you pause."))
        supervisor = self.env.user.has_group("cc_core.group_cc_supervisor")
        for agent in self:
            if not supervisor and agent.user_id != self.env.user:
                raise AccessError(_("You can only change your own presence."))
        self.sudo().write({"presence": "paused", "pause_reason_id": reason.id})
        return True

    def action_open_pause(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Pause"),
            "res_model": "cc.agent.pause",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agent_id": self.id},
        }

    # ------------------------------------------------------------------
    # Web client disconnection
    # ------------------------------------------------------------------
    @api.model
    def _cron_disconnected_offline(self, limit=500):
        """Agents online, away or paused whose web client stopped polling for
        cc_core.presence_offline_minutes go offline; the conversations
        they hold but never answered go back to the queue."""
        minutes = int(self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.presence_offline_minutes", 5))
        self.flush(["active", "presence"])
        self.env["bus.presence"].flush(["user_id", "last_poll"])
        self.env.cr.execute(
            """
            SELECT a.id FROM cc_agent a
              LEFT JOIN bus_presence p ON p.user_id = a.user_id
             WHERE a.active AND a.presence != 'offline'
               AND (p.last_poll IS NULL OR p.last_poll
                    < (now() at time zone 'UTC') - make_interval(secs => %s))
             ORDER BY a.id LIMIT %s
            """, (minutes * 60 + DISCONNECTION_TIMER, limit))
        agents = self.browse([row[0] for row in self.env.cr.fetchall()])
        if not agents:
            return agents
        _logger.info("Contact Center: %s disconnected agent(s) set offline", len(agents))
        agents.write({"presence": "offline"})
        unanswered = self.env["cc.conversation"].search([
            ("agent_id", "in", agents.ids), ("state", "=", "current"),
            ("is_snoozed", "=", False), ("first_unanswered_date", "!=", False),
        ])
        unanswered = unanswered.filtered(
            lambda c: not c.last_outbound_date or not c.assigned_date
            or c.last_outbound_date < c.assigned_date)
        for conversation in unanswered:
            conversation._release_automatically(
                _("%(agent)s disconnected.", agent=conversation.agent_id.name))
        return agents
