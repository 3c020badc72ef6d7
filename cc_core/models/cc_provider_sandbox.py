# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models

from ..services import sandbox
from ..services.types import SEND_SENT, ChannelLimits, SendResult

SMS_MAX_LENGTH = 612
WHATSAPP_MEDIA = ("image/", "audio/", "video/", "application/", "text/")


class CcProviderSandbox(models.AbstractModel):
    """Sandbox provider, for trials and training: nothing leaves Odoo.

    A send is accepted at once with an id of the sandbox; the simulated
    network (``cc.connector._cron_sandbox_network``) then posts delivery
    reports and customer answers back through the connector's webhook
    journal, as a real provider would (see ``cc_core.services.sandbox``).
    """

    _name = "cc.provider.sandbox"
    _inherit = "cc.provider.abstract"
    _description = "Contact Center Sandbox Provider"

    @api.model
    def _verify_webhook(self, connector, request):
        return sandbox.verify(connector.sudo().webhook_key, request.raw_body,
                              request.headers.get(sandbox.SIGNATURE_HEADER))

    @api.model
    def _parse_webhook(self, connector, request):
        return sandbox.parse_body(request.raw_body)

    @api.model
    def _send_message(self, message):
        return self._send_messages(message)[message.id]

    @api.model
    def _send_messages(self, messages):
        """Accept every message at once; the simulated network takes over."""
        self.env["cc.connector"]._sandbox_trigger_network()
        note = _("Sandbox: not sent outside Odoo.")
        return {message.id: SendResult(SEND_SENT,
                                       provider_message_id=sandbox.new_message_id(),
                                       note=note)
                for message in messages}

    @api.model
    def _test_connection(self, connector):
        return _("Sandbox connector: messages never leave Odoo; deliveries and "
                 "answers are simulated.")

    @api.model
    def _channel_limits(self, connector):
        if connector.channel_kind == "sms":
            return ChannelLimits(max_length=SMS_MAX_LENGTH, media_types=())
        return ChannelLimits(max_length=4096, media_types=WHATSAPP_MEDIA)
