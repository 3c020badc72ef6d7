# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import CcCase


@tagged("post_install", "-at_install")
class TestTemplate(CcCase):
    """Canned answers render placeholders on the conversation."""

    def test_render_partner_name_and_composer_uses_it(self):
        partner = self.env["res.partner"].create({"name": "João", "mobile": "+5511987654321"})
        conversation = self._conversation()
        template = self.env["cc.template"].create({
            "name": "Saudação",
            "body": "Olá {{ object.partner_id.name }}, aqui é {{ user.name }}!",
        })
        self.assertEqual(conversation.partner_id, partner)
        rendered = template.with_user(self.user_agent)._render_for(conversation)
        self.assertEqual(rendered, "Olá João, aqui é Ana Agent!")

    def test_templates_filtered_by_channel(self):
        conversation = self._conversation(connector=self.other_connector)  # sms
        Template = self.env["cc.template"]
        sms = Template.create({"name": "S", "body": "s", "channel_kind": "sms"})
        both = Template.create({"name": "A", "body": "a", "channel_kind": "all"})
        wa = Template.create({"name": "W", "body": "w", "channel_kind": "whatsapp"})
        found = Template.search(Template._domain_for(conversation))
        self.assertIn(sms, found)
        self.assertIn(both, found)
        self.assertNotIn(wa, found)
