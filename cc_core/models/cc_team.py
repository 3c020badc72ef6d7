# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcTeam(models.Model):
    """A group of agents sharing a queue."""

    _name = "cc.team"
    _description = "Contact Center Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    color = fields.Integer()
    member_ids = fields.Many2many(
        "cc.agent", "cc_agent_team_rel", "team_id", "agent_id", string="Agents"
    )
    supervisor_user_ids = fields.Many2many(
        "res.users",
        "cc_team_supervisor_rel",
        "team_id",
        "user_id",
        string="Supervisors",
        help="Supervisors see and manage every conversation of the team.",
    )
    connector_ids = fields.One2many("cc.connector", "team_id", string="Connectors")
    assignment_policy = fields.Selection(
        [
            ("manual", "Manual: agents take conversations from the queue"),
            ("round_robin", "Automatic: round robin among available agents"),
            ("balanced", "Automatic: available agent with the fewest conversations"),
        ],
        default="manual",
        required=True,
    )
    keep_last_agent = fields.Boolean(
        default=True,
        help="When a customer writes again, give the conversation back to the agent "
        "who handled it last, if that agent is available.",
    )
