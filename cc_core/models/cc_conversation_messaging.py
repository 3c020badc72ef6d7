# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What happens to a conversation when messages come and go."""
from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.sql_db import Cursor

from ..services import phone as phone_service
from .cc_webhook_receipt import DuplicateItem


def _seed_transaction_now(cr, now):
    """Give the cursor the transaction's ``now() at time zone 'UTC'`` read
    by a statement it ran anyway, so ``cr.now()`` (create and write dates)
    does not ask for it again: the same value, one query less. Only a real
    cursor (a test cursor keeps its own), only while it has none yet."""
    if type(cr) is Cursor and cr._now is None:  # noqa: E721 - exact class
        cr._now = now


class CcConversationMessaging(models.Model):
    _inherit = "cc.conversation"

    def _check_channel_rules(self, body, attachments, message_type):
        """Refuse, before queueing, what the channel cannot deliver."""
        self.ensure_one()
        connector = self.sudo().connector_id
        if self.is_opted_out:
            channels = dict(connector._fields["channel_kind"]._description_selection(
                self.env))
            raise UserError(_("%(customer)s opted out of %(channel)s messages: "
                              "nothing can be sent.", customer=self.name,
                              channel=channels[connector.channel_kind]))
        limits = connector._limits()
        if body and len(body) > limits.max_length:
            raise UserError(_("The message is %(length)s characters long; this "
                              "channel accepts at most %(max)s.",
                              length=len(body), max=limits.max_length))
        for attachment in attachments:
            if not limits.accepts_mimetype(attachment.mimetype):
                raise UserError(_("%(name)s (%(type)s) cannot be sent on this "
                                  "channel.", name=attachment.name,
                                  type=attachment.mimetype))
        connector._provider()._check_can_send(self, message_type)

    def _on_outbound(self, messages):
        """Timestamps after the agent queued messages: the customer is answered."""
        self.ensure_one()
        now = fields.Datetime.now()
        last = messages[-1:]
        self.write({
            "last_outbound_date": now,
            "last_message_date": now,
            "first_unanswered_date": False,
            "unread_count": 0,
            "last_message_preview": last._text_preview(),
            "last_message_type": last.message_type,
        })
        self._notify_new_message(last)

    # Fields the inbound hot path reads back from its UPDATE ... RETURNING.
    # (``last_agent_id`` and ``stage_id``: what reopening a closed one reads.)
    _INBOUND_RETURNING = ("state", "cycle", "agent_id", "team_id", "connector_id",
                          "company_id", "channel_kind", "customer_name",
                          "customer_user_id", "unread_count", "last_agent_id",
                          "stage_id")
    _INBOUND_WRITTEN = ("last_inbound_date", "last_message_date", "last_message_preview",
                        "last_message_type", "unread_count", "first_unanswered_date")

    def _touch_inbound(self, connector, address_key, date, preview, message_type="text"):
        """Count a customer message in its conversation, found by address key.

        One ``UPDATE ... RETURNING`` finds the conversation and moves its
        timestamps, preview and unread counter (incremented in SQL, so two
        concurrent messages never lose a count); the returned columns are put
        in the record cache so the rest of the inbound path reads nothing.
        Returns the conversation, or an empty recordset when there is none.
        """
        return self._touch_inbound_storing(connector, address_key, date, preview,
                                           message_type)[0]

    def _touch_inbound_storing(self, connector, address_key, date, preview,
                               message_type="text", message_vals=None):
        """``_touch_inbound`` that also stores the customer's message
        (``message_vals``, without the conversation's values) in the same
        statement when the conversation is not closed (a closed one is
        reopened first, so the caller creates it then) and the ORM need not
        (``cc.message._cc_sql_columns``). Returns ``(conversation,
        message)``, each possibly empty."""
        Message = self.env["cc.message"].sudo()
        # Nothing pending may be overwritten by (or missing from) the SQL.
        self.flush()
        columns = ", ".join(self._INBOUND_RETURNING)
        params = {"date": date, "preview": preview, "message_type": message_type,
                  "uid": self.env.uid, "connector_id": connector.id, "key": address_key}
        stored_vals, message_columns = None, None
        if message_vals is not None:
            stored_vals, message_columns = Message._cc_sql_columns(
                message_vals, params, "cc_msg_")
        # The item's duplicate check, when left to this statement
        # (``cc.inbound._process_item``): the receipt's INSERT comes first
        # and the conversation is touched only if it inserted a row.
        claim = self.env.context.get("cc_pending_claim")
        claim_ctes = None
        if claim is not None and claim.claimed is None:
            claim_ctes = self.env["cc.webhook.receipt"]._claim_sql(claim, params)
        query = """
            UPDATE cc_conversation
               SET last_message_preview = CASE
                       WHEN last_message_date IS NULL OR last_message_date <= %(date)s
                       THEN %(preview)s ELSE last_message_preview END,
                   last_message_type = CASE
                       WHEN last_message_date IS NULL OR last_message_date <= %(date)s
                       THEN %(message_type)s ELSE last_message_type END,
                   last_inbound_date = GREATEST(last_inbound_date, %(date)s),
                   last_message_date = GREATEST(last_message_date, %(date)s),
                   first_unanswered_date = COALESCE(first_unanswered_date, %(date)s),
                   unread_count = COALESCE(unread_count, 0) + 1,
                   write_uid = %(uid)s,
                   write_date = now() at time zone 'UTC'
             WHERE connector_id = %(connector_id)s AND address_key = %(key)s
             """ + ("AND EXISTS (SELECT 1 FROM cc_receipt)" if claim_ctes else "") + """
         RETURNING id, now() at time zone 'UTC' AS cc_now, """ + columns
        if message_columns is not None or claim_ctes:
            ctes = [claim_ctes] if claim_ctes else []
            ctes.append("conv AS (" + query + ")")
            if message_columns is not None:
                ctes.append("cc_msg AS (" + Message._cc_sql_insert(message_columns)
                            + " WHERE conv.state != 'done' RETURNING id)")
            query = "WITH " + ", ".join(ctes) + " SELECT conv.*, " + (
                "(SELECT id FROM cc_msg)" if message_columns is not None else "NULL")
            if claim_ctes:
                # one row even without a conversation: the claim's answer
                query += (", (SELECT id FROM cc_receipt)"
                          " FROM (SELECT 1) AS one LEFT JOIN conv ON TRUE")
            else:
                query += " FROM conv"
        self.env.cr.execute(query, params)
        row = self.env.cr.fetchone()
        if claim_ctes:
            claim.claimed = bool(row[-1])
            if not claim.claimed:
                raise DuplicateItem()
            row = row[:-1] if row[0] else None
        if not row:
            return self.browse(), Message.browse()
        conversation = self.browse(row[0])
        _seed_transaction_now(self.env.cr, row[1])
        conversation.invalidate_cache(list(self._INBOUND_WRITTEN), conversation.ids)
        for name, value in zip(self._INBOUND_RETURNING, row[2:]):
            field = self._fields[name]
            self.env.cache.set(conversation, field,
                               field.convert_to_cache(value, conversation, validate=False))
        conversation.modified(list(self._INBOUND_WRITTEN))
        message = Message.browse()
        if message_columns is not None and row[-1]:
            message = Message.browse(row[-1])._cc_sql_created(
                stored_vals, conversation, row[1])
        return conversation, message

    def _on_inbound(self, message, created=False, reopened=False):
        """Routing after a customer message (counters: ``_touch_inbound``)."""
        self.ensure_one()
        if created and not reopened:
            self._auto_assign()
        self._notify_new_message(message)

    def _notify_new_message(self, message):
        """The owner hears about the message; a queued one goes to the queue."""
        payload = dict(self._bus_payload(), message_id=message.id,
                       direction=message.direction)
        self._send_bus_to_audience(self.agent_id, not self.agent_id, "cc.message/new",
                                   payload)

    def _on_delivery_problem(self, message):
        self.sudo().write({
            "has_failed_message": True,
            "last_failure_reason": message.failure_reason,
        })

    def _learn_address(self, address):
        """Keep the spelling the provider confirmed (e.g. WhatsApp wa_id)."""
        e164 = phone_service.to_e164(address)
        if e164 and e164 != self.address and \
                phone_service.ninth_digit_key(e164) == self.address_key:
            self.sudo().write({"address": e164})

    def action_open_composer(self):
        self.ensure_one()
        self._check_can_send()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send a message"),
            "res_model": "cc.message.compose",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    def action_clear_failure(self):
        self.write({"has_failed_message": False, "last_failure_reason": False})
        return True
