# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya prepaid balance: cached on the connector, refreshed on demand and by
a cron, with a low-balance activity for the connector's responsible."""
import logging
import threading

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount

_logger = logging.getLogger(__name__)

LOW_BALANCE_ACTIVITY = "cc_connector_sms_kolmeya.mail_activity_type_low_balance"


class CcConnectorBalance(models.Model):
    _inherit = "cc.connector"

    kolmeya_balance = fields.Monetary(
        string="Balance",
        currency_field="kolmeya_currency_id",
        readonly=True,
        copy=False,
        help="Prepaid Kolmeya credit, as read on the date below (not live).",
    )
    kolmeya_balance_date = fields.Datetime(
        string="Balance read on", readonly=True, copy=False
    )
    kolmeya_low_balance = fields.Monetary(
        string="Low balance alert",
        currency_field="kolmeya_currency_id",
        help="When the balance falls below this amount, the connector's "
        "responsible gets an activity. 0 disables the alert.",
    )

    def action_kolmeya_refresh_balance(self):
        self.ensure_one()
        balance = self._kolmeya_refresh_balance()
        return self._kolmeya_notify(
            _("Kolmeya balance: %(balance)s", balance=self._kolmeya_format(balance))
        )

    def _kolmeya_refresh_balance(self):
        """Read the balance from Kolmeya, store it and check the threshold.

        Returns the balance (a Decimal); raises ``UserError`` with a
        translated explanation when Kolmeya cannot be read.
        """
        self.ensure_one()
        client = self._kolmeya_client()
        try:
            balance = self.env["cc.provider.kolmeya"]._call(self, client.balance)
        finally:
            client.close()
        self.sudo().write(
            {"kolmeya_balance": float(balance),
             "kolmeya_balance_date": fields.Datetime.now()}
        )
        self._kolmeya_check_low_balance()
        return balance

    def _kolmeya_format(self, amount):
        """``R$ 1.234,56`` in the user's language."""
        if not self.kolmeya_currency_id:
            return "%.2f" % amount
        return format_amount(self.env, float(amount), self.kolmeya_currency_id)

    def _kolmeya_check_low_balance(self):
        """One open activity for the responsible while the balance is low; it
        is removed once the balance is back above the threshold."""
        self.ensure_one()
        connector = self.sudo()
        low = connector.kolmeya_low_balance > 0 and \
            connector.kolmeya_balance < connector.kolmeya_low_balance
        activity_type = self.env.ref(LOW_BALANCE_ACTIVITY)
        open_ones = connector.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type)
        if low and not open_ones:
            connector.activity_schedule(
                LOW_BALANCE_ACTIVITY,
                summary=_("Kolmeya balance is low: %(balance)s",
                          balance=connector._kolmeya_format(connector.kolmeya_balance)),
                note=_("The balance of connector %(name)s is below the alert "
                       "amount (%(threshold)s). Add credit in the Kolmeya panel "
                       "before SMS stop leaving.",
                       name=connector.name,
                       threshold=connector._kolmeya_format(connector.kolmeya_low_balance)),
                user_id=(connector.responsible_user_id or self.env.ref("base.user_admin")).id,
            )
        elif not low and open_ones:
            open_ones.unlink()

    @api.model
    def _cron_kolmeya_refresh_balance(self):
        """Refresh every active Kolmeya connector with a token; an error is
        recorded on its connector and never stops the others."""
        connectors = self.sudo().search([("provider", "=", "kolmeya")])
        for connector in connectors.filtered("kolmeya_token"):
            try:
                with self.env.cr.savepoint():
                    connector._kolmeya_refresh_balance()
            except UserError as error:
                connector._record_error(str(error.args[0]))
            except Exception:  # noqa: B902 - the next connector must still be read
                _logger.exception("Kolmeya balance of connector %s failed", connector.id)
            if not getattr(threading.current_thread(), "testing", False):
                self.env.cr.commit()  # pylint: disable=invalid-commit
