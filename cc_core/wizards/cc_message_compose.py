# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcMessageCompose(models.TransientModel):
    """Composer: text, attachments or a canned template, for one conversation.

    The draft lives in this wizard, bound to its conversation: it can never
    follow the agent into another conversation.
    """

    _name = "cc.message.compose"
    _description = "Compose a Contact Center message"

    conversation_id = fields.Many2one("cc.conversation", required=True, readonly=True)
    channel_kind = fields.Selection(related="conversation_id.channel_kind")
    template_id = fields.Many2one(
        "cc.template",
        domain="[('channel_kind', 'in', ('all', channel_kind))]",
    )
    body = fields.Text()
    reply_to_id = fields.Many2one(
        "cc.message", string="Replying to", readonly=True,
        domain="[('conversation_id', '=', conversation_id)]")
    reply_to_preview = fields.Char(related="reply_to_id.preview", string="Quoted")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    body_length = fields.Integer(compute="_compute_body_info")
    max_length = fields.Integer(compute="_compute_body_info")
    body_info = fields.Char(compute="_compute_body_info",
                            help="Length and channel-specific information.")
    accepts_attachments = fields.Boolean(
        compute="_compute_body_info",
        help="The channel can carry files (SMS cannot).")

    @api.depends("body", "conversation_id")
    def _compute_body_info(self):
        for wizard in self:
            limits = wizard.conversation_id.sudo().connector_id._limits() \
                if wizard.conversation_id.connector_id.provider else None
            wizard.body_length = len(wizard.body or "")
            wizard.max_length = limits.max_length if limits else 0
            wizard.accepts_attachments = bool(limits and limits.media_types)
            wizard.body_info = wizard._body_info()

    def _body_info(self):
        """Text under the composer; connectors add e.g. SMS segments and cost."""
        self.ensure_one()
        if not self.max_length:
            return "%s" % self.body_length
        return "%s / %s" % (self.body_length, self.max_length)

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id and self.conversation_id:
            self.body = self.template_id._render_for(self.conversation_id)
            self.attachment_ids = self.template_id.attachment_ids

    def _signed_body(self, channel_kind=None):
        """The body with the agent's signature, formatted for ``channel_kind``
        (default: the conversation's channel)."""
        return self.env["cc.agent"]._signed(
            self.body, channel_kind or self.conversation_id.channel_kind)

    def action_send(self):
        self.ensure_one()
        self.env["cc.message"]._queue_outbound(
            self.conversation_id, self._signed_body(), self.attachment_ids,
            template=self.template_id, reply_to=self.reply_to_id)
        return {"type": "ir.actions.act_window_close"}
