# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestOptIn(CcCase):
    """Lifting an opt-out tells the provider (e.g. to unblock the number)."""

    def _opt_out(self, address="+5511987654321", kind="sms", connector=None):
        return self.env["cc.opt.out"]._record_opt_out(address, kind, "keyword",
                                                      connector=connector)

    def test_allow_messages_calls_the_recording_connector(self):
        opt_out = self._opt_out(connector=self.other_connector)
        opt_out.with_user(self.user_manager).action_allow_messages()
        self.assertFalse(opt_out.active)
        self.assertEqual(self.wire.opt_events,
                         [("in", self.other_connector.id, "+5511987654321")])
        self.assertFalse(self.env["cc.opt.out"]._is_opted_out("+5511987654321", "sms"))

    def test_manual_opt_out_lifts_on_every_connector_of_the_channel(self):
        opt_out = self._opt_out(kind="whatsapp")
        opt_out.action_archive()
        self.assertIn(("in", self.connector.id, "+5511987654321"), self.wire.opt_events)
        self.assertNotIn(self.other_connector.id, [e[1] for e in self.wire.opt_events],
                         "only connectors of that channel")

    def test_deleting_an_active_opt_out_lifts_it(self):
        self._opt_out(connector=self.other_connector).unlink()
        self.assertEqual(len(self.wire.opt_events), 1)

    def test_archived_or_unrelated_writes_do_not_call_the_provider(self):
        opt_out = self._opt_out(connector=self.other_connector)
        opt_out.write({"note": "asked by phone"})
        opt_out.action_archive()
        self.wire.opt_events = []
        opt_out.action_archive()
        opt_out.unlink()
        self.assertEqual(self.wire.opt_events, [])

    def test_keyword_opt_out_reaches_the_provider_hook(self):
        self._inbound("PARE", address="+5511955554444", msg_id="optout-hook")
        self.assertEqual(self.wire.opt_events,
                         [("out", self.connector.id, "+5511955554444")])
