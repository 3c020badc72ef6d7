# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What happens to a conversation when messages come and go."""
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..services import phone as phone_service
from ..services import text as text_service


class CcConversationMessaging(models.Model):
    _inherit = "cc.conversation"

    def _check_channel_rules(self, body, attachments, message_type):
        """Refuse, before queueing, what the channel cannot deliver."""
        self.ensure_one()
        connector = self.sudo().connector_id
        if self.is_opted_out:
            channels = dict(connector._fields["channel_kind"]._description_selection(
                self.env))
            raise UserError(_("%(customer)s opted out of %(channel)s messages: "
                              "nothing can be sent.", customer=self.name,
                              channel=channels[connector.channel_kind]))
        limits = connector._limits()
        if body and len(body) > limits.max_length:
            raise UserError(_("The message is %(length)s characters long; this "
                              "channel accepts at most %(max)s.",
                              length=len(body), max=limits.max_length))
        for attachment in attachments:
            if not limits.accepts_mimetype(attachment.mimetype):
                raise UserError(_("%(name)s (%(type)s) cannot be sent on this "
                                  "channel.", name=attachment.name,
                                  type=attachment.mimetype))
        connector._provider()._check_can_send(self, message_type)

    def _on_outbound(self, messages):
        """Timestamps after the agent queued messages: the customer is answered."""
        self.ensure_one()
        now = fields.Datetime.now()
        last = messages[-1:]
        self.write({
            "last_outbound_date": now,
            "last_message_date": now,
            "first_unanswered_date": False,
            "unread_count": 0,
            "last_message_preview": last.preview,
        })

    def _on_inbound(self, message, created=False):
        """Timestamps, unread count, reopening and routing after a customer message."""
        self.ensure_one()
        vals = {
            "last_inbound_date": message.date,
            "last_message_date": message.date,
            "unread_count": self.unread_count + 1,
            "last_message_preview": text_service.preview(message.body) or
            message.preview,
        }
        if not self.first_unanswered_date:
            vals["first_unanswered_date"] = message.date
        self.write(vals)
        if self.state == "done":
            self._reopen(_("The customer wrote again."))
        elif created:
            self._auto_assign()
        self._notify_new_message(message)

    def _notify_new_message(self, message):
        """The owner hears about the message; a queued one goes to the queue."""
        if self.agent_id:
            partners = self.agent_id.user_id.partner_id
        else:
            partners = self._queue_agents().user_id.partner_id
        partners |= self._supervisor_partners()
        payload = dict(self._bus_payload(), message_id=message.id)
        self._send_bus(partners, "cc.message/new", payload)

    def _on_delivery_problem(self, message):
        self.sudo().write({
            "has_failed_message": True,
            "last_failure_reason": message.failure_reason,
        })

    def _learn_address(self, address):
        """Keep the spelling the provider confirmed (e.g. WhatsApp wa_id)."""
        e164 = phone_service.to_e164(address)
        if e164 and e164 != self.address and \
                phone_service.ninth_digit_key(e164) == self.address_key:
            self.sudo().write({"address": e164})

    def action_open_composer(self):
        self.ensure_one()
        self._check_can_send()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send a message"),
            "res_model": "cc.message.compose",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    def action_clear_failure(self):
        self.write({"has_failed_message": False, "last_failure_reason": False})
        return True
