# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcWebhookReceipt(models.Model):
    """Provider event ids already processed: the duplicate guard.

    A receipt is inserted in the same savepoint as the records the event
    creates, so an event whose processing failed leaves no receipt and can be
    replayed, while a processed one can never be processed twice (unique key).
    """

    _name = "cc.webhook.receipt"
    _description = "Contact Center Processed Provider Event"
    _log_access = False

    connector_id = fields.Many2one("cc.connector", required=True, ondelete="cascade")
    event_id = fields.Char(required=True)
    webhook_event_id = fields.Many2one("cc.webhook.event", ondelete="set null")
    date = fields.Datetime(required=True)

    _sql_constraints = [
        ("event_unique", "unique(connector_id, event_id)",
         "This provider event was already processed."),
    ]

    @api.model
    def _claim_sql(self, claim, params):
        """The claim of ``claim`` (a :class:`PendingClaim`) as SQL common
        table expressions, the last one ``cc_receipt`` (the receipt's id,
        no row for a duplicate), binding its values into ``params``: run
        alone by ``_claim`` or as the first part of the inbound path's
        statement (``cc.conversation._touch_inbound_storing``).

        With ``mark_processed`` (an event of one item processed in its own
        transaction, which is rolled back if the item fails) the same
        statement also records the event as processed, one ``UPDATE`` less
        per message: the caller puts those values in the record cache
        (``cc.webhook.event._processed_values``) instead of writing them.
        """
        params.update(cc_claim_connector=claim.connector.id,
                      cc_claim_event_id=claim.event_id,
                      cc_claim_webhook_event=claim.webhook_event.id or None,
                      cc_claim_uid=self.env.uid)
        values = """
                VALUES (%(cc_claim_connector)s, %(cc_claim_event_id)s,
                        %(cc_claim_webhook_event)s, now() at time zone 'UTC')"""
        marked = ""
        if claim.mark_processed and claim.webhook_event.id:
            # The event is journaled and committed (durably) before this
            # transaction starts, so this one may commit asynchronously
            # (``synchronous_commit`` off for this transaction only: no wait
            # for the WAL flush). A PostgreSQL crash can then only undo the
            # processing of the last fraction of a second; the journal keeps
            # the event ``received`` and the safety-net cron processes it
            # again (README "Asynchronous webhook processing").
            marked = """
            cc_marked AS (
                UPDATE cc_webhook_event
                   SET state = 'processed', item_count = 1, error = NULL,
                       is_retryable = FALSE, failure_kind = NULL,
                       next_attempt_date = NULL, write_uid = %(cc_claim_uid)s,
                       write_date = now() at time zone 'UTC'
                 WHERE id = %(cc_claim_webhook_event)s
             RETURNING id),"""
            values = """
                SELECT %(cc_claim_connector)s, %(cc_claim_event_id)s,
                       %(cc_claim_webhook_event)s, now() at time zone 'UTC'
                  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed"""
        return marked + """
            cc_receipt AS (
                INSERT INTO cc_webhook_receipt (connector_id, event_id,
                                                webhook_event_id, date)""" + values + """
                ON CONFLICT (connector_id, event_id) DO NOTHING
             RETURNING id)"""

    @api.model
    def _claim(self, connector, event_id, webhook_event, mark_processed=False):
        """Insert the receipt; False when the event was already processed
        (see ``_claim_sql``)."""
        claim = PendingClaim(connector, event_id, webhook_event, mark_processed)
        return self._claim_pending(claim)

    @api.model
    def _claim_pending(self, claim):
        """Claim ``claim`` now unless done already; True when it is ours."""
        if claim.claimed is None:
            params = {}
            self.env.cr.execute("WITH " + self._claim_sql(claim, params)
                                + " SELECT id FROM cc_receipt", params)
            claim.claimed = bool(self.env.cr.fetchone())
        return claim.claimed


class PendingClaim:
    """The claim of one provider event id, possibly made by a later
    statement (``claimed``: None until made, then True, or False for a
    duplicate)."""

    __slots__ = ("connector", "event_id", "webhook_event", "mark_processed", "claimed")

    def __init__(self, connector, event_id, webhook_event, mark_processed=False):
        self.connector = connector
        self.event_id = event_id
        self.webhook_event = webhook_event
        self.mark_processed = mark_processed
        self.claimed = None


class DuplicateItem(Exception):
    """The item's provider event id was claimed already: nothing to do."""
