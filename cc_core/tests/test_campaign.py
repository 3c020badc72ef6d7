# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cc_core.services.types import SendResult, StatusUpdate

from .common import CcCase

NOON_SP = "2026-12-07 15:00:00"  # 12:00 in São Paulo


@tagged("post_install", "-at_install")
class TestCampaign(CcCase):
    """Campaigns: audience, queueing through the outbox, throttle, pause,
    crash safety, recurrence, statistics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.tag = cls.env["res.partner.category"].create({"name": "Aposentados"})
        tag = [(6, 0, cls.tag.ids)]
        cls.p_ana = Partner.create({"name": "Ana Lima", "mobile": "+55 11 98888-0001",
                                    "vat": "12345678909", "category_id": tag})
        cls.p_bia = Partner.create({"name": "Bia Costa", "mobile": "+55 11 98888-0002",
                                    "category_id": tag})
        # Same customer as Bia, written without the 9th digit: a duplicate.
        cls.p_bia2 = Partner.create({"name": "Bia (old)", "phone": "11 8888-0002",
                                     "category_id": tag})
        cls.p_none = Partner.create({"name": "Sem Telefone", "category_id": tag})
        cls.p_optout = Partner.create({"name": "Caio Saiu", "mobile": "+5511988880003",
                                       "category_id": tag})
        cls.p_blocked = Partner.create({"name": "Davi Bloqueado",
                                        "mobile": "+5511988880004", "category_id": tag})
        cls.p_eva = Partner.create({"name": "Eva Rocha", "mobile": "+5511988880005",
                                    "category_id": tag})
        cls.env["cc.opt.out"]._record_opt_out("+5511988880003", "whatsapp", "keyword")
        cls.env["phone.blacklist"].sudo().create({"number": "+5511988880004"})
        cls.domain = "[('category_id', 'in', [%d])]" % cls.tag.id

    def _campaign(self, **vals):
        values = dict({
            "name": "Oferta dezembro", "connector_id": self.connector.id,
            "partner_domain": self.domain,
            "body": "Olá |NOME|, CPF |CPF|: {{ object.connector_id.name }}",
            "window_start": 0, "window_end": 0, "tz": "America/Sao_Paulo",
        }, **vals)
        return self.env["cc.campaign"].with_user(self.user_supervisor).create(values)

    def _run_cron(self, **kwargs):
        self.env["cc.campaign"]._cron_run_campaigns(**kwargs)

    def _messages(self, campaign):
        return self.env["cc.message"].search([("campaign_id", "=", campaign.id)])

    # ------------------------------------------------------------------
    def test_audience_skips_duplicates_invalid_opted_out_and_blocked(self):
        campaign = self._campaign()
        campaign.action_prepare()
        self.assertEqual(campaign.audience_size, 7)
        self.assertEqual(campaign.skipped_invalid_count, 1)
        self.assertEqual(campaign.skipped_duplicate_count, 1)
        self.assertEqual(campaign.skipped_opted_out_count, 1)
        self.assertEqual(campaign.skipped_blocked_count, 1)
        self.assertEqual(campaign.recipient_count, 3, "Ana, Bia and Eva")
        recipients = campaign.recipient_ids.filtered(lambda r: r.state == "pending")
        self.assertEqual(recipients.partner_id, self.p_ana | self.p_bia | self.p_eva,
                         "the oldest partner of a duplicated number is kept")
        self.assertIn("Ana Lima (+5511988880001)\nOlá Ana Lima, CPF 123.456.789-09: "
                      "Fake WhatsApp", campaign.preview)
        # Checking again changes nothing.
        campaign.action_prepare()
        self.assertEqual(len(campaign.recipient_ids), 5)

    def test_bad_filter_and_empty_message_say_why(self):
        with self.assertRaisesRegex(UserError, "filter is not valid"):
            self._campaign(partner_domain="[('nope', '=', 1)]").action_prepare()
        with self.assertRaisesRegex(UserError, "Write the message"):
            self._campaign(body="  ").action_start()

    def test_csv_audience(self):
        data = ("nome;celular;cpf;valor\n"
                "Zé;(11) 98888-0001;11122233344;1500\n"   # known as Ana's number
                "Ju;11 97777-0000;;2500,5\n"
                "Ju dup;11 7777-0000;;\n"
                "X;abc;;\n"
                "Caio;+5511988880003;;\n").encode("latin-1")
        campaign = self._campaign(audience_type="csv", csv_file=base64.b64encode(data),
                                  body="|NOME|: R$ |VI_RM| (CPF |CPF|)")
        campaign.action_prepare()
        self.assertEqual((campaign.audience_size, campaign.skipped_invalid_count,
                          campaign.skipped_duplicate_count,
                          campaign.skipped_opted_out_count,
                          campaign.recipient_count), (5, 1, 1, 1, 2))
        campaign.action_start()
        self._run_cron()
        bodies = sorted(self._messages(campaign).mapped("body"))
        self.assertEqual(bodies, ["Ju: R$ 2.500,50 (CPF )",
                                  "Zé: R$ 1.500,00 (CPF 111.222.333-44)"])
        ze = campaign.recipient_ids.filtered(lambda r: r.name == "Zé")
        self.assertEqual(ze.partner_id, self.p_ana, "a known number gets its contact")

    def test_start_queues_one_message_per_recipient_then_done(self):
        campaign = self._campaign()
        campaign.action_start()
        self.assertEqual(campaign.state, "running")
        self.assertFalse(self._messages(campaign), "starting only prepares")
        self._run_cron()
        messages = self._messages(campaign)
        self.assertEqual(len(messages), 3)
        self.assertEqual(set(messages.mapped("state")), {"queued"})
        self.assertEqual(campaign.state, "done")
        self.assertEqual(messages.conversation_id.campaign_id, campaign)
        self.assertEqual(set(messages.conversation_id.mapped("state")), {"done"},
                         "campaign conversations stay out of the queue until a reply")
        self._run_cron()
        self.assertEqual(len(self._messages(campaign)), 3, "never twice")
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(len(self.wire.sent), 3)

    def test_agent_reply_leaves_before_campaign_messages(self):
        campaign = self._campaign()
        campaign.action_start()
        self._run_cron()
        # Messages queued by the demo data must not interfere.
        self.env["cc.message"].search([("state", "=", "queued"),
                                       ("campaign_id", "=", False)]).write(
            {"state": "failed"})
        conversation = self._conversation("+5511977770000")
        conversation.with_user(self.user_agent).action_take()
        reply = self.env["cc.message"].with_user(self.user_agent)._queue_outbound(
            conversation.with_user(self.user_agent), "Resposta do agente")
        batch = self.env["cc.message"]._lock_due_batch(1)
        self.assertEqual(batch, reply)

    def test_reply_shows_the_campaign_and_counts(self):
        campaign = self._campaign()
        campaign.action_start()
        self._run_cron()
        self.env["cc.message"]._cron_send_outbox()
        self._inbound("Quero saber mais", address="+5511988880001")
        conversation = self.env["cc.conversation"].search(
            [("address_key", "=", "+5511988880001")])
        self.assertEqual(conversation.campaign_id, campaign)
        self.assertEqual(conversation.state, "new", "the reply reopens into the queue")
        campaign.invalidate_cache()
        self.assertEqual(campaign.reply_count, 1)

    def test_throttle_per_minute_and_daily_cap(self):
        with freeze_time(NOON_SP):
            campaign = self._campaign(rate_per_minute=2)
            campaign.action_start()
            self._run_cron()
            self.assertEqual(len(self._messages(campaign)), 2)
            self.assertEqual(campaign.state, "running")
            self.assertEqual(campaign.hold_reason, "Messages per minute reached.")
            cron = self.env.ref("cc_core.ir_cron_cc_campaigns")
            trigger = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)],
                                                         order="call_at desc", limit=1)
            self.assertEqual(trigger.call_at, fields.Datetime.now() + timedelta(minutes=1))
        with freeze_time("2026-12-07 15:01:30"):
            self._run_cron()
            self.assertEqual(len(self._messages(campaign)), 3)
            self.assertEqual(campaign.state, "done")
        with freeze_time(NOON_SP):
            capped = self._campaign(daily_cap=1, name="Capped")
            capped.action_start()
            self._run_cron()
            self.assertEqual(len(self._messages(capped)), 1)
            self.assertEqual(capped.hold_reason, "Daily cap reached.")
        with freeze_time("2026-12-08 03:30:00"):  # 00:30 the next day in São Paulo
            self._run_cron()
            self.assertEqual(len(self._messages(capped)), 2)

    def test_sending_window_holds_until_it_opens(self):
        with freeze_time("2026-12-07 23:30:00"):  # 20:30 in São Paulo
            campaign = self._campaign(window_start=8, window_end=20)
            campaign.action_start()
            self._run_cron()
            self.assertFalse(self._messages(campaign))
            self.assertEqual(campaign.hold_reason, "Outside the sending hours.")
        with freeze_time("2026-12-08 11:00:00"):  # 08:00
            self._run_cron()
            self.assertEqual(len(self._messages(campaign)), 3)

    def test_pause_and_resume(self):
        campaign = self._campaign()
        campaign.action_start()
        campaign.action_pause()
        self._run_cron()
        self.assertFalse(self._messages(campaign), "a paused campaign queues nothing")
        campaign.action_resume()
        self.assertEqual(campaign.state, "running")
        self._run_cron()
        self.assertEqual(len(self._messages(campaign)), 3)

    def test_paused_campaign_messages_wait_in_the_outbox_and_cancel_drops_them(self):
        campaign = self._campaign(rate_per_minute=2)
        campaign.action_start()
        self._run_cron()
        self.assertEqual((len(self._messages(campaign)), campaign.state), (2, "running"))
        campaign.action_pause()
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(self.wire.sent, [], "nothing leaves while paused")
        campaign.action_resume()
        self.assertEqual(campaign.state, "running")
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(len(self.wire.sent), 2)
        campaign.action_cancel()
        self.assertEqual(campaign.state, "cancelled")
        self._run_cron()
        self.assertEqual(len(self._messages(campaign)), 2, "the rest is never queued")
        other = self._campaign(name="Cancelled")
        other.action_start()
        self._run_cron()
        other.action_cancel()
        self.assertEqual(set(self._messages(other).mapped("state")), {"failed"})
        self.assertEqual(self._messages(other)[:1].failure_reason,
                         "Not sent: the campaign was cancelled.")
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(len(self.wire.sent), 2)

    def test_crash_mid_run_resumes_without_sending_twice(self):
        campaign = self._campaign()
        campaign.action_start()
        campaign._queue_recipients(campaign._pending_recipients(1))  # batch 1 "committed"
        Message = type(self.env["cc.message"])
        with patch.object(Message, "_trigger_outbox", side_effect=RuntimeError("crash")):
            with self.assertRaises(RuntimeError), self.env.cr.savepoint():
                campaign._queue_recipients(campaign._pending_recipients(1))
        self.env.cache.invalidate()
        self.assertEqual(len(self._messages(campaign)), 1, "the crashed batch is gone")
        self._run_cron()
        messages = self._messages(campaign)
        self.assertEqual(len(messages), 3)
        self.assertEqual(len(messages.conversation_id), 3, "one message per customer")
        self.assertEqual(set(campaign.recipient_ids.filtered(
            lambda r: r.state != "skipped").mapped("state")), {"queued"})

    def test_recurring_campaign_runs_again(self):
        with freeze_time(NOON_SP):
            campaign = self._campaign(schedule_type="recurring", recurrence="daily",
                                      scheduled_date="2026-12-07 14:00:00")
            campaign.action_start()
            self.assertEqual(campaign.state, "scheduled")
            self._run_cron()
            self.assertEqual(campaign.run_number, 1)
            self.assertEqual(len(self._messages(campaign)), 3)
            self.assertEqual(campaign.state, "scheduled")
            self.assertEqual(campaign.next_run_date,
                             fields.Datetime.to_datetime("2026-12-08 14:00:00"))
            self._run_cron()
            self.assertEqual(len(self._messages(campaign)), 3, "not before its date")
        with freeze_time("2026-12-08 14:05:00"):
            self._run_cron()
            self.assertEqual(campaign.run_number, 2)
            self.assertEqual(len(self._messages(campaign)), 6)

    def test_statistics_follow_delivery_reports(self):
        campaign = self._campaign()
        campaign.action_start()
        self._run_cron()
        self.wire.results = [
            SendResult("sent", provider_message_id="p1"),
            SendResult("sent", provider_message_id="p2"),
            SendResult("permanent", reason="Number does not exist", error_code="404"),
        ]
        self.env["cc.message"]._cron_send_outbox()
        messages = self._messages(campaign).sorted("id")
        messages[0]._apply_status(StatusUpdate("e1", "p1", "delivered"))
        messages[1]._apply_status(StatusUpdate("e2", "p2", "read"))
        self.env["cc.opt.out"]._record_opt_out(messages[1].conversation_id.address_key,
                                               "whatsapp", "keyword")
        campaign.invalidate_cache()
        self.assertEqual(
            (campaign.recipient_count, campaign.queued_count, campaign.sent_count,
             campaign.delivered_count, campaign.read_count, campaign.failed_count,
             campaign.opt_out_count),
            (3, 0, 2, 2, 1, 1, 1))
        failures = self.env["cc.message"].search(campaign.action_view_failures()["domain"])
        self.assertEqual(failures.mapped("failure_code"), ["404"])
        recipients = self.env["cc.campaign.recipient"].search(
            [("campaign_id", "=", campaign.id), ("message_state", "=", "failed")])
        self.assertEqual(len(recipients), 1)

    def test_agents_cannot_manage_campaigns(self):
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_agent).write({"name": "x"})

    def test_test_send_goes_to_the_users_own_number(self):
        campaign = self._campaign()
        with self.assertRaisesRegex(UserError, "mobile number"):
            campaign.action_test_send()
        self.user_supervisor.partner_id.mobile = "+5511966660000"
        campaign.action_test_send()
        test = self.env["cc.message"].search([("conversation_id.address_key", "=",
                                               "+5511966660000")])
        self.assertEqual(test.body, "Olá Ana Lima, CPF 123.456.789-09: Fake WhatsApp")
        self.assertFalse(self._messages(campaign), "a test is not a campaign message")
