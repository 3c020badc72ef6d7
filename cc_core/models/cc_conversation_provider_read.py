# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Read receipts towards the provider (e.g. WhatsApp's blue ticks).

When the agent reads a conversation, the provider is told by a cron: the
agent's click never waits on the provider, and a provider failure is logged,
never shown to the agent.
"""
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class CcConversationProviderRead(models.Model):
    _inherit = "cc.conversation"

    provider_read_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="The agent read the conversation; the provider is not told yet.",
    )

    def _queue_provider_read(self):
        """Remember to tell the provider, and wake the cron up."""
        if self:
            self.sudo().write({"provider_read_pending": True})
            self.env.ref("cc_core.ir_cron_cc_provider_mark_read").sudo()._trigger()

    @api.model
    def _cron_provider_mark_read(self, limit=200):
        """Call each pending conversation's ``provider._mark_read`` once."""
        conversations = self.sudo().search(
            [("provider_read_pending", "=", True)], limit=limit, order="id"
        )
        for conversation in conversations:
            connector = conversation.connector_id
            if not connector.active or not connector.provider:
                continue
            try:
                connector._provider()._mark_read(conversation)
            except Exception as error:  # noqa: B902 - a read receipt is best effort
                _logger.warning(
                    "Conversation %s: the provider was not told it was read: %s",
                    conversation.id,
                    type(error).__name__,
                )
        conversations.write({"provider_read_pending": False})
        return True
