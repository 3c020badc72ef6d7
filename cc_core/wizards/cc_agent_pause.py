# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcAgentPause(models.TransientModel):
    """Ask why an agent pauses."""

    _name = "cc.agent.pause"
    _description = "Pause an agent"

    agent_id = fields.Many2one("cc.agent", required=True)
    reason_id = fields.Many2one("cc.pause.reason", string="Reason", required=True)
    max_minutes = fields.Integer(related="reason_id.max_minutes")

    def action_pause(self):
        self.ensure_one()
        self.agent_id.action_pause(self.reason_id)
        return {"type": "ir.actions.act_window_close"}
