# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..kolmeya_api.segments import count, estimate_cost


class CcCampaign(models.Model):
    """SMS parts and estimated cost of a campaign sent through Kolmeya."""

    _inherit = "cc.campaign"

    def _estimate_message_cost(self, body):
        connector = self.connector_id
        if connector.provider != "kolmeya" or not body:
            return super()._estimate_message_cost(body)
        sms = count(body)
        return sms.segments, float(estimate_cost(sms, connector.kolmeya_price_per_segment))

    def _message_values(self, conversation, text, now):
        values = super()._message_values(conversation, text, now)
        if self.connector_id.provider == "kolmeya":
            sms = count(text)
            values["sms_segments"] = sms.segments
            values["sms_cost"] = float(estimate_cost(
                sms, self.connector_id.kolmeya_price_per_segment))
            values.update(self.env["cc.message"]._kolmeya_cost_values(
                self.connector_id, values))
        return values
