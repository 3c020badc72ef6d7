# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError

from ..kolmeya_api.segments import count


class CcConversation(models.Model):
    _inherit = "cc.conversation"

    def _check_channel_rules(self, body, attachments, message_type):
        """Kolmeya: refuse a text longer than MAX_SEGMENTS SMS parts."""
        result = super()._check_channel_rules(body, attachments, message_type)
        if body and self.sudo().connector_id.provider == "kolmeya":
            sms = count(body)
            if sms.too_long:
                raise UserError(self.env["cc.provider.kolmeya"]._too_long_text(sms))
        return result
