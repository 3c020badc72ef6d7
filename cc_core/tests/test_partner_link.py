# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestPartnerLink(CcCase):
    """Conversations find their customer by phone, with or without the 9th digit."""

    def test_inbound_without_ninth_digit_links_partner_with_it(self):
        partner = self.env["res.partner"].create(
            {"name": "Dona Maria", "mobile": "(11) 98765-4321"})
        self._inbound("Oi", address="551187654321")  # WhatsApp wa_id without the 9
        conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id)])
        self.assertEqual(conversation.partner_id, partner)
        self.assertEqual(conversation.name, "Dona Maria")
        # The same customer writing with the 9 lands in the same conversation.
        self._inbound("Sou eu", address="+5511987654321", msg_id="with-9")
        self.assertEqual(len(conversation.message_ids_cc), 2)

    def test_landline_never_gets_a_ninth_digit(self):
        partner = self.env["res.partner"].create({"name": "Loja", "phone": "+551133334444"})
        self.assertEqual(partner.cc_phone_key, "+551133334444")

    def test_smart_button_lists_conversations_across_channels(self):
        partner = self.env["res.partner"].create(
            {"name": "Cliente", "mobile": "+5511987654321"})
        whatsapp = self._conversation()
        sms = self._conversation(connector=self.other_connector)
        self.assertEqual(partner.cc_conversation_count, 2)
        action = partner.action_view_cc_conversations()
        found = self.env["cc.conversation"].search(action["domain"])
        self.assertEqual(found, whatsapp | sms)

    def test_smart_button_count_equals_the_list_it_opens(self):
        company = self.env["res.partner"].create({"name": "Padaria Pão Quente",
                                                  "is_company": True})
        owner = self.env["res.partner"].create({"name": "Seu Joaquim",
                                                "parent_id": company.id})
        cashier = self.env["res.partner"].create({"name": "Rita",
                                                  "parent_id": company.id})
        self._conversation("+5511911110000", partner_id=owner.id)
        self._conversation("+5511922220000", partner_id=cashier.id)
        for partner in (company, owner, cashier):
            action = partner.action_view_cc_conversations()
            listed = self.env["cc.conversation"].search(action["domain"])
            self.assertEqual(partner.cc_conversation_count, len(listed), partner.name)
            self.assertEqual(len(listed), 2)
            self.assertEqual(action["name"],
                             "Conversations of Padaria Pão Quente and its contacts",
                             "the list says what it shows")
        alone = self.env["res.partner"].create({"name": "Avulso"})
        self._conversation("+5511933330000", partner_id=alone.id)
        self.assertEqual(alone.cc_conversation_count, 1)
        self.assertEqual(alone.action_view_cc_conversations()["name"],
                         "Conversations of Avulso")
