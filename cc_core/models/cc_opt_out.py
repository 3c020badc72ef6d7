# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .cc_connector import CHANNEL_KINDS


class CcOptOut(models.Model):
    """A customer address that asked not to be contacted on a channel kind."""

    _name = "cc.opt.out"
    _description = "Contact Center Opt-out"
    _order = "date desc, id desc"
    _rec_name = "address"

    address = fields.Char(required=True, index=True, help="Normalised address key.")
    channel_kind = fields.Selection(CHANNEL_KINDS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    source = fields.Selection(
        [
            ("keyword", "Customer keyword"),
            ("provider", "Provider report"),
            ("manual", "Set by a user"),
            ("migration", "Migration"),
        ],
        required=True,
        default="manual",
    )
    note = fields.Char()
    connector_id = fields.Many2one("cc.connector", ondelete="set null")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "address_kind_unique",
            "unique(address, channel_kind)",
            "This address is already opted out for this channel.",
        )
    ]

    @api.model
    def _is_opted_out(self, address_key, channel_kind):
        return bool(
            self.sudo().search_count(
                [("address", "=", address_key), ("channel_kind", "=", channel_kind)]
            )
        )

    @api.model
    def _record_opt_out(self, address_key, channel_kind, source, connector=None, note=None):
        """Record an opt-out once; re-activate an archived one."""
        existing = self.sudo().with_context(active_test=False).search(
            [("address", "=", address_key), ("channel_kind", "=", channel_kind)]
        )
        vals = {"source": source, "date": fields.Datetime.now(), "note": note}
        if existing:
            existing.write(dict(vals, active=True))
            return existing
        return self.sudo().create(
            dict(
                vals,
                address=address_key,
                channel_kind=channel_kind,
                connector_id=connector.id if connector else False,
            )
        )

    # ------------------------------------------------------------------
    # Lifting an opt-out
    # ------------------------------------------------------------------
    def write(self, vals):
        lifted = self.filtered("active") if "active" in vals and not vals["active"] \
            else self.browse()
        entries = lifted._opt_in_entries()
        result = super().write(vals)
        self._notify_opt_in(entries)
        return result

    def unlink(self):
        entries = self.filtered("active")._opt_in_entries()
        result = super().unlink()
        self._notify_opt_in(entries)
        return result

    def action_allow_messages(self):
        """Messages may be sent to these addresses again (the providers are told,
        e.g. the number leaves the Kolmeya blacklist)."""
        self.filtered("active").write({"active": False})
        return True

    def _opt_in_entries(self):
        return [(o.address, o.channel_kind, o.sudo().connector_id) for o in self]

    @api.model
    def _notify_opt_in(self, entries):
        """Call ``_on_opt_in`` of the connector that recorded each opt-out, or of
        every active connector of its channel when none did."""
        Connector = self.env["cc.connector"].sudo()
        for address, channel_kind, connector in entries:
            connectors = connector.filtered("active") if connector else \
                Connector.search([("channel_kind", "=", channel_kind)])
            for target in connectors:
                if not target.provider or \
                        "cc.provider.%s" % target.provider not in self.env:
                    continue
                target._provider()._on_opt_in(target, address)
