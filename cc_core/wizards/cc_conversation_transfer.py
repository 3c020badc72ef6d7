# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CcConversationTransfer(models.TransientModel):
    """Transfer a conversation to another agent or to a team's queue."""

    _name = "cc.conversation.transfer"
    _description = "Transfer a conversation"

    conversation_id = fields.Many2one("cc.conversation", required=True)
    connector_id = fields.Many2one(related="conversation_id.connector_id")
    agent_id = fields.Many2one(
        "cc.agent", string="To agent",
        domain="[('connector_ids', 'in', connector_id), ('active', '=', True)]")
    team_id = fields.Many2one("cc.team", string="To team")
    reason = fields.Text(required=True)
    agent_presence = fields.Selection(related="agent_id.presence")

    @api.onchange("agent_id")
    def _onchange_agent_id(self):
        if self.agent_id and not self.team_id and self.agent_id.team_ids:
            self.team_id = self.agent_id.team_ids[:1]

    def action_transfer(self):
        self.ensure_one()
        if not self.agent_id and not self.team_id:
            raise UserError(_("Choose an agent or a team."))
        if self.agent_id and self.agent_id == self.conversation_id.agent_id:
            raise UserError(_("The conversation is already with %(agent)s.",
                              agent=self.agent_id.name))
        self.conversation_id._transfer(agent=self.agent_id, team=self.team_id,
                                       reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
