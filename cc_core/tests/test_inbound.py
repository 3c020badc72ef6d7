# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CcCase


@tagged("post_install", "-at_install")
class TestInbound(CcCase):
    """Webhook items become conversations and messages, once, safely."""

    def _conversation_of(self, address="+5511987654321"):
        return self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id), ("address_key", "=", address)])

    def test_same_event_three_times_one_message(self):
        events = [self._inbound("Oi", msg_id="wamid.1") for _i in range(3)]
        self.assertEqual([e.state for e in events], ["processed", "duplicate", "duplicate"])
        self.assertEqual(len(self._conversation_of().message_ids_cc), 1)

    def test_one_bad_item_does_not_lose_the_others(self):
        body = {"messages": [
            {"id": "good-1", "from": "+5511987654321", "text": "bom"},
            {"id": "bad-1", "from": "+5511987654321", "text": 42},
            {"id": "bad-2", "from": "", "text": "sem número"},
            {"id": "good-2", "from": "+5511987654321", "text": "também bom"},
        ]}
        event = self._process_body(self.connector, body)
        self.assertEqual(event.state, "failed")
        self.assertIn("bad message", event.error)
        self.assertEqual(sorted(self._conversation_of().message_ids_cc.mapped("body")),
                         ["bom", "também bom"])

    def test_failed_event_replay(self):
        self.connector.write({"team_id": False})
        self.env.cr.execute("ALTER TABLE cc_message ADD CONSTRAINT cc_test_block "
                            "CHECK (body IS NULL OR body <> 'bloqueado')")
        with mute_logger("odoo.sql_db", "odoo.addons.cc_core.models.cc_inbound"):
            event = self._inbound("bloqueado", msg_id="replay-1")
        self.assertEqual(event.state, "failed")
        self.assertTrue(event.is_retryable)
        self.assertTrue(event.next_attempt_date)
        self.assertFalse(self._conversation_of().message_ids_cc)
        self.env.cr.execute("ALTER TABLE cc_message DROP CONSTRAINT cc_test_block")
        event.action_replay()
        self.assertEqual(event.state, "processed")
        self.assertEqual(self._conversation_of().message_ids_cc.body, "bloqueado")

    def test_opt_out_keyword(self):
        self._inbound("  Sair! ", msg_id="optout-1")
        conversation = self._conversation_of()
        self.assertTrue(conversation.is_opted_out)
        opt_out = self.env["cc.opt.out"].search([("address", "=", conversation.address_key)])
        self.assertEqual((opt_out.source, opt_out.channel_kind), ("keyword", "whatsapp"))
        self.assertEqual(conversation.message_ids_cc.body, "  Sair! ",
                         "the agent still sees what the customer wrote")

    def test_html_from_customer_is_inert(self):
        self._inbound('<script>alert("x")</script><b>oi</b>', msg_id="xss-1")
        message = self._conversation_of().message_ids_cc
        self.assertEqual(message.body, '<script>alert("x")</script><b>oi</b>')
        self.assertNotIn("<script", message.body_html)
        self.assertIn("&lt;script&gt;", message.body_html)
        self.assertNotIn("<b>", message.body_html)

    def test_media_download_survives_a_provider_outage(self):
        self._inbound("foto", msg_id="media-out", media=["MEDIA-OUT"])
        message = self._conversation_of().message_ids_cc
        with mute_logger("odoo.addons.cc_core.models.cc_message_media"):
            self.env["cc.message"]._cron_fetch_media()  # the provider has no bytes yet
        self.assertEqual(message.media_state, "pending", "an outage is retried")
        self.assertEqual(message.media_attempt_count, 1)
        self.assertTrue(message.media_error)
        self.assertGreater(message.media_next_attempt_date, fields.Datetime.now())
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_attempt_count, 1, "not retried before its time")
        self.addCleanup(self.wire.media.pop, "MEDIA-OUT", None)
        self.wire.media["MEDIA-OUT"] = self.wire.media["MEDIA42"]
        message.media_next_attempt_date = fields.Datetime.now()
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done")
        self.assertEqual(message.attachment_ids.raw, self.wire.media["MEDIA42"])

    def test_media_failed_after_the_last_attempt_and_other_messages_go_on(self):
        self._inbound("foto", msg_id="media-bad", media=["MEDIA-GONE"])
        self._inbound("outra", msg_id="media-good", media=["MEDIA-OK"])
        self.addCleanup(self.wire.media.pop, "MEDIA-OK", None)
        self.wire.media["MEDIA-OK"] = self.wire.media["MEDIA42"]
        bad, good = self._conversation_of().message_ids_cc.sorted("id")
        with mute_logger("odoo.addons.cc_core.models.cc_message_media"):
            self.env["cc.message"]._cron_fetch_media(max_attempts=1)
        self.assertEqual((bad.media_state, good.media_state), ("failed", "done"))
        bad.with_user(self.user_agent).action_retry_media()
        self.assertEqual((bad.media_state, bad.media_attempt_count), ("pending", 0))

    def test_media_downloaded_by_cron_not_in_request(self):
        self._inbound("foto", msg_id="media-1", media=["MEDIA42"])
        message = self._conversation_of().message_ids_cc
        self.assertEqual(message.media_state, "pending")
        self.assertFalse(message.attachment_ids)
        self.env["cc.message"]._cron_fetch_media()
        self.assertEqual(message.media_state, "done", message.media_error)
        self.assertEqual(message.attachment_ids.raw, self.wire.media["MEDIA42"])

    def test_bus_notifies_exactly_the_right_agents(self):
        self.env["bus.bus"].sudo().search([]).unlink()
        self._inbound("Novo cliente", address="+5511933334444", msg_id="bus-1")
        channels = self._bus_partner_ids()
        expected = (self.user_agent | self.user_agent2 | self.user_supervisor).partner_id
        self.assertEqual(channels, set(expected.ids))
        self.assertNotIn(self.user_outsider.partner_id.id, channels)
        # Once taken, only the owner (and supervisors) hear about new messages.
        conversation = self._conversation_of("+5511933334444")
        conversation.with_user(self.user_agent).action_take()
        self.env["bus.bus"].sudo().search([]).unlink()
        self._inbound("Mais uma", address="+5511933334444", msg_id="bus-2")
        self.assertEqual(self._bus_partner_ids(),
                         set((self.user_agent | self.user_supervisor).partner_id.ids))

    def _bus_partner_ids(self):
        import json

        ids = set()
        for row in self.env["bus.bus"].sudo().search([]):
            channel = json.loads(row.channel)
            self.assertEqual(channel[1], "res.partner", "only record channels, no strings")
            ids.add(channel[2])
            self.assertNotIn("s3cret", row.message)
        return ids
