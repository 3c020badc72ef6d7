# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Replies that become CRM opportunities, and sending from leads and
invoices. crm / account are optional apps: these tests skip when they are
not installed; run them with ``CC_OPTIONAL_APPS=crm,account ./test.sh``."""
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.cc_core.services.types import ChannelLimits

from .common import CcCase


class OptionalAppCase(CcCase):
    REQUIRED_MODEL = "crm.lead"

    def setUp(self):
        super().setUp()
        if self.REQUIRED_MODEL not in self.env:
            self.skipTest("%s is not installed (set CC_OPTIONAL_APPS=crm,account to "
                          "run this test)" % self.REQUIRED_MODEL)


@tagged("post_install", "-at_install")
class TestCampaignCrm(OptionalAppCase):

    def setUp(self):
        super().setUp()
        self.salesman = self.env["res.users"].create({
            "name": "Vera Vendas", "login": "cc_vera",
            "groups_id": [(6, 0, self.env.ref("sales_team.group_sale_salesman").ids)]})
        self.sales_team = self.env["crm.team"].create(
            {"name": "Aposentados", "user_id": self.salesman.id})
        self.connector.write({"crm_opportunity_on_reply": True,
                              "crm_team": str(self.sales_team.id)})
        self.Lead = self.env["crm.lead"].with_context(active_test=False)

    def _leads(self, partner):
        return self.Lead.search([("partner_id", "=", partner.id)])

    def test_reply_from_unknown_number_creates_partner_and_opportunity(self):
        self._inbound("Tenho interesse", address="+5511955550001")
        conversation = self.env["cc.conversation"].search(
            [("address_key", "=", "+5511955550001")])
        partner = conversation.partner_id
        self.assertTrue(partner, "the customer becomes a contact")
        self.assertEqual(partner.mobile, "+5511955550001")
        lead = self._leads(partner)
        self.assertEqual(len(lead), 1)
        self.assertEqual((lead.type, lead.team_id, lead.user_id),
                         ("opportunity", self.sales_team, self.salesman))
        self.assertIn("Tenho interesse", lead.description)
        self.assertEqual((conversation.document_model, conversation.document_id),
                         ("crm.lead", lead.id))
        activity = lead.activity_ids
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("Tenho interesse", activity.summary)

    def test_reply_from_known_partner_with_open_opportunity_updates_it(self):
        partner = self.env["res.partner"].create(
            {"name": "Gil Souza", "mobile": "+55 11 95555-0002"})
        lead = self.Lead.create({"name": "Empréstimo", "type": "opportunity",
                                 "partner_id": partner.id})
        self._inbound("Pode me ligar?", address="+5511955550002")
        self.assertEqual(self._leads(partner), lead, "no second opportunity")
        self.assertIn("Pode me ligar?", lead.message_ids[:1].body)

    def test_reply_from_known_partner_creates_opportunity(self):
        partner = self.env["res.partner"].create(
            {"name": "Helena Reis", "mobile": "+55 11 95555-0003"})
        won = self.Lead.create({"name": "Antiga", "type": "opportunity",
                                "partner_id": partner.id})
        won.action_set_won()
        self._inbound("Quero de novo", address="+5511955550003")
        leads = self._leads(partner) - won
        self.assertEqual(len(leads), 1, "a won opportunity is not reopened")

    def test_reply_to_campaign_names_the_campaign(self):
        self.connector.crm_opportunity_on_reply = False
        partner = self.env["res.partner"].create(
            {"name": "Igor Neves", "mobile": "+5511955550004"})
        campaign = self.env["cc.campaign"].create({
            "name": "Consignado dezembro", "connector_id": self.connector.id,
            "partner_domain": "[('id', '=', %d)]" % partner.id,
            "body": "Olá |NOME|", "window_start": 0, "window_end": 0,
            "crm_opportunity_on_reply": True, "crm_team": str(self.sales_team.id)})
        campaign.action_start()
        self.env["cc.campaign"]._cron_run_campaigns()
        self._inbound("Sim", address="+5511955550004")
        lead = self._leads(partner)
        self.assertEqual(lead.team_id, self.sales_team)
        self.assertIn("Consignado dezembro", lead.message_ids[:1].body)

    def test_opt_out_keyword_creates_nothing(self):
        self._inbound("SAIR", address="+5511955550005")
        conversation = self.env["cc.conversation"].search(
            [("address_key", "=", "+5511955550005")])
        self.assertFalse(self.Lead.search([("phone", "=", "+5511955550005")]))
        self.assertFalse(conversation.document_model)

    def test_create_opportunity_from_a_conversation(self):
        self.connector.crm_opportunity_on_reply = False
        conversation = self._conversation("+5511955550006", customer_name="Júlia")
        action = conversation.with_user(self.user_supervisor).sudo(
        ).action_cc_create_opportunity()
        lead = self.Lead.browse(action["res_id"])
        self.assertEqual(lead.partner_id, conversation.partner_id)
        self.assertEqual(conversation.document_id, lead.id)
        again = conversation.sudo().action_cc_create_opportunity()
        self.assertEqual(again["res_id"], lead.id, "opened, not created twice")

    def test_send_from_a_lead_and_its_conversations(self):
        partner = self.env["res.partner"].create({"name": "Karla", "mobile": "+5511955550007"})
        self.user_agent.groups_id |= self.env.ref("sales_team.group_sale_salesman")
        lead = self.Lead.create({"name": "Cartão", "partner_id": partner.id,
                                 "user_id": self.user_agent.id})
        send = self.env.ref("cc_core.cc_document_send_action_crm_lead")
        self.assertEqual(send.binding_model_id.model, "crm.lead")
        wizard = self.env["cc.document.send"].with_user(self.user_agent).with_context(
            active_model="crm.lead", active_id=lead.id).create(
            {"connector_id": self.connector.id, "body": "Sua proposta está pronta"})
        action = wizard.action_send()
        self.assertIn("Sua proposta está pronta", lead.message_ids[:1].body)
        conversations = self.env.ref("cc_core.cc_conversation_action_crm_lead")
        self.assertIn("active_id", conversations.domain)
        # The lead form shows its conversations in its button box, to agents.
        arch = self.Lead.with_user(self.user_agent).fields_view_get(
            view_type="form")["arch"]
        self.assertIn('name="%d"' % conversations.id, arch)
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.translation"]._load_module_terms(["cc_core"], ["pt_BR"])
        self.env["cc.document.bindings"]._ensure_optional_bindings()
        arch_pt = self.Lead.with_user(self.user_agent).with_context(
            lang="pt_BR").fields_view_get(view_type="form")["arch"]
        self.assertIn('string="Conversas"', arch_pt)
        opened = self.env["cc.conversation"].with_user(self.user_agent).search(
            safe_eval(conversations.domain, {"active_id": lead.id}))
        conversation = self.env["cc.conversation"].browse(action["res_id"])
        self.assertEqual((conversation.document_model, conversation.document_id),
                         ("crm.lead", lead.id))
        self.assertEqual(opened, conversation, "the button lists the lead's conversation")


@tagged("post_install", "-at_install")
class TestSendInvoice(OptionalAppCase):
    REQUIRED_MODEL = "account.move"

    def test_send_an_invoice_with_its_pdf(self):
        partner = self.env["res.partner"].create({"name": "Luan", "mobile": "+5511955550008"})
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": partner.id,
            "invoice_line_ids": [(0, 0, {"name": "Serviço", "quantity": 1,
                                         "price_unit": 100})]})
        self.assertTrue(self.env.ref("cc_core.cc_document_send_action_account_move"))
        wizard = self.env["cc.document.send"].with_context(
            active_model="account.move", active_id=invoice.id).create(
            {"connector_id": self.connector.id, "body": "Segue sua fatura",
             "attach_pdf": True})
        self.assertTrue(wizard.can_attach_pdf)
        provider = type(self.env["cc.provider.fake"])
        limits = ChannelLimits(max_length=500, media_types=("application/pdf",))
        with patch.object(provider, "_channel_limits", lambda *args: limits):
            action = wizard.action_send()
        conversation = self.env["cc.conversation"].browse(action["res_id"])
        messages = conversation.message_ids_cc.filtered(lambda m: m.direction == "outbound")
        self.assertEqual(messages.mapped("message_type"), ["text", "document"])
        self.assertEqual(messages[1].attachment_ids.mimetype, "application/pdf")
        self.assertIn("Segue sua fatura", invoice.message_ids[:1].body)
