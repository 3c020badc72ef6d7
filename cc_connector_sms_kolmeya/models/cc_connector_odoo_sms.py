# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CcConnectorOdooSms(models.Model):
    """An SMS connector can be its company's gateway for Odoo's own SMS."""

    _inherit = "cc.connector"

    is_odoo_sms_gateway = fields.Boolean(
        string="Odoo's SMS gateway",
        compute="_compute_is_odoo_sms_gateway",
        inverse="_inverse_is_odoo_sms_gateway",
        help="Send Odoo's own SMS (SMS button next to phone numbers, SMS "
        "templates, SMS marketing, reminders) through this connector instead of "
        "Odoo's paid IAP gateway. One connector per company.",
    )

    def _compute_is_odoo_sms_gateway(self):
        for connector in self:
            connector.is_odoo_sms_gateway = bool(connector.id) and \
                connector.company_id.sudo().cc_sms_gateway_connector_id == connector

    def _inverse_is_odoo_sms_gateway(self):
        for connector in self:
            company = connector.company_id.sudo()
            if connector.is_odoo_sms_gateway:
                company.cc_sms_gateway_connector_id = connector
            elif company.cc_sms_gateway_connector_id == connector:
                company.cc_sms_gateway_connector_id = False
