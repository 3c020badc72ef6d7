# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Settings of the reply -> CRM opportunity loop, on connectors and campaigns.

``crm`` is optional: the sales team is a selection filled from ``crm.team``
when that model exists (a Many2one would make ``crm`` a dependency).
"""
from odoo import _, api, fields, models


class CcCrmSettingsMixin(models.AbstractModel):
    _name = "cc.crm.settings.mixin"
    _description = "Contact Center: replies to CRM opportunities"

    crm_opportunity_on_reply = fields.Boolean(
        string="Replies become opportunities",
        help="When the CRM app is installed: a customer's reply creates an "
        "opportunity (or updates the customer's open one) in the sales team "
        "below, and the salesperson gets an activity.")
    crm_team = fields.Selection(
        selection="_crm_team_selection", string="Sales team",
        help="Sales team of the opportunities created from replies.")
    crm_installed = fields.Boolean(compute="_compute_crm_installed")

    @api.model
    def _crm_team_selection(self):
        if "crm.team" not in self.env:
            return []
        teams = self.env["crm.team"].sudo().search([])
        return [(str(team.id), team.display_name) for team in teams]

    def _compute_crm_installed(self):
        for record in self:
            record.crm_installed = "crm.lead" in self.env

    def _crm_team_record(self):
        """The chosen ``crm.team`` (empty recordset when unset or gone)."""
        self.ensure_one()
        if "crm.team" not in self.env or not self.crm_team:
            return None
        return self.env["crm.team"].sudo().browse(int(self.crm_team)).exists() or None

    @api.constrains("crm_opportunity_on_reply")
    def _check_crm_installed(self):
        if "crm.lead" not in self.env and any(self.mapped("crm_opportunity_on_reply")):
            from odoo.exceptions import ValidationError
            raise ValidationError(_("Install the CRM app to turn replies into "
                                    "opportunities."))


class CcConnectorCrm(models.Model):
    _name = "cc.connector"
    _inherit = ["cc.connector", "cc.crm.settings.mixin"]


class CcCampaignCrm(models.Model):
    _name = "cc.campaign"
    _inherit = ["cc.campaign", "cc.crm.settings.mixin"]
