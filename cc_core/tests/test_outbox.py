# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.cc_core.services.types import SendResult

from .common import CcCase


@tagged("post_install", "-at_install")
class TestOutbox(CcCase):
    """Agents queue messages; the cron sends them and applies the provider's answer."""

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.conversation.with_user(self.user_agent).action_take()
        self.Message = self.env["cc.message"].with_user(self.user_agent)

    def _queue(self, text="Bom dia"):
        return self.Message._queue_outbound(self.conversation.with_user(self.user_agent),
                                            text)

    def _send(self):
        self.env["cc.message"]._cron_send_outbox()

    def test_click_only_queues_and_triggers_the_cron(self):
        message = self._queue()
        self.assertEqual(message.state, "queued")
        self.assertEqual(self.wire.sent, [], "the agent's click never calls the provider")
        cron = self.env.ref("cc_core.ir_cron_cc_send_outbox")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertTrue(triggers)
        self.assertFalse(self.conversation.first_unanswered_date)

    def test_sent_stores_provider_id(self):
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.provider_message_id, "fake-%s" % message.id)
        self.assertEqual(self.wire.sent, [(message.id, "+5511987654321", "Bom dia")])

    def test_permanent_failure_shown_on_message_and_conversation(self):
        self.wire.results = [SendResult("permanent", reason="Número inexistente")]
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.failure_reason, "Número inexistente")
        self.assertTrue(self.conversation.has_failed_message)
        self.assertEqual(self.conversation.last_failure_reason, "Número inexistente")

    def test_transient_then_sent_after_backoff(self):
        self.wire.results = [SendResult("transient", reason="503")]
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "queued")
        self.assertGreater(message.next_attempt_date, fields.Datetime.now())
        self._send()
        self.assertEqual(len(self.wire.sent), 1, "not resent before the backoff")
        with freeze_time(fields.Datetime.now() + timedelta(minutes=5)):
            self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.attempt_count, 2)

    def test_transient_gives_up_after_max_attempts(self):
        self.env["ir.config_parameter"].sudo().set_param("cc_core.send_max_attempts", 2)
        self.wire.results = [SendResult("transient", reason="503")] * 2
        message = self._queue()
        self._send()
        with freeze_time(fields.Datetime.now() + timedelta(hours=2)):
            self._send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(len(self.wire.sent), 2)

    def test_timeout_is_unknown_never_resent_then_retry_anyway(self):
        self.wire.results = [SendResult("unknown", reason="Timeout")]
        message = self._queue()
        self._send()
        self.assertEqual(message.state, "unknown")
        with freeze_time(fields.Datetime.now() + timedelta(hours=2)):
            self._send()
        self.assertEqual(len(self.wire.sent), 1, "an unknown outcome is never resent")
        message.with_user(self.user_agent).action_retry()
        self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(len(self.wire.sent), 2, "retry really resends")

    def test_provider_crash_is_unknown_and_cron_survives(self):
        self.wire.results = [RuntimeError("boom")]
        first = self._queue("um")
        with mute_logger("odoo.addons.cc_core.models.cc_message_outbox"):
            self._send()
        self.assertEqual(first.state, "unknown")

    def test_stuck_sending_surfaces_as_unknown(self):
        message = self._queue()
        message.write({"state": "sending"})
        message.flush()
        self.env.cr.execute("UPDATE cc_message SET write_date = now() - interval '1 hour' "
                            "WHERE id = %s", (message.id,))
        message.invalidate_cache()
        self._send()
        self.assertEqual(message.state, "unknown")
        self.assertEqual(self.wire.sent, [])

    def test_statuses_only_move_forward(self):
        message = self._queue()
        self._send()
        pid = message.provider_message_id
        body = {"statuses": [{"id": pid, "status": "read"},
                             {"id": pid, "status": "delivered"},
                             {"id": pid, "status": "sent"},
                             {"id": pid, "status": "failed", "reason": "late"}]}
        self._process_body(self.connector, body)
        self.assertEqual(message.state, "read")
        self.assertTrue(message.read_date)

    def test_status_for_unknown_id_is_journaled_not_an_error(self):
        event = self._process_body(self.connector,
                                   {"statuses": [{"id": "nope", "status": "delivered"}]})
        self.assertEqual(event.state, "processed")
        self.assertIn("nope", event.raw_body)

    def test_channel_rules_before_queueing(self):
        with self.assertRaisesRegex(UserError, "at most 500"):
            self._queue("x" * 501)
        pdf = self.env["ir.attachment"].create({"name": "a.pdf", "raw": b"%PDF",
                                                "mimetype": "application/pdf"})
        with self.assertRaisesRegex(UserError, "cannot be sent"):
            self.Message._queue_outbound(self.conversation.with_user(self.user_agent),
                                         "", pdf)

    def test_state_changes_of_a_batch_reach_the_agent(self):
        first, second = self._queue("um"), self._queue("dois")
        self.env["bus.bus"].sudo().search([]).unlink()
        self._send()
        self.assertEqual((first.state, second.state), ("sent", "sent"))
        ours = (first | second).ids
        rows = [row for row in self.env["bus.bus"].sudo().search([])
                if json.loads(row.message)["type"] == "cc.message/state"
                and json.loads(row.message)["payload"]["id"] in ours]
        states = {json.loads(row.message)["payload"]["id"]:
                  json.loads(row.message)["payload"]["state"] for row in rows}
        self.assertEqual(states, {first.id: "sent", second.id: "sent"})
        self.assertEqual({json.loads(row.channel)[2] for row in rows},
                         {self.user_agent.partner_id.id})

    def test_opt_out_while_queued_is_never_sent(self):
        message = self._queue()
        self.env["cc.opt.out"]._record_opt_out(self.conversation.address_key, "whatsapp",
                                               "keyword")
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(message.state, "failed")
        self.assertIn("opted out", message.failure_reason)
        self.assertFalse(self.wire.sent, "the provider is not called")

    def test_opted_out_customer_refused(self):
        self.env["cc.opt.out"]._record_opt_out(
            self.conversation.address_key, "whatsapp", "manual")
        with self.assertRaisesRegex(UserError, "opted out"):
            self._queue()

    def test_composer_sends_signed_template_text(self):
        self.agent.signature = "*Ana*"
        template = self.env["cc.template"].create({"name": "T", "body": "Olá!"})
        composer = self.env["cc.message.compose"].with_user(self.user_agent).create(
            {"conversation_id": self.conversation.id})
        composer.template_id = template
        composer._onchange_template_id()
        composer.action_send()
        message = self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound")
        self.assertEqual(message.body, "*Ana*\nOlá!")
        self.assertEqual(message.state, "queued")
