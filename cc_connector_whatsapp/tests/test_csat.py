# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction on WhatsApp Cloud, against the fake Graph API:
inside the 24-hour window a list to tap, outside it the team's approved
template, or nothing (with the reason) when there is none."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import WA_ID, WhatsAppCase, contact, inbound, meta_body

CSAT_TEMPLATE = {
    "id": "1000000000000009", "name": "pesquisa_satisfacao", "language": "pt_BR",
    "status": "APPROVED", "category": "UTILITY", "components": [
        {"type": "BODY", "text": "Olá {{1}}, como foi o nosso atendimento?"},
        {"type": "BUTTONS", "buttons": [
            {"type": "QUICK_REPLY", "text": "Excelente"},
            {"type": "QUICK_REPLY", "text": "Regular"},
            {"type": "QUICK_REPLY", "text": "Ruim"}]}]}


@tagged("post_install", "-at_install")
class TestCsatWhatsapp(WhatsAppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.with_context(lang="en_US").write({
            "csat_enabled": True,
            "csat_question": "How did we do?",
            "csat_comment_question": False,
            "csat_thanks_message": "Thank you!",
        })

    def setUp(self):
        super().setUp()
        self.conversation = self._taken_conversation()
        self._queue(self.conversation, "Resolvido!")
        self._send()

    def _close(self):
        self.conversation.with_user(self.user_agent).action_close()
        return self.conversation.csat_survey_ids

    def _tap(self, option_id, title, wamid):
        item = inbound("interactive", {"type": "list_reply", "list_reply": {
            "id": option_id, "title": title}}, wamid)
        return self._process(meta_body([item], contacts=[contact()]))

    def _window_closed(self):
        self.conversation.sudo().last_inbound_date = \
            fields.Datetime.now() - timedelta(hours=25)
        self.conversation.invalidate_cache()

    def _with_template(self):
        self.graph.templates.append(dict(CSAT_TEMPLATE))
        self.env["cc.whatsapp.template"]._sync_connector(self.connector)
        template = self.env["cc.whatsapp.template"].search(
            [("name", "=", "pesquisa_satisfacao")])
        template.parameter_ids.value = "{{ object.name }}"
        self.team.csat_wa_template_ids = template
        return template

    def test_inside_the_window_a_list_to_tap(self):
        survey = self._close()
        self.assertEqual((survey.state, survey.by_template), ("sent", False))
        self._send()
        payload = self._sent_payloads()[-1]
        self.assertEqual(payload["type"], "interactive")
        self.assertEqual(payload["interactive"]["type"], "list")
        self.assertEqual(payload["interactive"]["body"]["text"], "How did we do?")
        rows = payload["interactive"]["action"]["sections"][0]["rows"]
        self.assertEqual([(r["id"], r["title"]) for r in rows], [
            ("csat_1", "Very bad"), ("csat_2", "Bad"), ("csat_3", "Fair"),
            ("csat_4", "Good"), ("csat_5", "Excellent")])

    def test_tap_answers_and_never_reopens(self):
        survey = self._close()
        self._send()
        self._tap("csat_5", "Excellent", "wamid.TAP1")
        self.assertEqual((survey.state, survey.rating), ("answered", 5))
        self.assertEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.cycle, 1)
        self._send()
        self.assertEqual(self._sent_payloads()[-1]["text"]["body"], "Thank you!",
                         "no comment asked for: thanks at once")

    def test_duplicate_delivery_of_the_tap_counted_once(self):
        survey = self._close()
        self._tap("csat_2", "Bad", "wamid.TAP2")
        self._tap("csat_2", "Bad", "wamid.TAP2")
        self.assertEqual(survey.rating, 2)
        self.assertEqual(len(self.conversation.message_ids_cc.filtered(
            lambda m: m.provider_message_id == "wamid.TAP2")), 1)
        self.assertEqual(len(self.conversation.message_ids_cc.filtered(
            lambda m: m.auto_kind == "csat" and m.body == "Thank you!")), 1,
            "thanked once")
        self.assertEqual(self.conversation.state, "done")

    def test_typed_answer_and_a_following_question_reopens(self):
        survey = self._close()
        self._text_in("3", wamid="wamid.A3")
        self.assertEqual((survey.rating, self.conversation.state), (3, "done"))
        self._text_in("Outra dúvida: e a nota fiscal?", wamid="wamid.Q2")
        self.assertNotEqual(self.conversation.state, "done")
        self.assertEqual(self.conversation.cycle, 2)
        self.assertEqual(survey.rating, 3)

    def test_outside_the_window_the_teams_template(self):
        template = self._with_template()
        self._window_closed()
        survey = self._close()
        self.assertEqual((survey.state, survey.by_template), ("sent", True))
        self.assertEqual(survey.question_message_id.wa_template_id, template)
        self._send()
        payload = self._sent_payloads()[-1]
        self.assertEqual(payload["type"], "template")
        self.assertEqual(payload["template"]["name"], "pesquisa_satisfacao")
        self.assertEqual(survey.question_message_id.state, "sent")
        # the customer taps the template's quick reply
        item = inbound("button", {"text": "Excelente", "payload": "Excelente"},
                       "wamid.BTN1")
        self._process(meta_body([item], contacts=[contact()]))
        self.assertEqual((survey.rating, self.conversation.state), (5, "done"))

    def test_outside_the_window_without_template_not_sent(self):
        self._window_closed()
        survey = self._close()
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "no_template"))
        self._send()
        self.assertEqual(self._sent_payloads()[-1]["text"]["body"], "Resolvido!",
                         "nothing else left")

    def test_opted_out_customer_never_gets_it(self):
        self.env["cc.opt.out"]._record_opt_out(
            self.conversation.address_key, "whatsapp", "manual")
        survey = self._close()
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "opted_out"))

    def test_meta_refusal_marks_it_not_sent(self):
        survey = self._close()
        self.graph.fail("*/messages", 400, code=131026, message="Message undeliverable")
        self._send()
        self.assertEqual((survey.state, survey.not_sent_reason),
                         ("not_sent", "send_failed"))
        self._text_in("5", wamid="wamid.LATE")
        self.assertNotEqual(self.conversation.state, "done",
                            "no survey waits: the message reopens")

    def test_rating_shown_on_the_conversation(self):
        self._close()
        self._tap("csat_4", "Good", "wamid.TAP4")
        self.assertEqual(self.conversation.csat_last_rating, 4)
        self.assertEqual(WA_ID, self.conversation.address[1:])
