# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An access token Meta refused (error 190): flag, notify, hold the outbox.

While flagged, the provider holds the connector's queued messages (no call
to Meta, no attempt counted); entering a new token or a successful Test
connection lifts the flag and the held messages go out at once.
"""
import logging

from odoo import _, fields, models
from odoo.tools import plaintext2html

_logger = logging.getLogger(__name__)


class CcConnectorToken(models.Model):
    _inherit = "cc.connector"

    wa_token_invalid = fields.Boolean(
        string="Access token refused",
        readonly=True,
        copy=False,
        help="Meta refused the access token (expired or revoked): nothing is sent "
        "on this connector until a manager enters a new one.",
    )
    wa_token_invalid_date = fields.Datetime(
        string="Token refused on", readonly=True, copy=False
    )

    def write(self, vals):
        renewed = vals.get("wa_access_token") and self.filtered("wa_token_invalid")
        result = super().write(vals)
        if renewed:
            renewed._wa_unflag_token()
        return result

    def _wa_flag_token(self, reason):
        """Meta refused the token: remember it once and tell the managers."""
        for connector in self.sudo().filtered(lambda c: not c.wa_token_invalid):
            connector.write({
                "wa_token_invalid": True,
                "wa_token_invalid_date": fields.Datetime.now(),
            })
            connector._record_error(
                _("WhatsApp refused the access token: %(reason)s", reason=reason)
            )
            connector._wa_notify_token_refused(reason)

    def _wa_flag_token_now(self, reason):
        """Flag in a transaction of its own: the caller's (a refused Test
        connection) is about to be rolled back by the error shown."""
        try:
            with self.pool.cursor() as cr:
                self.with_env(self.env(cr=cr))._wa_flag_token(reason)
        except Exception:  # noqa: B902 - the refusal itself must still be shown
            _logger.exception("Connector %s: could not flag the refused token", self.ids)

    def _wa_notify_token_refused(self, reason):
        self.ensure_one()
        text = _(
            "WhatsApp refused the access token of connector %(name)s (%(reason)s). "
            "Messages wait in the outbox until a manager enters a new token on "
            "the connector's WhatsApp page.",
            name=self.name,
            reason=reason,
        )
        managers = self.env.ref("cc_core.group_cc_manager").sudo().users.filtered(
            lambda user: user.active and not user.share
        )
        self.message_post(
            body=plaintext2html(text),
            partner_ids=managers.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if self.responsible_user_id:
            self.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=_("Enter a new WhatsApp access token"),
                note=plaintext2html(text),
                user_id=self.responsible_user_id.id,
            )

    def _wa_unflag_token(self):
        """A new token: send what was held, now."""
        flagged = self.sudo().filtered("wa_token_invalid")
        if not flagged:
            return
        flagged.write({"wa_token_invalid": False, "wa_token_invalid_date": False,
                       "last_error": False, "last_error_date": False})
        held = self.env["cc.message"].sudo().search([
            ("connector_id", "in", flagged.ids),
            ("state", "=", "queued"),
            ("direction", "=", "outbound"),
        ])
        held.write({"next_attempt_date": False, "delivery_note": False})
        self.env["cc.message"]._trigger_outbox()
