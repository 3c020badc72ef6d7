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
    def _claim(self, connector, event_id, webhook_event):
        """Insert the receipt; False when the event was already processed."""
        self.env.cr.execute(
            """
            INSERT INTO cc_webhook_receipt (connector_id, event_id, webhook_event_id, date)
            VALUES (%s, %s, %s, now() at time zone 'UTC')
            ON CONFLICT (connector_id, event_id) DO NOTHING
            RETURNING id
            """,
            (connector.id, event_id, webhook_event.id or None),
        )
        return bool(self.env.cr.fetchone())
