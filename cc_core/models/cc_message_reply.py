# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a message answers: replies (quoted messages), reactions and the
option a customer chose in an interactive message or a template button."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CcMessageReply(models.Model):
    _inherit = "cc.message"

    reply_to_id = fields.Many2one(
        "cc.message", string="Replying to", ondelete="set null",
        copy=False,
        help="The message this one answers (a customer's reply to a specific "
        "message, an agent's quote) or, for a reaction, the message reacted to.")
    reply_to_preview = fields.Char(
        string="Reply to", compute="_compute_reply_to_preview")
    reaction_ids = fields.One2many(
        "cc.message", "reply_to_id", string="Reactions",
        domain=[("message_type", "=", "reaction")])
    reactions_display = fields.Char(
        string="Reactions shown", compute="_compute_reactions_display")
    interactive_reply_id = fields.Char(
        string="Chosen option id", copy=False,
        help="Id of the button or list option the customer chose.")
    interactive_reply_title = fields.Char(string="Chosen option", copy=False)
    button_payload = fields.Char(
        copy=False, help="Payload of the template quick-reply button the customer "
        "pressed.")

    @api.depends("reply_to_id.body", "reply_to_id.message_type")
    def _compute_reply_to_preview(self):
        for message in self:
            target = message.reply_to_id
            message.reply_to_preview = self._preview_for(
                target.body, target.message_type) if target else False

    @api.depends("reaction_ids.body")
    def _compute_reactions_display(self):
        for message in self:
            message.reactions_display = " ".join(
                r.body for r in message.reaction_ids if r.body) or False

    @api.model
    def _find_replied(self, connector, provider_message_id, reference=None):
        """The message a provider id (or our reference) names on ``connector``,
        whichever its direction (a customer may answer their own message)."""
        message = self.browse()
        if provider_message_id:
            message = self.search([("connector_id", "=", connector.id),
                                   ("provider_message_id", "=", provider_message_id)],
                                  limit=1)
        if not message and reference:
            message = self._find_outbound(connector, None, reference)
        return message

    def _customer_reactions(self):
        """The customer's reactions on these messages."""
        return self.sudo().search([("reply_to_id", "in", self.ids),
                                   ("message_type", "=", "reaction"),
                                   ("direction", "=", "inbound")])

    def action_reply(self):
        """Open the composer quoting this message (sent as a reply where the
        channel supports it, e.g. a WhatsApp context reply)."""
        self.ensure_one()
        if self.direction == "internal" or self.message_type in ("event", "note"):
            raise UserError(_("Only messages exchanged with the customer can be quoted."))
        action = self.conversation_id.action_open_composer()
        action["context"] = dict(action.get("context") or {},
                                 default_reply_to_id=self.id)
        return action
