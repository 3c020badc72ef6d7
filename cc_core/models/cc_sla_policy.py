# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .cc_connector import CHANNEL_KINDS


class CcSlaPolicy(models.Model):
    """Response and resolution targets of a team, in business minutes."""

    _name = "cc.sla.policy"
    _description = "Contact Center SLA Policy"
    _order = "team_id, channel_kind"

    name = fields.Char(required=True, translate=True)
    team_id = fields.Many2one("cc.team", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel",
                                    help="Empty: every channel of the team.")
    first_response_minutes = fields.Integer(help="0: no target.")
    next_response_minutes = fields.Integer(
        help="After each further customer message. 0: no target.")
    resolution_minutes = fields.Integer(help="From the start of the cycle to its "
                                        "closing. 0: no target.")
    at_risk_percent = fields.Integer(string="At risk at (%)", default=80)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("at_risk_range", "check(at_risk_percent > 0 AND at_risk_percent <= 100)",
         "The at-risk threshold is a percentage between 1 and 100."),
    ]

    def _targets(self):
        self.ensure_one()
        return {"first": self.first_response_minutes,
                "next": self.next_response_minutes,
                "resolution": self.resolution_minutes}

    @api.model
    def _policy_map(self):
        """{(team_id, channel_kind or False): policy} of every active policy."""
        result = {}
        for policy in self.sudo().search([]):
            result[(policy.team_id.id, policy.channel_kind or False)] = policy
        return result
