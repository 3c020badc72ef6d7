# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestDocumentSend(CcCase):
    """Send message from a contact: the customer's conversation, the outbox,
    a line in the contact's chatter; the contact's whole history."""

    def setUp(self):
        super().setUp()
        self.partner = self.env["res.partner"].create(
            {"name": "Fernanda Dias", "mobile": "+55 11 97654-3210"})

    def _wizard(self, user=None, **vals):
        env = self.env(user=(user or self.user_agent).id)
        Wizard = env["cc.document.send"].with_context(
            active_model="res.partner", active_id=self.partner.id)
        wizard = Wizard.create(dict({"connector_id": self.connector.id}, **vals))
        return wizard

    def test_send_from_a_partner(self):
        wizard = self._wizard(body="Seu boleto vence amanhã.")
        self.assertEqual(wizard.partner_id, self.partner)
        self.assertEqual(wizard.number, "+55 11 97654-3210")
        action = wizard.action_send()
        conversation = self.env["cc.conversation"].browse(action["res_id"])
        self.assertEqual(conversation.partner_id, self.partner)
        self.assertEqual(conversation.agent_id.user_id, self.user_agent,
                         "the sender holds the conversation")
        self.assertEqual((conversation.document_model, conversation.document_id),
                         ("res.partner", self.partner.id))
        message = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual(message.body, "Seu boleto vence amanhã.")
        self.assertEqual(message.state, "queued")
        self.assertIn("Seu boleto vence amanhã.",
                      self.partner.message_ids[:1].body)
        # Again: the same conversation continues.
        again = self._wizard(body="Segunda mensagem").action_send()
        self.assertEqual(again["res_id"], conversation.id)

    def test_template_rendered_on_the_document(self):
        template = self.env["cc.template"].create(
            {"name": "Saudação", "body": "Olá {{ object.name }}!"})
        wizard = self._wizard()
        wizard.template_id = template
        wizard._onchange_template_id()
        self.assertEqual(wizard.body, "Olá Fernanda Dias!")

    def test_bad_number_and_empty_message_are_refused(self):
        with self.assertRaisesRegex(UserError, "not a valid phone number"):
            self._wizard(body="x", number="abc").action_send()
        with self.assertRaisesRegex(UserError, "Write a message"):
            self._wizard(body="  ").action_send()
        self.assertFalse(self.env["cc.conversation"].search(
            [("partner_id", "=", self.partner.id)]), "nothing half-written")

    def test_opted_out_customer_is_refused(self):
        self.env["cc.opt.out"]._record_opt_out("+5511976543210", "whatsapp", "keyword")
        with self.assertRaisesRegex(UserError, "opted out"):
            self._wizard(body="Oferta").action_send()

    def test_partner_history_covers_every_channel(self):
        self._wizard(body="Pelo WhatsApp").action_send()
        sms = self.env["cc.conversation"].create({
            "connector_id": self.other_connector.id, "address": "+5511976543210"})
        self.env["cc.message"].create({"conversation_id": sms.id, "direction": "inbound",
                                       "body": "Pelo SMS", "state": "received"})
        action = self.partner.action_view_cc_messages()
        bodies = self.env["cc.message"].search(action["domain"]).mapped("body")
        self.assertEqual(sorted(bodies), ["Pelo SMS", "Pelo WhatsApp"])
        # An agent sees only what the record rules let them see.
        mine = self.env["cc.message"].with_user(self.user_agent).search(action["domain"])
        self.assertEqual(mine.mapped("body"), ["Pelo WhatsApp"])
