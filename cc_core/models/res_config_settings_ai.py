# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .res_company_ai import KEY_GROUPS


class ResConfigSettingsAi(models.TransientModel):
    _inherit = "res.config.settings"

    cc_ai_enabled = fields.Boolean(related="company_id.cc_ai_enabled", readonly=False)
    cc_ai_base_url = fields.Char(related="company_id.cc_ai_base_url", readonly=False)
    cc_ai_api_key = fields.Char(related="company_id.cc_ai_api_key", readonly=False,
                                groups=KEY_GROUPS)
    cc_ai_model = fields.Char(related="company_id.cc_ai_model", readonly=False)
    cc_ai_transcription_model = fields.Char(
        related="company_id.cc_ai_transcription_model", readonly=False)
    cc_ai_timeout = fields.Integer(related="company_id.cc_ai_timeout", readonly=False)
    cc_ai_mask_personal_data = fields.Boolean(
        related="company_id.cc_ai_mask_personal_data", readonly=False)
    cc_ai_monthly_cap = fields.Float(related="company_id.cc_ai_monthly_cap",
                                     readonly=False)
    cc_ai_price_input = fields.Float(related="company_id.cc_ai_price_input",
                                     readonly=False, digits=(16, 4))
    cc_ai_price_output = fields.Float(related="company_id.cc_ai_price_output",
                                      readonly=False, digits=(16, 4))
    cc_ai_price_audio_minute = fields.Float(
        related="company_id.cc_ai_price_audio_minute", readonly=False, digits=(16, 4))
    cc_ai_month_cost = fields.Float(compute="_compute_cc_ai_month_cost",
                                    string="Estimated cost this month")

    def _compute_cc_ai_month_cost(self):
        for settings in self:
            settings.cc_ai_month_cost = self.env["cc.ai.usage"].sudo()._month_cost(
                settings.company_id)
