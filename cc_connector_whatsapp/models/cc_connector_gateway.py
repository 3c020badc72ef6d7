# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""WhatsApp gateway settings of a connector (apichat.io / chat-smart.io).

The gateway drives a WhatsApp session opened on the company's phone (QR
code); the number keeps working as it did under ChatRoom. Token and client
id are secrets: managers only.
"""
import ipaddress
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..whatsapp_gateway import GatewayClient, errors
from ..whatsapp_gateway.client import VARIANT_CHATSMART, VARIANT_DIRECT

_logger = logging.getLogger(__name__)

PROVIDER = "whatsapp_gateway"
DEFAULT_ENDPOINT = "https://api.chat-smart.io/v1"
STATES = [
    ("connected", "Connected"),
    ("qr", "QR code scan needed"),
    ("disconnected", "Disconnected"),
    ("unknown", "Not checked yet"),
]


def _detach_provider(connectors):
    """Uninstalling the addon: keep the connectors and their history, archived."""
    connectors.write({"provider": False, "active": False})


class CcConnector(models.Model):
    _inherit = "cc.connector"

    provider = fields.Selection(
        selection_add=[(PROVIDER, "WhatsApp (gateway: apichat.io / chat-smart.io)")],
        ondelete={PROVIDER: _detach_provider},
    )
    wg_variant = fields.Selection(
        [(VARIANT_CHATSMART, "chat-smart.io"), (VARIANT_DIRECT, "apichat.io (direct)")],
        string="Gateway",
        default=VARIANT_CHATSMART,
        help="Which gateway runs the WhatsApp session of this number.",
    )
    wg_endpoint = fields.Char(
        string="Gateway URL",
        default=DEFAULT_ENDPOINT,
        copy=False,
        help="The API root of the gateway account (ChatRoom's connector endpoint).",
    )
    wg_token = fields.Char(
        string="Gateway token",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="The account's API token (ChatRoom's connector token).",
    )
    wg_client_id = fields.Char(
        string="Gateway client ID",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="The account's client id (ChatRoom's connector uuid).",
    )
    wg_allowed_ips = fields.Char(
        string="Gateway IP addresses",
        copy=False,
        groups="cc_core.group_cc_manager",
        help="Optional: comma-separated addresses or networks (e.g. 203.0.113.7, "
        "198.51.100.0/24) the gateway calls from. Webhook calls from elsewhere "
        "are refused. Empty: the secret webhook URL is the only check.",
    )
    wg_state = fields.Selection(
        STATES, string="Phone connection", default="unknown", readonly=True,
        copy=False,
    )
    wg_state_reason = fields.Char(string="Connection details", readonly=True, copy=False)
    wg_state_date = fields.Datetime(string="Connection checked on", readonly=True,
                                    copy=False)
    wg_qr = fields.Binary(string="QR code", readonly=True, copy=False, attachment=False,
                          groups="cc_core.group_cc_manager")

    @api.onchange("provider")
    def _onchange_provider_gateway(self):
        if self.provider == PROVIDER:
            self.channel_kind = "whatsapp"

    @api.constrains("provider", "channel_kind", "active", "wg_endpoint")
    def _check_whatsapp_gateway(self):
        for connector in self.filtered(lambda c: c.provider == PROVIDER):
            if connector.channel_kind != "whatsapp":
                raise ValidationError(
                    _("A WhatsApp gateway connector must use the WhatsApp channel."))
            if connector.active and not (connector.wg_endpoint or "").strip():
                raise ValidationError(
                    _("Connector %(name)s needs its gateway URL.", name=connector.name))

    @api.constrains("wg_allowed_ips")
    def _check_wg_allowed_ips(self):
        for connector in self:
            try:
                connector._wg_networks()
            except ValueError:
                raise ValidationError(_(
                    "Gateway IP addresses: %(value)s is not a list of addresses or "
                    "networks.", value=connector.wg_allowed_ips)) from None

    def _wg_networks(self):
        """The allow-list as ``ip_network`` objects (empty: no restriction)."""
        self.ensure_one()
        raw = self.sudo().wg_allowed_ips or ""
        return [ipaddress.ip_network(part.strip(), strict=False)
                for part in raw.replace(";", ",").split(",") if part.strip()]

    def _wg_client(self):
        """A ``GatewayClient`` for this connector (close it after use)."""
        self.ensure_one()
        connector = self.sudo()
        if not (connector.wg_endpoint and connector.wg_token and connector.wg_client_id):
            raise UserError(_(
                "Connector %(name)s needs the gateway URL, token and client ID.",
                name=connector.name))
        try:
            return GatewayClient(
                endpoint=connector.wg_endpoint.strip(),
                token=connector.wg_token.strip(),
                client_id=connector.wg_client_id.strip(),
                variant=connector.wg_variant or VARIANT_CHATSMART,
            )
        except ValueError as error:
            raise UserError(_("Gateway settings of %(name)s: %(error)s",
                              name=connector.name, error=error)) from None

    # ------------------------------------------------------------------
    # Connection state
    # ------------------------------------------------------------------
    def _wg_refresh_state(self):
        """Ask the gateway for the phone's connection; returns the state."""
        self.ensure_one()
        try:
            with self._wg_client() as client:
                status = client.status()
        except errors.GatewayError as error:
            self._wg_set_state("disconnected", error.message)
            raise
        self._wg_set_state(status.state, status.reason, status.qr)
        return status.state

    def _wg_set_state(self, state, reason=None, qr=None):
        """Remember the phone's connection; a phone that stopped being
        connected warns the connector's responsible (once per loss)."""
        self.ensure_one()
        connector = self.sudo()
        was_connected = connector.wg_state in ("connected", "unknown")
        connector.write({
            "wg_state": state,
            "wg_state_reason": (reason or "")[:250] or False,
            "wg_state_date": fields.Datetime.now(),
            "wg_qr": qr or False,
        })
        if state != "connected" and was_connected:
            connector._wg_notify_disconnected(state, reason)
        elif state == "connected" and not was_connected:
            connector._wg_close_disconnection_activities()
            connector.write({"last_error": False, "last_error_date": False})
            connector._wg_release_held()

    def _wg_release_held(self):
        """The phone is back: the messages held while it was away go out now."""
        held = self.env["cc.message"].sudo().search([
            ("connector_id", "in", self.ids),
            ("state", "=", "queued"),
            ("direction", "=", "outbound"),
            ("next_attempt_date", "!=", False),
        ])
        held.write({"next_attempt_date": False})
        self.env["cc.message"]._trigger_outbox()

    def _wg_notify_disconnected(self, state, reason):
        label = dict(self._fields["wg_state"]._description_selection(self.env))[state]
        _logger.warning("Connector %s: WhatsApp gateway phone %s", self.id, state)
        text = _(
            "The WhatsApp phone of %(name)s is not connected (%(state)s): customers' "
            "messages wait on the phone and nothing can be sent. Open the connector "
            "and check the phone (internet, battery), or scan the QR code again. "
            "%(reason)s",
            name=self.name, state=label, reason=reason or "")
        self._record_error(text)
        user = self.responsible_user_id or self.env.ref("base.user_admin",
                                                        raise_if_not_found=False)
        if user:
            # The activity shows in the responsible's activity menu at once;
            # no assignment e-mail (servers without outgoing mail log errors).
            self.with_context(mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_warning",
                summary=_("Reconnect the WhatsApp phone"),
                note=text,
                user_id=user.id,
            )

    def _wg_close_disconnection_activities(self):
        activities = self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
            and a.summary == _("Reconnect the WhatsApp phone"))
        if activities:
            activities.action_feedback(feedback=_("The phone is connected again."))

    @api.model
    def _cron_wg_check_state(self):
        """Poll the connection of every active gateway connector."""
        for connector in self.search([("provider", "=", PROVIDER)]):
            try:
                with self.env.cr.savepoint():
                    connector._wg_refresh_state()
            except (errors.GatewayError, UserError) as error:
                _logger.info("Connector %s: gateway status failed: %s", connector.id,
                             error)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_wg_check_state(self):
        self.ensure_one()
        try:
            state = self._wg_refresh_state()
        except errors.GatewayError as error:
            raise UserError(_("The gateway answered: %(error)s",
                              error=error.message)) from None
        label = dict(self._fields["wg_state"]._description_selection(self.env))[state]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("WhatsApp phone"),
                "message": label,
                "type": "success" if state == "connected" else "warning",
                "sticky": False,
            },
        }

    def action_wg_set_webhook(self):
        """Point the gateway's webhook at this connector's URL."""
        self.ensure_one()
        if not self.active:
            raise UserError(_("Activate the connector first: the gateway would post to "
                              "a URL that answers 404."))
        url = self.sudo().webhook_url
        try:
            with self._wg_client() as client:
                client.set_webhook(url, tz=self.env.user.tz or "America/Sao_Paulo")
        except errors.GatewayError as error:
            raise UserError(_("The gateway answered: %(error)s",
                              error=error.message)) from None
        self.message_post(body=_("The gateway now sends this number's messages to the "
                                 "Contact Center."))
        return True
