# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcConversationSnoozeWizard(models.TransientModel):
    """Ask until when a conversation is snoozed."""

    _name = "cc.conversation.snooze"
    _description = "Snooze a conversation"

    conversation_id = fields.Many2one("cc.conversation", required=True)
    until = fields.Datetime(help="Empty: until the customer writes.")

    def action_snooze(self):
        self.ensure_one()
        self.conversation_id.action_snooze(self.until)
        return {"type": "ir.actions.act_window_close"}
