# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..whatsapp_cloud import window
from .cc_connector import PROVIDER


class CcConversation(models.Model):
    """The 24-hour customer-service window of WhatsApp conversations."""

    _inherit = "cc.conversation"

    wa_is_cloud = fields.Boolean(
        string="WhatsApp Cloud API", compute="_compute_wa_window"
    )
    wa_window_open = fields.Boolean(
        string="24-hour window open", compute="_compute_wa_window"
    )
    wa_window_end = fields.Datetime(
        string="24-hour window closes", compute="_compute_wa_window"
    )

    @api.depends("connector_id.provider", "last_inbound_date")
    def _compute_wa_window(self):
        now = fields.Datetime.now()
        for conversation in self:
            connector = conversation.sudo().connector_id
            conversation.wa_is_cloud = connector.provider == PROVIDER
            last_inbound = conversation.last_inbound_date
            conversation.wa_window_end = window.window_end(last_inbound)
            conversation.wa_window_open = window.is_open(last_inbound, now)
