# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reply polling: Kolmeya never retries a webhook, so a cron reads
``/sms/replys`` (kept 7 days by Kolmeya) and feeds what it finds through the
webhook pipeline. Polled replies are journaled as ``cc.webhook.event`` of
topic ``poll`` and get the same event ids as webhook replies, so
``cc.webhook.receipt`` drops the ones already delivered."""
import json
import logging
import math
import threading

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services.types import WebhookRequest

from ..kolmeya_api import REPLY_RETENTION_HOURS

_logger = logging.getLogger(__name__)

POLL_TOPIC = "poll"
POLL_MARGIN_HOURS = 1


class CcConnectorReplyPoll(models.Model):
    _inherit = "cc.connector"

    def _kolmeya_poll_period(self, now):
        """Hours to ask Kolmeya for: since the last poll (or the connector's
        creation) plus a margin for clock differences, at most 168."""
        since = self.kolmeya_last_poll_date or self.create_date or now
        hours = math.ceil(max(0.0, (now - since).total_seconds()) / 3600.0)
        return max(1, min(REPLY_RETENTION_HOURS, hours + POLL_MARGIN_HOURS))

    def _kolmeya_poll_replies(self):
        """Fetch recent replies and process them; returns the journal event
        (or an empty recordset when Kolmeya had nothing). Raises ``UserError``."""
        self.ensure_one()
        connector = self.sudo()
        now = fields.Datetime.now()
        client = connector._kolmeya_client()
        try:
            result = self.env["cc.provider.kolmeya"]._call(
                connector, client.replies, None, None,
                connector._kolmeya_poll_period(now))
        finally:
            client.close()
        entries = [item.raw for item in result.items] + [e.raw for e in result.errors]
        event = self.env["cc.webhook.event"]
        if entries:
            body = json.dumps({"data": entries}).encode("utf-8")
            request = WebhookRequest(
                "POST", {"content-type": "application/json"}, body, {}, POLL_TOPIC)
            event = event._journal(connector, request)
            try:
                event._process()
            except ValueError:
                _logger.info("Kolmeya poll of connector %s: unreadable replies",
                             connector.id)
        connector.write({"kolmeya_last_poll_date": now})
        return event

    @api.model
    def _cron_kolmeya_poll_replies(self):
        connectors = self.sudo().search(
            [("provider", "=", "kolmeya"), ("kolmeya_poll_replies", "=", True)])
        for connector in connectors.filtered("kolmeya_token"):
            try:
                with self.env.cr.savepoint():
                    connector._kolmeya_poll_replies()
            except UserError as error:
                connector._record_error(str(error.args[0]))
            except Exception:  # noqa: B902 - the next connector must still be polled
                _logger.exception("Kolmeya reply poll of connector %s failed",
                                  connector.id)
            if not getattr(threading.current_thread(), "testing", False):
                self.env.cr.commit()  # pylint: disable=invalid-commit
