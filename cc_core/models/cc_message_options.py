# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Outbound questions with options (bot menus, satisfaction surveys).

The body is the numbered text every channel can deliver; ``options_json``
keeps the question and the options so a provider with richer messages (the
WhatsApp Cloud API: reply buttons, lists) can send them as such.
"""
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import options as options_service


class CcMessageOptions(models.Model):
    _inherit = "cc.message"

    options_json = fields.Text(
        string="Options", readonly=True, copy=False,
        help="The question and its options when the message offers a choice "
        "(JSON: question, button label, options with id and title).")

    @api.model
    def _queue_options(self, conversation, question, options, values=None):
        """Queue one message asking ``question`` with ``options`` (a list of
        ``(option_id, title)``); same checks as ``_queue_outbound``.

        Channels without interactive messages send the numbered text (the
        body); the customer answers with a number, the words or a tap
        (``cc_core.services.options.match_option``).
        """
        try:
            options_service.check_options(options)
        except ValueError as error:
            raise UserError(_("These options cannot be sent: %(error)s",
                              error=error)) from error
        payload = {
            "question": (question or "").strip(),
            "button": _("Options"),
            "options": [{"id": str(option_id), "title": str(title).strip()}
                        for option_id, title in options],
        }
        values = dict(values or {}, options_json=json.dumps(payload,
                                                            ensure_ascii=False))
        body = options_service.numbered_text(
            payload["question"],
            [(option["id"], option["title"]) for option in payload["options"]])
        return self._queue_outbound(conversation, body, message_type="text",
                                    values=values)

    def _options_payload(self):
        """The stored question and options (dict), or ``None``."""
        self.ensure_one()
        if not self.options_json:
            return None
        try:
            payload = json.loads(self.options_json)
        except ValueError:
            return None
        return payload if isinstance(payload, dict) and payload.get("options") else None
