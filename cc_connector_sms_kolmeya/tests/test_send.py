# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PHONE, KolmeyaCase

PROVIDER_LOGGER = "odoo.addons.cc_connector_sms_kolmeya.models.cc_provider_kolmeya"


@tagged("post_install", "-at_install")
class TestSend(KolmeyaCase):
    """The outbox sends through /sms/store and maps every answer back."""

    def test_batch_body_and_mixed_outcomes(self):
        phones = {"ok": PHONE, "black": "+5511911112222", "dnd": "+5521933334444",
                  "invalid": "+5531955556666", "missing": "+5541977778888"}
        messages = {key: self._queue(self._conversation(phone), "Oi %s" % key)
                    for key, phone in phones.items()}
        refs = {key: message._reference() for key, message in messages.items()}

        def answer(request):
            return 200, {
                "id": "req-42", "reference": None,
                "valids": [{"id": "kol-ok", "phone": 11987654321,
                            "reference": refs["ok"]}],
                "invalids": [{"phone": "5531955556666", "message": "Oi invalid",
                              "reference": refs["invalid"],
                              "error": "Telefone inválido"}],
                "blacklist": [{"phone": 11911112222}],
                "not_disturb": {"phone": 21933334444},  # a single object, as documented
                "duplicates": [],
            }

        self.server.enqueue("/sms/store", handler=answer)
        self._send()

        body, = self._stored_bodies()
        self.assertEqual(body["tenant_segment_id"], 109)
        self.assertEqual(body["webhook_url"],
                         self.connector.sudo().kolmeya_status_url)
        self.assertTrue(body["webhook_url"].endswith(
            "/cc/webhook/%s/status" % self.connector.sudo().webhook_key))
        self.assertEqual(
            sorted((m["phone"], m["message"], m["reference"]) for m in body["messages"]),
            sorted(("55" + phones[k][3:], "Oi %s" % k, refs[k]) for k in phones))

        ok = messages["ok"]
        self.assertEqual((ok.state, ok.provider_message_id, ok.provider_batch_id),
                         ("sent", "kol-ok", "req-42"))
        self.assertEqual(messages["black"].state, "failed")
        self.assertIn("blacklist", messages["black"].failure_reason)
        self.assertEqual(messages["dnd"].state, "failed")
        self.assertIn("Não Perturbe", messages["dnd"].failure_reason)
        self.assertEqual(messages["invalid"].state, "failed")
        self.assertIn("Telefone inválido", messages["invalid"].failure_reason)
        self.assertEqual(messages["missing"].state, "unknown",
                         "a message Kolmeya did not list is never silently dropped")
        self.assertTrue(messages["missing"].conversation_id.has_failed_message)

    def test_default_answer_blacklist_and_not_disturb_by_phone(self):
        self.server.blacklisted.add("11911112222")
        self.server.not_disturb.add("21933334444")
        black = self._queue(self._conversation("+5511911112222"))
        dnd = self._queue(self._conversation("+5521933334444"))
        ok = self._queue(self._conversation())
        self._send()
        self.assertEqual((black.state, dnd.state, ok.state), ("failed", "failed", "sent"))
        self.assertTrue(ok.provider_message_id)

    def test_same_customer_twice_goes_in_two_requests(self):
        conversation = self._conversation()
        first = self._queue(conversation, "um")
        second = self._queue(conversation, "dois")
        self._send()
        bodies = self._stored_bodies()
        self.assertEqual([[m["message"] for m in b["messages"]] for b in bodies],
                         [["um"], ["dois"]], "Kolmeya would drop the second as duplicate")
        self.assertEqual((first.state, second.state), ("sent", "sent"))

    def test_requests_hold_at_most_1000_messages(self):
        conversations = self.env["cc.conversation"].create([
            {"connector_id": self.connector.id, "address": "+55119%08d" % n}
            for n in range(5)])
        messages = self.env["cc.message"].create([
            {"conversation_id": c.id, "direction": "outbound", "body": "x",
             "state": "queued"} for c in conversations])
        provider = self.env["cc.provider.kolmeya"]
        self.assertEqual(len(provider._split_requests(messages)), 1)
        self.assertEqual([len(r) for r in provider._split_requests(messages, size=2)],
                         [2, 2, 1])

    def test_outbox_sends_one_request_for_many_queued_sms(self):
        """The outbox hands Kolmeya up to 1000 SMS at once, whatever the
        default outbox batch size (sized for providers without a batch API)."""
        self.env["ir.config_parameter"].sudo().set_param("cc_core.outbox_batch_size", 100)
        conversations = self.env["cc.conversation"].create([
            {"connector_id": self.connector.id, "address": "+55119%08d" % n}
            for n in range(250)])
        messages = self.env["cc.message"].create([
            {"conversation_id": c.id, "direction": "outbound", "body": "Aviso",
             "state": "queued"} for c in conversations])
        self._send()
        bodies = self._stored_bodies()
        self.assertEqual([len(body["messages"]) for body in bodies], [250])
        self.assertEqual(set(messages.mapped("state")), {"sent"})

    def test_segments_and_cost_stored_when_queued(self):
        message = self._queue(self._conversation(), "x" * 161)
        self.assertEqual(message.sms_segments, 2)
        self.assertAlmostEqual(message.sms_cost, 0.16)
        accented = self._queue(self._conversation("+5511912345678"), "ação")
        self.assertEqual(accented.sms_segments, 1)

    def test_too_long_text_refused_before_queueing(self):
        conversation = self._conversation()
        with self.assertRaisesRegex(UserError, "needs 5 parts"):
            self._queue(conversation, "ã" * 269)
        self._queue(conversation, "ã" * 268)  # exactly 4 UCS-2 parts
        with self.assertRaisesRegex(UserError, "at most 612"):
            self._queue(conversation, "a" * 613)

    def test_mobile_spelled_without_9th_digit_is_sent_with_it(self):
        conversation = self._conversation("+551187651234")  # e.g. learned from WhatsApp
        message = self._queue(conversation, "Oi")
        self._send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(self._stored_bodies()[0]["messages"][0]["phone"],
                         "5511987651234")

    def test_landline_or_foreign_number_refused(self):
        with self.assertRaisesRegex(UserError, "not a Brazilian mobile"):
            self._queue(self._conversation("+551133334444"))
        with self.assertRaisesRegex(UserError, "not a Brazilian mobile"):
            self._queue(self._conversation("+14155550100"))

    def test_unsendable_messages_fail_without_any_request(self):
        conversation = self._conversation()
        attachment = self.env["ir.attachment"].create({"name": "a.pdf", "raw": b"%PDF",
                                                       "mimetype": "application/pdf"})
        image = self.env["cc.message"].create({
            "conversation_id": self._conversation("+5511912345678").id,
            "direction": "outbound",
            "message_type": "document", "state": "queued",
            "attachment_ids": [(6, 0, attachment.ids)]})
        self.env["cc.opt.out"]._record_opt_out(conversation.address_key, "sms", "manual")
        opted = self.env["cc.message"].create({
            "conversation_id": conversation.id, "direction": "outbound", "body": "oi",
            "state": "queued"})
        self._send()
        self.assertEqual((image.state, opted.state), ("failed", "failed"))
        self.assertIn("text only", image.failure_reason)
        self.assertIn("opted out", opted.failure_reason)
        self.assertFalse(self._stored_bodies())

    def test_422_fails_with_kolmeya_reason(self):
        self.server.enqueue("/sms/store", status=422,
                            json={"errors": {"tenant_segment_id": ["inválido"]}})
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual(message.state, "failed")
        self.assertIn("tenant_segment_id: inválido", message.failure_reason)

    def test_429_waits_without_failing_and_holds_the_outbox(self):
        self.server.enqueue("/sms/store", status=429, json={"errors": ["Too Many"]},
                            headers={"Retry-After": "120"})
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.attempt_count, 0, "a rate limit is not an attempt")
        self.assertGreater(message.next_attempt_date,
                           fields.Datetime.now() + timedelta(seconds=100))
        self.assertGreater(self.connector.kolmeya_rate_limited_until,
                           fields.Datetime.now() + timedelta(seconds=100),
                           "kept on the connector: every worker waits")
        other = self._queue(self._conversation("+5511912345678"))
        self._send()
        self.assertEqual(other.state, "queued")
        self.assertIn("Held", other.delivery_note)
        self.assertEqual(len(self._stored_bodies()), 1, "no call while rate limited")

    def test_rate_limit_headers_hold_the_next_batch(self):
        self.server.enqueue("/sms/store", headers={"X-RateLimit-Remaining": "0",
                                                   "Retry-After": "60"})
        first = self._queue(self._conversation())
        self._send()
        self.assertEqual(first.state, "sent")
        second = self._queue(self._conversation("+5511912345678"))
        self._send()
        self.assertEqual(second.state, "queued")
        self.assertEqual(second.attempt_count, 0)
        self.assertEqual(len(self._stored_bodies()), 1)

    def test_5xx_is_unknown_and_never_resent(self):
        self.server.enqueue("/sms/store", status=502, json={"errors": ["Bad gateway"]})
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual(message.state, "unknown")
        self.assertIn("may have been accepted", message.failure_reason)
        self._send()
        self.assertEqual(len(self._stored_bodies()), 1)

    def test_timeout_is_unknown(self):
        self.server.enqueue("/sms/store", delay=3)
        message = self._queue(self._conversation())
        self._send()
        self.assertEqual(message.state, "unknown")
        self.assertIn("did not answer in time", message.failure_reason)

    def test_failed_request_keeps_the_rest_of_the_batch_queued(self):
        conversation = self._conversation()
        first = self._queue(conversation, "um")
        second = self._queue(conversation, "dois")
        self.server.enqueue("/sms/store", status=502, json={"errors": ["down"]})
        self._send()
        self.assertEqual(first.state, "unknown")
        self.assertEqual((second.state, second.attempt_count), ("queued", 0))
        self.assertEqual(len(self._stored_bodies()), 1)

    def test_missing_token_waits_and_says_so(self):
        self.connector.sudo().kolmeya_token = False
        message = self._queue(self._conversation())
        with mute_logger(PROVIDER_LOGGER):
            self._send()
        self.assertEqual(message.state, "queued")
        self.assertIn("token", message.failure_reason)
