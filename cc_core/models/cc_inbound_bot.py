# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class CcInboundBot(models.AbstractModel):
    _inherit = "cc.inbound"

    @api.model
    def _process_inbound_message(self, connector, item):
        """A customer message may start the triage bot of a new or reopened
        conversation (``cc.conversation._auto_assign``); nothing else does."""
        return super(CcInboundBot, self.with_context(cc_bot_start=True)) \
            ._process_inbound_message(connector, item)
