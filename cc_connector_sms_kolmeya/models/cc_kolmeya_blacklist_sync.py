# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Queue of blacklist changes to push to Kolmeya.

An opt-out is recorded inside the webhook transaction, where no network call
is allowed: the change is queued here and a cron (triggered at once) calls
``/blacklist/store`` or ``/blacklist/destroy``, retrying with backoff.
"""
import logging
import threading
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import delivery

from ..kolmeya_api import MAX_BATCH, InvalidPhoneError, KolmeyaError, chunk, to_kolmeya

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CRON_XMLID = "cc_connector_sms_kolmeya.ir_cron_kolmeya_blacklist_sync"


class CcKolmeyaBlacklistSync(models.Model):
    _name = "cc.kolmeya.blacklist.sync"
    _description = "Kolmeya Blacklist Change"
    _order = "id desc"
    _rec_name = "address"

    connector_id = fields.Many2one(
        "cc.connector", required=True, ondelete="cascade", index=True, readonly=True
    )
    address = fields.Char(required=True, readonly=True, help="E.164 phone number.")
    company_id = fields.Many2one(related="connector_id.company_id", store=True)
    operation = fields.Selection(
        [("add", "Block (add to the Kolmeya blacklist)"),
         ("remove", "Unblock (remove from the Kolmeya blacklist)")],
        required=True, readonly=True,
    )
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("failed", "Failed"),
         ("cancelled", "Superseded")],
        default="pending", required=True, index=True, readonly=True,
    )
    attempt_count = fields.Integer(readonly=True)
    next_attempt_date = fields.Datetime(readonly=True)
    last_error = fields.Char(readonly=True)
    done_date = fields.Datetime(readonly=True)

    @api.model
    def _queue(self, connector, address_key, operation):
        """Queue a change (the latest wish for a number supersedes a pending one)."""
        Sync = self.sudo()
        Sync.search([("connector_id", "=", connector.id),
                     ("address", "=", address_key),
                     ("state", "=", "pending")]).write({"state": "cancelled"})
        change = Sync.create({"connector_id": connector.id, "address": address_key,
                              "operation": operation})
        self.env.ref(CRON_XMLID).sudo()._trigger()
        return change

    def action_retry(self):
        self.filtered(lambda c: c.state == "failed").write(
            {"state": "pending", "attempt_count": 0, "next_attempt_date": False})
        self.env.ref(CRON_XMLID).sudo()._trigger()
        return True

    @api.model
    def _cron_sync(self, limit=5000):
        now = fields.Datetime.now()
        due = self.sudo().search(
            [("state", "=", "pending"), "|", ("next_attempt_date", "=", False),
             ("next_attempt_date", "<=", now)], order="id", limit=limit)
        for connector in due.connector_id:
            changes = due.filtered(lambda c, connector=connector: c.connector_id == connector)
            try:
                changes._push(connector)
            except Exception:  # noqa: B902 - the next connector must still be synced
                _logger.exception("Kolmeya blacklist sync of connector %s failed",
                                  connector.id)
            if not getattr(threading.current_thread(), "testing", False):
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def _push(self, connector):
        valid = self.browse()
        for change in self:
            try:
                to_kolmeya(change.address, mobile_only=False)
                valid |= change
            except InvalidPhoneError:
                change.write({"state": "failed", "last_error": _(
                    "Not a Brazilian phone number: Kolmeya cannot block it.")})
        if not valid:
            return
        try:
            client = connector._kolmeya_client()
        except UserError as error:
            valid._failed(str(error.args[0]))
            return
        try:
            for operation, call in (("add", client.blacklist_store),
                                    ("remove", client.blacklist_destroy)):
                todo = valid.filtered(lambda c, operation=operation: c.operation == operation)
                for part in chunk(list(todo), MAX_BATCH):
                    part = self.browse([c.id for c in part])
                    try:
                        call(part.mapped("address"))
                    except KolmeyaError as error:
                        part._failed(self.env["cc.provider.kolmeya"]._error_text(
                            connector, error))
                    else:
                        part.write({"state": "done", "last_error": False,
                                    "done_date": fields.Datetime.now()})
        finally:
            client.close()

    def _failed(self, reason):
        for change in self:
            attempt = change.attempt_count + 1
            vals = {"attempt_count": attempt, "last_error": reason}
            if attempt >= MAX_ATTEMPTS:
                vals["state"] = "failed"
            else:
                vals["next_attempt_date"] = fields.Datetime.now() + timedelta(
                    seconds=delivery.retry_delay(attempt, 60, 6 * 3600))
                self.env.ref(CRON_XMLID).sudo()._trigger(at=vals["next_attempt_date"])
            change.write(vals)
