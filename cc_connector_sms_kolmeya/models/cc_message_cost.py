# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcMessageCost(models.Model):
    """Kolmeya SMS fill cc_core's provider-neutral cost fields when queued:
    SMS parts, parts x price per part, the connector's cost centre."""

    _inherit = "cc.message"

    cost_category = fields.Selection(
        selection_add=[("sms", "SMS")], ondelete={"sms": "set null"})

    @api.model
    def _kolmeya_cost_values(self, connector, vals):
        """cc_core's cost fields of an SMS being queued (``vals`` already
        carry its parts and estimated cost); values given by the caller win."""
        cost = {"cost_category": "sms", "cost_units": vals["sms_segments"],
                "cost_amount": vals["sms_cost"]}
        centre = connector.kolmeya_cost_centre_id
        if centre:
            cost["cost_centre"] = centre.name
        return {key: value for key, value in cost.items() if key not in vals}
