# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction survey: one per closed conversation cycle.

Created when a conversation closes (by its agent, a supervisor or the
auto-close cron) if its team collects satisfaction and an agent answered the
customer in that cycle. Either the question was queued (``sent``) or the
reason it was not is kept (``not_sent``). The customer's answer, within the
team's validity period, gives the rating (``answered``); otherwise the
survey ``expired``. See ``cc.conversation`` (cc_conversation_csat.py) for
the flow.
"""
import logging

from odoo import _, api, fields, models

from ..services import csat as csat_service
from .cc_connector import CHANNEL_KINDS

_logger = logging.getLogger(__name__)

SURVEY_STATES = [
    ("sent", "Waiting for the answer"),
    ("answered", "Answered"),
    ("expired", "No answer"),
    ("not_sent", "Not sent"),
]
NOT_SENT_REASONS = [
    ("opted_out", "Customer opted out"),
    ("quiet_hours", "Quiet hours"),
    ("no_template", "Messaging window closed, no template"),
    ("send_failed", "Send failed"),
]
RATING_VALUES = [
    ("1", "1 - Very bad"),
    ("2", "2 - Bad"),
    ("3", "3 - Fair"),
    ("4", "4 - Good"),
    ("5", "5 - Excellent"),
]


class CcCsatSurvey(models.Model):
    _name = "cc.csat.survey"
    _description = "Customer Satisfaction Survey"
    _order = "create_date desc, id desc"
    _rec_name = "conversation_id"

    conversation_id = fields.Many2one(
        "cc.conversation", required=True, readonly=True, index=True,
        ondelete="cascade")
    cycle = fields.Integer(readonly=True, help="Conversation cycle the survey is about.")
    team_id = fields.Many2one("cc.team", readonly=True, index=True)
    agent_id = fields.Many2one("cc.agent", readonly=True, index=True,
                               help="Agent who handled the cycle.")
    connector_id = fields.Many2one("cc.connector", readonly=True, index=True)
    channel_kind = fields.Selection(CHANNEL_KINDS, string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    state = fields.Selection(SURVEY_STATES, required=True, readonly=True, index=True,
                             default="sent")
    not_sent_reason = fields.Selection(NOT_SENT_REASONS, string="Reason not sent",
                                       readonly=True)
    note = fields.Char(readonly=True, help="Details, e.g. why the question was not sent.")
    rating = fields.Integer(readonly=True, group_operator="avg",
                            help="1 (very bad) to 5 (excellent).")
    rating_value = fields.Selection(RATING_VALUES, string="Rating (1-5)",
                                    compute="_compute_rating_value", store=True)
    comment = fields.Text(readonly=True)
    comment_requested = fields.Boolean(
        readonly=True, help="The customer was asked for a comment after rating.")
    by_template = fields.Boolean(
        string="Sent as a template", readonly=True,
        help="Sent as an approved WhatsApp template (outside the 24-hour window).")
    question_message_id = fields.Many2one("cc.message", readonly=True,
                                          ondelete="set null")
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    deadline = fields.Datetime(string="Answers accepted until", readonly=True)
    answered_date = fields.Datetime(string="Answered on", readonly=True)
    comment_date = fields.Datetime(string="Commented on", readonly=True)

    _sql_constraints = [
        ("conversation_cycle_unique", "unique(conversation_id, cycle)",
         "A conversation cycle is surveyed once."),
        ("rating_range", "CHECK(rating IS NULL OR rating = 0 "
                         "OR (rating >= 1 AND rating <= 5))",
         "A rating is between 1 and 5."),
    ]

    @api.depends("rating")
    def _compute_rating_value(self):
        for survey in self:
            survey.rating_value = str(survey.rating) if survey.rating else False

    # ------------------------------------------------------------------
    # Labels in the customer's language
    # ------------------------------------------------------------------
    @api.model
    def _rating_labels(self):
        """Titles of ratings 1-5 in the language of the context (the
        customer's, when the question is sent)."""
        return {
            1: _("Very bad"),
            2: _("Bad"),
            3: _("Fair"),
            4: _("Good"),
            5: _("Excellent"),
        }

    def _customer_lang(self):
        """The customer's language: the contact's, else the company's."""
        self.ensure_one()
        conversation = self.conversation_id.sudo()
        return (conversation.partner_id.lang or conversation.company_id.partner_id.lang
                or self.env.lang or "en_US")

    # ------------------------------------------------------------------
    # Answers (called from the inbound pipeline, as the webhook user)
    # ------------------------------------------------------------------
    def _parse_answer(self, text, reply_id):
        """``("rating", n)``, ``("comment", text)`` or ``None`` for an inbound
        message to the closed conversation while this survey waits."""
        self.ensure_one()
        labels = self.with_context(lang=self._customer_lang())._rating_labels()
        rating = csat_service.parse_rating(text, reply_id, labels)
        if rating:
            return ("rating", rating)
        if self.state == "answered" and self.comment_requested and not self.comment \
                and (text or "").strip():
            return ("comment", text.strip())
        return None

    def _apply_answer(self, answer, message):
        """Store the rating or the comment ``message`` carried; thank the
        customer or ask for a comment (once). Duplicate deliveries never get
        here (the webhook receipt and the provider message id are unique)."""
        self.ensure_one()
        survey = self.sudo()
        now = fields.Datetime.now()
        kind, value = answer
        message.sudo().write({"csat_survey_id": survey.id})
        team = survey.team_id.with_context(lang=survey._customer_lang())
        if kind == "rating":
            first = survey.state != "answered"
            survey.write({"state": "answered", "rating": value, "answered_date": now})
            if not first:
                return survey  # a corrected rating: said once already
            if team.csat_comment_question:
                survey.comment_requested = True
                survey._send_follow_up(team.csat_comment_question)
                return survey
        else:
            survey.write({"comment": value, "comment_date": now})
        survey.conversation_id.csat_pending_until = False
        if team.csat_thanks_message:
            survey._send_follow_up(team.csat_thanks_message)
        return survey

    def _send_follow_up(self, body):
        """Queue a short automatic message (comment request, thanks); the
        customer just wrote, so every channel accepts it. Skipped when the
        channel refuses it."""
        self.ensure_one()
        conversation = self.conversation_id.sudo()
        try:
            with self.env.cr.savepoint():
                return self.env["cc.message"].sudo()._queue_outbound(
                    conversation, body, values={
                        "is_automatic": True, "auto_kind": "csat",
                        "csat_survey_id": self.id})
        except Exception as error:  # noqa: B902 - a refusal only skips the message
            _logger.info("Survey %s: follow-up message skipped (%s)", self.id,
                         type(error).__name__)
            return False

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------
    def _mark_not_sent(self, reason, note=None):
        self.sudo().write({"state": "not_sent", "not_sent_reason": reason,
                           "note": note or False, "deadline": False})
        for survey in self.sudo():
            if survey.conversation_id.csat_pending_until:
                survey.conversation_id.csat_pending_until = False

    def _expire(self):
        """No answer (validity over, or the customer wrote about something else)."""
        waiting = self.sudo().filtered(lambda s: s.state == "sent")
        waiting.write({"state": "expired"})
        for survey in self.sudo():
            if survey.conversation_id.csat_pending_until:
                survey.conversation_id.csat_pending_until = False

    @api.model
    def _cron_expire(self, limit=1000):
        """Surveys whose answer period is over: unanswered ones expire; a
        pending comment request ends."""
        now = fields.Datetime.now()
        surveys = self.sudo().search([("state", "in", ("sent", "answered")),
                                      ("deadline", "<=", now)],
                                     order="deadline, id", limit=limit)
        surveys._expire()
        surveys.write({"deadline": False})
        return surveys
