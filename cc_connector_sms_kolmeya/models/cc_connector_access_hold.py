# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya refused the connector (HTTP 401 token, 403 permission or IP not
whitelisted): flag it, tell the managers once, hold the outbox.

These refusals are not transient: retrying only burns attempts until the
messages fail. While flagged, queued SMS wait without any call to Kolmeya and
without counting an attempt; a new token or API URL, or a successful Test
connection, lifts the flag and the held SMS go out at once.
"""
from datetime import timedelta

from odoo import _, fields, models
from odoo.tools import plaintext2html

ACCESS_CODES = ("auth", "forbidden", "ip_not_whitelisted")
ACCESS_HOLD = timedelta(minutes=15)


class CcConnectorAccessHold(models.Model):
    _inherit = "cc.connector"

    kolmeya_access_refused = fields.Boolean(
        string="Kolmeya refused access", readonly=True, copy=False,
        help="Kolmeya refused the token or this server's IP address: nothing is "
        "sent on this connector until a manager fixes it (new token, IP "
        "whitelisted and Test connection).")
    kolmeya_access_refused_date = fields.Datetime(
        string="Access refused on", readonly=True, copy=False)
    kolmeya_access_refused_reason = fields.Char(
        string="Access refused because", readonly=True, copy=False)

    def write(self, vals):
        fixed = ({"kolmeya_token", "kolmeya_base_url"} & set(vals)) and \
            self.filtered("kolmeya_access_refused")
        result = super().write(vals)
        if fixed:
            fixed._kolmeya_unflag_access()
        return result

    def _kolmeya_flag_access(self, reason):
        """Kolmeya refused access: remember it once and tell the managers."""
        for connector in self.sudo().filtered(lambda c: not c.kolmeya_access_refused):
            connector.write({
                "kolmeya_access_refused": True,
                "kolmeya_access_refused_date": fields.Datetime.now(),
                "kolmeya_access_refused_reason": reason,
            })
            connector._record_error(reason)
            connector._kolmeya_notify_access_refused(reason)

    def _kolmeya_notify_access_refused(self, reason):
        self.ensure_one()
        text = _(
            "Kolmeya refused connector %(name)s: %(reason)s SMS wait in the outbox "
            "until a manager fixes it (token, IP whitelist in the Kolmeya panel) "
            "and runs Test connection on the connector.",
            name=self.name, reason=reason)
        managers = self.env.ref("cc_core.group_cc_manager").sudo().users.filtered(
            lambda user: user.active and not user.share)
        self.message_post(body=plaintext2html(text),
                          partner_ids=managers.partner_id.ids,
                          message_type="comment", subtype_xmlid="mail.mt_comment")
        if self.responsible_user_id:
            self.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=_("Fix the Kolmeya access of this connector"),
                note=plaintext2html(text), user_id=self.responsible_user_id.id)

    def _kolmeya_unflag_access(self):
        """Access fixed: send what was held, now."""
        flagged = self.sudo().filtered("kolmeya_access_refused")
        if not flagged:
            return
        flagged.write({"kolmeya_access_refused": False,
                       "kolmeya_access_refused_date": False,
                       "kolmeya_access_refused_reason": False,
                       "last_error": False, "last_error_date": False})
        held = self.env["cc.message"].sudo().search([
            ("connector_id", "in", flagged.ids), ("state", "=", "queued"),
            ("direction", "=", "outbound")])
        held.write({"next_attempt_date": False, "delivery_note": False})
        self.env["cc.message"]._trigger_outbox()
