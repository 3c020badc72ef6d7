# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..services import text as text_service

PRESENCES = [("online", "Online"), ("away", "Away"), ("offline", "Offline")]

# Where agents land after login (the single place that says so): set as the
# home action of every new agent's user that has none.
AGENT_HOME_ACTION = "cc_core.action_cc_workspace"


class CcAgent(models.Model):
    """A user working the Contact Center: presence, capacity, teams, connectors."""

    _name = "cc.agent"
    _description = "Contact Center Agent"
    _order = "name"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    name = fields.Char(related="user_id.name", store=True, readonly=True)
    partner_id = fields.Many2one(related="user_id.partner_id")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    presence = fields.Selection(PRESENCES, default="offline", required=True)
    capacity = fields.Integer(
        default=10, help="Maximum number of conversations handled at the same time."
    )
    team_ids = fields.Many2many(
        "cc.team", "cc_agent_team_rel", "agent_id", "team_id", string="Teams"
    )
    connector_ids = fields.Many2many(
        "cc.connector",
        "cc_agent_connector_rel",
        "agent_id",
        "connector_id",
        string="Connectors",
    )
    signature = fields.Char(
        help="The agent's name as customers see it, added to every message: "
        "in bold on its own line on WhatsApp, as a short 'Ana: ' prefix on SMS. "
        "Write it without formatting.")
    open_conversation_count = fields.Integer(compute="_compute_open_conversation_count")

    _sql_constraints = [
        ("user_unique", "unique(user_id)", "A user can only be one agent."),
        ("capacity_positive", "check(capacity >= 0)", "Capacity cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        agents = super().create(vals_list)
        agents._set_home_action()
        return agents

    def _set_home_action(self):
        """Agents land on the Contact Center after login, unless their user
        already has a home action of its own."""
        action = self.env.ref(AGENT_HOME_ACTION, raise_if_not_found=False)
        users = self.sudo().user_id.filtered(lambda user: not user.action_id)
        if action and users:
            users.write({"action_id": action.id})

    def _compute_open_conversation_count(self):
        counts = self._open_counts()
        for agent in self:
            agent.open_conversation_count = counts.get(agent.id, 0)

    def _open_counts(self):
        groups = self.env["cc.conversation"].sudo().read_group(
            [("agent_id", "in", self.ids), ("state", "=", "current")],
            ["agent_id"],
            ["agent_id"],
        )
        return {g["agent_id"][0]: g["agent_id_count"] for g in groups}

    @api.constrains("user_id")
    def _check_user_internal(self):
        for agent in self:
            if agent.user_id.share:
                raise ValidationError(_("Portal users cannot be agents."))

    def _is_available(self, open_counts=None):
        """Online in the Contact Center, connected to Odoo, and below capacity.

        ``open_counts`` (from ``_open_counts``) saves a query per agent when
        several agents are checked at once.
        """
        self.ensure_one()
        if not self.active or self.presence != "online":
            return False
        if self.user_id.sudo().im_status == "offline":
            return False
        if open_counts is None:
            open_counts = self._open_counts()
        return open_counts.get(self.id, 0) < self.capacity

    def _may_work(self, connector):
        self.ensure_one()
        return connector.id in self.with_context(active_test=False).connector_ids.ids

    @api.model
    def _signed(self, body, channel_kind):
        """``body`` (stripped) with the current user's signature, formatted
        for ``channel_kind`` (bold line on WhatsApp, short ``Ana: text`` on
        SMS): the composer wizard, the workspace and the SMS fallback all
        sign through here."""
        agent = self.search([("user_id", "=", self.env.uid)], limit=1)
        return text_service.signed_body(agent.signature, body, channel_kind)

    def _set_presence(self, presence):
        """Agents set their own presence; supervisors anyone's."""
        supervisor = self.env.user.has_group("cc_core.group_cc_supervisor")
        for agent in self:
            if not supervisor and agent.user_id != self.env.user:
                raise AccessError(_("You can only change your own presence."))
        self.sudo().write({"presence": presence})
        return True

    def action_set_online(self):
        return self._set_presence("online")

    def action_set_away(self):
        return self._set_presence("away")

    def action_set_offline(self):
        return self._set_presence("offline")
