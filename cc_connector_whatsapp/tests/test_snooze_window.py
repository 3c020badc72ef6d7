# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Waking a snoozed conversation whose 24-hour window closed."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import WhatsAppCase


@tagged("post_install", "-at_install")
class TestSnoozeWindow(WhatsAppCase):
    def setUp(self):
        super().setUp()
        now = fields.Datetime.now()
        self.env["bus.presence"].sudo().create({
            "user_id": self.user_agent.id, "last_poll": now, "last_presence": now,
            "status": "online"})
        self.conversation = self._taken_conversation()

    def _snooze_and_wake(self, inbound_hours_ago):
        self.conversation.with_user(self.user_agent).action_snooze(
            fields.Datetime.add(fields.Datetime.now(), hours=1))
        self.conversation.sudo().write({
            "last_inbound_date": self._now() - timedelta(hours=inbound_hours_ago),
            "snoozed_until": fields.Datetime.subtract(fields.Datetime.now(), minutes=1)})
        self.env["cc.conversation"]._cron_wake_snoozed()
        self.assertFalse(self.conversation.is_snoozed)
        self.assertEqual(self.conversation.agent_id, self.agent)
        return self.conversation.activity_ids

    def test_closed_window_offers_template_or_sms(self):
        activities = self._snooze_and_wake(inbound_hours_ago=30)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_agent)
        self.assertIn("template", activities.summary)

    def test_open_window_needs_nothing(self):
        self.assertFalse(self._snooze_and_wake(inbound_hours_ago=2))
