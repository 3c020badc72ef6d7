# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cc_sms_gateway_connector_id = fields.Many2one(
        "cc.connector",
        string="Odoo's SMS gateway",
        domain="[('channel_kind', '=', 'sms'), ('company_id', '=', id)]",
        help="Odoo's own SMS (the SMS button next to phone numbers, SMS templates, "
        "SMS marketing, reminders) go through this Contact Center connector "
        "instead of Odoo's paid IAP gateway, and appear in the customer's "
        "conversation.",
    )

    @api.constrains("cc_sms_gateway_connector_id")
    def _check_cc_sms_gateway_connector(self):
        for company in self:
            connector = company.sudo().cc_sms_gateway_connector_id
            if connector and (connector.channel_kind != "sms"
                              or connector.company_id != company):
                raise ValidationError(_(
                    "Odoo's SMS gateway must be an SMS connector of %(company)s.",
                    company=company.name))
