# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The AI assistant from the workspace, against a fake OpenAI-compatible server
on 127.0.0.1: suggestion, summary, transcription, translation, masking (seen
in what the server received), opt-outs, the monthly cap, failures; and who
may read the key and the usage log."""
import base64
import os

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..services.ai_fake_server import FakeAiServer
from .common import CcCase

AUDIO = os.path.join(os.path.dirname(__file__), "voice_note.wav")


@tagged("post_install", "-at_install")
class TestAiAssistant(CcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeAiServer(key="sk-test").start()
        cls.env.company.write({
            "cc_ai_enabled": True, "cc_ai_base_url": cls.server.url,
            "cc_ai_api_key": "sk-test", "cc_ai_model": "gpt-test",
            "cc_ai_transcription_model": "whisper-test", "cc_ai_timeout": 2,
            "cc_ai_price_input": 1.0, "cc_ai_price_output": 2.0,
            "cc_ai_price_audio_minute": 0.06,
        })
        cls.env["cc.template"].create({
            "name": "Prazo de entrega", "body": "O prazo é de 5 dias úteis.",
            "channel_kind": "all"})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server._script.clear()
        self._inbound("Oi, meu pedido não chegou. Meu CPF é 529.982.247-25, "
                      "e-mail ana@cliente.com.br, fone (11) 98765-4321", msg_id="ai-1")
        self.conversation = self.env["cc.conversation"].search(
            [("connector_id", "=", self.connector.id),
             ("address", "=", "+5511987654321")])
        self.conversation.with_user(self.user_agent).action_take()
        self.ws = self.env["cc.workspace"].with_user(self.user_agent)

    def _usage(self):
        return self.env["cc.ai.usage"].search(
            [("conversation_id", "=", self.conversation.id)], order="id")

    def test_suggest_reply_masks_personal_data_and_logs_usage(self):
        self.server.reply("Olá! Vou verificar seu pedido agora.", 1000, 500)
        result = self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertEqual(result, {"ok": True,
                                  "text": "Olá! Vou verificar seu pedido agora."})
        request = self.server.requests[-1]
        self.assertEqual(request.path, "/v1/chat/completions")
        self.assertEqual(request.json["model"], "gpt-test")
        sent = request.text
        self.assertIn("meu pedido não chegou", sent)
        self.assertIn("O prazo é de 5 dias úteis.", sent, "canned answers are offered")
        for secret in ("529.982.247-25", "ana@cliente.com.br", "98765-4321"):
            self.assertNotIn(secret, sent)
        for placeholder in ("[CPF]", "[e-mail]", "[phone]"):
            self.assertIn(placeholder, sent)
        usage = self._usage()
        self.assertEqual(len(usage), 1)
        self.assertEqual((usage.action, usage.state, usage.user_id, usage.prompt_tokens,
                          usage.completion_tokens),
                         ("suggest", "done", self.user_agent, 1000, 500))
        self.assertAlmostEqual(usage.estimated_cost, 0.002)  # 1000*1 + 500*2 per million
        # Nothing was sent to the customer: the suggestion only fills the composer.
        self.assertFalse(self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "outbound"))

    def test_masking_can_be_turned_off(self):
        self.env.company.cc_ai_mask_personal_data = False
        self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertIn("529.982.247-25", self.server.requests[-1].text)

    def test_summary_is_offered_then_stored_on_the_cycle(self):
        self.server.reply("- Pedido não chegou\n- Verificar entrega")
        result = self.ws.workspace_ai(self.conversation.id, "summarise")
        self.assertTrue(result["ok"])
        self.assertNotIn("529.982.247-25", self.server.requests[-1].text)
        saved = self.ws.workspace_ai(self.conversation.id, "save_summary",
                                     body=result["text"])
        self.assertEqual([(s["cycle"], s["body"], s["author"]) for s in saved["summaries"]],
                         [(1, "- Pedido não chegou\n- Verificar entrega", "Ana Agent")])
        self.ws.workspace_ai(self.conversation.id, "save_summary", body="Corrigido")
        panel = self.ws.workspace_panel(self.conversation.id)
        self.assertTrue(panel["ai"]["enabled"])
        self.assertEqual([s["body"] for s in panel["ai"]["summaries"]], ["Corrigido"],
                         "one summary per cycle")
        # Another agent (not holding it) may not overwrite it.
        self.conversation.sudo().agent_id = self.agent2
        with self.assertRaises(AccessError):
            self.ws.workspace_ai(self.conversation.id, "save_summary", body="x")

    def test_transcribe_voice_note_shown_and_searchable(self):
        with open(AUDIO, "rb") as audio:
            content = audio.read()
        attachment = self.env["ir.attachment"].create({
            "name": "voice.wav", "datas": base64.b64encode(content),
            "mimetype": "audio/wav"})
        note = self.env["cc.message"].sudo().create({
            "conversation_id": self.conversation.id, "direction": "inbound",
            "message_type": "audio", "state": "received", "is_voice_note": True,
            "attachment_ids": [(6, 0, attachment.ids)]})
        self.server.reply("Quero trocar o endereço de entrega")
        result = self.ws.workspace_ai(self.conversation.id, "transcribe",
                                      message_id=note.id)
        self.assertEqual(result, {"ok": True, "text": "Quero trocar o endereço de entrega"})
        request = self.server.requests[-1]
        self.assertEqual(request.path, "/v1/audio/transcriptions")
        self.assertEqual(request.form["model"], "whisper-test")
        self.assertEqual(request.files["file"]["content"], content)
        bubble = next(m for m in self.ws.workspace_thread(self.conversation.id)["messages"]
                      if m["id"] == note.id)
        self.assertEqual(bubble["transcript"], "Quero trocar o endereço de entrega")
        rows = self.ws.workspace_list(tab="mine", search="endereço de entrega")["rows"]
        self.assertEqual([r["id"] for r in rows], [self.conversation.id])
        usage = self._usage()
        self.assertEqual((usage.action, usage.audio_seconds), ("transcribe", 3.0))
        self.assertAlmostEqual(usage.estimated_cost, 0.003)  # 3 s at 0.06 per minute

    def test_translate_a_message(self):
        message = self.conversation.message_ids_cc.filtered(
            lambda m: m.direction == "inbound")
        self.server.reply("Hi, my order has not arrived.")
        result = self.env["cc.workspace"].with_user(self.user_agent).with_context(
            lang="en_US").workspace_ai(self.conversation.id, "translate",
                                       message_id=message.id)
        self.assertEqual(result["text"], "Hi, my order has not arrived.")
        self.assertIn("English", self.server.requests[-1].json["messages"][0]["content"])
        self.assertNotIn("ana@cliente.com.br", self.server.requests[-1].text)

    def test_nothing_is_sent_for_an_opted_out_customer(self):
        conv = self.conversation.sudo()
        self.env["cc.opt.out"]._record_opt_out(conv.address_key, conv.channel_kind,
                                               "manual")
        result = self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertFalse(result["ok"])
        self.assertEqual(result["kind"], "opted_out")
        self.assertFalse(self.server.requests)
        self.assertEqual(self._usage().state, "refused")
        self.assertTrue(self.ws.workspace_panel(self.conversation.id)["ai"]["blocked"])

    def test_off_by_default_and_per_company(self):
        other = self.env["res.company"].create({"name": "Filial"})
        self.assertFalse(other.cc_ai_enabled)
        self.assertTrue(other.cc_ai_mask_personal_data)
        self.env.company.cc_ai_enabled = False
        result = self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertEqual(result["kind"], "disabled")
        self.assertFalse(self.server.requests)
        self.assertFalse(self.ws.workspace_panel(self.conversation.id)["ai"]["enabled"])

    def test_monthly_cap(self):
        self.env.company.cc_ai_monthly_cap = 0.003
        self.server.reply("Primeira", 1000, 1000)  # costs 0.003
        self.assertTrue(self.ws.workspace_ai(self.conversation.id, "suggest")["ok"])
        result = self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertFalse(result["ok"])
        self.assertEqual(result["kind"], "cap")
        self.assertIn("0.00", result["error"])
        self.assertEqual(len(self.server.requests), 1, "nothing sent over the cap")
        self.assertEqual(self._usage().mapped("state"), ["done", "refused"])

    def test_failures_give_a_clear_message_and_never_raise(self):
        cases = [(500, "http", "HTTP 500"), (401, "auth", "refused the key"),
                 (429, "rate_limit", "busy")]
        for status, kind, text in cases:
            self.server.fail(status)
            result = self.ws.workspace_ai(self.conversation.id, "suggest")
            self.assertEqual((result["ok"], result["kind"]), (False, kind))
            self.assertIn(text, result["error"])
        self.server.delay(3.5)  # the company's timeout is 2 s
        result = self.ws.workspace_ai(self.conversation.id, "suggest")
        self.assertEqual(result["kind"], "timeout")
        self.assertIn("2 seconds", result["error"])
        self.assertEqual(self._usage().mapped("state"), ["failed"] * 4)
        self.assertEqual(self._usage()[0].error, "http 500")
        # The composer still works: the agent sends his own reply.
        sent = self.ws.workspace_post(self.conversation.id, body="Vou verificar.")
        self.assertEqual(sent["message"]["body"][-len("Vou verificar."):], "Vou verificar.")

    def test_only_the_holder_asks_for_a_suggestion(self):
        ws2 = self.env["cc.workspace"].with_user(self.user_agent2)
        with self.assertRaises(AccessError):
            ws2.workspace_ai(self.conversation.id, "suggest")
        self.assertFalse(self.server.requests)


@tagged("post_install", "-at_install")
class TestAiAssistantSecurity(CcCase):
    def test_agent_cannot_read_the_key(self):
        self.env.company.sudo().cc_ai_api_key = "sk-secret"
        company = self.env.company.with_user(self.user_agent)
        with self.assertRaises(AccessError):
            company.read(["cc_ai_api_key"])
        self.assertNotIn("cc_ai_api_key", company.fields_get())
        data = company.read(["cc_ai_enabled", "cc_ai_model"])[0]
        self.assertNotIn("cc_ai_api_key", data)
        supervisor_company = self.env.company.with_user(self.user_supervisor)
        with self.assertRaises(AccessError):
            supervisor_company.read(["cc_ai_api_key"])
        manager_company = self.env.company.with_user(self.user_manager)
        self.assertEqual(manager_company.read(["cc_ai_api_key"])[0]["cc_ai_api_key"],
                         "sk-secret")

    def test_usage_log_is_for_managers(self):
        conversation = self._conversation()
        usage = self.env["cc.ai.usage"].create({
            "company_id": self.env.company.id, "user_id": self.user_agent.id,
            "conversation_id": conversation.id, "action": "suggest", "state": "done",
            "estimated_cost": 0.01})
        self.assertEqual(self.env["cc.ai.usage"].with_user(self.user_manager).search(
            [("id", "=", usage.id)]), usage)
        for user in (self.user_agent, self.user_supervisor):
            with self.assertRaises(AccessError):
                self.env["cc.ai.usage"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env["cc.ai.usage"].with_user(self.user_manager).create({
                "company_id": self.env.company.id, "action": "suggest", "state": "done"})

    def test_summaries_follow_the_conversation_rules(self):
        mine = self._conversation("+5511900000001")
        mine.sudo().write({"agent_id": self.agent.id, "state": "current"})
        theirs = self._conversation("+5511900000002", connector=self.other_connector)
        Summary = self.env["cc.conversation.summary"]
        s1 = Summary.create({"conversation_id": mine.id, "cycle": 1, "body": "a"})
        s2 = Summary.create({"conversation_id": theirs.id, "cycle": 1, "body": "b"})
        visible = Summary.with_user(self.user_agent).search([("id", "in", (s1 | s2).ids)])
        self.assertEqual(visible, s1)
        with self.assertRaises(AccessError):
            Summary.with_user(self.user_agent).create(
                {"conversation_id": mine.id, "cycle": 2, "body": "x"})
