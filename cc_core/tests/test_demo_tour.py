# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The demo is alive: the demo agent answers on the sandbox connectors and
sees the ticks move and the customer answer, without reloading the page."""
import logging
import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.bus.controllers.main import BusController
from odoo.addons.bus.models import bus as bus_module

from ..services import sandbox

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestDemoTour(HttpCase):
    """Needs the demo data (./test.sh installs it)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("cc_core.user_cc_agent_ana_demo", raise_if_not_found=False):
            self.skipTest("cc_core demo data is not installed")
        self.env["ir.config_parameter"].sudo().set_param("cc_core.sandbox_step_seconds", 1)
        # The background crons start once the web client polls the bus (the
        # test thread then only drives the browser: no two threads use the
        # test cursor without its lock) and stop before the checks.
        self.client_ready = threading.Event()
        self._deliver_bus_notifications()

    # ------------------------------------------------------------------
    # What the test run lacks: crons (no cron thread) and bus delivery
    # ------------------------------------------------------------------
    def _deliver_bus_notifications(self):
        """Odoo refuses /longpolling/poll in test mode and wakes pollers with a
        PostgreSQL NOTIFY that test cursors never send. For this test the
        route answers from the bus table at once (what the real route does
        when notifications are waiting); the browser's own bus service, our
        views' listeners and the notifications themselves are the real ones."""
        registry = self.registry
        client_ready = self.client_ready

        def quick_poll(dbname, channels, last, options=None, timeout=None):
            client_ready.set()
            channels = [bus_module.channel_with_db(dbname, c) for c in channels]
            with registry.cursor() as cr:
                notifications = api.Environment(cr, SUPERUSER_ID, {})[
                    "bus.bus"]._poll(channels, last, options or {})
            if not notifications:
                time.sleep(0.5)  # the browser polls again at once
            return notifications

        def poll(controller, channels, last, options=None):
            return controller._poll(request.db, channels, last, options or {})

        poll.routing = BusController.poll.routing
        poll.original_func = poll
        patchers = [patch.object(bus_module.dispatch, "poll", quick_poll),
                    patch.object(BusController, "poll", poll)]
        for patcher in patchers:
            patcher.start()
            self.addCleanup(patcher.stop)
        self.env["ir.http"]._clear_routing_map()
        self.addCleanup(self.env["ir.http"]._clear_routing_map)

    def _run_crons_in_background(self):
        """The outbox and the sandbox network, as the cron thread would."""
        stop = threading.Event()
        errors = []

        def loop():
            threading.current_thread().testing = True
            self.client_ready.wait(120)
            while not stop.is_set():
                try:
                    with self.registry.cursor() as cr:
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        env["cc.message"]._cron_send_outbox()
                        env["cc.connector"]._cron_sandbox_network()
                except Exception as error:  # noqa: B902 - reported by the test
                    _logger.exception("Background crons failed")
                    errors.append(error)
                    return
                stop.wait(0.5)

        thread = threading.Thread(target=loop, name="cc_demo_crons")
        thread.start()

        def finish():
            stop.set()
            self.client_ready.set()
            thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertFalse(errors, "the background crons failed")

        return finish

    def test_demo_agent_answers_on_whatsapp_and_sms(self):
        stop_crons = self._run_crons_in_background()
        try:
            self.start_tour("/web", "cc_demo_tour", login="agent.ana", timeout=180)
        finally:
            stop_crons()
        ana = self.env.ref("cc_core.user_cc_agent_ana_demo")
        for xmlid in ("cc_core.cc_conversation_2_demo", "cc_core.cc_conversation_3_demo"):
            conversation = self.env.ref(xmlid)
            conversation.invalidate_cache()
            self.assertEqual(conversation.agent_id.user_id, ana)
            sent = conversation.message_ids_cc.filtered(
                lambda m: m.direction == "outbound" and m.author_id == ana)
            self.assertEqual(len(sent), 1, [(m.body, m.state, m.date) for m in sent])
            self.assertEqual(sent.state, "read")
            self.assertTrue(sent.provider_message_id.startswith(sandbox.MESSAGE_ID_PREFIX))
            replies = conversation.message_ids_cc.filtered(
                lambda m, sent=sent: m.direction == "inbound" and m.date >= sent.date)
            self.assertIn(replies[:1].body, sandbox.CUSTOMER_REPLIES)
        sms = self.env.ref("cc_core.cc_conversation_3_demo").message_ids_cc.filtered(
            lambda m: m.direction == "outbound" and m.author_id == ana)
        self.assertEqual(sms.body, "Ana: Oi Mariana, a cadeira Eames preta custa R$ 899.",
                         "short signature on SMS")
