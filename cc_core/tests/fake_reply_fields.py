# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reply and voice-note fields of ``cc.message`` as another change adds
them, for the workspace's tests until it is merged (loaded with
odoo-test-helper's FakeModelLoader; never imported at module level)."""
from odoo import fields, models


class CcMessageReplyFields(models.Model):
    _inherit = "cc.message"

    reply_to_id = fields.Many2one("cc.message", index=True, ondelete="set null")
    is_voice_note = fields.Boolean()
