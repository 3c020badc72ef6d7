# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The triage bot in a conversation.

A customer writing to a new or closed conversation of a connector (or team)
with a bot flow meets the bot before routing: the conversation's state is
``bot`` (routing, the queue and the SLA only look at ``new`` and
``current``), every bot message is an ordinary outbound message (author
"Bot", through the outbox) and every step an event row. The bot hands over
(state ``new``, routed at once) on the option that says so, on words asking
for a person, after too many answers it does not understand, when its
message cap is reached, after a timeout (cron), and whenever it cannot talk
(opt-out, quiet hours, a channel that refuses free text). An agent taking
the conversation stops it at once.

The same inbound delivered twice never reaches the bot twice: the webhook
receipt and the unique provider message id make the second one a duplicate,
and the bot runs in the same savepoint as the message it answers.
"""
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import bot_engine

_logger = logging.getLogger(__name__)

_BOT_CLEARED = {"bot_node_id": False, "bot_option_id": False}


class CcConversationBot(models.Model):
    _inherit = "cc.conversation"

    state = fields.Selection(
        selection_add=[("bot", "With the bot"), ("new",)],
        ondelete={"bot": lambda records: records.write({"state": "new"})})
    bot_flow_id = fields.Many2one("cc.bot.flow", string="Bot flow", readonly=True,
                                  index=True, ondelete="set null",
                                  help="The bot flow of the current or last bot "
                                  "session.")
    bot_node_id = fields.Many2one("cc.bot.node", string="Bot menu", readonly=True,
                                  ondelete="set null")
    bot_option_id = fields.Many2one(
        "cc.bot.option", string="Bot question", readonly=True, ondelete="set null",
        help="The option whose question waits for the customer's answer.")
    bot_invalid_count = fields.Integer(readonly=True)
    bot_message_count = fields.Integer(readonly=True)
    bot_last_date = fields.Datetime(readonly=True,
                                    help="Last exchange with the bot (timeout).")
    bot_answer_ids = fields.One2many("cc.bot.answer", "conversation_id",
                                     string="Answers to the bot")

    def write(self, vals):
        leaving = self.browse()
        if vals.get("state") and vals["state"] != "bot":
            vals = dict(_BOT_CLEARED, **vals)
            if not self.env.context.get("cc_bot_ending"):
                leaving = self.filtered(lambda c: c.state == "bot")
        result = super().write(vals)
        for conversation in leaving.sudo():
            conversation._log_event("bot_stopped",
                                    note=_("An agent took over from the bot."))
        return result

    def _reopen_values(self):
        # As ``write`` does when the state becomes anything but bot.
        return dict(super()._reopen_values(),
                    **{name: value or None for name, value in _BOT_CLEARED.items()})

    # ------------------------------------------------------------------
    # Start
    # ------------------------------------------------------------------
    def _auto_assign(self, exclude_agents=None):
        """A customer writing to a new or reopened conversation meets the bot
        first (``cc_bot_start``: set by the inbound pipeline only)."""
        if self.env.context.get("cc_bot_start") and self.state == "new" \
                and not self.agent_id and not self.is_snoozed and self._bot_start():
            return self.env["cc.agent"].sudo()
        return super()._auto_assign(exclude_agents=exclude_agents)

    def _bot_flow_for(self, at=None):
        """The flow that greets now: the connector's, else the team's; the
        out-of-hours one when the team is closed."""
        self.ensure_one()
        Flow = self.env["cc.bot.flow"]
        connector, team = self.connector_id.sudo(), self.team_id.sudo()
        source = connector if (connector.bot_flow_id
                               or connector.bot_flow_out_of_hours_id) else team
        if not source or not (source.bot_flow_id or source.bot_flow_out_of_hours_id):
            return Flow
        is_open = not team or team._cc_is_open(at)
        flow = source.bot_flow_id if is_open else source.bot_flow_out_of_hours_id
        flow = flow.sudo()
        if not flow.active or flow.company_id != self.company_id:
            return Flow
        return flow

    def _bot_can_talk(self):
        """The bot may send now: not opted out, no quiet hours, free text
        accepted (e.g. an open WhatsApp window)."""
        self.ensure_one()
        conversation = self.sudo()
        if conversation.is_opted_out:
            return False
        connector = conversation.connector_id
        if connector._provider()._next_send_window(connector, fields.Datetime.now()):
            return False
        try:
            conversation._check_channel_rules("", self.env["ir.attachment"], "text")
        except Exception as error:  # noqa: B902 - a refusal means "cannot talk"
            _logger.info("Conversation %s: the bot cannot talk (%s)", self.id,
                         type(error).__name__)
            return False
        return True

    def _bot_start(self):
        """Greet with the flow's first menu; False when no bot may run."""
        self.ensure_one()
        flow = self._bot_flow_for()
        if not flow or not self._bot_can_talk():
            return False
        definition = flow._bot_definition()
        step = bot_engine.start(definition)
        if step.end:
            return False
        conversation = self.sudo()
        conversation.write(dict(
            _BOT_CLEARED, state="bot", bot_flow_id=flow.id, bot_invalid_count=0,
            bot_message_count=0, bot_last_date=fields.Datetime.now()))
        conversation._log_event("bot_started", note=flow.name)
        conversation._bot_apply(flow, step)
        return True

    # ------------------------------------------------------------------
    # Answers
    # ------------------------------------------------------------------
    def _on_inbound(self, message, created=False, reopened=False):
        was_with_bot = self.state == "bot" and not created and not reopened
        result = super()._on_inbound(message, created=created, reopened=reopened)
        if was_with_bot:
            self.sudo()._bot_on_message(message)
        return result

    def _bot_state(self):
        return bot_engine.State(
            str(self.bot_node_id.id) if self.bot_node_id else None,
            str(self.bot_option_id.id) if self.bot_option_id else None,
            self.bot_invalid_count, self.bot_message_count)

    def _bot_on_message(self, message):
        """The customer answered the bot."""
        self.ensure_one()
        flow = self.bot_flow_id
        if message.body and self.env["cc.inbound"]._is_opt_out_keyword(message.body):
            return self._bot_handover(_("The customer opted out."))
        if not flow or not flow.active:
            return self._bot_handover(_("The bot flow is no longer active."))
        if message.message_type == "reaction":
            return False  # an emoji on a bot message is not an answer
        if message.message_type not in ("text", "interactive"):
            text = None  # a photo or an audio is not an answer the bot reads
        else:
            text = message.body
        step = bot_engine.answer(flow._bot_definition(), self._bot_state(), text,
                                 message.interactive_reply_id or None)
        return self._bot_apply(flow, step)

    # ------------------------------------------------------------------
    # Applying a step
    # ------------------------------------------------------------------
    def _bot_apply(self, flow, step):
        """Record, send and move on as ``step`` says."""
        self.ensure_one()
        Option = self.env["cc.bot.option"].sudo()
        option = Option.browse(int(step.chosen)) if step.chosen else Option
        if option:
            self._log_event("bot_step", note=_("Chose: %(option)s", option=option.title))
            self._bot_apply_option(option)
        if step.answer:
            label, value = step.answer
            self.env["cc.bot.answer"].sudo().create({
                "conversation_id": self.id, "name": label, "value": value,
                "cycle": self.cycle})
            self._log_event("bot_step", note="%s: %s" % (label, value))
        if step.invalid:
            self._log_event("bot_step", note=_("Answer not understood (%(count)s).",
                                               count=step.state.invalid_count))
        self.write({
            "bot_node_id": int(step.state.node) if step.state.node else False,
            "bot_option_id": int(step.state.option) if step.state.option else False,
            "bot_invalid_count": step.state.invalid_count,
            "bot_message_count": step.state.message_count,
            "bot_last_date": fields.Datetime.now(),
        })
        if step.replies and not self._bot_send_all(step.replies, option):
            return self._bot_handover(_("The bot cannot write to the customer now."))
        if step.end == bot_engine.CLOSE:
            return self._bot_close(option)
        if step.end == bot_engine.HANDOVER:
            return self._bot_handover(self._bot_reason_label(step.reason),
                                      team=option.team_id if option else None)
        return True

    def _bot_apply_option(self, option):
        vals = {}
        if option.tag_ids:
            vals["tag_ids"] = [(4, tag.id) for tag in option.tag_ids]
        if option.priority:
            vals["priority"] = option.priority
        if vals:
            self.write(vals)

    def _bot_reason_label(self, reason):
        return {
            bot_engine.REASON_OPTION: _("The customer chose to talk to an agent."),
            bot_engine.REASON_KEYWORD: _("The customer asked for a person."),
            bot_engine.REASON_INVALID: _("Too many answers the bot did not understand."),
            bot_engine.REASON_CAP: _("The bot reached its message cap."),
            bot_engine.REASON_BROKEN: _("The bot flow has no menu to show."),
        }.get(reason, _("Handed over by the bot."))

    def _bot_values(self):
        return {"author_id": self.env.ref("cc_core.user_cc_bot").id,
                "is_automatic": True, "auto_kind": "bot"}

    def _bot_send_all(self, replies, option):
        """Queue the step's messages; False (nothing queued) when the bot
        cannot talk."""
        if not self._bot_can_talk():
            return False
        Message = self.env["cc.message"].sudo()
        conversation = self.sudo()
        values = self._bot_values()
        for reply in replies:
            if reply.kind == "options":
                Message._queue_options(conversation, reply.text, list(reply.options),
                                       values=dict(values))
            elif reply.kind == "reply":
                template = option.template_id
                body = template._render_for(conversation)
                if body.strip():
                    Message._queue_outbound(conversation, body, template=template,
                                            values=dict(values))
            elif reply.text.strip():
                Message._queue_outbound(conversation, reply.text, values=dict(values))
        return True

    # ------------------------------------------------------------------
    # End
    # ------------------------------------------------------------------
    def _bot_handover(self, note, team=None):
        """To the agents: state ``new``, routed now (the team's rules,
        business hours and queue messages apply)."""
        self.ensure_one()
        conversation = self.sudo().with_context(cc_bot_ending=True, cc_bot_start=False)
        vals = {"state": "new",
                "first_unanswered_date": conversation.last_inbound_date
                or fields.Datetime.now()}
        if team:
            vals["team_id"] = team.id
        conversation.write(vals)
        conversation._log_event("bot_handover", note=note, team=team or None)
        conversation._auto_assign()
        return True

    def _bot_close(self, option):
        self.ensure_one()
        conversation = self.sudo().with_context(cc_bot_ending=True, cc_bot_start=False)
        if option.close_message and option.close_message.strip() \
                and conversation._bot_can_talk():
            self.env["cc.message"].sudo()._queue_outbound(
                conversation, option.close_message, values=self._bot_values())
        conversation._log_event("bot_step", note=_("Closed by the bot."))
        conversation.action_close()
        return True

    # ------------------------------------------------------------------
    # Agents and crons
    # ------------------------------------------------------------------
    def action_take(self):
        """An agent takes over: the bot stops at once."""
        self.ensure_one()
        if self.state == "bot":
            self.flush()
            state, _agent_id = self._lock_for_assignment()
            if state == "bot":
                self.sudo().write({"state": "new"})
                self.flush()
        return super().action_take()

    def _check_can_send(self):
        """Nobody writes beside the bot (supervisors included): take it over
        first. The bot itself sends as superuser."""
        if self.state == "bot" and not self.env.su:
            raise UserError(_("The bot is talking to this customer: take the "
                              "conversation over to answer."))
        return super()._check_can_send()

    @api.model
    def _cron_bot_timeout(self, limit=500):
        """Customers silent with the bot for longer than the flow's timeout
        go to the queue."""
        now = fields.Datetime.now()
        waiting = self.sudo().search([("state", "=", "bot")], order="bot_last_date, id",
                                     limit=limit)
        timed_out = waiting.filtered(lambda c: (c.bot_last_date or now) + timedelta(
            minutes=c.bot_flow_id.timeout_minutes or 30) <= now)
        for conversation in timed_out:
            try:
                with self.env.cr.savepoint():
                    conversation._bot_handover(_("The customer did not answer the "
                                                 "bot in time."))
            except Exception:  # noqa: B902 - one conversation must not stop the others
                _logger.exception("Bot timeout of conversation %s failed",
                                  conversation.id)
        return timed_out
