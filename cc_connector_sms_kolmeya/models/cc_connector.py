# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya settings of a connector and the API client built from them."""
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..kolmeya_api import DEFAULT_BASE_URL, KolmeyaClient
from ..kolmeya_api.quiet_hours import window_opens_at

DEFAULT_TZ = "America/Sao_Paulo"


def _archive_on_uninstall(connectors):
    """Uninstalling the addon leaves its connectors archived without provider
    (their conversations stay)."""
    connectors.write({"provider": False, "active": False})


class CcConnector(models.Model):
    _inherit = "cc.connector"

    provider = fields.Selection(
        selection_add=[("kolmeya", "SMS (Kolmeya)")],
        ondelete={"kolmeya": _archive_on_uninstall},
    )
    kolmeya_token = fields.Char(
        string="Kolmeya API token",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="Bearer token from the Kolmeya panel (Configurações > API). This "
        "server's public IP address must be whitelisted there too.",
    )
    kolmeya_base_url = fields.Char(
        string="Kolmeya API URL",
        default=DEFAULT_BASE_URL,
        help="Change only for a sandbox or a test server.",
    )
    kolmeya_cost_centre_id = fields.Many2one(
        "cc.kolmeya.cost.centre",
        string="Cost centre",
        ondelete="set null",
        domain="[('connector_id', '=', id)]",
        help="Kolmeya cost centre billed for the SMS sent by this connector "
        "(Kolmeya's default when empty). The list comes from Kolmeya: "
        "click Refresh cost centres.",
    )
    kolmeya_cost_centre_ids = fields.One2many(
        "cc.kolmeya.cost.centre", "connector_id", string="Cost centres"
    )
    kolmeya_currency_id = fields.Many2one(
        "res.currency", compute="_compute_kolmeya_currency_id"
    )
    kolmeya_price_per_segment = fields.Float(
        string="Price per SMS part",
        digits=(16, 4),
        help="What Kolmeya charges per SMS part (segment), used for the cost "
        "estimates shown in the composer and stored on each message.",
    )
    kolmeya_quiet_hours = fields.Boolean(
        string="Quiet hours",
        default=True,
        help="Hold outbound SMS during the night: they stay queued and leave "
        "when the window opens.",
    )
    kolmeya_quiet_start = fields.Float(string="Quiet from", default=22.0)
    kolmeya_quiet_end = fields.Float(string="Quiet until", default=8.0)
    kolmeya_tz = fields.Selection(
        _tz_get,
        string="Time zone",
        default=lambda self: self.env.company.partner_id.tz or DEFAULT_TZ,
        help="Time zone of the quiet hours (the customers' local time).",
    )
    kolmeya_status_url = fields.Char(
        string="Status webhook URL",
        compute="_compute_kolmeya_webhook_urls",
        groups="cc_core.group_cc_manager",
    )
    kolmeya_reply_url = fields.Char(
        string="Reply webhook URL",
        compute="_compute_kolmeya_webhook_urls",
        groups="cc_core.group_cc_manager",
    )
    kolmeya_poll_replies = fields.Boolean(
        string="Poll replies",
        default=True,
        help="Every few minutes, fetch the replies of the last hours from "
        "Kolmeya: replies whose webhook call was lost still arrive (Kolmeya "
        "never retries a webhook). Duplicates are ignored.",
    )
    kolmeya_rate_limited_until = fields.Datetime(
        string="Rate limited until",
        readonly=True,
        copy=False,
        help="Kolmeya answered 429 or X-RateLimit-Remaining: 0; queued SMS "
        "wait until then (no attempt counted).",
    )
    kolmeya_last_poll_date = fields.Datetime(
        string="Replies polled on", readonly=True, copy=False
    )

    @api.depends("company_id")
    def _compute_kolmeya_currency_id(self):
        brl = self.env.ref("base.BRL", raise_if_not_found=False)
        for connector in self:
            connector.kolmeya_currency_id = brl or connector.company_id.currency_id

    @api.depends("webhook_key")
    def _compute_kolmeya_webhook_urls(self):
        for connector in self:
            base = connector.webhook_url
            connector.kolmeya_status_url = "%s/status" % base
            connector.kolmeya_reply_url = "%s/reply" % base

    @api.onchange("provider")
    def _onchange_provider_kolmeya(self):
        if self.provider == "kolmeya":
            self.channel_kind = "sms"

    @api.constrains("provider", "channel_kind")
    def _check_kolmeya_channel(self):
        for connector in self:
            if connector.provider == "kolmeya" and connector.channel_kind != "sms":
                raise ValidationError(_("A Kolmeya connector is an SMS connector."))

    @api.constrains("kolmeya_quiet_start", "kolmeya_quiet_end")
    def _check_kolmeya_quiet_hours(self):
        for connector in self:
            for hour in (connector.kolmeya_quiet_start, connector.kolmeya_quiet_end):
                if not 0 <= hour <= 24:
                    raise ValidationError(
                        _("Quiet hours are times of the day, between 00:00 and 24:00.")
                    )

    @api.constrains("kolmeya_base_url")
    def _check_kolmeya_base_url(self):
        for connector in self:
            url = connector.kolmeya_base_url
            if url and not url.startswith(("https://", "http://")):
                raise ValidationError(
                    _("The Kolmeya API URL must start with https:// (or http://).")
                )

    @api.constrains("kolmeya_price_per_segment")
    def _check_kolmeya_price(self):
        if any(c.kolmeya_price_per_segment < 0 for c in self):
            raise ValidationError(_("The price per SMS part cannot be negative."))

    # ------------------------------------------------------------------
    # Helpers used by the provider, the crons and the buttons
    # ------------------------------------------------------------------
    def _kolmeya_client(self):
        """A ``KolmeyaClient`` for this connector (close it after use)."""
        self.ensure_one()
        connector = self.sudo()
        if not connector.kolmeya_token:
            raise UserError(
                _("Set the Kolmeya API token of connector %(name)s first.",
                  name=connector.name)
            )
        params = self.env["ir.config_parameter"].sudo()
        timeout = (
            float(params.get_param("cc_connector_sms_kolmeya.connect_timeout", 10)),
            float(params.get_param("cc_connector_sms_kolmeya.read_timeout", 30)),
        )
        return KolmeyaClient(
            connector.kolmeya_base_url or DEFAULT_BASE_URL,
            connector.kolmeya_token,
            timeout=timeout,
            retries=int(params.get_param("cc_connector_sms_kolmeya.read_retries", 2)),
        )

    def _kolmeya_quiet_until(self, now):
        """Naive UTC end of the quiet hours when ``now`` (naive UTC) is inside
        them, else ``None``. Uses the connector's time zone."""
        self.ensure_one()
        if not self.kolmeya_quiet_hours:
            return None
        tz = pytz.timezone(self.kolmeya_tz or DEFAULT_TZ)
        local_now = pytz.utc.localize(now).astimezone(tz).replace(tzinfo=None)
        opens = window_opens_at(local_now, self.kolmeya_quiet_start,
                                self.kolmeya_quiet_end)
        if opens is None:
            return None
        return tz.localize(opens).astimezone(pytz.utc).replace(tzinfo=None)

    def _kolmeya_local_time(self, utc_datetime):
        """``HH:MM`` of a naive UTC datetime in the connector's time zone."""
        tz = pytz.timezone(self.kolmeya_tz or DEFAULT_TZ)
        local = pytz.utc.localize(utc_datetime).astimezone(tz)
        return local.strftime("%H:%M")

    def action_test_connection(self):
        action = super().action_test_connection()
        if self.provider == "kolmeya":  # show the balance and cost centres read
            action["params"]["next"] = {"type": "ir.actions.client", "tag": "reload"}
        return action

    def action_kolmeya_refresh_cost_centres(self):
        self.ensure_one()
        centres = self.env["cc.kolmeya.cost.centre"]._refresh_for(self)
        return self._kolmeya_notify(
            _("%(count)s cost centre(s) read from Kolmeya.", count=len(centres))
        )

    def _kolmeya_notify(self, message, kind="success", title=None):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title or _("Kolmeya"),
                "message": message,
                "type": kind,
                "sticky": False,
                # show the values just stored (balance, cost centres)
                "next": {"type": "ir.actions.client", "tag": "reload"},
            },
        }
