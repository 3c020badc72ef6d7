# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One line per call to the AI service (or refused call): who, what, how many
tokens, the estimated cost. Read by managers; written by the assistant only."""
from datetime import datetime

from odoo import api, fields, models

ACTIONS = [("suggest", "Reply suggestion"), ("summary", "Summary"),
           ("transcribe", "Transcription"), ("translate", "Translation")]
STATES = [("done", "Done"), ("failed", "Failed"), ("refused", "Refused")]


class CcAiUsage(models.Model):
    _name = "cc.ai.usage"
    _description = "Contact Center AI usage"
    _order = "id desc"

    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 index=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True,
                                      ondelete="set null")
    action = fields.Selection(ACTIONS, required=True, readonly=True)
    model = fields.Char(readonly=True)
    prompt_tokens = fields.Integer(string="Input tokens", readonly=True)
    completion_tokens = fields.Integer(string="Output tokens", readonly=True)
    audio_seconds = fields.Float(string="Audio seconds", readonly=True)
    estimated_cost = fields.Float(readonly=True, digits=(16, 6))
    state = fields.Selection(STATES, required=True, readonly=True)
    error = fields.Char(readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    @api.model
    def _month_start(self):
        now = fields.Datetime.now()
        return datetime(now.year, now.month, 1)

    @api.model
    def _month_cost(self, company):
        self.flush(["estimated_cost", "company_id"])
        self.env.cr.execute(
            "SELECT COALESCE(SUM(estimated_cost), 0) FROM cc_ai_usage "
            "WHERE company_id = %s AND create_date >= %s",
            [company.id, self._month_start()])
        return float(self.env.cr.fetchone()[0])
