# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Test helpers: a gateway connector on a fake gateway on 127.0.0.1 and
webhook bodies shaped like the gateway's envelope."""
import json
import time

from odoo.tests.common import new_test_user

from odoo.addons.cc_core.services.types import WebhookRequest

from ..whatsapp_gateway.fake_server import FakeGatewayServer

GW_TOKEN = "gw-token-for-tests"
GW_CLIENT = "gw-client-uuid-for-tests"
NUMBER = "5511987654321"


def envelope(messages=None, events=None, updates=None):
    params = {}
    if messages is not None:
        params["messages"] = messages
    if events is not None:
        params["events"] = events
    if updates is not None:
        params["updates"] = updates
    return json.dumps({"jsonrpc": "2.0", "method": "call", "params": params},
                      ensure_ascii=False).encode("utf-8")


def gw_message(msg_id, text="Olá", number=NUMBER, kind="text", **extra):
    message = {"id": msg_id, "number": number, "type": kind, "text": text,
               "name": "Maria Souza", "time": int(time.time()), "from_me": False,
               "chat_type": "normal"}
    message.update(extra)
    return message


class GatewayCaseMixin:
    """A WhatsApp gateway connector, an agent, a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gateway = FakeGatewayServer(token=GW_TOKEN, client_id=GW_CLIENT).start()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        cls.user_agent = new_test_user(env, "gw_agent", groups="cc_core.group_cc_agent",
                                       name="Gabi Agent")
        cls.user_manager = new_test_user(env, "gw_manager",
                                         groups="cc_core.group_cc_manager",
                                         name="Gil Manager")
        cls.agent = env["cc.agent"].create({"user_id": cls.user_agent.id,
                                            "presence": "online"})
        cls.team = env["cc.team"].create({"name": "Gateway support",
                                          "member_ids": [(6, 0, cls.agent.ids)]})
        cls.connector = env["cc.connector"].create({
            "name": "WhatsApp gateway number",
            "provider": "whatsapp_gateway",
            "channel_kind": "whatsapp",
            "team_id": cls.team.id,
            "agent_ids": [(6, 0, cls.agent.ids)],
            "responsible_user_id": cls.user_manager.id,
            "wg_endpoint": cls.gateway.url,
            "wg_token": GW_TOKEN,
            "wg_client_id": GW_CLIENT,
            "wg_state": "connected",
        })

    @classmethod
    def tearDownClass(cls):
        cls.gateway.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        with self.gateway._lock:
            self.gateway._requests.clear()
            self.gateway._failures.clear()
            self.gateway._delays.clear()
        self.gateway.state = "connected"

    def _process(self, body, connector=None):
        """Journal and process a body through cc_core's pipeline."""
        connector = connector or self.connector
        request = WebhookRequest("POST", {"content-type": "application/json"},
                                 body, {}, None)
        self.assertTrue(connector._provider()._verify_webhook(connector, request))
        event = self.env["cc.webhook.event"]._journal(connector, request)
        event._process()
        return event

    def _customer_writes(self, msg_id="false_IN1", text="Olá", **extra):
        self._process(envelope(messages=[gw_message(msg_id, text, **extra)]))
        return self.env["cc.message"].search([("provider_message_id", "=", msg_id)])

    def _queue(self, conversation, text="Bom dia", **kwargs):
        if conversation.state != "current":
            conversation.with_user(self.user_agent).action_take()
        return self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation.with_user(self.user_agent), text, **kwargs)

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    def _sends(self):
        return [r for r in self.gateway.requests
                if r.method == "POST" and r.path.startswith("send")]
