# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The gateway's calls on the real routes: webhook key, IP allow-list,
malformed bodies, and the signed media links the gateway downloads."""
import time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..whatsapp_gateway import media_link
from .gateway_common import NUMBER, GatewayCaseMixin, envelope, gw_message

ROUTE_LOGGER = "odoo.addons.cc_core.controllers.webhook"
PROVIDER_LOGGER = "odoo.addons.cc_connector_whatsapp.models.cc_provider_whatsapp_gateway"


@tagged("post_install", "-at_install")
class TestGatewayRoutes(GatewayCaseMixin, HttpCase):

    def _post(self, data, key=None):
        url = "/cc/webhook/%s" % (key or self.connector.webhook_key)
        return self.url_open(url, data=data, headers={"Content-Type": "application/json"})

    def _stored(self):
        return (self.env["cc.conversation"].search_count([]),
                self.env["cc.message"].search_count([]))

    def test_every_message_type_is_accepted(self):
        url = self.gateway.add_media("a.ogg", b"OggS", "audio/ogg")
        body = envelope(messages=[
            gw_message("false_T", "texto"),
            gw_message("false_I", "", kind="image", url=url),
            gw_message("false_A", "", kind="ptt", url=url),
            gw_message("false_V", "", kind="video", url=url),
            gw_message("false_F", "", kind="file", url=url, filename="nota.pdf"),
            gw_message("false_S", "", kind="sticker", url=url),
            gw_message("false_L", "", kind="location",
                       metadata={"latitude": -23.5, "longitude": -46.6}),
            gw_message("false_C", "BEGIN:VCARD", kind="contact"),
            gw_message("false_X", "", kind="poll"),
        ])
        response = self._post(body)
        self.assertEqual(response.status_code, 200, response.text)
        messages = self.env["cc.message"].search(
            [("provider_message_id", "like", "false_")], order="id")
        self.assertEqual(messages.mapped("message_type"), [
            "text", "image", "audio", "video", "document", "sticker", "location",
            "contact", "unsupported"])
        self.assertEqual(len(messages.conversation_id), 1)
        self.assertEqual(messages.conversation_id.address, "+" + NUMBER)

    @mute_logger(ROUTE_LOGGER)
    def test_malformed_bodies_get_400_and_store_nothing(self):
        before = self._stored()
        for data in (b"not json", b"[]", b'{"params": {}}',
                     b'{"params": {"messages": "x"}}'):
            response = self._post(data)
            self.assertEqual(response.status_code, 400, data)
        self.assertEqual(self._stored(), before)

    @mute_logger(ROUTE_LOGGER)
    def test_wrong_key_is_404(self):
        before = self._stored()
        response = self._post(envelope(messages=[gw_message("false_K")]),
                              key="not-the-key")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._stored(), before)

    @mute_logger(ROUTE_LOGGER, PROVIDER_LOGGER)
    def test_ip_allow_list(self):
        body = envelope(messages=[gw_message("false_IP1")])
        before = self._stored()
        self.connector.wg_allowed_ips = "203.0.113.0/24"
        self.assertEqual(self._post(body).status_code, 403)
        self.assertEqual(self._stored(), before, "refused before anything is stored")
        self.connector.wg_allowed_ips = "203.0.113.0/24, 127.0.0.1"
        self.assertEqual(self._post(body).status_code, 200)
        self.assertTrue(self.env["cc.message"].search(
            [("provider_message_id", "=", "false_IP1")]))

    def _link(self, attachment, now=None, ttl=3600):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return media_link.build_path(secret, attachment.id, now=now, ttl=ttl)

    def _file(self, res_model="cc.message"):
        return self.env["ir.attachment"].create({
            "name": "boleto.pdf", "raw": b"%PDF-1.4 boleto", "mimetype": "application/pdf",
            "res_model": res_model, "res_id": 0})

    def test_media_link_serves_the_file(self):
        attachment = self._file()
        response = self.url_open(self._link(attachment))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 boleto")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_media_link_tampered_or_expired(self):
        attachment = self._file()
        other = self._file()
        path = self._link(attachment)
        prefix, token = path.rsplit("/", 1)
        tampered = prefix.replace("/%d/" % attachment.id, "/%d/" % other.id) + "/" + token
        self.assertEqual(self.url_open(tampered).status_code, 403)
        flipped = prefix + "/" + ("0" if token[0] != "0" else "1") + token[1:]
        self.assertEqual(self.url_open(flipped).status_code, 403)
        expired = self._link(attachment, now=time.time() - 7200, ttl=3600)
        self.assertEqual(self.url_open(expired).status_code, 404)

    def test_media_link_serves_only_contact_center_files(self):
        private = self._file(res_model="res.partner")
        self.assertEqual(self.url_open(self._link(private)).status_code, 404)
