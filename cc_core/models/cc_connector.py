# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..services import public_url

CHANNEL_KINDS = [("sms", "SMS"), ("whatsapp", "WhatsApp")]


def _new_webhook_key(_records=None):
    return secrets.token_urlsafe(32)


class CcConnector(models.Model):
    """A configured provider account: one WhatsApp number, one SMS account.

    ``provider`` is extended by the connector addons with ``selection_add``.
    It stays nullable in the database: uninstalling a connector addon sets it
    to NULL (and the connector is archived) instead of cascading into the
    conversation history.
    """

    _name = "cc.connector"
    _description = "Contact Center Connector"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    provider = fields.Selection(selection=[], string="Provider", tracking=True)
    channel_kind = fields.Selection(
        CHANNEL_KINDS, string="Channel", required=True, default="whatsapp"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one("cc.team", string="Default team", tracking=True)
    color = fields.Integer()
    address = fields.Char(
        string="Business number", help="The number customers write to."
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Receives activities about this connector (expired token, low balance).",
    )
    agent_ids = fields.Many2many(
        "cc.agent",
        "cc_agent_connector_rel",
        "connector_id",
        "agent_id",
        string="Agents",
        help="Agents allowed to work this connector's conversations.",
    )
    webhook_key = fields.Char(
        default=_new_webhook_key,
        copy=False,
        groups="cc_core.group_cc_manager",
        help="Secret part of the webhook URLs. Rotate it if it leaked.",
    )
    webhook_url = fields.Char(
        compute="_compute_webhook_url", groups="cc_core.group_cc_manager"
    )
    webhook_url_warning = fields.Char(
        compute="_compute_webhook_url", groups="cc_core.group_cc_manager",
        help="Why providers may be unable to call the webhook URL.")
    conversation_count = fields.Integer(compute="_compute_conversation_count")
    last_error = fields.Char(readonly=True, copy=False)
    last_error_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("webhook_key_unique", "unique(webhook_key)", "The webhook key must be unique."),
    ]

    @api.constrains("active", "provider")
    def _check_provider(self):
        for connector in self:
            if connector.active and not connector.provider:
                raise ValidationError(
                    _("Connector %(name)s needs a provider to be active.",
                      name=connector.name)
                )

    @api.depends("webhook_key")
    def _compute_webhook_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        problems = public_url.callback_problems(base_url)
        warning = False
        if problems:
            reasons = {
                public_url.NOT_HTTPS: _("it does not start with https://"),
                public_url.NOT_PUBLIC: _("it is not a public internet address"),
            }
            warning = _(
                "Providers cannot call this URL: %(reasons)s. Meta (WhatsApp) "
                "requires a public https address. Serve Odoo under a public "
                "https domain and set the system parameter web.base.url to it "
                "(currently %(url)s).",
                reasons=_(" and ").join(reasons[p] for p in problems), url=base_url)
        for connector in self:
            connector.webhook_url = "%s/cc/webhook/%s" % (base_url, connector.webhook_key)
            connector.webhook_url_warning = warning

    def _compute_conversation_count(self):
        groups = self.env["cc.conversation"].read_group(
            [("connector_id", "in", self.ids)], ["connector_id"], ["connector_id"]
        )
        counts = {g["connector_id"][0]: g["connector_id_count"] for g in groups}
        for connector in self:
            connector.conversation_count = counts.get(connector.id, 0)

    # ------------------------------------------------------------------
    # CRUD: keep the key -> connector cache consistent
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        connectors = super().create(vals_list)
        self.clear_caches()
        return connectors

    def write(self, vals):
        result = super().write(vals)
        if {"webhook_key", "active", "provider"} & set(vals):
            self.clear_caches()
        return result

    def unlink(self):
        if self.env["cc.conversation"].sudo().with_context(active_test=False).search_count(
            [("connector_id", "in", self.ids)]
        ):
            raise UserError(
                _("Connectors with conversations cannot be deleted: archive them.")
            )
        result = super().unlink()
        self.clear_caches()
        return result

    @api.model
    @tools.ormcache("key")
    def _connector_id_by_key(self, key):
        connector = (
            self.sudo()
            .with_context(active_test=True)
            .search([("webhook_key", "=", key), ("provider", "!=", False)], limit=1)
        )
        return connector.id

    @api.model
    def _find_by_webhook_key(self, key, prefetch=False):
        """The active connector whose webhook key is ``key`` (sudo), or empty.

        The key -> id lookup is cached per registry (cleared whenever a
        connector's key, state or provider changes, in every worker). With
        ``prefetch`` the connector's columns are read in one query, secrets
        included (the webhook route verifies signatures with them); without,
        its existence is checked.
        """
        empty = self.sudo().browse()
        if not key or len(key) > 128 or any(ord(char) < 32 for char in key):
            return empty  # PostgreSQL text cannot even hold NUL
        connector = self.sudo().browse(self._connector_id_by_key(key))
        if not connector:
            return empty
        if not prefetch:
            return connector.exists()
        connector._read([name for name, field in self._fields.items()
                         if field.prefetch is True and field.store
                         and field.column_type and name != "id"])
        if not self.env.cache.contains(connector, self._fields["provider"]):
            return empty  # deleted since the key was cached
        return connector

    @api.model
    def _webhook_user_id(self):
        """The inactive technical user webhooks are processed as (looked up
        once per registry)."""
        return self.env["ir.model.data"]._xmlid_to_res_id("cc_core.user_cc_webhook")

    # ------------------------------------------------------------------
    # Provider dispatch
    # ------------------------------------------------------------------
    def _provider(self):
        """The ``cc.provider.<key>`` service model implementing this connector."""
        self.ensure_one()
        model_name = "cc.provider.%s" % (self.provider,)
        if not self.provider or model_name not in self.env:
            raise UserError(
                _("Connector %(name)s has no installed provider.", name=self.name)
            )
        return self.env[model_name]

    def _limits(self):
        self.ensure_one()
        return self._provider()._channel_limits(self)

    def _record_error(self, reason):
        """Remember the last provider-level error (shown on the form)."""
        self.sudo().write({"last_error": reason, "last_error_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_rotate_webhook_key(self):
        self.ensure_one()
        self.write({"webhook_key": _new_webhook_key()})
        return True

    def action_test_connection(self):
        self.ensure_one()
        message = self._provider()._test_connection(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Connection OK"),
                "message": message,
                "type": "success",
                "sticky": False,
            },
        }

    def action_view_conversations(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_core.cc_conversation_action_all"
        )
        action["domain"] = [("connector_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action
