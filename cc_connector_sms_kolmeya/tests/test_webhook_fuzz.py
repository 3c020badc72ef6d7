# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hostile and broken bodies on the real Kolmeya status and reply routes:
never a 5xx, 400 for every malformed body, nothing stored but the journal,
the raw bytes kept exactly."""
import logging
import os

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.cc_core.tests.fuzz import WebhookFuzzMixin, load_samples

from .common import KolmeyaMixin

_logger = logging.getLogger(__name__)
SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "samples",
                       "kolmeya")
STORED = WebhookFuzzMixin.STORED_MODELS + ("cc.kolmeya.blacklist.sync",)


@tagged("post_install", "-at_install", "cc_fuzz")
class TestWebhookFuzz(WebhookFuzzMixin, KolmeyaMixin, HttpCase):
    STORED_MODELS = STORED

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_kolmeya()

    def _fuzz_post(self, name, body):
        topic = "status" if name.startswith("status") else "reply"
        return self.url_open(
            "/cc/webhook/%s/%s" % (self.connector.webhook_key, topic), data=body,
            headers={"Content-Type": "application/json"})

    def _outbound(self):
        """Outbound SMS the samples' status and reply bodies can match."""
        conversation = self.env["cc.conversation"].create(
            {"connector_id": self.connector.id, "address": "+5511987654321"})
        self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "outbound",
            "state": "sent", "body": "Sua fatura vence amanhã",
            "provider_message_id": "1b2c3d4e-0000-4000-8000-000000000001"})

    @mute_logger("odoo.addons.cc_core.controllers.webhook",
                 "odoo.addons.cc_core.models.cc_inbound",
                 "odoo.addons.cc_connector_sms_kolmeya.models.cc_provider_kolmeya")
    def test_mutated_samples_never_break_the_routes(self):
        self._outbound()
        samples = [(n, b) for n, b in load_samples(SAMPLES)
                   if n.startswith(("status_", "reply_"))
                   and n not in ("status_request_response.json",)]
        self.assertGreater(len(samples), 12)
        seen = self._fuzz(samples, count=300, seed=20261206)
        refused = sum(n for (_kind, status), n in seen.items() if status == 400)
        _logger.info("cc_fuzz: Kolmeya, 300 mutated bodies: %s refused (400), %s "
                     "accepted; by kind: %s", refused, 300 - refused, sorted(seen.items()))
        self.assertGreater(refused, 150, "most mutations are malformed")
        self.assertLess(refused, 300, "some mutations are still valid webhooks")
