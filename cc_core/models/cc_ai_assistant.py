# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The AI assistant's glue: settings, privacy, the monthly cap, the usage log.

Every action runs in the agent's own request (he clicked and is waiting)
with the company's short timeout; never in a webhook or cron transaction.
Nothing is sent when the assistant is off, the customer opted out or the
month's cap is reached. Text is masked first (phone numbers, e-mails,
CPF/CNPJ) unless the company turned masking off. An action never raises on
a provider failure: it answers ``{"ok": False, "error": <text>}`` and the
usage log keeps the failure, so the agent's screen stays usable.
"""
import logging
import time

from odoo import _, api, models

from ..services import ai_client, ai_privacy

_logger = logging.getLogger(__name__)

HISTORY_LIMIT = 20
SUMMARY_LIMIT = 60
CANNED_LIMIT = 15
CAP_EPSILON = 1e-9  # the log sums a numeric column; the cap is a float
TEXT_TYPES = ("text", "template", "interactive", "audio")


class CcAiAssistant(models.AbstractModel):
    _name = "cc.ai.assistant"
    _description = "Contact Center AI assistant"

    # ------------------------------------------------------------------
    # Settings and checks
    # ------------------------------------------------------------------
    @api.model
    def _company_of(self, conversation):
        return conversation.sudo().company_id or self.env.company

    @api.model
    def _is_enabled(self, company):
        company = company.sudo()
        return bool(company.cc_ai_enabled and company.cc_ai_base_url)

    @api.model
    def _client(self, company):
        company = company.sudo()
        return ai_client.AiClient(
            company.cc_ai_base_url, company.cc_ai_api_key, company.cc_ai_model,
            timeout=max(company.cc_ai_timeout or 20, 1))

    @api.model
    def _mask(self, company, text):
        if company.sudo().cc_ai_mask_personal_data:
            return ai_privacy.mask_personal_data(text or "")
        return text or ""

    @api.model
    def _refusal(self, company, conversation):
        """Why nothing may be sent (a translated text), or False."""
        company = company.sudo()
        if not company.cc_ai_enabled:
            return "disabled", _("The AI assistant is off for this company.")
        if not company.cc_ai_base_url or not company.cc_ai_model:
            return "not_configured", _(
                "The AI assistant is not configured: a manager must set the service "
                "URL and model.")
        conv = conversation.sudo()
        if self.env["cc.opt.out"]._is_opted_out(conv.address_key, conv.channel_kind):
            return "opted_out", _("This customer opted out: nothing about them is "
                                  "sent to the AI service.")
        cap = company.cc_ai_monthly_cap
        if cap and float(self.env["cc.ai.usage"].sudo()._month_cost(company)) \
                >= cap - CAP_EPSILON:
            return "cap", _("This month's AI budget (%(cap)s) is used up. A manager "
                            "can raise the cap in the AI settings.",
                            cap=self._money(company, cap))
        return False

    @api.model
    def _money(self, company, amount):
        currency = company.currency_id
        return "%s %.2f" % (currency.symbol or currency.name or "", amount)

    @api.model
    def _error_text(self, company, error):
        kind = error.kind
        if kind == "timeout":
            return _("The AI service did not answer within %(seconds)s seconds. Try "
                     "again, or write the reply yourself.",
                     seconds=company.sudo().cc_ai_timeout or 20)
        if kind == "connection":
            return _("The AI service cannot be reached. Try again later; if it "
                     "persists, a manager must check the AI settings.")
        if kind == "auth":
            return _("The AI service refused the key: a manager must check the AI "
                     "settings.")
        if kind == "rate_limit":
            return _("The AI service is busy (too many requests). Try again in a "
                     "minute.")
        if kind == "http":
            return _("The AI service failed (HTTP %(status)s). Try again later.",
                     status=error.status)
        return _("The AI service gave an unusable answer. Try again.")

    # ------------------------------------------------------------------
    # Running an action
    # ------------------------------------------------------------------
    @api.model
    def _log(self, company, conversation, action, state, **values):
        values.update(company_id=company.id, user_id=self.env.uid,
                      conversation_id=conversation.id, action=action, state=state)
        return self.env["cc.ai.usage"].sudo().create(values)

    @api.model
    def _run(self, action, conversation, call):
        """``call(client, company)`` -> ``(text, usage values)``; returns
        ``{"ok", "text"}`` or ``{"ok": False, "error", "kind"}``."""
        company = self._company_of(conversation)
        refusal = self._refusal(company, conversation)
        if refusal:
            kind, text = refusal
            if kind in ("cap", "opted_out"):
                self._log(company, conversation, action, "refused", error=kind)
            return {"ok": False, "kind": kind, "error": text}
        started = time.monotonic()
        try:
            text, usage = call(self._client(company), company)
        except ai_client.AiError as error:
            _logger.info("AI %s for conversation %s failed: %s %s", action,
                         conversation.id, error.kind, error.status or "")
            detail = "%s%s" % (error.kind, " %s" % error.status if error.status else "")
            self._log(company, conversation, action, "failed", error=detail,
                      duration_ms=int((time.monotonic() - started) * 1000))
            return {"ok": False, "kind": error.kind,
                    "error": self._error_text(company, error)}
        usage["estimated_cost"] = ai_client.estimate_cost(
            usage.get("prompt_tokens"), usage.get("completion_tokens"),
            company.sudo().cc_ai_price_input, company.sudo().cc_ai_price_output,
            seconds=usage.get("audio_seconds"),
            minute_price=company.sudo().cc_ai_price_audio_minute)
        self._log(company, conversation, action, "done",
                  duration_ms=int((time.monotonic() - started) * 1000), **usage)
        return {"ok": True, "text": text}

    @api.model
    def _chat(self, messages):
        def call(client, company):
            result = client.chat(messages)
            return result.text, {"model": result.model,
                                 "prompt_tokens": result.prompt_tokens,
                                 "completion_tokens": result.completion_tokens}
        return call

    # ------------------------------------------------------------------
    # What is sent
    # ------------------------------------------------------------------
    @api.model
    def _history(self, conversation, limit, cycle=None):
        """``[(speaker, masked text)]`` of the recent messages, oldest first;
        voice notes by their transcript."""
        domain = [("conversation_id", "=", conversation.id),
                  ("direction", "in", ("inbound", "outbound")),
                  ("message_type", "in", TEXT_TYPES)]
        if cycle:
            domain.append(("cycle", "=", cycle))
        messages = self.env["cc.message"].sudo().search(
            domain, order="date desc, id desc", limit=limit)
        company = self._company_of(conversation)
        history = []
        for message in reversed(messages):
            text = message.ai_transcript if message.message_type == "audio" else message.body
            if text:
                history.append(("customer" if message.direction == "inbound" else "agent",
                                self._mask(company, text)))
        return history

    @api.model
    def _canned(self, conversation):
        Template = self.env["cc.template"]
        templates = Template.search(Template._domain_for(conversation.sudo()),
                                    limit=CANNED_LIMIT)
        company = self._company_of(conversation)
        return [(t.name, self._mask(company, t.body)) for t in templates if t.body]

    @api.model
    def _customer_language(self, conversation):
        return conversation.sudo().partner_id.lang or self.env.lang or "pt_BR"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def suggest_reply(self, conversation):
        if self._refusal(self._company_of(conversation), conversation):
            return self._run("suggest", conversation, None)
        messages = ai_client.suggest_prompt(
            self._history(conversation, HISTORY_LIMIT), self._canned(conversation),
            self._customer_language(conversation))
        return self._run("suggest", conversation, self._chat(messages))

    @api.model
    def summarise(self, conversation):
        if self._refusal(self._company_of(conversation), conversation):
            return self._run("summary", conversation, None)
        history = self._history(conversation, SUMMARY_LIMIT,
                                cycle=conversation.sudo().cycle)
        messages = ai_client.summary_prompt(history, self.env.lang or "en_US")
        return self._run("summary", conversation, self._chat(messages))

    @api.model
    def translate(self, message, language=None):
        conversation = message.conversation_id
        company = self._company_of(conversation)
        text = message.ai_transcript if message.message_type == "audio" else message.body
        if not text:
            return {"ok": False, "kind": "empty",
                    "error": _("This message has no text to translate.")}
        messages = ai_client.translate_prompt(self._mask(company, text),
                                              language or self.env.lang or "en_US")
        return self._run("translate", conversation, self._chat(messages))

    @api.model
    def transcribe(self, message):
        """Transcribe a voice note and keep the text on the message."""
        message = message.sudo()
        attachment = message.attachment_ids.filtered(
            lambda a: (a.mimetype or "").startswith("audio/"))[:1]
        if not attachment:
            return {"ok": False, "kind": "empty",
                    "error": _("This message has no audio to transcribe.")}

        def call(client, company):
            result = client.transcribe(
                attachment.name, attachment.raw, attachment.mimetype,
                model=company.sudo().cc_ai_transcription_model or None)
            return result.text, {"model": result.model, "audio_seconds": result.seconds}

        result = self._run("transcribe", message.conversation_id, call)
        if result["ok"]:
            message.write({"ai_transcript": result["text"] or ""})
        return result

    # ------------------------------------------------------------------
    # Summary storage
    # ------------------------------------------------------------------
    @api.model
    def save_summary(self, conversation, body, from_ai=False):
        """The summary of the conversation's current cycle (replaces an earlier
        one of the same cycle)."""
        conv = conversation.sudo()
        Summary = self.env["cc.conversation.summary"].sudo()
        existing = Summary.search([("conversation_id", "=", conv.id),
                                   ("cycle", "=", conv.cycle)], limit=1)
        values = {"body": body, "user_id": self.env.uid, "from_ai": bool(from_ai)}
        if existing:
            existing.write(values)
            return existing
        return Summary.create(dict(values, conversation_id=conv.id, cycle=conv.cycle))
