# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

import pytz

from odoo import fields
from odoo.tests import tagged

from .common import KolmeyaCase


@tagged("post_install", "-at_install")
class TestQuietHours(KolmeyaCase):
    """No SMS leaves during the quiet hours (connector time zone); queued
    messages leave when the window opens, without losing attempts."""

    def _quiet_around_now(self):
        """Quiet hours from one hour ago to one hour from now, local time."""
        tz = pytz.timezone("America/Sao_Paulo")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        self.connector.write({
            "kolmeya_quiet_hours": True, "kolmeya_tz": "America/Sao_Paulo",
            "kolmeya_quiet_start": (hour - 1) % 24, "kolmeya_quiet_end": (hour + 1) % 24})

    def test_default_is_22_to_8_sao_paulo(self):
        connector = self.env["cc.connector"].create(
            {"name": "New Kolmeya", "provider": "kolmeya", "channel_kind": "sms"})
        self.assertEqual((connector.kolmeya_quiet_hours, connector.kolmeya_quiet_start,
                          connector.kolmeya_quiet_end), (True, 22.0, 8.0))
        self.assertTrue(connector.kolmeya_tz)
        connector.kolmeya_tz = "America/Sao_Paulo"
        # 23:30 in São Paulo is 02:30 UTC; the window opens at 08:00 = 11:00 UTC
        self.assertEqual(connector._kolmeya_quiet_until(datetime(2026, 3, 10, 2, 30)),
                         datetime(2026, 3, 10, 11, 0))
        self.assertIsNone(connector._kolmeya_quiet_until(datetime(2026, 3, 10, 12, 0)))
        connector.kolmeya_tz = "America/Manaus"  # UTC-4: 07:30 local is quiet
        self.assertEqual(connector._kolmeya_quiet_until(datetime(2026, 3, 10, 11, 30)),
                         datetime(2026, 3, 10, 12, 0))

    def test_held_during_quiet_hours_then_sent(self):
        self._quiet_around_now()
        message = self._queue(self._conversation())
        self._send()
        self.assertFalse(self._stored_bodies(), "nothing leaves during quiet hours")
        self.assertEqual((message.state, message.attempt_count), ("queued", 0))
        self.assertGreater(message.next_attempt_date, fields.Datetime.now())
        self.assertIn("Held", message.delivery_note)
        # the window opens (here: the admin switches the quiet hours off)
        self.connector.kolmeya_quiet_hours = False
        message.next_attempt_date = fields.Datetime.now()
        self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(len(self._stored_bodies()), 1)

    def test_composer_tells_when_it_will_leave(self):
        self._quiet_around_now()
        conversation = self._conversation()
        conversation.with_user(self.user_agent).action_take()
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": conversation.id, "body": "Bom dia"})
        self.assertIn("quiet hours", composer.body_info)
