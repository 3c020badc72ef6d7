# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A question with options goes out as numbered text on any channel and the
customer's answer (number, words or tap) finds its option."""
import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cc_core.services.options import match_option

from .common import CcCase

MENU = [("fin", "Financeiro"), ("sales", "Vendas")]


@tagged("post_install", "-at_install")
class TestOptionsMessage(CcCase):
    def setUp(self):
        super().setUp()
        self.conversation = self._conversation()
        self.Message = self.env["cc.message"].sudo()

    def test_numbered_text_is_what_the_channel_sends(self):
        message = self.Message._queue_options(self.conversation, "Como ajudar?", MENU)
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.message_type, "text")
        self.assertEqual(message.body, "Como ajudar?\n1 - Financeiro\n2 - Vendas")
        self.assertEqual(message._options_payload(), {
            "question": "Como ajudar?", "button": "Options",
            "options": [{"id": "fin", "title": "Financeiro"},
                        {"id": "sales", "title": "Vendas"}]})
        self.env["cc.message"]._cron_send_outbox()
        self.assertEqual(message.state, "sent")
        self.assertEqual(self.wire.sent, [(message.id, self.conversation.address,
                                           "Como ajudar?\n1 - Financeiro\n2 - Vendas")])

    def test_the_list_button_speaks_the_language_of_the_sender(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])
        message = self.Message.with_context(lang="pt_BR")._queue_options(
            self.conversation, "Como ajudar?", MENU)
        self.assertEqual(json.loads(message.options_json)["button"], "Opções")

    def test_extra_values_are_written_on_the_message(self):
        message = self.Message._queue_options(
            self.conversation, "Como ajudar?", MENU,
            values={"author_id": self.user_supervisor.id})
        self.assertEqual(message.author_id, self.user_supervisor)

    def test_opted_out_customers_get_nothing(self):
        self.env["cc.opt.out"]._record_opt_out(
            self.conversation.address, "whatsapp", "keyword")
        with self.assertRaises(UserError):
            self.Message._queue_options(self.conversation, "Como ajudar?", MENU)
        self.assertFalse(self.env["cc.message"].search(
            [("conversation_id", "=", self.conversation.id),
             ("direction", "=", "outbound")]))

    def test_unusable_options_are_refused_with_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "cannot be sent"):
            self.Message._queue_options(self.conversation, "?", [("a", "")])

    def test_the_answer_is_read_from_a_tap_or_from_text(self):
        self._inbound("2", msg_id="answer-1")
        self._inbound("Vendas", msg_id="tap-1", option_id="fin",
                      option_title="Financeiro")
        answers = self.env["cc.message"].search(
            [("provider_message_id", "in", ("answer-1", "tap-1"))], order="id")
        self.assertEqual(
            [match_option(MENU, text=m.body, reply_id=m.interactive_reply_id)
             for m in answers], ["sales", "fin"])
