# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Snooze: a conversation leaves the lists until a date or the customer's
next message, then goes back to its agent if he is online, else the queue."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .cc_conversation_messaging import CcConversationMessaging


class CcConversationSnooze(models.Model):
    _inherit = "cc.conversation"

    is_snoozed = fields.Boolean(string="Snoozed", readonly=True, index=True)
    snoozed_until = fields.Datetime(readonly=True,
                                    help="Empty while snoozed: until the customer writes.")

    # The inbound path reads the flag back from its UPDATE (no extra query).
    _INBOUND_RETURNING = CcConversationMessaging._INBOUND_RETURNING + ("is_snoozed",)

    def action_snooze(self, until=False):
        """Snooze until until (datetime or string), or the customer's message."""
        until = fields.Datetime.to_datetime(until) if until else False
        if until and until <= fields.Datetime.now():
            raise UserError(_("Choose a moment in the future."))
        for conversation in self:
            conversation._check_owner_or_supervisor()
            if conversation.state == "done":
                raise UserError(_("A closed conversation cannot be snoozed."))
        agents = self.mapped("agent_id")
        for conversation in self.sudo():
            conversation.write({"is_snoozed": True, "snoozed_until": until})
            conversation._log_event(
                "snoozed", note=_("Until %(date)s", date=format_datetime(
                    self.env, until, tz=self.env.user.tz, dt_format="short"))
                if until else _("Until the customer writes"))
            conversation._notify_assignment(conversation.agent_id,
                                            conversation.agent_id, "snoozed")
        agents.sudo()._cc_drain_queue(exclude=self)
        return True

    def action_wake_up(self):
        for conversation in self.filtered("is_snoozed"):
            conversation._check_owner_or_supervisor()
            conversation.sudo()._wake_up()
        return True

    def _wake_up(self, note=None):
        """Back to its agent when he is online with a slot, else the queue."""
        self.ensure_one()
        agent = self.agent_id
        # The slot is checked while this conversation still does not count.
        keeps = bool(agent and self.state == "current" and agent.presence == "online"
                     and agent.user_id.im_status != "offline" and agent._cc_lock_slot())
        self.write({"is_snoozed": False, "snoozed_until": False})
        self._log_event("woken", agent=agent, note=note)
        if agent and self.state == "current":
            if keeps:
                self._notify_assignment(agent, agent, "woken")
                self._offer_window_paths()
                return agent
            self._release_automatically(_("Woken up while %(agent)s was away.",
                                          agent=agent.name))
            return self.agent_id
        return self._auto_assign()

    def _offer_window_paths(self):
        """Hook: the WhatsApp connector offers a template or SMS when the
        customer's window closed during the snooze (bus flag for the agent)."""
        return False

    def _on_inbound(self, message, created=False, reopened=False):
        if self.is_snoozed:
            self._wake_up(_("The customer wrote."))
        return super()._on_inbound(message, created=created, reopened=reopened)

    def action_close(self):
        snoozed = self.filtered("is_snoozed")
        result = super().action_close()
        snoozed.sudo().write({"is_snoozed": False, "snoozed_until": False})
        return result

    @api.model
    def _cron_wake_snoozed(self, limit=500):
        due = self.sudo().search([("is_snoozed", "=", True),
                                  ("snoozed_until", "!=", False),
                                  ("snoozed_until", "<=", fields.Datetime.now())],
                                 order="snoozed_until, id", limit=limit)
        for conversation in due:
            conversation._wake_up(_("Snooze ended."))
        return due
