# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import PHONE, KolmeyaCase


@tagged("post_install", "-at_install")
class TestOptOut(KolmeyaCase):
    """Opt-out replies reach the Kolmeya blacklist; un-blocking removes them."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.Sync = self.env["cc.kolmeya.blacklist.sync"]

    def _changes(self):
        return self.Sync.search([("connector_id", "=", self.connector.id)], order="id")

    def test_keyword_reply_blocks_the_number_at_kolmeya(self):
        for text in ("SAIR", "pare", " Cancelar! "):
            self._webhook("reply", {"phone": PHONE[1:], "message": text})
        self.assertTrue(self.conversation.is_opted_out)
        self.assertEqual(self._changes().mapped("state"),
                         ["cancelled", "cancelled", "pending"],
                         "one pending change per number")
        self.Sync._cron_sync()
        self.assertEqual(self._changes()[-1].state, "done")
        body, = [r.json for r in self.server.requests_to("/blacklist/store")]
        self.assertEqual(body, {"phones": [{"phone": "5511987654321"}]})

    def test_a_sentence_with_the_keyword_is_not_an_opt_out(self):
        self._webhook("reply", {"phone": PHONE[1:], "message": "não quero sair agora"})
        self.assertFalse(self.conversation.is_opted_out)
        self.assertFalse(self._changes())

    def test_allow_messages_unblocks_at_kolmeya(self):
        self._webhook("reply", {"phone": PHONE[1:], "message": "SAIR"})
        self.Sync._cron_sync()
        self.assertIn("11987654321", self.server.blacklisted)
        opt_out = self.env["cc.opt.out"].search([("address", "=", PHONE)])
        opt_out.with_user(self.user_manager).action_allow_messages()
        self.assertFalse(self.conversation.is_opted_out)
        change = self._changes()[-1]
        self.assertEqual((change.operation, change.state), ("remove", "pending"))
        self.Sync._cron_sync()
        self.assertEqual(change.state, "done")
        self.assertNotIn("11987654321", self.server.blacklisted)
        self.assertEqual(len(self.server.requests_to("/blacklist/destroy")), 1)

    def test_failure_is_retried_with_backoff_then_surfaces(self):
        self._webhook("reply", {"phone": PHONE[1:], "message": "SAIR"})
        change = self._changes()
        for _attempt in range(8):
            self.server.enqueue("/blacklist/store", status=503, json={"errors": ["x"]})
        now = fields.Datetime.now()
        self.Sync._cron_sync()
        self.assertEqual((change.state, change.attempt_count), ("pending", 1))
        self.assertIn("problem on its side", change.last_error)
        self.Sync._cron_sync()
        self.assertEqual(change.attempt_count, 1, "not before the backoff")
        for hours in range(1, 8):
            with freeze_time(now + timedelta(hours=7 * hours)):
                self.Sync._cron_sync()
        self.assertEqual(change.state, "failed", "surfaces after 8 attempts")
        change.action_retry()
        self.Sync._cron_sync()
        self.assertEqual(change.state, "done")

    def test_a_non_brazilian_number_cannot_be_blocked(self):
        self.Sync._queue(self.connector, "+14155550100", "add")
        self.Sync._cron_sync()
        self.assertEqual(self._changes().state, "failed")
        self.assertFalse(self.server.requests_to("/blacklist/store"))
