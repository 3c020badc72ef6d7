# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction: the question when a conversation closes, the
answer without reopening it.

On close (``action_close``: the agent, a supervisor, a closing stage, the
auto-close cron) a team that collects satisfaction surveys the cycle once,
if an agent answered the customer in it. The question goes on the same
channel as a question with options (numbered text on SMS, a list on
WhatsApp); outside a messaging window (WhatsApp's 24 hours) the connector
addon may send an approved template instead (``_csat_queue_outside_window``),
otherwise the survey is kept as not sent, with the reason. Never sent to a
customer who opted out, nor when the connector is in quiet hours (a short
wait, e.g. a rate limit, is fine: the outbox holds it).

While a survey waits (``csat_pending_until``), the inbound pipeline asks
``_csat_answer_for`` before reopening the closed conversation: a rating (or
the comment asked for) is stored on the survey and in the conversation's
history, and the conversation stays closed. Anything else reopens it as usual
and ends the survey unanswered.
"""
import logging
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..services import csat as csat_service
from .cc_conversation_snooze import CcConversationSnooze

_logger = logging.getLogger(__name__)

DEFAULT_QUIET_GRACE_MINUTES = 30
# Inbound message types that may carry an answer.
_ANSWER_TYPES = ("text", "interactive", "template")


class CcConversationCsat(models.Model):
    _inherit = "cc.conversation"

    csat_pending_until = fields.Datetime(
        string="Satisfaction answer awaited until", readonly=True, copy=False,
        help="Until then, the customer's answer to the satisfaction question "
        "does not reopen the conversation.")
    csat_survey_ids = fields.One2many("cc.csat.survey", "conversation_id",
                                      string="Satisfaction surveys", readonly=True)
    csat_last_rating = fields.Integer(
        string="Satisfaction", compute="_compute_csat_last_rating",
        help="The customer's latest satisfaction rating (1 to 5) on this "
        "conversation, 0 when never rated.")

    # The inbound hot path reads the pending date from its UPDATE ... RETURNING:
    # a closed conversation without a survey waiting costs no query more.
    # (Built on the snooze's tuple, which adds ``is_snoozed``: a model
    # inheriting after both must extend this one.)
    _INBOUND_RETURNING = CcConversationSnooze._INBOUND_RETURNING + (
        "csat_pending_until",)

    def _compute_csat_last_rating(self):
        # The reader's record rules apply: an agent sees his own ratings.
        surveys = self.env["cc.csat.survey"].search(
            [("conversation_id", "in", self.ids), ("state", "=", "answered")],
            order="answered_date desc, id desc")
        ratings = {}
        for survey in surveys:
            ratings.setdefault(survey.conversation_id.id, survey.rating)
        for conversation in self:
            conversation.csat_last_rating = ratings.get(conversation.id, 0)

    # ------------------------------------------------------------------
    # Close: the question
    # ------------------------------------------------------------------
    def action_close(self):
        closing = self.filtered(lambda c: c.state != "done")
        result = super().action_close()
        for conversation in closing.sudo().filtered(lambda c: c.state == "done"):
            conversation._csat_on_close()
        return result

    def _csat_on_close(self):
        """Survey the cycle that just closed (if the team asks and an agent
        answered in it)."""
        self.ensure_one()
        team = self.team_id
        if not team.csat_enabled or not self._csat_agent_answered():
            return self.env["cc.csat.survey"]
        Survey = self.env["cc.csat.survey"].sudo()
        if Survey.search_count([("conversation_id", "=", self.id),
                                ("cycle", "=", self.cycle)]):
            return Survey.browse()  # once per cycle (closed, reopened by hand...)
        survey = Survey.create({
            "conversation_id": self.id, "cycle": self.cycle, "team_id": team.id,
            "agent_id": (self.agent_id or self.last_agent_id).id,
            "connector_id": self.connector_id.id, "channel_kind": self.channel_kind,
            "company_id": self.company_id.id, "partner_id": self.partner_id.id,
        })
        self._csat_send(survey)
        return survey

    def _csat_agent_answered(self):
        """An agent (not an automatic message, not a campaign) wrote to the
        customer in the current cycle."""
        self.ensure_one()
        return bool(self.env["cc.message"].sudo().search_count([
            ("conversation_id", "=", self.id), ("cycle", "=", self.cycle),
            ("direction", "=", "outbound"), ("is_automatic", "=", False),
            ("campaign_id", "=", False), ("state", "!=", "failed"),
        ]))

    def _csat_send(self, survey):
        """Queue the question, or record why it is not sent."""
        self.ensure_one()
        self.invalidate_cache(["is_opted_out"], self.ids)  # not stored: read it now
        if self.is_opted_out:
            return survey._mark_not_sent("opted_out")
        quiet_until = self._csat_quiet_until()
        if quiet_until:
            return survey._mark_not_sent("quiet_hours", _(
                "The connector does not send until %(date)s UTC.",
                date=fields.Datetime.to_string(quiet_until)))
        customer = self.with_context(lang=survey._customer_lang())
        try:
            with self.env.cr.savepoint():
                if customer._csat_free_form_allowed():
                    message = customer._csat_queue_question(survey)
                else:
                    message = customer._csat_queue_outside_window(survey)
                    if not message:
                        return survey._mark_not_sent("no_template", _(
                            "Outside the messaging window only an approved "
                            "template can be sent, and the team has none for this "
                            "connector."))
                    survey.by_template = True
        except UserError as error:
            return survey._mark_not_sent("send_failed", str(error.args[0])[:256])
        now = fields.Datetime.now()
        deadline = now + timedelta(hours=max(1, self.team_id.csat_validity_hours))
        survey.write({"state": "sent", "question_message_id": message[:1].id,
                      "sent_date": now, "deadline": deadline})
        self.csat_pending_until = deadline
        return survey

    def _csat_quiet_until(self):
        """When the connector is in quiet hours for longer than the grace
        period: the date they end (the question is then not sent at all: a
        survey hours after the close would be out of place). A short wait
        (rate limit, quiet hours ending soon) is left to the outbox."""
        now = fields.Datetime.now()
        opens_at = self.env["cc.message"]._send_window_of(self.connector_id.sudo(), now)
        grace = int(self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.csat_quiet_grace_minutes", DEFAULT_QUIET_GRACE_MINUTES))
        if opens_at and opens_at > now + timedelta(minutes=grace):
            return opens_at
        return None

    # ------------------------------------------------------------------
    # Hooks for connector addons
    # ------------------------------------------------------------------
    def _csat_free_form_allowed(self):
        """True when the channel accepts the question as a free message now.
        Connector addons with a messaging window (WhatsApp) override this."""
        return True

    def _csat_queue_outside_window(self, survey):
        """Queue the question when free messages are refused (e.g. an approved
        WhatsApp template); return the message(s), or an empty value when the
        channel has no way: the survey is then not sent ("no template")."""
        return self.env["cc.message"]

    def _csat_question_values(self, survey):
        return {"is_automatic": True, "auto_kind": "csat", "csat_survey_id": survey.id}

    def _csat_queue_question(self, survey):
        """Queue the question with its five options (in the context's language)."""
        labels = self.env["cc.csat.survey"]._rating_labels()
        team = self.team_id.with_context(lang=self.env.lang)
        return self.env["cc.message"].sudo()._queue_options(
            self, team.csat_question, csat_service.options(labels),
            values=self._csat_question_values(survey))

    # ------------------------------------------------------------------
    # Inbound: the answer never reopens the conversation
    # ------------------------------------------------------------------
    def _csat_answer_for(self, item, body, message_type):
        """The survey waiting for this closed conversation's customer and what
        the inbound ``item`` answers (``(survey, answer)``), or ``None`` when
        the message is not an answer and the conversation reopens as usual.
        No query unless a survey waits (``csat_pending_until`` comes with the
        inbound UPDATE)."""
        self.ensure_one()
        pending = self.csat_pending_until
        if not pending or self.state != "done" or pending <= fields.Datetime.now():
            return None
        if message_type not in _ANSWER_TYPES:
            return None
        survey = self.env["cc.csat.survey"].sudo().search(
            [("conversation_id", "=", self.id), ("cycle", "=", self.cycle),
             ("state", "in", ("sent", "answered"))], limit=1)
        if not survey:
            return None
        reply_id = item.interactive_reply_id or item.button_payload or None
        answer = survey._parse_answer(body, reply_id)
        return (survey, answer) if answer else None

    def _csat_record_answer(self, survey_answer, message):
        """Store the answer ``message`` carried; the conversation stays
        closed and its unread counter as it was (the inbound UPDATE counted
        the message)."""
        self.ensure_one()
        survey, answer = survey_answer
        self.sudo().write({"unread_count": 0, "first_unanswered_date": False})
        return survey._apply_answer(answer, message)

    def _reopen(self, note=None):
        if self.csat_pending_until:
            self.env["cc.csat.survey"].sudo().search(
                [("conversation_id", "=", self.id), ("cycle", "=", self.cycle),
                 ("state", "in", ("sent", "answered"))])._expire()
        return super()._reopen(note=note)

    def _reopen_values(self):
        # No survey waits for an answer any more (expired above).
        return dict(super()._reopen_values(), csat_pending_until=None)

    # ------------------------------------------------------------------
    # Display
    # ------------------------------------------------------------------
    def action_open_csat_surveys(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_core.cc_csat_survey_action")
        action["domain"] = [("conversation_id", "=", self.id)]
        action["context"] = {}
        return action
