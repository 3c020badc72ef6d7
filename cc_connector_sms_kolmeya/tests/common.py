# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Kolmeya tests talk real HTTP to the fake Kolmeya server on 127.0.0.1."""
import json

from odoo.tests.common import TransactionCase, new_test_user

from odoo.addons.cc_core.services.types import WebhookRequest

from ..kolmeya_api.fake_server import FakeKolmeyaServer

TOKEN = "kolmeya-test-token"
PHONE = "+5511987654321"


class KolmeyaMixin:
    """A Kolmeya connector pointed at a fake Kolmeya server, users, a team."""

    @classmethod
    def _setup_kolmeya(cls):
        cls.server = FakeKolmeyaServer(token=TOKEN).start()
        cls.addClassCleanup(cls.server.stop)
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        params = env["ir.config_parameter"].sudo()
        params.set_param("cc_connector_sms_kolmeya.connect_timeout", 2)
        params.set_param("cc_connector_sms_kolmeya.read_timeout", 1)
        params.set_param("cc_connector_sms_kolmeya.read_retries", 0)
        cls.user_agent = new_test_user(env, "kol_agent", groups="cc_core.group_cc_agent",
                                       name="Karina Agent")
        cls.user_manager = new_test_user(env, "kol_manager",
                                         groups="cc_core.group_cc_manager",
                                         name="Kleber Manager")
        cls.agent = env["cc.agent"].create({"user_id": cls.user_agent.id,
                                            "presence": "online"})
        cls.team = env["cc.team"].create({"name": "SMS Kolmeya team",
                                          "member_ids": [(6, 0, cls.agent.ids)]})
        cls.connector = env["cc.connector"].create({
            "name": "Kolmeya test", "provider": "kolmeya", "channel_kind": "sms",
            "kolmeya_token": TOKEN, "kolmeya_base_url": cls.server.url,
            "kolmeya_quiet_hours": False, "kolmeya_price_per_segment": 0.08,
            "team_id": cls.team.id, "agent_ids": [(6, 0, cls.agent.ids)],
            "responsible_user_id": cls.user_manager.id,
        })
        cls.cost_centre = env["cc.kolmeya.cost.centre"].create({
            "name": "CORPORATIVO", "kolmeya_id": 109, "connector_id": cls.connector.id})
        cls.connector.kolmeya_cost_centre_id = cls.cost_centre

    def _reset_server(self):
        server = self.server
        with server._lock:
            server.requests.clear()
            server.stored.clear()
            server._scripts.clear()
            server.replies = []
            server.blacklisted.clear()
            server.not_disturb.clear()
            server.balance = "R$1.234,56"
            server.remaining = server.rate_limit

    def _conversation(self, address=PHONE, **vals):
        return self.env["cc.conversation"].create(
            dict({"connector_id": self.connector.id, "address": address}, **vals))

    def _queue(self, conversation, text="Bom dia, tudo bem?"):
        conversation = conversation.with_user(self.user_agent)
        if not conversation.agent_id:
            conversation.action_take()
        return self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation, text)

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    def _stored_bodies(self):
        return [request.json for request in self.server.requests_to("/sms/store")]

    def _webhook(self, topic, body):
        """Journal and process a webhook body as the route does (no HTTP)."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        request = WebhookRequest("POST", {"content-type": "application/json"}, raw, {},
                                 topic)
        event = self.env["cc.webhook.event"]._journal(self.connector, request)
        try:
            event._process()
        except ValueError:
            pass
        return event


class KolmeyaCase(KolmeyaMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_kolmeya()

    def setUp(self):
        super().setUp()
        self._reset_server()
