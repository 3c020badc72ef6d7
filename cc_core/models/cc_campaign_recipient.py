# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

SKIP_REASONS = [
    ("opted_out", "Opted out"),
    ("blocked", "Blocked number"),
]


class CcCampaignRecipient(models.Model):
    """One customer of one run of a campaign.

    Unique per (campaign, run, address key): preparing a run twice, or
    resuming it after a crash, never gives a customer a second message. The
    row moves from ``pending`` to ``queued`` in the same transaction that
    creates its ``cc.message``.
    """

    _name = "cc.campaign.recipient"
    _description = "Contact Center Campaign Recipient"
    _order = "id"
    _rec_name = "address"

    campaign_id = fields.Many2one("cc.campaign", required=True, index=True,
                                  ondelete="cascade")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True,
                                 index=True)
    run_number = fields.Integer(string="Run", required=True, default=1)
    partner_id = fields.Many2one("res.partner", string="Contact", index=True,
                                 ondelete="set null")
    document_model = fields.Char(string="Source document model", readonly=True)
    document_id = fields.Many2oneReference(string="Source document id",
                                           model_field="document_model", readonly=True)
    name = fields.Char()
    address = fields.Char(string="Number", required=True)
    address_key = fields.Char(required=True)
    cpf = fields.Char(string="CPF")
    value = fields.Char(help="Value of the legacy |VI_RM| placeholder.")
    state = fields.Selection(
        [("pending", "Pending"), ("queued", "Queued"), ("skipped", "Skipped")],
        required=True, default="pending", index=True)
    skip_reason = fields.Selection(SKIP_REASONS)
    conversation_id = fields.Many2one("cc.conversation", ondelete="set null")
    message_id = fields.Many2one("cc.message", ondelete="set null", index=True)
    message_state = fields.Selection(related="message_id.state", string="Delivery")
    failure_reason = fields.Char(related="message_id.failure_reason")
    queued_date = fields.Datetime(readonly=True, index=True)

    _sql_constraints = [
        ("campaign_run_address_unique", "unique(campaign_id, run_number, address_key)",
         "This customer is already a recipient of this campaign run."),
    ]
