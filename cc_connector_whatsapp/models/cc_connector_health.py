# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""WhatsApp items of a connector's health (live dashboard): a refused Cloud
API token, the gateway phone's connection state. Stored fields only."""
from odoo import _, models

from odoo.addons.cc_core.models.cc_connector_health import health_item

from .cc_connector import PROVIDER as CLOUD
from .cc_connector_gateway import PROVIDER as GATEWAY

PHONE_LEVELS = {"connected": "ok", "qr": "warning", "disconnected": "danger",
                "unknown": "info"}


class CcConnectorHealthWhatsapp(models.Model):
    _inherit = "cc.connector"

    def _cc_health_items(self):
        result = super()._cc_health_items()
        states = dict(self._fields["wg_state"]._description_selection(self.env))
        for connector in self:
            first = []
            if connector.provider == CLOUD and connector.wa_token_invalid:
                first.append(health_item(
                    "token", "danger",
                    _("Access token refused: a manager must enter a new one"),
                    connector.wa_token_invalid_date))
            if connector.provider == GATEWAY:
                state = connector.wg_state or "unknown"
                first.append(health_item(
                    "phone_%s" % state, PHONE_LEVELS.get(state, "info"),
                    _("Phone: %(state)s", state=states.get(state, state)),
                    connector.wg_state_date, connector.wg_state_reason))
            result[connector.id] = first + result.get(connector.id, [])
        return result
