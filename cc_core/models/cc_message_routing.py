# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcMessageRouting(models.Model):
    _inherit = "cc.message"

    event_type = fields.Selection(
        selection_add=[("snoozed", "Snoozed"), ("woken", "Woken up")],
        ondelete={"snoozed": "set null", "woken": "set null"})
    assignment_reason = fields.Selection(
        [("manual", "Manual"), ("owner", "Customer's owner"),
         ("policy", "Team policy"), ("queue", "Queue")],
        readonly=True,
        help="Why the conversation went to this agent (automatic assignments).")
    is_automatic = fields.Boolean(readonly=True,
                                  help="Sent by the system, not by an agent.")
    auto_kind = fields.Selection(
        [("queue", "Queue position"), ("out_of_hours", "Out of hours"),
         ("closing", "Closing")], readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        reason = self.env.context.get("cc_assignment_reason")
        if reason:
            for vals in vals_list:
                if vals.get("event_type") in ("assigned", "taken", "transferred"):
                    vals.setdefault("assignment_reason", reason)
        return super().create(vals_list)
