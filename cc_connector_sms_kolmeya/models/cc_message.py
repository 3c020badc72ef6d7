# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models

from ..kolmeya_api.segments import count, estimate_cost

# A handset receipt usually comes within minutes; after this long, none will.
NO_RECEIPT_HOURS = 24


class CcMessage(models.Model):
    """SMS parts and estimated cost of each outbound Kolmeya message, fixed
    when it is queued (the text never changes afterwards); an honest note on
    messages whose operator never sent a delivery receipt."""

    _inherit = "cc.message"

    sms_segments = fields.Integer(
        string="SMS parts", readonly=True, copy=False,
        help="Number of SMS parts (segments) the text needs: 160 characters "
        "(GSM-7) or 70 (accents outside GSM-7, emoji) for one part, 153 or 67 "
        "per part when longer.")
    sms_cost = fields.Float(
        string="Estimated cost", digits=(16, 4), readonly=True, copy=False,
        help="Parts x the connector's price per part, when the message was queued.")

    @api.model_create_multi
    def create(self, vals_list):
        outbound = [v for v in vals_list
                    if v.get("direction") == "outbound" and v.get("body")]
        if outbound:
            conversations = self.env["cc.conversation"].sudo().browse(
                {v["conversation_id"] for v in outbound})
            connectors = {c.id: c.connector_id for c in conversations}
            for vals in outbound:
                connector = connectors[vals["conversation_id"]]
                if connector.provider == "kolmeya":
                    sms = count(vals["body"])
                    vals.setdefault("sms_segments", sms.segments)
                    vals.setdefault("sms_cost", float(estimate_cost(
                        sms, connector.kolmeya_price_per_segment)))
                    vals.update(self._kolmeya_cost_values(connector, vals))
        return super().create(vals_list)

    @api.model
    def _cron_kolmeya_note_missing_receipts(self):
        """Kolmeya SMS still ``sent`` a day later: the operator will not confirm
        the delivery. Say so on the message (it is not a failure)."""
        note = _("Sent — no delivery receipt from this operator.")
        stale = self.sudo().search([
            ("direction", "=", "outbound"), ("state", "=", "sent"),
            ("connector_id.provider", "=", "kolmeya"),
            ("sent_date", "<", fields.Datetime.now() - timedelta(hours=NO_RECEIPT_HOURS)),
            "|", ("delivery_note", "=", False), ("delivery_note", "!=", note)])
        stale.write({"delivery_note": note})
        return stale
