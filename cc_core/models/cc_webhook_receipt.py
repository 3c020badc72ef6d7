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
    def _claim(self, connector, event_id, webhook_event, mark_processed=False):
        """Insert the receipt; False when the event was already processed.

        With ``mark_processed`` (an event of one item processed in its own
        transaction, which is rolled back if the item fails) the same
        statement also records the event as processed, one ``UPDATE`` less
        per message: the caller puts those values in the record cache
        (``cc.webhook.event._processed_values``) instead of writing them.
        """
        values = """
            VALUES (%s, %s, %s, now() at time zone 'UTC')"""
        marked = ""
        params = []
        if mark_processed and webhook_event.id:
            # The event is journaled and committed (durably) before this
            # transaction starts, so this one may commit asynchronously
            # (``synchronous_commit`` off for this transaction only: no wait
            # for the WAL flush). A PostgreSQL crash can then only undo the
            # processing of the last fraction of a second; the journal keeps
            # the event ``received`` and the safety-net cron processes it
            # again (README "Asynchronous webhook processing").
            marked = """
            WITH marked AS (
                UPDATE cc_webhook_event
                   SET state = 'processed', item_count = 1, error = NULL,
                       is_retryable = FALSE, failure_kind = NULL,
                       next_attempt_date = NULL, write_uid = %s,
                       write_date = now() at time zone 'UTC'
                 WHERE id = %s
             RETURNING id)"""
            values = """
            SELECT %s, %s, %s, now() at time zone 'UTC'
              FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed"""
            params = [self.env.uid, webhook_event.id]
        self.env.cr.execute(
            marked + """
            INSERT INTO cc_webhook_receipt (connector_id, event_id, webhook_event_id, date)
            """ + values + """
            ON CONFLICT (connector_id, event_id) DO NOTHING
            RETURNING id
            """,
            params + [connector.id, event_id, webhook_event.id or None],
        )
        return bool(self.env.cr.fetchone())
