# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Routing, business hours and housekeeping settings of a team."""
from datetime import timedelta

import pytz

from odoo import api, fields, models

from ..services.business_time import Schedule, weekly_from_attendances


class CcTeamRouting(models.Model):
    _inherit = "cc.team"

    keep_salesperson = fields.Boolean(
        string="Keep the customer's salesperson", default=True,
        help="Give the customer's conversations to the salesperson of the contact, "
        "when that salesperson is an agent, online and below capacity.")
    route_by_skill = fields.Boolean(
        string="Route by skill",
        help="A tagged conversation only goes to agents with one of its tags as skill.")
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Business hours",
        help="Outside these hours (and on holidays) routing waits for the next "
        "opening and SLA clocks stop. Empty: always open.")
    queue_message = fields.Text(
        string="Queue position message",
        help="Sent to a customer who waits in the queue; {position} is replaced "
        "by the place in the queue. Empty: no message.")
    out_of_hours_message = fields.Text(
        string="Out-of-hours reply",
        help="Sent once per closed period to a customer who writes outside "
        "business hours. Empty: no reply.")
    auto_release_minutes = fields.Integer(
        string="Release unanswered after (minutes)",
        help="A conversation whose agent has not answered for this long goes back "
        "to the queue. 0: never.")
    auto_close_hours = fields.Integer(
        string="Close idle after (hours)",
        help="Close open conversations without a customer message for this long. "
        "0: never.")
    auto_close_message = fields.Text(
        string="Closing message", help="Sent when a conversation is closed for "
        "inactivity. Empty: closed silently.")
    sla_policy_ids = fields.One2many("cc.sla.policy", "team_id", string="SLA policies")

    def _cc_schedule(self, at=None):
        """Business hours of the team as a pure Schedule (always open
        without a calendar). Holidays are read one year back and two ahead
        of ``at`` (naive UTC, default now): the moment the schedule is asked
        about, not the day the code happens to run."""
        self.ensure_one()
        calendar = self.sudo().resource_calendar_id
        if not calendar:
            return Schedule()
        around = (at or fields.Datetime.now()).date()
        holidays = self.env["cc.holiday"]._dates_for(
            self, around - timedelta(days=366), around + timedelta(days=731))
        for leave in calendar.global_leave_ids:
            day = leave.date_from.date()
            while day <= leave.date_to.date():
                holidays.add(day)
                day += timedelta(days=1)
        attendances = calendar.attendance_ids.filtered(
            lambda a: a.display_type != "line_section" and not a.date_to)
        return Schedule(
            weekly_from_attendances(
                (a.dayofweek, a.hour_from, a.hour_to) for a in attendances),
            holidays=holidays,
            tz=pytz.timezone(calendar.tz or "UTC"))

    def _cc_is_open(self, at=None):
        self.ensure_one()
        at = at or fields.Datetime.now()
        return self._cc_schedule(at).is_open(at)


class CcConnectorRouting(models.Model):
    _inherit = "cc.connector"

    assignment_policy_override = fields.Selection(
        lambda self: self.env["cc.team"]._fields["assignment_policy"].selection,
        string="Assignment policy",
        help="Overrides the team's policy for this connector's conversations.")

    @api.model
    def _routing_policy_of(self, connector, team):
        return connector.assignment_policy_override or team.assignment_policy or "manual"
