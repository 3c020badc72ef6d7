# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""WhatsApp Cloud API settings of a connector (one business phone number)."""
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..whatsapp_cloud import CloudClient
from ..whatsapp_cloud.client import DEFAULT_API_VERSION, DEFAULT_BASE_URL

PROVIDER = "whatsapp_cloud"


def _new_verify_token(_records=None):
    return secrets.token_urlsafe(24)


def _detach_provider(connectors):
    """Uninstalling the addon: keep the connectors and their history, archived."""
    connectors.write({"provider": False, "active": False})


class CcConnector(models.Model):
    _inherit = "cc.connector"

    provider = fields.Selection(
        selection_add=[(PROVIDER, "WhatsApp (Cloud API)")],
        ondelete={PROVIDER: _detach_provider},
    )
    wa_phone_number_id = fields.Char(
        string="Phone number ID",
        copy=False,
        help="Meta App Dashboard > WhatsApp > API Setup: the id of the business "
        "phone number (not the number itself).",
    )
    wa_business_account_id = fields.Char(
        string="WhatsApp Business Account ID",
        copy=False,
        help="WABA id, shown next to the phone number id. Needed to sync templates.",
    )
    wa_access_token = fields.Char(
        string="Access token",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="Permanent token of a System User (Business Settings > System Users) "
        "with the whatsapp_business_messaging and whatsapp_business_management "
        "permissions.",
    )
    wa_app_secret = fields.Char(
        string="App secret",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="App Dashboard > App settings > Basic. Checks that webhook calls "
        "really come from Meta.",
    )
    wa_verify_token = fields.Char(
        string="Webhook verify token",
        default=_new_verify_token,
        copy=False,
        groups="cc_core.group_cc_manager",
        help="Paste it in Meta's webhook configuration together with the callback "
        "URL.",
    )
    wa_graph_base_url = fields.Char(
        string="Graph API URL",
        default=DEFAULT_BASE_URL,
        help="Change only to test against a local fake server.",
    )
    wa_api_version = fields.Char(
        string="Graph API version",
        default=DEFAULT_API_VERSION,
        help="Meta keeps each version working for at least two years: move to a "
        "newer one here, no code change needed.",
    )
    wa_verified_name = fields.Char(string="Display name", readonly=True, copy=False)
    wa_display_phone_number = fields.Char(
        string="Phone number", readonly=True, copy=False
    )
    wa_quality_rating = fields.Char(
        string="Quality rating",
        readonly=True,
        copy=False,
        help="Meta's rating of the number (GREEN, YELLOW, RED), read by Test "
        "connection.",
    )
    wa_webhook_verified_date = fields.Datetime(
        string="Webhook verified on",
        readonly=True,
        copy=False,
        help="Last time Meta completed the verification handshake.",
    )
    wa_templates_synced_date = fields.Datetime(
        string="Templates synced on", readonly=True, copy=False
    )
    wa_template_ids = fields.One2many(
        "cc.whatsapp.template", "connector_id", string="WhatsApp templates"
    )
    wa_template_count = fields.Integer(
        string="Number of templates", compute="_compute_wa_template_count"
    )

    @api.depends("wa_template_ids")
    def _compute_wa_template_count(self):
        groups = self.env["cc.whatsapp.template"].read_group(
            [("connector_id", "in", self.ids)], ["connector_id"], ["connector_id"]
        )
        counts = {g["connector_id"][0]: g["connector_id_count"] for g in groups}
        for connector in self:
            connector.wa_template_count = counts.get(connector.id, 0)

    @api.onchange("provider")
    def _onchange_provider_whatsapp(self):
        if self.provider == PROVIDER:
            self.channel_kind = "whatsapp"

    @api.constrains("provider", "channel_kind", "active", "wa_phone_number_id")
    def _check_whatsapp_cloud(self):
        for connector in self.filtered(lambda c: c.provider == PROVIDER):
            if connector.channel_kind != "whatsapp":
                raise ValidationError(
                    _("A WhatsApp (Cloud API) connector must use the WhatsApp channel.")
                )
            if not connector.active:
                continue
            if not connector.wa_phone_number_id:
                raise ValidationError(
                    _("Connector %(name)s needs its WhatsApp phone number ID.",
                      name=connector.name)
                )
            twin = self.search([
                ("id", "!=", connector.id),
                ("provider", "=", PROVIDER),
                ("wa_phone_number_id", "=", connector.wa_phone_number_id),
            ], limit=1)
            if twin:
                raise ValidationError(
                    _("Connector %(other)s already uses this phone number ID.",
                      other=twin.name)
                )

    def _wa_client(self):
        """A ``CloudClient`` for this connector (close it after use)."""
        self.ensure_one()
        connector = self.sudo()
        if not connector.wa_phone_number_id or not connector.wa_access_token:
            raise UserError(
                _("Connector %(name)s needs a WhatsApp phone number ID and an access "
                  "token.", name=connector.name)
            )
        return CloudClient(
            token=connector.wa_access_token.strip(),
            phone_number_id=connector.wa_phone_number_id.strip(),
            waba_id=(connector.wa_business_account_id or "").strip() or None,
            base_url=(connector.wa_graph_base_url or "").strip() or DEFAULT_BASE_URL,
            api_version=(connector.wa_api_version or "").strip() or DEFAULT_API_VERSION,
        )

    def _wa_store_phone_info(self, info):
        """Remember what Test connection read about the number."""
        self.ensure_one()
        self.sudo().write({
            "wa_verified_name": info.get("verified_name") or False,
            "wa_display_phone_number": info.get("display_phone_number") or False,
            "wa_quality_rating": info.get("quality_rating") or False,
        })

    def action_wa_rotate_verify_token(self):
        self.ensure_one()
        self.write({"wa_verify_token": _new_verify_token()})
        return True

    def action_wa_sync_templates(self):
        self.ensure_one()
        counts = self.env["cc.whatsapp.template"]._sync_connector(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("WhatsApp templates synced"),
                "message": _(
                    "%(total)s templates (%(approved)s approved), %(archived)s "
                    "archived.", **counts
                ),
                "type": "success",
                "sticky": False,
            },
        }

    def action_wa_view_templates(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_connector_whatsapp.cc_whatsapp_template_action"
        )
        action["domain"] = [("connector_id", "=", self.id)]
        action["context"] = {"default_connector_id": self.id}
        return action
