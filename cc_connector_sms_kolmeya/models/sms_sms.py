# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's own SMS (``sms.sms``) sent through the company's Contact Center
connector instead of Odoo's IAP gateway."""
import logging

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import phone as phone_service

_logger = logging.getLogger(__name__)


class SmsSms(models.Model):
    _inherit = "sms.sms"

    cc_message_id = fields.Many2one(
        "cc.message", string="Contact Center message", readonly=True, index=True,
        groups="cc_core.group_cc_agent",
        ondelete="set null", copy=False,
        help="The conversation message that carries this SMS (sent through the "
        "company's Contact Center SMS gateway).")

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """SMS of companies with a Contact Center gateway are handed to that
        connector's outbox; the others go to Odoo's IAP gateway as before."""
        by_connector = {}
        for sms in self:
            connector = sms._cc_gateway_connector()
            if connector:
                by_connector.setdefault(connector, self.browse())
                by_connector[connector] |= sms
        handed = self.browse()
        for connector, sms_batch in by_connector.items():
            sms_batch._cc_hand_over(connector)
            handed |= sms_batch
        rest = self - handed
        if rest:
            return super(SmsSms, rest)._send(
                unlink_failed=unlink_failed, unlink_sent=unlink_sent,
                raise_exception=raise_exception)
        return None

    def _cc_company(self):
        """The company the SMS is sent for: its document's, else the current one."""
        self.ensure_one()
        message = self.mail_message_id
        if message.model and message.res_id and message.model in self.env:
            record = self.env[message.model].sudo().browse(message.res_id).exists()
            if record and "company_id" in record._fields and record.company_id:
                return record.company_id
        return self.env.company

    def _cc_gateway_connector(self):
        connector = self._cc_company().sudo().cc_sms_gateway_connector_id
        return connector if connector.active else connector.browse()

    def _cc_hand_over(self, connector):
        """Queue each SMS in the customer's conversation on ``connector``.

        A number that is not a phone number, an opted-out customer or a text
        too long for the channel fails the SMS with the reason (nothing is
        queued); the others are ``sent`` for Odoo (handed to the gateway) and
        follow the conversation message's delivery from then on.
        """
        Conversation = self.env["cc.conversation"].sudo()
        closing = self.env["cc.stage"].sudo().search([("is_closing", "=", True)], limit=1)
        for sms in self:
            number = phone_service.to_e164(sms.number or "")
            if not number:
                sms._cc_fail("sms_number_format",
                             _("%(number)s is not a phone number.",
                               number=sms.number or "-"))
                continue
            failure = "sms_server"
            try:
                with self.env.cr.savepoint():
                    # A new conversation starts closed: a system SMS does not
                    # wait in the queue; the customer's reply reopens it.
                    conversation, _created = Conversation._find_or_create(
                        connector, number, {"partner_id": sms.partner_id.id or False,
                                            "state": "done",
                                            "stage_id": closing.id or False})
                    if conversation.is_opted_out:
                        failure = "sms_optout"
                    message = self.env["cc.message"].sudo()._queue_outbound(
                        conversation, sms.body)
                    message.write({"author_id": sms.create_uid.id})
            except UserError as error:
                sms._cc_fail(failure, str(error))
                continue
            sms.sudo().write({"state": "sent", "failure_type": False,
                              "cc_message_id": message.id})
            _logger.info("sms.sms %s queued as cc.message %s on connector %s",
                         sms.id, message.id, connector.id)

    def _cc_fail(self, failure_type, reason):
        """Fail the SMS; its notification shows ``reason`` (notifications
        know fewer failure types than SMS: an opt-out is a server refusal)."""
        self.ensure_one()
        self.sudo().write({"state": "error", "failure_type": failure_type})
        notification_types = dict(self.env["mail.notification"]._fields[
            "failure_type"].selection)
        self._cc_notifications().write({
            "notification_status": "exception",
            "failure_type": failure_type if failure_type in notification_types
            else "sms_server",
            "failure_reason": reason})
        self.mail_message_id._notify_message_notification_update()

    def _cc_notifications(self):
        return self.env["mail.notification"].sudo().search([
            ("notification_type", "=", "sms"), ("sms_id", "in", self.ids)])
