# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Questions with options reach WhatsApp as buttons or lists, and a tap
comes back as the option's id."""
from odoo.tests import tagged

from odoo.addons.cc_core.services.options import match_option

from .common import WA_ID, WhatsAppCase, inbound, meta_body

ENVELOPE = {"messaging_product": "whatsapp", "recipient_type": "individual",
            "to": WA_ID, "type": "interactive"}
YES_NO = [("yes", "Sim"), ("no", "Não")]


@tagged("post_install", "-at_install")
class TestSendOptions(WhatsAppCase):
    def setUp(self):
        super().setUp()
        self.conversation = self._taken_conversation()
        self.Message = self.env["cc.message"].sudo()

    def test_two_options_go_as_reply_buttons(self):
        message = self.Message._queue_options(self.conversation, "Resolvido?", YES_NO)
        self._send()
        self.assertEqual(self._sent_payloads(), [dict(ENVELOPE, interactive={
            "type": "button", "body": {"text": "Resolvido?"},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": "yes", "title": "Sim"}},
                {"type": "reply", "reply": {"id": "no", "title": "Não"}}]}})])
        self.assertEqual(message.state, "sent")

    def test_five_options_go_as_a_list(self):
        options = [(str(n), str(n)) for n in range(1, 6)]
        self.Message._queue_options(self.conversation, "Nota de 1 a 5?", options)
        self._send()
        sent = self._sent_payloads()[0]["interactive"]
        self.assertEqual(sent["type"], "list")
        self.assertEqual([row["id"] for row in sent["action"]["sections"][0]["rows"]],
                         ["1", "2", "3", "4", "5"])

    def test_too_many_options_go_as_numbered_text(self):
        options = [(str(n), "Assunto %d" % n) for n in range(1, 12)]
        message = self.Message._queue_options(self.conversation, "Assunto?", options)
        self._send()
        sent = self._sent_payloads()[0]
        self.assertEqual(sent["type"], "text")
        self.assertEqual(sent["text"]["body"], message.body)
        self.assertIn("11 - Assunto 11", message.body)

    def test_a_tapped_button_comes_back_as_the_option(self):
        self.Message._queue_options(self.conversation, "Resolvido?", YES_NO)
        self._send()
        tap = inbound("interactive", {"type": "button_reply",
                                      "button_reply": {"id": "no", "title": "Não"}},
                      "wamid.TAP1")
        self._process(meta_body([tap]))
        answer = self.env["cc.message"].search([("provider_message_id", "=",
                                                 "wamid.TAP1")])
        self.assertEqual(answer.interactive_reply_id, "no")
        self.assertEqual(match_option(YES_NO, text=answer.body,
                                      reply_id=answer.interactive_reply_id), "no")
