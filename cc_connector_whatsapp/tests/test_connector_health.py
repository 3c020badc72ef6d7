# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWhatsappConnectorHealth(TransactionCase):
    """What the live dashboard says about WhatsApp connectors: a refused
    Cloud API token, the gateway phone's connection state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Connector = cls.env["cc.connector"].with_context(tracking_disable=True)
        cls.cloud = Connector.create({
            "name": "Cloud health", "provider": "whatsapp_cloud",
            "channel_kind": "whatsapp", "wa_phone_number_id": "health-pnid",
            "wa_app_secret": "health", "wa_graph_base_url": "http://127.0.0.1:9"})
        cls.gateway = Connector.create({
            "name": "Gateway health", "provider": "whatsapp_gateway",
            "channel_kind": "whatsapp", "wg_endpoint": "http://127.0.0.1:9"})
        cls.supervisor = new_test_user(cls.env, "wa_health_sup",
                                       groups="cc_core.group_cc_supervisor")

    def _items(self, connector):
        connectors = (self.cloud | self.gateway).with_user(self.supervisor)
        return connectors._cc_health_items()[connector.id]

    def test_refused_token_comes_first(self):
        self.assertNotIn("token", [i["key"] for i in self._items(self.cloud)])
        self.cloud.sudo().write({"wa_token_invalid": True,
                                 "wa_token_invalid_date": fields.Datetime.now()})
        item = self._items(self.cloud)[0]
        self.assertEqual((item["key"], item["level"]), ("token", "danger"))

    def test_gateway_phone_state(self):
        expected = {"connected": "ok", "qr": "warning", "disconnected": "danger",
                    "unknown": "info"}
        for state, level in expected.items():
            self.gateway.sudo().write({"wg_state": state,
                                       "wg_state_reason": "reason %s" % state})
            item = self._items(self.gateway)[0]
            self.assertEqual((item["key"], item["level"]), ("phone_%s" % state, level))
            self.assertEqual(item["detail"], "reason %s" % state)
        self.gateway.sudo().write({"wg_state": "qr"})
        self.assertEqual(self._items(self.gateway)[0]["label"],
                         "Phone: QR code scan needed")
        # The Cloud API connector has no phone state.
        self.assertFalse([i for i in self._items(self.cloud)
                          if i["key"].startswith("phone_")])

    def test_no_query_per_connector(self):
        connectors = (self.cloud | self.gateway).with_user(self.supervisor)
        connectors._cc_health_items()
        self.env["base"].invalidate_cache()
        with self.assertQueryCount(2):  # the connectors' fields, the last webhooks
            connectors._cc_health_items()
