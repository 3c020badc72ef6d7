# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's latest satisfaction rating in the Inbox's customer panel."""
from odoo import api, models


class CcWorkspaceCsat(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _panel(self, data, me):
        panel = super()._panel(data, me)
        panel["csat"] = self._csat_for_panel(data)
        return panel

    @api.model
    def _csat_for_panel(self, data):
        """The latest rating the reader may see (record rules apply); only a
        conversation closed at least once can have one, so an open first
        cycle costs no query."""
        if data["state"] != "done" and (data["cycle"] or 1) <= 1:
            return False
        survey = self.env["cc.csat.survey"].search(
            [("conversation_id", "=", data["id"]), ("state", "=", "answered")],
            order="answered_date desc, id desc", limit=1)
        if not survey:
            return False
        return {"rating": survey.rating, "comment": survey.comment or ""}
