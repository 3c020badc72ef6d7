# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..kolmeya_api.segments import count, estimate_cost


class CcMessageCost(models.Model):
    """Kolmeya SMS fill cc_core's provider-neutral cost fields when queued:
    SMS parts, parts x price per part, the connector's cost centre."""

    _inherit = "cc.message"

    cost_category = fields.Selection(
        selection_add=[("sms", "SMS")], ondelete={"sms": "set null"})

    @api.model_create_multi
    def create(self, vals_list):
        outbound = [v for v in vals_list
                    if v.get("direction") == "outbound" and v.get("body")]
        if outbound:
            conversations = self.env["cc.conversation"].sudo().browse(
                {v["conversation_id"] for v in outbound})
            connectors = {c.id: c.connector_id for c in conversations}
            for vals in outbound:
                connector = connectors[vals["conversation_id"]]
                if connector.provider != "kolmeya":
                    continue
                sms = count(vals["body"])
                vals.setdefault("sms_segments", sms.segments)
                vals.setdefault("sms_cost", float(estimate_cost(
                    sms, connector.kolmeya_price_per_segment)))
                vals.setdefault("cost_category", "sms")
                vals.setdefault("cost_units", vals["sms_segments"])
                vals.setdefault("cost_amount", vals["sms_cost"])
                centre = connector.kolmeya_cost_centre_id
                if centre:
                    vals.setdefault("cost_centre", centre.name)
        return super().create(vals_list)
