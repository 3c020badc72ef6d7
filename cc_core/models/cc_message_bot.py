# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcMessageBot(models.Model):
    _inherit = "cc.message"

    event_type = fields.Selection(
        selection_add=[("bot_started", "Bot started"), ("bot_step", "Bot step"),
                       ("bot_handover", "Handed over by the bot"),
                       ("bot_stopped", "Bot stopped")],
        ondelete={"bot_started": "set null", "bot_step": "set null",
                  "bot_handover": "set null", "bot_stopped": "set null"})
    auto_kind = fields.Selection(selection_add=[("bot", "Bot")],
                                 ondelete={"bot": "set null"})
