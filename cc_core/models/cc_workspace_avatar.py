# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer pictures in the workspace rows, thread header and panel.

The picture's URL is built from columns the row and panel queries already
read (no query per row): the conversation's channel picture when there is
one, else the linked partner's own image, else nothing (the screen draws
the initials). ``/web/image`` serves it with the reader's access rights
(the conversation's record rules); the ``unique`` parameter is the stored
picture's checksum, so the browser keeps it until it changes.
"""
from odoo import api, models


class CcWorkspaceAvatar(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _avatar_sql(self, alias):
        """Columns of the picture of conversation ``alias`` (no parameter)."""
        return (
            "{c}.customer_avatar_checksum, "
            "(SELECT a.checksum FROM ir_attachment a "
            "  WHERE a.res_model = 'res.partner' AND a.res_field = 'image_128' "
            "    AND a.res_id = {c}.partner_id LIMIT 1) AS partner_image_checksum"
        ).format(c=alias)

    @api.model
    def _avatar_url(self, data):
        """URL of the customer's picture, or False (initials)."""
        if data.get("customer_avatar_checksum"):
            return "/web/image/cc.conversation/%s/customer_avatar?unique=%s" % (
                data["id"], data["customer_avatar_checksum"][:16])
        if data.get("partner_id") and data.get("partner_image_checksum"):
            return "/web/image/res.partner/%s/image_128?unique=%s" % (
                data["partner_id"], data["partner_image_checksum"][:16])
        return False

    @api.model
    def _row(self, data):
        row = super()._row(data)
        row["avatar_url"] = self._avatar_url(data)
        return row

    @api.model
    def _panel(self, data, me):
        panel = super()._panel(data, me)
        panel["conversation"]["avatar_url"] = self._avatar_url(data)
        return panel
