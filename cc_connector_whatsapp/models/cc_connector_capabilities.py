# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the screens may offer on a connector: a 24-hour window, templates."""
from odoo import models

from .cc_connector import PROVIDER as CLOUD_PROVIDER


class CcConnector(models.Model):
    _inherit = "cc.connector"

    def _cc_has_session_window(self):
        """True when free-form messages are limited to 24 h after the
        customer's last message (Meta's Cloud API). The gateway has none."""
        self.ensure_one()
        return self.provider == CLOUD_PROVIDER

    def _cc_supports_templates(self):
        """True when approved WhatsApp templates can be sent (Cloud API only)."""
        self.ensure_one()
        return self.provider == CLOUD_PROVIDER

    def _cc_connection_state(self):
        """``(state, label)`` of the connection behind the number, for screens
        that show connectors (workspace, dashboard), or ``None`` when the
        provider has no such notion (Cloud API: Meta keeps the number online).
        States: ``connected``, ``qr``, ``disconnected``, ``unknown``."""
        self.ensure_one()
        if self.provider != "whatsapp_gateway":
            return None
        labels = dict(self._fields["wg_state"]._description_selection(self.env))
        state = self.sudo().wg_state or "unknown"
        return state, labels[state]
