# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Meta's pricing categories (status webhooks, ``pricing.category``).
WA_COST_CATEGORIES = [
    ("service", "Service"),
    ("marketing", "Marketing"),
    ("utility", "Utility"),
    ("authentication", "Authentication"),
]


class CcMessageCost(models.Model):
    _inherit = "cc.message"

    cost_category = fields.Selection(
        selection_add=WA_COST_CATEGORIES,
        ondelete={key: "set null" for key, _label in WA_COST_CATEGORIES})
