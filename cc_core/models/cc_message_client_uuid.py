# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Idempotent sending: the composer names each send with a uuid.

A double click, or the browser retrying the call after a network error,
sends the same uuid again: it finds the message already queued instead of
queueing a second one. Unique per author (partial unique index).
"""
from odoo import api, fields, models


class CcMessageClientUuid(models.Model):
    _inherit = "cc.message"

    client_uuid = fields.Char(
        string="Send identifier", copy=False, readonly=True,
        help="Identifier the composer gave this send (one message per author "
        "and identifier).")

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS cc_message_author_client_uuid_uniq "
            "ON cc_message (author_id, client_uuid) WHERE client_uuid IS NOT NULL")

    @api.model
    def _by_client_uuid(self, client_uuid):
        """The current user's message sent with ``client_uuid`` (sudo), or empty.

        Concurrent sends of the same uuid are serialised by a transaction
        lock, so the second one finds the first one's message."""
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                            (self.env.uid, client_uuid))
        return self.sudo().search([("author_id", "=", self.env.uid),
                                   ("client_uuid", "=", client_uuid)], limit=1)
