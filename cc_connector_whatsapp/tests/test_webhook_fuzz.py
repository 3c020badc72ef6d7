# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hostile and broken bodies, correctly signed, on the real WhatsApp route:
never a 5xx, 400 for every malformed body, nothing stored but the journal,
the raw bytes kept exactly."""
import logging
import os

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.cc_core.tests.fuzz import WebhookFuzzMixin, load_samples

from ..whatsapp_cloud import signature
from .common import APP_SECRET, WhatsAppCaseMixin

_logger = logging.getLogger(__name__)
SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "samples",
                       "whatsapp")


@tagged("post_install", "-at_install", "cc_fuzz")
class TestWebhookFuzz(WebhookFuzzMixin, WhatsAppCaseMixin, HttpCase):

    def _fuzz_post(self, name, body):
        headers = {"Content-Type": "application/json",
                   "X-Hub-Signature-256": signature.sign(APP_SECRET, body)}
        return self.url_open("/cc/webhook/%s" % self.connector.webhook_key,
                             data=body, headers=headers)

    @mute_logger("odoo.addons.cc_core.controllers.webhook",
                 "odoo.addons.cc_core.models.cc_inbound",
                 "odoo.addons.cc_connector_whatsapp.models.cc_provider_whatsapp_cloud")
    def test_mutated_samples_never_break_the_route(self):
        samples = load_samples(SAMPLES)
        self.assertGreater(len(samples), 20)
        seen = self._fuzz(samples, count=300, seed=20261206)
        refused = sum(n for (_kind, status), n in seen.items() if status == 400)
        _logger.info("cc_fuzz: WhatsApp, 300 mutated bodies: %s refused (400), %s "
                     "accepted; by kind: %s", refused, 300 - refused, sorted(seen.items()))
        self.assertGreater(refused, 150, "most mutations are malformed")
        self.assertLess(refused, 300, "some mutations are still valid webhooks")
