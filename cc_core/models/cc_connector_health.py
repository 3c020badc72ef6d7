# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Health of connectors at a glance (the supervisors' live dashboard).

``_cc_health_items()`` says what a supervisor must know about each connector,
from stored fields only: no call to a provider, no query per connector. The
connector addons add their own items (token refused, phone disconnected, low
balance) by overriding it.
"""
from datetime import timedelta

from odoo import _, fields, models

# Worst last: a connector is as healthy as its worst item.
HEALTH_LEVELS = ("ok", "info", "warning", "danger")
# A provider error older than this is no longer news.
RECENT_ERROR = timedelta(hours=24)


def health_item(key, level, label, date=False, detail=False):
    """One line of a connector's health (``level`` in ``HEALTH_LEVELS``)."""
    assert level in HEALTH_LEVELS, level
    return {"key": key, "level": level, "label": label,
            "date": fields.Datetime.to_string(date) if date else False,
            "detail": detail or False}


def worst_level(items):
    """The worst level of ``items`` ("ok" when there is none)."""
    return max((item["level"] for item in items), key=HEALTH_LEVELS.index,
               default="ok")


class CcWebhookEventHealth(models.Model):
    _inherit = "cc.webhook.event"

    def init(self):
        super().init()
        # The last webhook of each connector is one index probe, not a scan
        # of its whole journal.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cc_webhook_event_connector_received_idx "
            "ON cc_webhook_event (connector_id, received_date)")


class CcConnectorHealth(models.Model):
    _inherit = "cc.connector"

    def _cc_health_items(self):
        """``{connector id: [item, ...]}`` (items from ``health_item``), the
        most important first. Overrides add theirs with ``super()``; they read
        stored fields of ``self`` only (one prefetch for all connectors)."""
        last_webhooks = self._cc_last_webhook_dates()
        recent = fields.Datetime.now() - RECENT_ERROR
        result = {}
        for connector in self:
            items = []
            if connector.last_error and connector.last_error_date and \
                    connector.last_error_date >= recent:
                items.append(health_item(
                    "last_error", "warning", _("Last error"),
                    connector.last_error_date, connector.last_error))
            date = last_webhooks.get(connector.id)
            if date:
                items.append(health_item("last_webhook", "ok",
                                         _("Last webhook received"), date))
            else:
                items.append(health_item("last_webhook", "info",
                                         _("No webhook received yet")))
            result[connector.id] = items
        return result

    def _cc_last_webhook_dates(self):
        """``{connector id: date of its last webhook}`` in one query.

        The journal is for managers; the date alone is read for connectors
        the caller could already read (``self``), nothing else of the journal.
        """
        if not self:
            return {}
        self.env["cc.webhook.event"].flush(["connector_id", "received_date"])
        self.env.cr.execute(
            """
            SELECT c.id, (SELECT max(e.received_date) FROM cc_webhook_event e
                           WHERE e.connector_id = c.id)
              FROM unnest(%s) AS c(id)
            """, (list(self.ids),))
        return {row[0]: row[1] for row in self.env.cr.fetchall() if row[1]}
