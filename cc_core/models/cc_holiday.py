# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import api, fields, models

from ..services import holidays as holiday_service


class CcHoliday(models.Model):
    """A closed day: Brazilian national holidays (loaded for the current and
    next year) and company or local holidays added by managers."""

    _name = "cc.holiday"
    _description = "Contact Center Holiday"
    _order = "date desc"

    name = fields.Char(required=True, translate=True)
    date = fields.Date(required=True, index=True)
    national = fields.Boolean(readonly=True,
                              help="Brazilian national holiday, loaded automatically.")
    company_id = fields.Many2one(
        "res.company", help="Empty: every company (national holidays).",
        default=lambda self: self.env.company)
    team_ids = fields.Many2many(
        "cc.team", string="Teams", help="Empty: every team of the company.")

    _sql_constraints = [
        ("national_unique", "unique(date, national, company_id)",
         "This holiday already exists."),
    ]

    @api.model
    def _cron_load_national_holidays(self, years=None):
        """Create the national holidays of this year and the next (idempotent)."""
        today = fields.Date.context_today(self)
        years = years or (today.year, today.year + 1)
        existing = set(self.with_context(active_test=False).search(
            [("national", "=", True), ("date", ">=", date(min(years), 1, 1)),
             ("date", "<=", date(max(years), 12, 31))]).mapped("date"))
        vals_list = [
            {"name": holiday.name, "date": holiday.date, "national": True,
             "company_id": False}
            for year in years
            for holiday in holiday_service.national_holidays(year)
            if holiday.date not in existing
        ]
        return self.sudo().create(vals_list)

    @api.model
    def _dates_for(self, team, date_from, date_to):
        """Closed dates of team between two dates."""
        holidays = self.sudo().search([
            ("date", ">=", date_from), ("date", "<=", date_to),
            ("company_id", "in", [False, team.company_id.id]),
        ])
        return {h.date for h in holidays if not h.team_ids or team in h.team_ids}
