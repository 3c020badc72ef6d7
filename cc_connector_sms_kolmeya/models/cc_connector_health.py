# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya items of a connector's health (live dashboard): access refused,
prepaid balance (low or not) as last read. Stored fields only."""
from odoo import _, models
from odoo.tools.misc import format_amount

from odoo.addons.cc_core.models.cc_connector_health import health_item

PROVIDER = "kolmeya"


class CcConnectorHealthKolmeya(models.Model):
    _inherit = "cc.connector"

    def _cc_health_items(self):
        result = super()._cc_health_items()
        kolmeya = self.filtered(lambda c: c.provider == PROVIDER)
        # Kolmeya bills in reais: one currency for all (read once, not per
        # connector; a currency is no secret, hence sudo).
        brl = self.env["ir.model.data"]._xmlid_to_res_id(
            "base.BRL", raise_if_not_found=False)
        currency = self.env["res.currency"].sudo().browse(brl) if brl else \
            self.env.company.currency_id.sudo()
        for connector in kolmeya:
            first = []
            if connector.kolmeya_access_refused:
                first.append(health_item(
                    "access", "danger", _("Kolmeya refused access"),
                    connector.kolmeya_access_refused_date,
                    connector.kolmeya_access_refused_reason))
            if connector.kolmeya_balance_date:
                balance = format_amount(self.env, connector.kolmeya_balance, currency,
                                        self.env.lang or "en_US")
                low = connector.kolmeya_low_balance > 0 and \
                    connector.kolmeya_balance < connector.kolmeya_low_balance
                if low:
                    first.append(health_item(
                        "balance_low", "warning",
                        _("Balance low: %(balance)s", balance=balance),
                        connector.kolmeya_balance_date))
                else:
                    first.append(health_item(
                        "balance", "ok", _("Balance: %(balance)s", balance=balance),
                        connector.kolmeya_balance_date))
            else:
                first.append(health_item("balance_unknown", "info",
                                         _("Balance not read yet")))
            result[connector.id] = first + result.get(connector.id, [])
        return result
