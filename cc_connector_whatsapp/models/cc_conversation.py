# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.tools.misc import babel_locale_parse, format_datetime, get_lang, posix_to_ldml

from ..whatsapp_cloud import window
from .cc_connector import PROVIDER


class CcConversation(models.Model):
    """The 24-hour customer-service window of WhatsApp conversations."""

    _inherit = "cc.conversation"

    wa_is_cloud = fields.Boolean(
        string="WhatsApp Cloud API", compute="_compute_wa_window"
    )
    wa_window_open = fields.Boolean(
        string="24-hour window open", compute="_compute_wa_window"
    )
    wa_window_end = fields.Datetime(
        string="24-hour window closes", compute="_compute_wa_window"
    )
    wa_window_info = fields.Char(
        string="24-hour window", compute="_compute_wa_window",
        help="The window's state and end, in the user's language and time zone "
        "(the same text in the conversation and in the composer).")

    @api.depends("connector_id.provider", "last_inbound_date")
    def _compute_wa_window(self):
        now = fields.Datetime.now()
        for conversation in self:
            connector = conversation.sudo().connector_id
            conversation.wa_is_cloud = connector.provider == PROVIDER
            last_inbound = conversation.last_inbound_date
            conversation.wa_window_end = window.window_end(last_inbound)
            conversation.wa_window_open = window.is_open(last_inbound, now)
            conversation.wa_window_info = conversation._wa_window_text()

    def _wa_window_text(self):
        self.ensure_one()
        end = self.wa_window_end
        if not self.wa_is_cloud:
            return False
        if self.wa_window_open:
            return _("The 24-hour window is open until %(date)s: any message can "
                     "be sent.", date=self._wa_format_datetime(end))
        if end:
            return _("The 24-hour window closed on %(date)s: WhatsApp only accepts "
                     "an approved template until the customer writes again.",
                     date=self._wa_format_datetime(end))
        return _("The customer never wrote on this number: WhatsApp only "
                 "accepts an approved template.")

    def _wa_format_datetime(self, value):
        """``value`` (naive UTC) in the user's time zone, with the date and
        time formats of the user's language, to the minute."""
        lang = get_lang(self.env)
        locale = babel_locale_parse(lang.code)
        pattern = "%s %s" % (posix_to_ldml(lang.date_format, locale=locale),
                             posix_to_ldml(lang.time_format.replace(":%S", ""),
                                           locale=locale))
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        return format_datetime(self.env, value, tz=tz, dt_format=pattern)
