# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending from the workspace's composer.

The same path as the composer wizard (signature, channel rules, outbox):
the message is created ``queued`` and the outbox cron triggered; the click
never waits on a provider. A refused send raises a UserError with the
reason and creates nothing.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

UUID_MAX_LENGTH = 64


class CcWorkspacePost(models.AbstractModel):
    _inherit = "cc.workspace"

    @api.model
    def _post_attachments(self, conversation, attachment_ids):
        """Uploaded files the caller may send on this conversation: his own
        uploads on it (``/web/binary/upload_attachment``)."""
        if not attachment_ids:
            return self.env["ir.attachment"]
        attachments = self.env["ir.attachment"].sudo().browse(
            [int(i) for i in attachment_ids]).exists()
        for attachment in attachments:
            if attachment.res_model != "cc.conversation" or \
                    attachment.res_id != conversation.id or \
                    attachment.create_uid.id != self.env.uid:
                raise AccessError(_("%(name)s was not uploaded by you on this "
                                    "conversation.", name=attachment.name))
        if len(attachments) != len(set(attachment_ids)):
            raise UserError(_("An attached file no longer exists: attach it again."))
        return attachments

    @api.model
    def _quoted(self, reply_to_id):
        """The message an agent quotes (must be readable by him; the outbox
        checks it belongs to the conversation)."""
        quoted = self.env["cc.message"].browse(int(reply_to_id or 0))
        if quoted:
            quoted.check_access_rights("read")
            quoted.check_access_rule("read")
        return quoted

    @api.model
    def _check_client_uuid(self, client_uuid):
        if client_uuid and (not isinstance(client_uuid, str)
                            or len(client_uuid) > UUID_MAX_LENGTH):
            raise UserError(_("Invalid message identifier."))

    @api.model
    def _sent_result(self, conversation, messages):
        """``{"message", "messages", "row"}`` for queued messages."""
        page = self._messages_by_ids(messages.ids)
        return {
            "message": page[0] if page else False,
            "messages": page,
            "row": self._rows_by_ids([conversation.id])[0],
        }

    @api.model
    def _messages_by_ids(self, ids):
        from_clause, where_clause, params = self._rule_sql(
            "cc.message", [("id", "in", list(ids))])
        rows = self._fetch_dicts(self._message_sql(
            "SELECT cc_message.id FROM %s WHERE %s" % (from_clause, where_clause)),
            params)
        return [self._message(row) for row in rows]

    @api.model
    def workspace_post(self, conversation_id, body="", attachment_ids=None,
                       reply_to_id=False, client_uuid=False):
        conversation = self._check_conversation(conversation_id)
        self._check_client_uuid(client_uuid)
        if client_uuid:
            existing = self.env["cc.message"]._by_client_uuid(client_uuid)
            if existing:
                if existing.conversation_id != conversation:
                    raise UserError(_("Invalid message identifier."))
                messages = existing | existing.search([
                    ("conversation_id", "=", conversation.id),
                    ("author_id", "=", self.env.uid),
                    ("id", ">", existing.id),
                    ("create_date", "=", existing.create_date),
                ])
                return self._sent_result(conversation, messages)
        attachments = self._post_attachments(conversation, attachment_ids or [])
        messages = self.env["cc.message"]._queue_outbound(
            conversation, self.env["cc.agent"]._signed(body, conversation.channel_kind),
            attachments,
            reply_to=self._quoted(reply_to_id),
            values={"client_uuid": client_uuid} if client_uuid else None)
        return self._sent_result(conversation, messages)

    @api.model
    def workspace_sms_info(self, conversation_id, body=""):
        """Live SMS counter under the composer: SMS connector addons answer;
        False when the conversation's channel has none."""
        self._check_conversation(conversation_id)
        return False
