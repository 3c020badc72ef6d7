# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The agent workspace on Kolmeya SMS: the live segment, encoding and cost
counter under the composer (same counting as the composer wizard)."""
from odoo import api, fields, models

from ..kolmeya_api import MAX_SEGMENTS
from ..kolmeya_api.segments import GSM7, count, estimate_cost, non_gsm7_characters

PROVIDER = "kolmeya"


class CcWorkspace(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _composer(self, data, me):
        composer = super()._composer(data, me)
        if data["connector_provider"] != PROVIDER:
            return composer
        connector = self.env["cc.connector"].sudo().browse(data["connector_id"])
        quiet_until = connector._kolmeya_quiet_until(fields.Datetime.now())
        composer["attachments_allowed"] = False
        composer["sms"] = {
            "price_per_part": connector.kolmeya_price_per_segment or False,
            "max_parts": MAX_SEGMENTS,
            "quiet_until": self._date(quiet_until),
        }
        return composer

    @api.model
    def workspace_sms_info(self, conversation_id, body=""):
        conversation = self._check_conversation(conversation_id)
        connector = conversation.sudo().connector_id
        # The sandbox's SMS connector simulates an SMS channel: same counter
        # (without a price), so a trial shows what agents will see.
        sandbox_sms = connector.provider == "sandbox" and connector.channel_kind == "sms"
        if connector.provider != PROVIDER and not sandbox_sms:
            return super().workspace_sms_info(conversation_id, body)
        signed = self.env["cc.agent"]._signed(body, "sms")
        sms = count(signed)
        price = not sandbox_sms and connector.kolmeya_price_per_segment
        cost = float(estimate_cost(sms, price)) if price else False
        return {
            "chars": len(signed),
            "segments": sms.segments,
            "max_segments": MAX_SEGMENTS,
            "remaining_in_segment": sms.remaining_in_segment,
            "encoding": "GSM-7" if sms.encoding == GSM7 else "UCS-2",
            # Why it is Unicode: the agent may replace these characters.
            "unicode_characters": [] if sms.encoding == GSM7
            else non_gsm7_characters(signed),
            "cost": cost,
            "cost_display": connector._kolmeya_format(cost) if price else False,
            "too_long": sms.too_long,
        }
