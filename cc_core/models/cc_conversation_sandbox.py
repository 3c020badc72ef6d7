# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Simulation actions of sandbox conversations, for trials and training."""
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import sandbox


class CcConversationSandbox(models.Model):
    _inherit = "cc.conversation"

    is_sandbox = fields.Boolean(related="connector_id.is_sandbox")
    sandbox_fail_next = fields.Boolean(
        string="Sandbox: fail the next message",
        readonly=True,
        copy=False,
        help="The next message sent in this sandbox conversation will be "
        "reported as not delivered.",
    )

    def _sandbox_customer_event(self, text="", media=None, reaction_to=None):
        self.ensure_one()
        return sandbox.message_event(self.address, text=text,
                                     name=self.customer_name or None, media=media,
                                     reaction_to=reaction_to)

    def _sandbox_reply_text(self):
        self.ensure_one()
        received = self.env["cc.message"].sudo().search_count(
            [("conversation_id", "=", self.id), ("direction", "=", "inbound")])
        return sandbox.customer_reply(received)

    def _check_sandbox_trainer(self):
        """Simulations are for supervisors (trainers) on sandbox connectors,
        on conversations they may read."""
        if not self.env.user.has_group("cc_core.group_cc_supervisor"):
            raise AccessError(_("Only supervisors can run simulations."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        for conversation in self:
            if not conversation.connector_id.is_sandbox:
                raise UserError(_("Simulations only run on sandbox connectors: "
                                  "%(name)s is a real connector.",
                                  name=conversation.connector_id.name))

    def action_sandbox_customer_reply(self):
        """The simulated customer writes a text message now."""
        self._check_sandbox_trainer()
        for conversation in self:
            conversation.connector_id._sandbox_post(
                [conversation._sandbox_customer_event(conversation._sandbox_reply_text())])
        return True

    def action_sandbox_inbound_image(self):
        """The simulated customer sends a photo now."""
        self._check_sandbox_trainer()
        media = self.env["cc.connector"]._sandbox_sample_image()
        for conversation in self:
            conversation.connector_id._sandbox_post([conversation._sandbox_customer_event(
                sandbox.PHOTO_CAPTION, media=media)])
        return True

    def action_sandbox_customer_reaction(self):
        """The simulated customer reacts (thumbs up) to the last message sent
        to him."""
        self._check_sandbox_trainer()
        for conversation in self:
            if conversation.channel_kind != "whatsapp":
                raise UserError(_("Customers react to messages on WhatsApp only."))
            target = self.env["cc.message"].sudo().search([
                ("conversation_id", "=", conversation.id), ("direction", "=", "outbound"),
                ("provider_message_id", "!=", False)], order="date desc, id desc", limit=1)
            if not target:
                raise UserError(_("Nothing to react to yet: send a message to the "
                                  "customer first."))
            conversation.connector_id._sandbox_post([conversation._sandbox_customer_event(
                sandbox.REACTION, reaction_to=target.provider_message_id)])
        return True

    def action_sandbox_fail_next(self):
        """The next message sent here will be reported as not delivered."""
        self._check_sandbox_trainer()
        self.sudo().write({"sandbox_fail_next": True})
        return True
