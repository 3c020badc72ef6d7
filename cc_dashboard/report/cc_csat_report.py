# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.cc_core.models.cc_connector import CHANNEL_KINDS
from odoo.addons.cc_core.models.cc_csat_survey import (
    NOT_SENT_REASONS,
    RATING_VALUES,
    SURVEY_STATES,
)


class CcCsatReport(models.Model):
    """Customer satisfaction: one row per satisfaction survey.

    Averages ignore what does not apply (SQL NULL): the rating counts answered
    surveys only; the response rate counts surveys whose question went out
    and whose answer period is over (answered or not), so a survey still
    waiting for its answer does not lower it.
    """

    _name = "cc.csat.report"
    _description = "Contact Center Customer Satisfaction Report"
    _auto = False
    _rec_name = "conversation_id"
    _order = "date desc"

    survey_id = fields.Many2one("cc.csat.survey", readonly=True)
    conversation_id = fields.Many2one("cc.conversation", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    team_id = fields.Many2one("cc.team", readonly=True)
    agent_id = fields.Many2one("cc.agent", readonly=True)
    connector_id = fields.Many2one("cc.connector", readonly=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Closed on", readonly=True)
    state = fields.Selection(SURVEY_STATES, string="Status", readonly=True)
    not_sent_reason = fields.Selection(NOT_SENT_REASONS, string="Reason not sent",
                                       readonly=True)
    rating_value = fields.Selection(RATING_VALUES, string="Rating (1-5)", readonly=True)
    rating = fields.Float(string="Average rating", readonly=True, group_operator="avg",
                          digits=(16, 2))
    response_rate = fields.Float(
        string="Response rate (%)", readonly=True, group_operator="avg", digits=(16, 1),
        help="Answered surveys in percent of the questions sent whose answer "
        "period is over.")
    satisfied_rate = fields.Float(
        string="Satisfied (%)", readonly=True, group_operator="avg", digits=(16, 1),
        help="Ratings of 4 or 5 in percent of the ratings.")
    survey_count = fields.Integer(string="Surveys", readonly=True)
    asked_count = fields.Integer(string="Questions sent", readonly=True)
    answered_count = fields.Integer(string="Answers", readonly=True)
    not_sent_count = fields.Integer(string="Not sent", readonly=True)
    comment = fields.Text(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW cc_csat_report AS (
                SELECT s.id, s.id AS survey_id, s.conversation_id, s.partner_id,
                       s.team_id, s.agent_id, s.connector_id, s.channel_kind,
                       s.company_id, s.create_date AS date, s.state,
                       s.not_sent_reason, s.rating_value, s.comment,
                       CASE WHEN s.state = 'answered' AND s.rating > 0
                            THEN s.rating::numeric END AS rating,
                       CASE WHEN s.state = 'answered' THEN 100.0
                            WHEN s.state = 'expired' THEN 0.0 END AS response_rate,
                       CASE WHEN s.state = 'answered' AND s.rating > 0
                            THEN CASE WHEN s.rating >= 4 THEN 100.0 ELSE 0.0 END
                       END AS satisfied_rate,
                       1 AS survey_count,
                       CASE WHEN s.state != 'not_sent' THEN 1 ELSE 0 END AS asked_count,
                       CASE WHEN s.state = 'answered' THEN 1 ELSE 0 END AS answered_count,
                       CASE WHEN s.state = 'not_sent' THEN 1 ELSE 0 END AS not_sent_count
                  FROM cc_csat_survey s
            )
        """)
