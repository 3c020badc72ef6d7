# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An agent who may not answer a conversation asks the supervisors for help
(e.g. to have it transferred to him): a pop-up for each supervisor and one
"Help requested" activity on the conversation, once per open request."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

HELP_ACTIVITY_TYPE = "cc_core.mail_activity_type_cc_help"


class CcConversationHelp(models.Model):
    _inherit = "cc.conversation"

    def _help_supervisors(self):
        """The conversation's team supervisors, else its connector's team's,
        else every Contact Center supervisor of the company."""
        self.ensure_one()
        conversation = self.sudo()
        users = conversation.team_id.supervisor_user_ids \
            or conversation.connector_id.team_id.supervisor_user_ids
        if not users:
            group = self.env.ref("cc_core.group_cc_supervisor")
            users = group.sudo().users.filtered(
                lambda u: not u.share and conversation.company_id in u.company_ids)
        return users.filtered(lambda u: u.active and u != self.env.user)

    def _open_help_request(self, user):
        self.ensure_one()
        return self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("activity_type_id", "=", self.env.ref(HELP_ACTIVITY_TYPE).id),
            ("create_uid", "=", user.id)], limit=1)

    def _ask_supervisor(self):
        """Notify the supervisors once per open request; True when this call
        asked, False when the caller's earlier request is still open."""
        self.ensure_one()
        self.env["cc.workspace"]._check_conversation(self.id)  # may he read it
        requester = self.env.user
        if self._open_help_request(requester):
            return False
        supervisors = self._help_supervisors()
        if not supervisors:
            raise UserError(_("No supervisor to ask: ask your administrator to "
                              "name the supervisors of the team."))
        summary = _("Help requested by %(user)s", user=requester.name)
        # sudo: the requester may read the conversation, not write on it; the
        # activity is created on his behalf (create_uid stays him).
        self.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
            HELP_ACTIVITY_TYPE, date_deadline=fields.Date.context_today(self),
            summary=summary, user_id=supervisors[0].id)
        self._send_help_popups(requester, supervisors)
        return True

    def _send_help_popups(self, requester, supervisors):
        """A sticky pop-up in each supervisor's web client, in his language,
        and the Inbox refreshes the conversation."""
        notifications = []
        for supervisor in supervisors:
            conversation = self.with_context(lang=supervisor.lang or "en_US")
            notifications.append((supervisor.partner_id, "simple_notification", {
                "title": conversation._help_popup_title(),
                "message": conversation._help_popup_message(requester),
                "sticky": True,
                "warning": True,
            }))
            notifications.append((supervisor.partner_id, "cc.conversation/help_requested",
                                  dict(self.sudo()._bus_payload(), event="help_requested")))
        self.env["bus.bus"].sudo()._cc_sendmany(notifications)

    @api.model
    def _help_popup_title(self):
        return _("Help requested")

    def _help_popup_message(self, requester):
        return _("%(user)s asks for help with the conversation %(name)s on "
                 "%(connector)s.", user=requester.name,
                 name=self.sudo().name or self.sudo().address,
                 connector=self.sudo().connector_id.name)
