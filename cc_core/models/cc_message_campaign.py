# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcMessageCampaign(models.Model):
    """The campaign a message was sent for (the outbox sends agents'
    messages first: see ``_lock_due_batch``)."""

    _inherit = "cc.message"

    # indexed where set: cc_message_sparse_indexes
    campaign_id = fields.Many2one("cc.campaign", readonly=True, ondelete="set null")


class CcConversationCampaign(models.Model):
    """The last campaign that wrote to the customer: a reply in the inbox
    shows which campaign it answers."""

    _inherit = "cc.conversation"

    campaign_id = fields.Many2one(
        "cc.campaign", string="Campaign", index=True, readonly=True,
        ondelete="set null",
        help="The last campaign that sent a message in this conversation.")
