# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PHONE, KolmeyaMixin


@tagged("post_install", "-at_install")
class TestRoundTrip(KolmeyaMixin, HttpCase):
    """Agent composes -> Kolmeya receives the right JSON -> status webhook ->
    delivered; reply webhook -> inbound message in the same conversation.
    Everything over real HTTP (Odoo's routes and the fake Kolmeya server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_kolmeya()

    def setUp(self):
        super().setUp()
        self._reset_server()

    def _post(self, topic, body, key=None):
        key = key or self.connector.sudo().webhook_key
        return self.url_open("/cc/webhook/%s/%s" % (key, topic),
                             data=json.dumps(body).encode("utf-8"),
                             headers={"Content-Type": "application/json"})

    def test_round_trip(self):
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": "Seu pedido saiu para entrega"})
        self.assertIn("1 SMS part", composer.body_info)
        composer.action_send()
        message = conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual(message.state, "queued")
        self.assertFalse(self.server.requests_to("/sms/store"),
                         "the agent's click never calls Kolmeya")

        self.env["cc.message"]._cron_send_outbox()
        request, = self.server.requests_to("/sms/store")
        self.assertEqual(request.headers["Authorization"], "Bearer kolmeya-test-token")
        self.assertEqual(request.json["messages"], [{
            "phone": "5511987654321", "message": "Seu pedido saiu para entrega",
            "reference": "cc-%s" % message.id}])
        self.assertEqual(request.json["tenant_segment_id"], 109)
        status_url = request.json["webhook_url"]
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.sms_segments, 1)
        kolmeya_id = self.server.stored[0]["valids"][0]["id"]
        self.assertEqual(message.provider_message_id, kolmeya_id)

        # Kolmeya calls the URL it was given in the request
        path = status_url.split("/cc/webhook/", 1)[1]
        response = self.url_open("/cc/webhook/" + path, data=json.dumps({
            "id": self.server.stored[0]["id"], "reference": None,
            "messages": [{"id": kolmeya_id, "reference": "cc-%s" % message.id,
                          "status_code": 3, "status": "entregue"}]}).encode(),
            headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(message.state, "delivered")

        response = self._post("reply", {"reply": {
            "id": "reply-1", "reply": "Obrigado!", "received_at": "15/11/2025 10:35:12",
            "message": {"id": kolmeya_id, "reference": "cc-%s" % message.id,
                        "phone": 11987654321}}})
        self.assertEqual(response.status_code, 200)
        reply = conversation.message_ids_cc.filtered(lambda m: m.direction == "inbound")
        self.assertEqual(reply.body, "Obrigado!")
        self.assertEqual(reply.state, "received")

    @mute_logger("odoo.addons.cc_core.controllers.webhook")
    def test_unknown_topics_and_keys_are_refused(self):
        self.assertEqual(self._post("poll", {"data": []}).status_code, 403,
                         "the internal poll topic is never taken from outside")
        self.assertEqual(self._post("other", {}).status_code, 403)
        response = self.url_open(
            "/cc/webhook/%s" % self.connector.sudo().webhook_key, data=b"{}",
            headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self._post("status", {}, key="wrong-key").status_code, 404)
        self.assertFalse(self.env["cc.webhook.event"].search_count(
            [("connector_id", "=", self.connector.id)]))

    def test_malformed_body_is_400_and_journaled(self):
        response = self.url_open(
            "/cc/webhook/%s/status" % self.connector.sudo().webhook_key,
            data=b"<html>", headers={"Content-Type": "text/html"})
        self.assertEqual(response.status_code, 400)
        event = self.env["cc.webhook.event"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual((event.topic, event.state), ("status", "failed"))

    def test_opt_out_reply_reaches_the_kolmeya_blacklist(self):
        conversation = self._conversation()
        self._post("reply", {"phone": PHONE[1:], "message": "SAIR"})
        self.assertTrue(conversation.is_opted_out)
        change = self.env["cc.kolmeya.blacklist.sync"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual((change.address, change.operation, change.state),
                         (PHONE, "add", "pending"))
        self.assertFalse(self.server.requests_to("/blacklist/store"),
                         "no network call inside the webhook")
        self.env["cc.kolmeya.blacklist.sync"]._cron_sync()
        self.assertEqual(change.state, "done")
        self.assertIn("11987654321", self.server.blacklisted)
