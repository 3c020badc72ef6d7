# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class CcWorkspaceBot(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _permissions(self, data, me):
        """A conversation with the bot: an agent may take it over (the bot
        stops); nobody writes beside the bot."""
        permissions = super()._permissions(data, me)
        if data["state"] == "bot":
            may_take = bool(me["agent_id"]) and \
                data["connector_id"] in me["work_connector_ids"]
            permissions.update(can_take=may_take, can_send=False,
                               can_ask_supervisor=False)
        return permissions
