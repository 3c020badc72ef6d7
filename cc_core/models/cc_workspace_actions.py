# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace's actions on a conversation, and starting a new one.

Each action calls the conversation's lifecycle (take, release, transfer,
close, reopen...) or the message's retry actions: the same rules and events
as the form view. The answer is the refreshed row and panel.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..services import phone as phone_service

ACTIONS = ("take", "release", "close", "reopen", "mark_read", "transfer",
           "set_stage", "set_priority", "set_tags", "set_note", "link_partner",
           "create_partner", "retry", "retry_anyway", "retry_download", "snooze",
           "wake_up", "ask_supervisor", "sandbox_reply", "sandbox_image",
           "sandbox_reaction", "sandbox_fail_next")
EDIT_ACTIONS = ("set_stage", "set_priority", "set_tags", "set_note", "link_partner",
                "create_partner")


class CcWorkspaceActions(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def workspace_action(self, conversation_id, action, **kw):
        if action not in ACTIONS:
            raise UserError(_("Unknown action: %(action)s", action=action))
        conversation = self._check_conversation(conversation_id)
        if action in EDIT_ACTIONS:
            conversation._check_owner_or_supervisor()
        getattr(self, "_action_%s" % action)(conversation, **kw)
        return self._action_result(conversation)

    @api.model
    def _action_result(self, conversation):
        """Row and panel after the action; both False when the caller can no
        longer read the conversation (e.g. he transferred it away)."""
        try:
            data = self._conversation_data(conversation.id)
        except AccessError:
            return {"row": False, "panel": False}
        return {"row": self._rows_by_ids([conversation.id])[0],
                "panel": self._panel(data, self._me_data())}

    # ------------------------------------------------------------------
    # Lifecycle
    # ------------------------------------------------------------------
    @api.model
    def _action_take(self, conversation):
        conversation.action_take()

    @api.model
    def _action_release(self, conversation):
        conversation.action_release()

    @api.model
    def _action_close(self, conversation):
        conversation.action_close()

    @api.model
    def _action_reopen(self, conversation):
        conversation.action_reopen()

    @api.model
    def _action_snooze(self, conversation, until=False):
        """Until a date (UTC, server format) or, without one, the customer's
        next message."""
        conversation.action_snooze(until=until or False)

    @api.model
    def _action_wake_up(self, conversation):
        conversation.action_wake_up()

    @api.model
    def _action_mark_read(self, conversation):
        """Only the owner marks read: a supervisor watching never does."""
        if conversation.agent_id.user_id == self.env.user:
            conversation.action_mark_read()

    @api.model
    def _action_transfer(self, conversation, agent_id=False, team_id=False, note=False):
        agent = self.env["cc.agent"].browse(int(agent_id)).exists() if agent_id \
            else self.env["cc.agent"]
        team = self.env["cc.team"].browse(int(team_id)).exists() if team_id \
            else self.env["cc.team"]
        if not agent and not team:
            raise UserError(_("Choose the agent or the team to transfer to."))
        conversation._transfer(agent=agent or None, team=team or None,
                               reason=(note or "").strip() or None)

    @api.model
    def _action_ask_supervisor(self, conversation):
        if not conversation._ask_supervisor():
            raise UserError(_("You already asked: a supervisor has your request "
                              "for this conversation."))

    # ------------------------------------------------------------------
    # Sandbox simulations (the conversation's checks: supervisors only)
    # ------------------------------------------------------------------
    @api.model
    def _action_sandbox_reply(self, conversation):
        conversation.action_sandbox_customer_reply()

    @api.model
    def _action_sandbox_image(self, conversation):
        conversation.action_sandbox_inbound_image()

    @api.model
    def _action_sandbox_reaction(self, conversation):
        conversation.action_sandbox_customer_reaction()

    @api.model
    def _action_sandbox_fail_next(self, conversation):
        conversation.action_sandbox_fail_next()

    # ------------------------------------------------------------------
    # Editing
    # ------------------------------------------------------------------
    @api.model
    def _action_set_stage(self, conversation, stage_id):
        stage = self.env["cc.stage"].browse(int(stage_id)).exists()
        if not stage:
            raise UserError(_("This stage no longer exists."))
        conversation.write({"stage_id": stage.id})

    @api.model
    def _action_set_priority(self, conversation, priority):
        if str(priority) not in dict(conversation._fields["priority"].selection):
            raise UserError(_("Unknown priority: %(priority)s", priority=priority))
        conversation.write({"priority": str(priority)})

    @api.model
    def _action_set_tags(self, conversation, tag_ids):
        tags = self.env["cc.tag"].browse([int(t) for t in tag_ids or []]).exists()
        conversation.write({"tag_ids": [(6, 0, tags.ids)]})

    @api.model
    def _action_set_note(self, conversation, note):
        conversation.write({"note": note or False})

    @api.model
    def _action_link_partner(self, conversation, partner_id):
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        if not partner:
            raise UserError(_("This contact no longer exists."))
        partner.check_access_rule("read")
        conversation.write({"partner_id": partner.id})

    @api.model
    def _action_create_partner(self, conversation):
        conversation.action_create_partner()

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------
    @api.model
    def _message_of(self, conversation, message_id):
        message = self.env["cc.message"].browse(int(message_id or 0)).exists()
        if not message or message.conversation_id != conversation:
            raise UserError(_("This message is not in this conversation."))
        message.check_access_rule("read")
        return message

    @api.model
    def _action_retry(self, conversation, message_id):
        message = self._message_of(conversation, message_id)
        if message.state != "failed":
            raise UserError(_("Only failed messages can be retried."))
        message.action_retry()

    @api.model
    def _action_retry_anyway(self, conversation, message_id):
        message = self._message_of(conversation, message_id)
        if message.state != "unknown":
            raise UserError(_("Only messages whose delivery is unknown can be "
                              "retried anyway."))
        message.action_retry()

    @api.model
    def _action_retry_download(self, conversation, message_id):
        self._message_of(conversation, message_id).action_retry_media()

    # ------------------------------------------------------------------
    # New conversation
    # ------------------------------------------------------------------
    @api.model
    def workspace_new_conversation(self, connector_id, partner_id=False, number=False):
        """Start (or find) the conversation with a partner or a typed number on
        a connector the caller works, held by the caller."""
        me = self._me_data()
        connector = self.env["cc.connector"].browse(int(connector_id or 0)).exists()
        if not connector or connector.id not in [c["id"] for c in me["connectors"]]:
            raise UserError(_("You may not start conversations on this connector."))
        partner = self.env["res.partner"]
        if partner_id:
            partner = partner.browse(int(partner_id)).exists()
            if not partner:
                raise UserError(_("This contact no longer exists."))
            partner.check_access_rule("read")
        raw = number or partner.mobile or partner.phone
        if not raw:
            raise UserError(_("%(name)s has no phone number: type the number.",
                              name=partner.display_name))
        region = partner.country_id.code or phone_service.DEFAULT_REGION
        e164 = phone_service.to_e164(raw, region)
        if not e164:
            raise UserError(_("%(number)s is not a valid phone number.", number=raw))
        agent = self.env["cc.agent"].sudo().browse(me["agent_id"])
        if not agent:
            raise UserError(_("You are not a Contact Center agent."))
        values = {"partner_id": partner.id} if partner else {}
        conversation, _created = self.env["cc.conversation"].sudo()._find_or_create(
            connector.sudo(), e164, values)
        if conversation.state == "done":
            conversation._reopen(_("Started again by %(user)s.",
                                   user=self.env.user.name))
        if conversation.agent_id != agent:
            if conversation.state == "current" and not me["is_supervisor"]:
                raise UserError(_("This conversation is handled by %(agent)s.",
                                  agent=conversation.agent_id.name))
            conversation._assign(agent, "taken", by_agent=agent)
        if partner and not conversation.partner_id:
            conversation.partner_id = partner
        return {"conversation_id": conversation.id,
                "row": self._rows_by_ids([conversation.id])[0]}
