# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Test helpers: a connector pointed at a fake Graph API on 127.0.0.1, and
webhook bodies shaped like Meta's, signed with the connector's app secret."""
import json
import time

from odoo import fields
from odoo.tests.common import TransactionCase, new_test_user

from odoo.addons.cc_core.services.types import WebhookRequest
from odoo.addons.cc_core.tests.common import FakeProviderMixin

from ..whatsapp_cloud import signature
from ..whatsapp_cloud.fake_server import DEFAULT_TEMPLATES, FakeGraphServer

TOKEN = "EAAG-test-token"
APP_SECRET = "app-secret-for-tests"
VERIFY_TOKEN = "verify-me-please"
PNID = "106540352242922"
WABA = "102290129340398"
WA_ID = "5511987654321"
WA_ID_OLD = "551187654321"  # the same customer, registered before the 9th digit


def meta_body(messages=(), statuses=(), contacts=(), phone_number_id=PNID):
    """A webhook POST body as Meta sends it (one entry, one change)."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "5511999990000",
                     "phone_number_id": phone_number_id},
    }
    if contacts:
        value["contacts"] = list(contacts)
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {"object": "whatsapp_business_account",
            "entry": [{"id": WABA, "changes": [{"field": "messages", "value": value}]}]}


def contact(wa_id=WA_ID, name="Maria Souza", user_id=None):
    entry = {"profile": {"name": name}, "wa_id": wa_id}
    if user_id:
        entry["user_id"] = user_id
    return entry


def inbound(kind, obj, wamid, wa_id=WA_ID, timestamp=None, **extra):
    """One ``messages[]`` item of type ``kind``."""
    message = {"from": wa_id, "id": wamid, "type": kind,
               "timestamp": str(int(timestamp or time.time()))}
    if obj is not None:
        message[kind] = obj
    message.update(extra)
    return message


def status(wamid, state, timestamp=None, errors=None):
    item = {"id": wamid, "status": state, "recipient_id": WA_ID,
            "timestamp": str(int(timestamp or time.time()))}
    if errors:
        item["errors"] = errors
    return item


def raw(body):
    """Bytes as Meta would post them (non-ASCII kept as UTF-8)."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


class WhatsAppMixin:
    """A WhatsApp connector on a fake Graph API, agents, a manager."""

    @classmethod
    def _setup_whatsapp(cls):
        cls.graph = FakeGraphServer(token=TOKEN).start()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        cls.user_agent = new_test_user(env, "wa_agent", groups="cc_core.group_cc_agent",
                                       name="Walter Agent")
        cls.user_manager = new_test_user(env, "wa_manager",
                                         groups="cc_core.group_cc_manager",
                                         name="Wilma Manager")
        cls.agent = env["cc.agent"].create({"user_id": cls.user_agent.id,
                                            "presence": "online"})
        cls.team = env["cc.team"].create({"name": "WhatsApp support",
                                          "member_ids": [(6, 0, cls.agent.ids)]})
        cls.connector = env["cc.connector"].create({
            "name": "WhatsApp test number",
            "provider": "whatsapp_cloud",
            "channel_kind": "whatsapp",
            "team_id": cls.team.id,
            "agent_ids": [(6, 0, cls.agent.ids)],
            "responsible_user_id": cls.user_manager.id,
            "wa_phone_number_id": PNID,
            "wa_business_account_id": WABA,
            "wa_access_token": TOKEN,
            "wa_app_secret": APP_SECRET,
            "wa_verify_token": VERIFY_TOKEN,
            "wa_graph_base_url": cls.graph.url,
        })

    @classmethod
    def _teardown_whatsapp(cls):
        cls.graph.stop()

    def _reset_graph(self):
        with self.graph._lock:
            self.graph._requests.clear()
            self.graph._failures.clear()
            self.graph._delays.clear()
            self.graph.media.clear()
            self.graph.wa_id_map.clear()
            self.graph.templates = [dict(t) for t in DEFAULT_TEMPLATES]

    def _process(self, body, connector=None):
        """Journal and process a signed body through cc_core's pipeline."""
        connector = connector or self.connector
        data = raw(body) if isinstance(body, dict) else body
        request = WebhookRequest(
            "POST",
            {"content-type": "application/json",
             "x-hub-signature-256": signature.sign(APP_SECRET, data)},
            data, {}, None)
        self.assertTrue(connector._provider()._verify_webhook(connector, request))
        event = self.env["cc.webhook.event"]._journal(connector, request)
        event._process()
        return event

    def _text_in(self, text="Olá", wamid="wamid.IN1", wa_id=WA_ID, name="Maria Souza",
                 **extra):
        item = inbound("text", {"body": text}, wamid, wa_id, **extra)
        self._process(meta_body([item], contacts=[contact(wa_id, name)]))
        return self.env["cc.message"].search([("provider_message_id", "=", wamid)])

    def _taken_conversation(self, wa_id=WA_ID, wamid="wamid.OPEN"):
        """A conversation the agent holds, the customer wrote just now."""
        message = self._text_in("Oi", wamid=wamid, wa_id=wa_id)
        conversation = message.conversation_id
        if conversation.state != "current":
            conversation.with_user(self.user_agent).action_take()
        return conversation

    def _queue(self, conversation, text="Bom dia", **kwargs):
        return self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation.with_user(self.user_agent), text, **kwargs)

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    def _sent_payloads(self):
        return [r.json for r in self.graph.requests_to("*/messages", "POST")
                if isinstance(r.json, dict) and r.json.get("type")]


class WhatsAppCaseMixin(WhatsAppMixin):
    """Class set-up shared by the model and the HTTP tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_whatsapp()

    @classmethod
    def tearDownClass(cls):
        cls._teardown_whatsapp()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self._reset_graph()


class WhatsAppCase(WhatsAppCaseMixin, TransactionCase):
    @staticmethod
    def _now():
        return fields.Datetime.now()


class WhatsAppWithFakeSmsMixin(WhatsAppMixin, FakeProviderMixin):
    """A WhatsApp Cloud connector on the fake Graph server beside cc_core's
    fake SMS connector (the SMS fallback's target), for any test case class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_fake_provider()
        cls._setup_whatsapp()
        cls.sms_connector = cls.env["cc.connector"].create({
            "name": "SMS (fake)", "provider": "fake", "channel_kind": "sms",
            "fake_token": "sms", "agent_ids": [(6, 0, cls.agent.ids)],
        })

    @classmethod
    def tearDownClass(cls):
        cls._teardown_whatsapp()
        cls.loader.restore_registry()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self._reset_graph()
        self.wire.reset()
