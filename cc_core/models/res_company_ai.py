# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The AI assistant's settings, per company (off by default).

One provider kind: an OpenAI-compatible HTTP API (hosted services and
self-hosted servers alike). The key is readable only by settings
administrators and Contact Center managers (``groups``): it is never sent to
an agent's browser.
"""
from odoo import fields, models

KEY_GROUPS = "base.group_system,cc_core.group_cc_manager"


class ResCompanyAi(models.Model):
    _inherit = "res.company"

    cc_ai_enabled = fields.Boolean(
        string="AI assistant",
        help="Agents can ask an AI service to suggest replies, summarise "
        "conversations, transcribe voice notes and translate messages.")
    cc_ai_base_url = fields.Char(
        string="AI service URL", default="https://api.openai.com/v1",
        help="Base URL of an OpenAI-compatible API (…/chat/completions and "
        "…/audio/transcriptions are called under it): a hosted service or your "
        "own server.")
    cc_ai_api_key = fields.Char(string="AI service key", groups=KEY_GROUPS, copy=False)
    cc_ai_model = fields.Char(string="AI model", default="gpt-4o-mini")
    cc_ai_transcription_model = fields.Char(
        string="Transcription model", default="whisper-1")
    cc_ai_timeout = fields.Integer(
        string="AI timeout (seconds)", default=20,
        help="The agent waits at most this long for an answer.")
    cc_ai_mask_personal_data = fields.Boolean(
        string="Mask personal data", default=True,
        help="Replace phone numbers, e-mail addresses, CPFs and CNPJs with "
        "placeholders before any text leaves Odoo.")
    cc_ai_monthly_cap = fields.Float(
        string="Monthly AI spending cap",
        help="Estimated cost after which the assistant stops for the rest of "
        "the month. 0: no cap.")
    cc_ai_price_input = fields.Float(
        string="Price per million input tokens", digits=(16, 4), default=0.15)
    cc_ai_price_output = fields.Float(
        string="Price per million output tokens", digits=(16, 4), default=0.60)
    cc_ai_price_audio_minute = fields.Float(
        string="Price per minute of audio", digits=(16, 4),
        default=0.006)
