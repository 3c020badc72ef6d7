# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CcKolmeyaCostCentre(models.Model):
    """A Kolmeya cost centre (``/sms/segments``: "segments" are cost centres,
    not SMS parts), read from the account so the admin picks one by name."""

    _name = "cc.kolmeya.cost.centre"
    _description = "Kolmeya Cost Centre"
    _order = "name, id"

    name = fields.Char(required=True)
    kolmeya_id = fields.Integer(string="Kolmeya id", required=True)
    connector_id = fields.Many2one(
        "cc.connector", required=True, ondelete="cascade", index=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(related="connector_id.company_id", store=True)

    _sql_constraints = [
        (
            "kolmeya_id_unique",
            "unique(connector_id, kolmeya_id)",
            "This cost centre is already listed for the connector.",
        )
    ]

    def name_get(self):
        return [(c.id, "%s (%s)" % (c.name, c.kolmeya_id)) for c in self]

    @api.model
    def _refresh_for(self, connector):
        """Read the connector's cost centres from Kolmeya: new ones are added,
        renamed ones updated, vanished ones archived. Raises ``UserError``."""
        provider = self.env["cc.provider.kolmeya"]
        client = connector._kolmeya_client()
        try:
            centres = provider._call(connector, client.cost_centres)
        finally:
            client.close()
        existing = {
            c.kolmeya_id: c
            for c in self.sudo().with_context(active_test=False).search(
                [("connector_id", "=", connector.id)]
            )
        }
        found = self.sudo().browse()
        for kolmeya_id, name in centres:
            centre = existing.get(kolmeya_id)
            vals = {"name": name or str(kolmeya_id), "active": True}
            if centre:
                centre.write(vals)
            else:
                centre = self.sudo().create(
                    dict(vals, kolmeya_id=kolmeya_id, connector_id=connector.id)
                )
            found |= centre
        (self.sudo().browse([c.id for c in existing.values()]) - found).write(
            {"active": False}
        )
        if len(found) == 1 and not connector.sudo().kolmeya_cost_centre_id:
            connector.sudo().kolmeya_cost_centre_id = found
        return found
