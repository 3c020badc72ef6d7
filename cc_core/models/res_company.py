# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        """The webhook technical user processes events of every company."""
        companies = super().create(vals_list)
        companies._cc_grant_webhook_user()
        return companies

    @api.model
    def _cc_grant_webhook_user(self):
        """Give the webhook user these companies (all companies when called on
        the empty recordset, e.g. at install)."""
        companies = self or self.sudo().search([])
        webhook_user = self.env.ref("cc_core.user_cc_webhook", raise_if_not_found=False)
        if webhook_user:
            webhook_user.sudo().write({"company_ids": [(4, c.id) for c in companies]})
