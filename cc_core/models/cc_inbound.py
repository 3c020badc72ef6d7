# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Turn parsed provider items into conversations, messages and states.

Runs as the technical user ``cc_core.user_cc_webhook`` (least privilege),
one savepoint per item.
"""
import logging
from contextlib import nullcontext

import psycopg2

from odoo import _, api, fields, models

from ..services import phone as phone_service
from ..services import text as text_service
from ..services.types import InboundMessage, OptOut, StatusUpdate
from .cc_webhook_event import ItemFailure
from .cc_webhook_receipt import DuplicateItem, PendingClaim

_logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 65536


class CcInbound(models.AbstractModel):
    _name = "cc.inbound"
    _description = "Contact Center Inbound Processing"

    @api.model
    def _process_item(self, connector, item, webhook_event, isolate=True,
                      mark_processed=False):
        """Process one item: 'ok', 'duplicate' or an ``ItemFailure``.

        With ``isolate`` the item runs in its own savepoint; without, the
        caller rolls the transaction back when a failure is returned. A
        database or network error is transient (retried); anything else means
        the item itself cannot be processed (permanent). ``mark_processed``
        (only without ``isolate``): the receipt's claim also records the
        event as processed (see ``cc.webhook.receipt._claim``).
        """
        Receipt = self.env["cc.webhook.receipt"]
        try:
            with self.env.cr.savepoint() if isolate else nullcontext():
                if item.event_id and not isolate and isinstance(item, InboundMessage):
                    # Claimed by the inbound path's first statement (one
                    # round trip less), before anything is written.
                    claim = PendingClaim(connector, item.event_id, webhook_event,
                                         mark_processed)
                    self.with_context(cc_pending_claim=claim)._dispatch(
                        connector.with_context(cc_pending_claim=claim), item)
                    if claim.claimed is None:
                        raise RuntimeError("inbound message processed without its "
                                           "duplicate check")
                else:
                    if item.event_id and not Receipt._claim(
                            connector, item.event_id, webhook_event,
                            mark_processed=mark_processed and not isolate):
                        return "duplicate"
                    self._dispatch(connector, item)
                if not isolate:
                    self.env["base"].flush()
            return "ok"
        except DuplicateItem:
            return "duplicate"
        except Exception as error:  # noqa: B902 - one bad item must not lose the others
            _logger.warning("Webhook event %s: item %s failed: %s",
                            webhook_event.id, item.event_id, type(error).__name__)
            transient = isinstance(error, (psycopg2.Error, OSError))
            return ItemFailure("%s: %s" % (item.event_id, error), transient)

    @api.model
    def _dispatch(self, connector, item):
        if isinstance(item, InboundMessage):
            return self._process_inbound_message(connector, item)
        if isinstance(item, StatusUpdate):
            return self._process_status(connector, item)
        if isinstance(item, OptOut):
            return self._process_opt_out(connector, item.address, "provider", item.reason)
        raise ValueError(_("Unknown item type %(type)s", type=type(item).__name__))

    # ------------------------------------------------------------------
    # Inbound messages
    # ------------------------------------------------------------------
    @api.model
    def _process_inbound_message(self, connector, item):
        """Store a customer message in its conversation (created or reopened
        as needed) and tell the agents concerned.

        Into an existing conversation this costs a constant handful of
        queries: see ``cc.conversation._touch_inbound``.
        """
        Conversation = self.env["cc.conversation"]
        Message = self.env["cc.message"]
        message_type = item.message_type or "text"
        body = text_service.clean_text(item.text, MAX_TEXT_LENGTH)
        replied = Message.browse()
        if item.reply_to_provider_id or (item.reference and message_type != "reaction"):
            replied = Message._find_replied(connector, item.reply_to_provider_id,
                                            item.reference)
        if message_type == "reaction" and not body.strip():
            self._ensure_claimed()
            return self._remove_reaction(replied)
        date = item.timestamp or fields.Datetime.now()
        # Text only: the kind of a media message is shown in the reader's
        # language (``last_message_summary``), never stored in ours.
        preview = Message._text_preview_for(body)
        address_key = phone_service.normalize_address(item.address).key
        created = False
        # Into an open conversation the message is stored by the statement
        # that counts it (not a reaction: the one it replaces goes first).
        item_vals = None
        if message_type != "reaction":
            item_vals = self._message_item_vals(item, body, date, message_type)
            if replied:
                item_vals["reply_to_id"] = replied.id
        conversation, message = Conversation._touch_inbound_storing(
            connector, address_key, date, preview, message_type, item_vals)
        if not conversation:
            conversation, created = Conversation._find_or_create(
                connector, item.address,
                {"customer_name": item.profile_name,
                 "customer_user_id": item.customer_user_id})
            Conversation._touch_inbound(connector, conversation.address_key, date, preview,
                                        message_type)
        else:
            self._refresh_identity(conversation, item)
        reopened = conversation.state == "done"
        # The answer to a satisfaction survey is kept in the closed
        # conversation's history without reopening it (cc.csat.survey).
        survey_answer = reopened and conversation._csat_answer_for(
            item, body, message_type)
        if survey_answer:
            reopened = False
        # A reopen notifies several things (reopened, assigned, the message):
        # batched into one INSERT. A message alone is one INSERT ... SELECT.
        bus_batch = conversation._bus_batch() if reopened \
            else nullcontext(conversation)
        with bus_batch as batched:
            if reopened:
                # The event rows ("reopened", "assigned") are the history of
                # this transition: no chatter tracking message on top (it
                # costs seven queries per message). The message is stored by
                # the reopen's statement when it can be.
                pending = {"vals": item_vals, "message": None}
                batched.with_context(mail_notrack=True, cc_reopen_message=pending)._reopen(
                    _("The customer wrote again."))
                message = pending["message"] or message
            if message:
                message = message.sudo(False)
            else:
                vals = self._message_vals(conversation, item, body, date, message_type)
                if replied:
                    vals["reply_to_id"] = replied.id
                if message_type == "reaction":
                    self._remove_reaction(replied)  # a new emoji replaces the old one
                # sudo: values set here, from a verified webhook; spares the
                # company check of the technical user (a query per message).
                message = Message.sudo().create(vals).sudo(False)
            if item.media:
                message._store_media(item.media)
            if survey_answer:
                conversation._csat_record_answer(survey_answer, message)
            batched._on_inbound(message, created=created, reopened=reopened)
        if item.text and self._is_opt_out_keyword(item.text):
            self._process_opt_out(connector, conversation.address_key, "keyword",
                                  _("Customer wrote %(keyword)s",
                                    keyword=text_service.fold_keyword(item.text)))
        return message

    @api.model
    def _ensure_claimed(self):
        """Claim the item's event id now if ``_process_item`` left it to the
        first statement of this path (raises ``DuplicateItem`` for a
        duplicate): before anything else is written."""
        claim = self.env.context.get("cc_pending_claim")
        if claim is not None and not self.env["cc.webhook.receipt"]._claim_pending(claim):
            raise DuplicateItem()

    @api.model
    def _message_vals(self, conversation, item, body, date, message_type):
        """Values of the inbound message (the conversation's fields are already
        in the record cache: no query)."""
        return dict(self._message_item_vals(item, body, date, message_type), **{
            "conversation_id": conversation.id,
            "connector_id": conversation.connector_id.id,
            "company_id": conversation.company_id.id,
            "channel_kind": conversation.channel_kind,
            "cycle": conversation.cycle,
        })

    @api.model
    def _message_item_vals(self, item, body, date, message_type):
        """Values of the inbound message that come from the provider's item
        (the conversation's are added by ``_message_vals``, or by the
        conversation's row in ``cc.conversation._touch_inbound_storing``)."""
        return {
            "direction": "inbound",
            "message_type": message_type,
            "body": body,
            "provider_message_id": item.provider_message_id,
            "state": "received",
            "date": date,
            "interactive_reply_id": text_service.clean_text(
                item.interactive_reply_id, 256) or False,
            "interactive_reply_title": text_service.clean_text(
                item.interactive_reply_title, 256) or False,
            "button_payload": text_service.clean_text(item.button_payload, 1024) or False,
        }

    @api.model
    def _remove_reaction(self, target):
        """The customer withdrew (or replaced) their reaction on ``target``."""
        if target:
            target._customer_reactions().unlink()
        return target

    @api.model
    def _refresh_identity(self, conversation, item):
        vals = {}
        if item.profile_name and item.profile_name != conversation.customer_name:
            vals["customer_name"] = item.profile_name
        if item.customer_user_id and item.customer_user_id != conversation.customer_user_id:
            vals["customer_user_id"] = item.customer_user_id
        if vals:
            conversation.write(vals)

    @api.model
    def _is_opt_out_keyword(self, text):
        if len(text) > 40:
            return False
        keywords = self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.opt_out_keywords", "SAIR,PARE,STOP,CANCELAR")
        return text_service.is_opt_out(text, [k for k in keywords.split(",") if k.strip()])

    @api.model
    def _process_opt_out(self, connector, address_key, source, note=None):
        opt_out = self.env["cc.opt.out"]._record_opt_out(
            address_key, connector.channel_kind, source, connector=connector, note=note)
        connector._provider()._on_opt_out(connector, address_key)
        return opt_out

    # ------------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------------
    @api.model
    def _process_status(self, connector, update):
        message = self.env["cc.message"]._find_outbound(
            connector, update.provider_message_id, update.reference)
        if not message:
            _logger.info("Connector %s: status for an unknown message (event %s)",
                         connector.id, update.event_id)
            return False
        return message._apply_status(update)
