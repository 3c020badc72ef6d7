# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction over SMS, against the fake Kolmeya server: the
question leaves when the conversation closes, the reply (a number, the words)
is stored without reopening it, anything else reopens it."""
from datetime import timedelta

import pytz

from odoo import fields
from odoo.tests import tagged

from .common import PHONE, KolmeyaCase


@tagged("post_install", "-at_install")
class TestCsatSms(KolmeyaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.with_context(lang="en_US").write({
            "csat_enabled": True,
            "csat_question": "How did we do? Reply 1 to 5:",
            "csat_comment_question": "Thanks! Want to tell us more?",
            "csat_thanks_message": "Thank you!",
            "csat_validity_hours": 24,
        })

    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.answer = self._queue(self.conversation, "Seu pedido saiu hoje.")
        self._send()
        self.reply_count = 0

    # helpers ---------------------------------------------------------
    def _close(self):
        self.conversation.with_user(self.user_agent).action_close()
        self.assertEqual(self.conversation.state, "done")
        return self.conversation.csat_survey_ids

    def _reply(self, text, reply_id=None):
        self.reply_count += 1
        body = {"reply": {"id": reply_id or "csat-r-%s" % self.reply_count,
                          "reply": text,
                          "message": {"id": self.answer.provider_message_id}}}
        return self._webhook("reply", body)

    def _sms_texts(self):
        return [m["message"] for body in self._stored_bodies()
                for m in body["messages"]]

    # the question ----------------------------------------------------
    def test_question_sent_on_close_as_numbered_text(self):
        survey = self._close()
        self.assertEqual(len(survey), 1)
        self.assertEqual((survey.state, survey.cycle, survey.agent_id, survey.team_id,
                          survey.channel_kind), ("sent", 1, self.agent, self.team, "sms"))
        self._send()
        question = self._sms_texts()[-1]
        self.assertEqual(question, "How did we do? Reply 1 to 5:\n1 - Very bad\n"
                         "2 - Bad\n3 - Fair\n4 - Good\n5 - Excellent")
        self.assertEqual(survey.question_message_id.state, "sent")
        self.assertTrue(survey.question_message_id.is_automatic)
        self.assertEqual(survey.deadline, survey.sent_date + timedelta(hours=24))

    def test_question_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.team.with_context(lang="pt_BR").csat_question = "Como foi? Responda 1 a 5:"
        self.conversation.partner_id = self.env["res.partner"].create(
            {"name": "Cliente", "lang": "pt_BR"})
        self.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])
        self._close()
        self._send()
        self.assertEqual(self._sms_texts()[-1], "Como foi? Responda 1 a 5:\n"
                         "1 - Péssimo\n2 - Ruim\n3 - Regular\n4 - Bom\n5 - Excelente")
        self._reply("excelente")
        self.assertEqual(self.conversation.csat_survey_ids.rating, 5)

    def test_reopening_by_hand_ends_the_survey(self):
        self._close()
        self.conversation.with_user(self.user_manager).action_reopen()
        self.conversation.with_user(self.user_manager).action_close()
        self.assertEqual(len(self.conversation.csat_survey_ids), 1,
                         "reopened and closed again without a new customer cycle")
        self.assertEqual(self.conversation.csat_survey_ids.state, "expired")

    def test_not_sent_without_an_agent_reply(self):
        other = self._conversation("+5511912345678")
        other.with_user(self.user_agent).action_take()
        other.with_user(self.user_agent).action_close()
        self.assertFalse(other.csat_survey_ids)

    def test_not_sent_when_the_team_does_not_ask(self):
        self.team.csat_enabled = False
        self.assertFalse(self._close())

    def test_auto_close_cron_sends_it(self):
        self.conversation.team_id.auto_close_hours = 1
        self.conversation.sudo().last_inbound_date = \
            fields.Datetime.now() - timedelta(hours=2)
        self.env["cc.conversation"]._cron_auto_close()
        self.assertEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.csat_survey_ids.state, "sent")

    def test_opted_out_customer_never_gets_it(self):
        self.env["cc.opt.out"]._record_opt_out(
            self.conversation.address_key, "sms", "manual")
        survey = self._close()
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "opted_out"))
        self._send()
        self.assertEqual(len(self._sms_texts()), 1, "only the agent's answer left")
        self._reply("5")
        self.assertNotEqual(self.conversation.state, "done",
                            "no survey waits: the message reopens")

    def test_quiet_hours_skip_the_question(self):
        tz = pytz.timezone("America/Sao_Paulo")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        self.connector.write({
            "kolmeya_quiet_hours": True, "kolmeya_tz": "America/Sao_Paulo",
            "kolmeya_quiet_start": (hour - 1) % 24, "kolmeya_quiet_end": (hour + 2) % 24})
        survey = self._close()
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "quiet_hours"))
        self.assertFalse(survey.question_message_id)
        self.assertFalse(self.conversation.csat_pending_until)

    def test_quiet_hours_ending_soon_only_hold_it(self):
        tz = pytz.timezone("America/Sao_Paulo")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        self.connector.write({
            "kolmeya_quiet_hours": True, "kolmeya_tz": "America/Sao_Paulo",
            "kolmeya_quiet_start": (hour - 1) % 24,
            "kolmeya_quiet_end": (hour + 10 / 60.0) % 24})
        survey = self._close()
        self.assertEqual(survey.state, "sent", "within the 30 minutes of grace")
        self._send()
        self.assertEqual(survey.question_message_id.state, "queued",
                         "held by the outbox until the quiet hours end")

    # the answer ------------------------------------------------------
    def test_number_answer_never_reopens(self):
        survey = self._close()
        self._send()
        self.assertEqual(self._reply("4").state, "processed")
        self.assertEqual((survey.state, survey.rating, survey.rating_value),
                         ("answered", 4, "4"))
        self.assertEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.cycle, 1)
        self.assertEqual(self.conversation.unread_count, 0)
        answer = self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")
        self.assertEqual((answer.body, answer.csat_survey_id), ("4", survey),
                         "kept in the conversation's history")
        self.assertFalse(self.conversation.message_ids_cc.filtered(
            lambda m: m.event_type == "reopened"))
        self.assertEqual(self.conversation.csat_last_rating, 4)

    def test_words_answer(self):
        survey = self._close()
        self._reply("Muito bom!")
        self.assertEqual(survey.rating, 5)
        self.assertEqual(self.conversation.state, "done")

    def test_comment_after_the_rating_then_thanks(self):
        survey = self._close()
        self._reply("2")
        self.assertTrue(survey.comment_requested)
        self._reply("Demorou muito para responder")
        self.assertEqual((survey.rating, survey.comment),
                         (2, "Demorou muito para responder"))
        self.assertEqual(self.conversation.state, "done")
        self.assertFalse(self.conversation.csat_pending_until)
        self._send()
        self.assertEqual(self._sms_texts()[-2:],
                         ["Thanks! Want to tell us more?", "Thank you!"])
        self._reply("Preciso de outra coisa")
        self.assertNotEqual(self.conversation.state, "done",
                            "after the comment, messages reopen as usual")
        self.assertEqual(self.conversation.cycle, 2)

    def test_a_new_question_reopens_and_ends_the_survey(self):
        survey = self._close()
        self._reply("Quando chega o meu pedido?")
        self.assertNotEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.cycle, 2)
        self.assertEqual(survey.state, "expired")
        self.assertFalse(survey.rating)

    def test_duplicate_delivery_counted_once(self):
        survey = self._close()
        self._reply("3", reply_id="dup-1")
        self.assertEqual(self._reply("3", reply_id="dup-1").state, "duplicate")
        self.assertEqual(survey.rating, 3)
        self.assertEqual(len(self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")), 1)
        self.assertEqual(self.conversation.state, "done")

    def test_answer_after_the_validity_reopens(self):
        survey = self._close()
        survey.deadline = self.conversation.csat_pending_until = \
            fields.Datetime.now() - timedelta(minutes=1)
        self.env["cc.csat.survey"]._cron_expire()
        self.assertEqual(survey.state, "expired")
        self._reply("5")
        self.assertNotEqual(self.conversation.state, "done")
        self.assertFalse(survey.rating)

    def test_provider_refusal_marks_it_not_sent(self):
        survey = self._close()
        self.server.blacklisted.add(PHONE[3:])
        self._send()
        self.assertEqual(survey.question_message_id.state, "failed")
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "send_failed"))
        self.assertFalse(self.conversation.csat_pending_until)
