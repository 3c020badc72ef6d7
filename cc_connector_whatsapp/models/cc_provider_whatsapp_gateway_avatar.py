# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer pictures on the WhatsApp gateway.

The gateway tells when a contact's picture changed (webhook ``updates``
with an image URL, applied by ``cc_inbound_gateway``) and answers
``profile_url`` for a number (chat-smart.io). cc_core's cron calls
``_fetch_customer_avatar``; the download is capped here (streamed, refused
past the cap) and checked again by cc_core before anything is stored.
"""
from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.cc_core.services import avatar as avatar_service

from ..whatsapp_gateway import errors


class CcProviderWhatsappGatewayAvatar(models.AbstractModel):
    _inherit = "cc.provider.whatsapp_gateway"

    @api.model
    def _provides_avatars(self, connector):
        return True

    @api.model
    def _fetch_customer_avatar(self, conversation, url=None):
        connector = conversation.connector_id.sudo()
        if connector.wg_state in ("qr", "disconnected"):
            raise errors.TransientError("The WhatsApp phone is not connected")
        try:
            with connector._wg_client() as client:
                if not url:
                    url = client.profile_url(self._wg_number(conversation))
                    if not url:
                        return None
                return client.download(url, avatar_service.MAX_BYTES)
        except errors.GatewayError as error:
            if error.transient:
                raise
            raise UserError(_("The gateway cannot give this picture: %(error)s",
                              error=error.message)) from error
