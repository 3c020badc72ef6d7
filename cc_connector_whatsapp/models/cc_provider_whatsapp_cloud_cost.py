# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from odoo.addons.cc_core.services.cost import CostedStatusUpdate, MessageCost

from .cc_message_cost import WA_COST_CATEGORIES

_CATEGORIES = {key for key, _label in WA_COST_CATEGORIES}
# Variants Meta reports under their own names, billed as the main category.
_ALIASES = {"authentication_international": "authentication",
            "marketing_lite": "marketing", "referral_conversion": "service"}


def wa_cost(pricing, conversation):
    """MessageCost of a status' ``pricing`` / ``conversation`` objects (None
    when the status says nothing about pricing)."""
    if not isinstance(pricing, dict):
        return None
    category = str(pricing.get("category") or "").strip().lower()
    category = _ALIASES.get(category, category)
    if category not in _CATEGORIES:
        category = "other"
    reference = None
    if isinstance(conversation, dict) and isinstance(conversation.get("id"), str):
        reference = conversation["id"][:128]
    return MessageCost(category, units=1 if pricing.get("billable") is True else 0,
                       reference=reference)


class CcProviderWhatsappCloudCost(models.AbstractModel):
    """Keep the pricing of status webhooks: the message's cost category."""

    _inherit = "cc.provider.whatsapp_cloud"

    @api.model
    def _wa_status_item(self, status):
        item = super()._wa_status_item(status)
        cost = wa_cost(status.pricing, status.conversation)
        if item is None or cost is None:
            return item
        return CostedStatusUpdate(*item, cost=cost)
