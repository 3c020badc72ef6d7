# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, models


class CcConversationSnoozeWindow(models.Model):
    """A snoozed WhatsApp conversation waking up after its 24-hour window
    closed: its agent is told to use an approved template or an SMS."""

    _inherit = "cc.conversation"

    def _offer_window_paths(self):
        self.ensure_one()
        if not self.wa_is_cloud or self.wa_window_open or not self.agent_id:
            return super()._offer_window_paths()
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.agent_id.user_id.id,
            summary=_("WhatsApp window closed during the snooze: send an approved "
                      "template or an SMS."))
        self._send_bus(self.agent_id.partner_id, "cc.conversation/window_closed")
        return True
