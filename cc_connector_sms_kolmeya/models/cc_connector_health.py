# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya items of a connector's health (live dashboard): access refused,
prepaid balance (low or not) as last read. Stored fields only."""
from odoo import _, models

from odoo.addons.cc_core.models.cc_connector_health import health_item

PROVIDER = "kolmeya"


class CcConnectorHealthKolmeya(models.Model):
    _inherit = "cc.connector"

    def _cc_health_items(self):
        result = super()._cc_health_items()
        for connector in self.filtered(lambda c: c.provider == PROVIDER):
            first = []
            if connector.kolmeya_access_refused:
                first.append(health_item(
                    "access", "danger", _("Kolmeya refused access"),
                    connector.kolmeya_access_refused_date,
                    connector.kolmeya_access_refused_reason))
            if connector.kolmeya_balance_date:
                balance = connector._kolmeya_format(connector.kolmeya_balance)
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
