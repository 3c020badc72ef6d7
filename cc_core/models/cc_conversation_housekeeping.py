# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Crons: release conversations the agent did not answer, close idle ones."""
import logging
from datetime import timedelta

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)


class CcConversationHousekeeping(models.Model):
    _inherit = "cc.conversation"

    @api.model
    def _cron_auto_release(self, limit=500):
        """Current conversations whose customer has waited for an answer longer
        than the team's auto_release_minutes since the agent got it."""
        now = fields.Datetime.now()
        released = self.browse()
        for team in self.env["cc.team"].sudo().search([("auto_release_minutes", ">", 0)]):
            limit_date = now - timedelta(minutes=team.auto_release_minutes)
            conversations = self.sudo().search([
                ("team_id", "=", team.id), ("state", "=", "current"),
                ("is_snoozed", "=", False), ("first_unanswered_date", "<=", limit_date),
                ("assigned_date", "<=", limit_date),
            ], order="first_unanswered_date, id", limit=limit - len(released))
            for conversation in conversations:
                conversation._release_automatically(
                    _("Not answered within %(minutes)s minutes.",
                      minutes=team.auto_release_minutes))
            released |= conversations
            if len(released) >= limit:
                break
        return released

    @api.model
    def _cron_auto_close(self, limit=500):
        """Open conversations without a customer message for the team's
        auto_close_hours; the optional closing message is queued first."""
        now = fields.Datetime.now()
        closed = self.browse()
        for team in self.env["cc.team"].sudo().search([("auto_close_hours", ">", 0)]):
            limit_date = now - timedelta(hours=team.auto_close_hours)
            conversations = self.sudo().search([
                ("team_id", "=", team.id), ("state", "in", ("new", "current")),
                ("is_snoozed", "=", False),
                "|", ("last_inbound_date", "<=", limit_date),
                "&", ("last_inbound_date", "=", False), ("create_date", "<=", limit_date),
            ], order="last_inbound_date, id", limit=limit - len(closed))
            for conversation in conversations:
                if team.auto_close_message:
                    conversation._send_automatic(team.auto_close_message, kind="closing")
                conversation.action_close()
            closed |= conversations
            if len(closed) >= limit:
                break
        return closed
