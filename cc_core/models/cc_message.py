# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..services import text as text_service
from .cc_connector import CHANNEL_KINDS

MESSAGE_TYPES = [
    ("text", "Text"),
    ("image", "Image"),
    ("audio", "Audio"),
    ("video", "Video"),
    ("document", "Document"),
    ("sticker", "Sticker"),
    ("location", "Location"),
    ("contact", "Contact"),
    ("template", "Template"),
    ("interactive", "Interactive reply"),
    ("reaction", "Reaction"),
    ("unsupported", "Unsupported"),
    ("event", "Event"),
    ("note", "Note"),
]
DELIVERY_STATES = [
    ("queued", "Queued"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("read", "Read"),
    ("failed", "Failed"),
    ("unknown", "Unknown"),
    ("received", "Received"),
]
EVENT_TYPES = [
    ("taken", "Taken"),
    ("assigned", "Assigned"),
    ("released", "Released"),
    ("transferred", "Transferred"),
    ("closed", "Closed"),
    ("reopened", "Reopened"),
    # Kept from imported histories (ChatRoom): entered the queue, and released
    # automatically because the agent did not answer in time.
    ("queued", "Queued"),
    ("unanswered", "Released unanswered"),
]


class CcMessage(models.Model):
    """A message in a conversation, or a lifecycle event row.

    ``body`` is plain text, always: customer text is never interpreted as
    HTML. ``body_html`` is the escaped rendering for display.
    """

    _name = "cc.message"
    _description = "Contact Center Message"
    _order = "date, id"
    _rec_name = "preview"

    conversation_id = fields.Many2one(
        "cc.conversation", required=True, index=True, ondelete="cascade"
    )
    # Copied from the conversation at creation (plain columns, not related
    # fields: inbound processing must not pay an extra UPDATE per message).
    connector_id = fields.Many2one("cc.connector", index=True, readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    partner_id = fields.Many2one(related="conversation_id.partner_id")
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound"), ("internal", "Internal")],
        required=True,
        index=True,
    )
    message_type = fields.Selection(MESSAGE_TYPES, default="text", required=True)
    body = fields.Text()
    body_html = fields.Html(compute="_compute_body_html", sanitize=True)
    preview = fields.Char(compute="_compute_preview")
    attachment_ids = fields.Many2many(
        "ir.attachment", "cc_message_attachment_rel", "message_id", "attachment_id",
        string="Attachments",
    )
    template_id = fields.Many2one("cc.template", ondelete="set null")
    author_id = fields.Many2one(
        "res.users", string="Author", help="Agent who sent it (outbound)."
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    provider_message_id = fields.Char(index=True, copy=False)
    state = fields.Selection(DELIVERY_STATES, required=True, index=True)
    failure_reason = fields.Char(copy=False)
    failure_code = fields.Char(
        copy=False,  # indexed where set: cc_message_sparse_indexes
        help="The provider's error code of the last failure or failed attempt "
        "(e.g. WhatsApp 131026, Kolmeya HTTP 403), for reports.")
    delivery_note = fields.Char(
        copy=False, help="Provider remark, e.g. no delivery receipt from the operator."
    )
    sent_date = fields.Datetime(copy=False)
    delivered_date = fields.Datetime(copy=False)
    read_date = fields.Datetime(copy=False)
    attempt_count = fields.Integer(copy=False)
    # indexed where set: cc_message_sparse_indexes
    next_attempt_date = fields.Datetime(copy=False)
    cycle = fields.Integer(help="Conversation cycle the message belongs to.")
    event_type = fields.Selection(EVENT_TYPES)
    event_agent_id = fields.Many2one("cc.agent", string="Agent")
    event_target_agent_id = fields.Many2one("cc.agent", string="To agent")
    event_team_id = fields.Many2one("cc.team", string="To team")

    _sql_constraints = [
        (
            "provider_message_unique",
            "unique(connector_id, provider_message_id)",
            "This provider message is already recorded.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        conversations = self.env["cc.conversation"].browse(
            {vals["conversation_id"] for vals in vals_list}
        ).sudo()
        by_id = {conversation.id: conversation for conversation in conversations}
        for vals in vals_list:
            conversation = by_id[vals["conversation_id"]]
            vals.setdefault("connector_id", conversation.connector_id.id)
            vals.setdefault("channel_kind", conversation.channel_kind)
            vals.setdefault("company_id", conversation.company_id.id)
            vals.setdefault("cycle", conversation.cycle)
        return super().create(vals_list)

    @api.depends("body")
    def _compute_body_html(self):
        for message in self:
            message.body_html = text_service.to_html(message.body)

    @api.depends("body", "message_type", "attachment_ids")
    def _compute_preview(self):
        for message in self:
            message.preview = self._preview_for(message.body, message.message_type)

    @api.model
    def _text_preview_for(self, body):
        """One-line preview of the text alone (WhatsApp markup removed)."""
        return text_service.preview(text_service.strip_whatsapp_markup(body))

    def _text_preview(self):
        self.ensure_one()
        return self._text_preview_for(self.body)

    @api.model
    def _preview_for(self, body, message_type):
        """One-line preview: the text, or the type's label for media."""
        text = self._text_preview_for(body)
        if text:
            return text
        labels = dict(self._fields["message_type"]._description_selection(self.env))
        return "[%s]" % labels.get(message_type, "")
