# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

# Delivery state of the conversation message -> Odoo's notification status.
SENT_STATES = ("sent", "delivered", "read")
# ("unknown": the SMS may have arrived, Odoo's notification stays as it is.)
FAILED_STATES = ("failed",)


class CcMessageOdooSms(models.Model):
    """Odoo's SMS follow the delivery of the conversation message carrying them."""

    _inherit = "cc.message"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in SENT_STATES + FAILED_STATES and \
                self.filtered(lambda m: m.direction == "outbound"):
            self._cc_sync_odoo_sms()
        return result

    def _cc_sync_odoo_sms(self):
        sms_records = self.env["sms.sms"].sudo().search([("cc_message_id", "in", self.ids)])
        for sms in sms_records:
            message = sms.cc_message_id
            notifications = sms._cc_notifications()
            if message.state in SENT_STATES:
                notifications.filtered(
                    lambda n: n.notification_status != "sent").write(
                    {"notification_status": "sent", "failure_type": False,
                     "failure_reason": False})
                if sms.state != "sent":
                    sms.write({"state": "sent", "failure_type": False})
            elif sms.state != "error":
                sms._cc_fail("sms_server", message.failure_reason or message.state)
                continue
            sms.mail_message_id._notify_message_notification_update()
