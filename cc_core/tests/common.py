# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo_test_helper import FakeModelLoader

from odoo import fields
from odoo.tests.common import HttpCase, TransactionCase, new_test_user


class FakeProviderMixin:
    """Loads the fake provider into the registry for the test class."""

    # The fake models are loaded as a module of their own: loaded as cc_core,
    # cc_core's models would be rebuilt from cc_core's classes only, hiding
    # the fields other installed addons add to them (their views then break,
    # e.g. in the tour) until the registry is restored.
    FAKE_MODULE = "odoo.addons.cc_core_fake_provider.tests"

    @classmethod
    def _load_fake_provider(cls):
        cls.loader = FakeModelLoader(cls.env, FakeProviderMixin.FAKE_MODULE)
        cls.loader.backup_registry()
        from .fake_provider import CcConnectorFake, CcProviderFake, FakeWire

        cls.loader.update_registry((CcConnectorFake, CcProviderFake))
        cls.wire = FakeWire
        cls.wire.reset()

    @classmethod
    def _setup_cc_data(cls):
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        cls.user_agent = new_test_user(env, "cc_agent1", groups="cc_core.group_cc_agent",
                                       name="Ana Agent")
        cls.user_agent2 = new_test_user(env, "cc_agent2",
                                        groups="cc_core.group_cc_agent", name="Bruno Agent")
        cls.user_outsider = new_test_user(env, "cc_agent3",
                                          groups="cc_core.group_cc_agent",
                                          name="Carla Other Connector")
        cls.user_supervisor = new_test_user(env, "cc_super",
                                            groups="cc_core.group_cc_supervisor",
                                            name="Sonia Supervisor")
        cls.user_manager = new_test_user(env, "cc_manager",
                                         groups="cc_core.group_cc_manager",
                                         name="Marcos Manager")
        cls.user_portal = new_test_user(env, "cc_portal", groups="base.group_portal")
        Agent = env["cc.agent"]
        cls.agent = Agent.create({"user_id": cls.user_agent.id, "presence": "online"})
        cls.agent2 = Agent.create({"user_id": cls.user_agent2.id, "presence": "online"})
        cls.agent3 = Agent.create({"user_id": cls.user_outsider.id})
        cls.agent_super = Agent.create({"user_id": cls.user_supervisor.id})
        cls.team = env["cc.team"].create({
            "name": "Support",
            "member_ids": [(6, 0, (cls.agent | cls.agent2).ids)],
            "supervisor_user_ids": [(6, 0, cls.user_supervisor.ids)],
        })
        cls.connector = env["cc.connector"].create({
            "name": "Fake WhatsApp", "provider": "fake", "channel_kind": "whatsapp",
            "fake_token": "s3cret", "team_id": cls.team.id,
            "agent_ids": [(6, 0, (cls.agent | cls.agent2).ids)],
        })
        cls.other_connector = env["cc.connector"].create({
            "name": "Other SMS", "provider": "fake", "channel_kind": "sms",
            "fake_token": "other", "agent_ids": [(6, 0, cls.agent3.ids)],
        })
        cls.stage_closing = env.ref("cc_core.cc_stage_finished")
        cls._connect(cls.user_agent | cls.user_agent2)

    @classmethod
    def _connect(cls, users):
        """Users with an open web client (bus presence), as in production."""
        now = fields.Datetime.now()
        for user in users:
            cls.env["bus.presence"].sudo().create(
                {"user_id": user.id, "last_poll": now, "last_presence": now,
                 "status": "online"})

    def _conversation(self, address="+5511987654321", connector=None, **vals):
        values = dict({"connector_id": (connector or self.connector).id,
                       "address": address}, **vals)
        return self.env["cc.conversation"].create(values)

    def _inbound(self, text="Olá", address="+5511987654321", msg_id=None, connector=None,
                 **extra):
        """Process one fake inbound webhook body through the real pipeline."""
        connector = connector or self.connector
        msg_id = msg_id or "m-%s-%s" % (address, text)
        body = {"messages": [dict({"id": msg_id, "from": address, "text": text},
                                  **extra)]}
        return self._process_body(connector, body)

    def _process_body(self, connector, body):
        from odoo.addons.cc_core.services.types import WebhookRequest

        raw = json.dumps(body).encode()
        data = WebhookRequest("POST", {"content-type": "application/json"}, raw, {}, None)
        event = self.env["cc.webhook.event"]._journal(connector, data)
        event._process()
        return event


class CcCaseMixin(FakeProviderMixin):
    """Class set-up shared by the model and the HTTP tests: the fake provider,
    users per group, a team, two connectors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_fake_provider()
        cls._setup_cc_data()

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.wire.reset()


class CcCase(CcCaseMixin, TransactionCase):
    """Base for cc_core model tests."""


class CcHttpCase(CcCaseMixin, HttpCase):
    """Base for cc_core tests of routes and tours."""
