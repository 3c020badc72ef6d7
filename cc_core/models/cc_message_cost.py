# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..services.cost import cost_of


class CcMessageCost(models.Model):
    """What a message costs, in provider-neutral fields the connectors fill
    (SMS parts x price, WhatsApp pricing category) and the reports read."""

    _inherit = "cc.message"

    cost_category = fields.Selection(
        [("other", "Other")], string="Cost category", readonly=True, copy=False,
        help="How the provider bills the message (filled by the connector; "
        "connectors add their own categories).")
    cost_units = fields.Integer(
        string="Billable units", readonly=True, copy=False,
        help="SMS parts, or 1 per billable WhatsApp message.")
    cost_amount = fields.Float(
        string="Cost", digits=(16, 4), readonly=True, copy=False,
        help="Estimated cost of the message (billable units x price).")
    cost_centre = fields.Char(string="Cost centre", readonly=True, copy=False)
    cost_reference = fields.Char(
        string="Billed conversation", readonly=True, copy=False,
        help="The provider's id of the conversation the message was billed in.")

    def _apply_status(self, update):
        result = super()._apply_status(update)
        cost = cost_of(update)
        if cost:
            self._store_cost(cost)
        return result

    def _store_cost(self, cost):
        """Write a :class:`MessageCost` (only what changed: each status of a
        message repeats the same pricing)."""
        vals = {"cost_category": cost.category, "cost_units": cost.units}
        if cost.amount is not None:
            vals["cost_amount"] = cost.amount
        if cost.centre:
            vals["cost_centre"] = cost.centre
        if cost.reference:
            vals["cost_reference"] = cost.reference
        for message in self:
            changed = {k: v for k, v in vals.items() if message[k] != v}
            if changed:
                message.sudo().write(changed)
