# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer pictures from the WhatsApp gateway: asked for by the webhook
(contact update) or when a conversation appears, downloaded by the cron
from the fake gateway on 127.0.0.1, checked before anything is stored."""
import base64
import io
from datetime import timedelta

from PIL import Image

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .gateway_common import NUMBER, GatewayCaseMixin, envelope

CORE_LOGGER = "odoo.addons.cc_core.models.cc_conversation_avatar"


def picture(color="red", size=(320, 320), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestGatewayAvatar(GatewayCaseMixin, TransactionCase):

    def setUp(self):
        super().setUp()
        self.conversation = self._customer_writes("false_AV1", "Oi").conversation_id
        # The conversation's first check (profile_url) is tested on its own.
        self.conversation.sudo().avatar_checked_date = "2026-01-01 00:00:00"
        self.conversation.sudo().last_inbound_date = "2025-12-31 00:00:00"
        self.Conversation = self.env["cc.conversation"]

    def _update(self, url, name="Maria Souza"):
        with self.gateway._lock:
            self.gateway._requests.clear()
        self._process(envelope(updates=[{"number": "%s@c.us" % NUMBER, "name": name,
                                         "image_url": url}]))
        self.assertEqual(self.gateway.requests, [],
                         "the webhook request makes no network call")

    def _stored(self):
        self.conversation.invalidate_cache()
        return self.conversation.customer_avatar

    def _cron(self):
        self.Conversation._cron_fetch_customer_avatars()

    def test_contact_update_picture_is_downloaded_by_the_cron(self):
        url = self.gateway.add_media("maria.jpg", picture(), "image/jpeg")
        self._update(url, name="Maria S.")
        self.assertEqual(self.conversation.customer_name, "Maria S.")
        self.assertFalse(self._stored(), "nothing downloaded yet")
        self._cron()
        self.assertEqual([r.path for r in self.gateway.requests], ["media/maria.jpg"])
        stored = Image.open(io.BytesIO(base64.b64decode(self._stored())))
        self.assertEqual((stored.format, stored.size), ("JPEG", (256, 256)))
        checksum = self.conversation.customer_avatar_checksum
        self.assertTrue(checksum)
        row = self.env["cc.workspace"].with_user(self.user_agent).workspace_row(
            self.conversation.id)
        self.assertIn("unique=%s" % checksum[:16], row["avatar_url"])
        # Done: the next run downloads nothing.
        with self.gateway._lock:
            self.gateway._requests.clear()
        self.Conversation._cron_fetch_customer_avatars()
        self.assertEqual(self.gateway.requests, [])

    def test_changed_picture_replaces_the_old_one(self):
        self._update(self.gateway.add_media("v1.jpg", picture("red"), "image/jpeg"))
        self._cron()
        first = self.conversation.customer_avatar_checksum
        self._update(self.gateway.add_media("v2.jpg", picture("blue"), "image/jpeg"))
        self._cron()
        self.assertNotEqual(self.conversation.customer_avatar_checksum, first,
                            "a new picture gets a new URL")
        pixel = Image.open(io.BytesIO(base64.b64decode(self._stored()))).getpixel((5, 5))
        self.assertGreater(pixel[2], 200, "the blue picture is shown")

    def test_new_conversation_asks_profile_url(self):
        new_number = "5511912340000"
        self.gateway.add_media("avatar-%s.jpg" % new_number, picture(), "image/jpeg")
        message = self._customer_writes("false_AV2", "Olá", number=new_number)
        conversation = message.conversation_id
        self.assertFalse(conversation.avatar_checked_date)
        self._cron()
        self.assertEqual(
            [(r.path, r.query.get("number")) for r in self.gateway.requests
             if r.path == "profile_url"], [("profile_url", new_number)])
        conversation.invalidate_cache()
        self.assertTrue(conversation.customer_avatar)
        self.assertTrue(conversation.avatar_checked_date)

    def test_no_picture_on_whatsapp_clears_the_old_one(self):
        self._update(self.gateway.add_media("v1.jpg", picture(), "image/jpeg"))
        self._cron()
        self.assertTrue(self._stored())
        self.conversation._request_customer_avatar()
        self.gateway.fail("profile_url", 200, body={"profile_url": None})
        self._cron()
        self.assertFalse(self._stored())
        self.assertFalse(self.conversation.customer_avatar_checksum)

    def _assert_refused(self, url, reason):
        self._update(self.gateway.add_media("ok.jpg", picture(), "image/jpeg"))
        self._cron()
        kept = (self._stored(), self.conversation.customer_avatar_checksum)
        self._update(url)
        with self.assertLogs(CORE_LOGGER, "WARNING") as logs:
            self.Conversation._cron_fetch_customer_avatars()
        self.assertIn("Customer picture of conversation %s refused" % self.conversation.id,
                      logs.output[0])
        self.assertIn(reason, logs.output[0])
        self.assertEqual((self._stored(), self.conversation.customer_avatar_checksum),
                         kept, "the previous picture is kept whole")
        self.assertFalse(self.conversation.sudo().avatar_fetch_due, "not retried")

    def test_not_an_image_is_refused(self):
        self._assert_refused(self.gateway.add_media(
            "page.html", b"<html><script>x</script></html>", "text/html"), "not an image")

    def test_svg_is_refused(self):
        self._assert_refused(self.gateway.add_media(
            "x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
            "SVG")

    def test_corrupted_picture_is_refused(self):
        self._assert_refused(self.gateway.add_media(
            "broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "image/png"),
            "decoded")

    def test_huge_picture_is_refused(self):
        huge = b"\xff\xd8\xff\xe0" + b"\x00" * (2 * 1024 * 1024)
        self._assert_refused(self.gateway.add_media("huge.jpg", huge, "image/jpeg"),
                             "too large")

    def test_gateway_outage_is_retried_then_refusal_given_up(self):
        self.conversation._request_customer_avatar()
        self.gateway.fail("profile_url", 500, "Internal error")
        with self.assertLogs(CORE_LOGGER, "WARNING") as logs:
            self.Conversation._cron_fetch_customer_avatars()
        self.assertIn("could not be downloaded", logs.output[0])
        conversation = self.conversation.sudo()
        self.assertEqual(conversation.avatar_fetch_attempts, 1)
        self.assertTrue(conversation.avatar_fetch_due)
        self.assertFalse(self._stored())
        conversation.avatar_fetch_due = "2026-01-01 00:00:00"  # retry now
        self.gateway.fail("profile_url", 403, "Invalid token")
        with self.assertLogs(CORE_LOGGER, "WARNING") as logs:
            self.Conversation._cron_fetch_customer_avatars()
        self.assertIn("refused", logs.output[0])
        self.assertIn("Invalid token", logs.output[0])
        self.assertFalse(conversation.avatar_fetch_due, "a refusal is not retried")
        self.assertFalse(self._stored())

    def test_cloud_api_gives_no_pictures(self):
        cloud = self.env["cc.connector"].new({"provider": "whatsapp_cloud"})
        self.assertEqual(cloud._cc_provides_avatars(), [False])
        self.assertEqual(self.connector._cc_provides_avatars(), [True])

    def test_checked_again_a_week_later_when_the_customer_wrote(self):
        now = fields.Datetime.now()
        conversation = self.conversation.sudo()
        conversation.write({"avatar_checked_date": now - timedelta(days=2),
                            "last_inbound_date": now - timedelta(hours=1)})
        self.assertNotIn(conversation.id, self.Conversation._avatar_work_ids(50),
                         "checked two days ago: not again yet")
        conversation.avatar_checked_date = now - timedelta(days=8)
        self.assertIn(conversation.id, self.Conversation._avatar_work_ids(50))
        conversation.last_inbound_date = now - timedelta(days=9)
        self.assertNotIn(conversation.id, self.Conversation._avatar_work_ids(50),
                         "the customer did not write since: nothing to refresh")
