# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestConversationDocument(CcCase):
    """A conversation shows and opens the business document it is about (e.g. a
    CRM lead linked by the ChatRoom migration) without depending on its addon."""

    def test_open_the_related_document(self):
        partner = self.env["res.partner"].create({"name": "Pedido 42 do João"})
        conversation = self._conversation(document_model="res.partner",
                                          document_id=partner.id)
        self.assertEqual(conversation.document_name, "Pedido 42 do João")
        action = conversation.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", partner.id))

    def test_deleted_document_or_missing_addon(self):
        partner = self.env["res.partner"].create({"name": "Temporário"})
        conversation = self._conversation(document_model="res.partner",
                                          document_id=partner.id)
        partner.unlink()
        conversation.invalidate_cache()
        self.assertFalse(conversation.document_name)
        with self.assertRaises(UserError):
            conversation.action_open_document()
        # e.g. crm.lead after crm was uninstalled: no error, nothing shown
        conversation.write({"document_model": "crm.lead.not.installed", "document_id": 7})
        self.assertFalse(conversation.document_name)
        self.assertFalse(self._conversation(address="+5511911112222").document_name)
