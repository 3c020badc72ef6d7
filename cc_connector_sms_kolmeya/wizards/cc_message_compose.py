# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models

from ..kolmeya_api import MAX_SEGMENTS
from ..kolmeya_api.segments import GSM7, count, estimate_cost


class CcMessageCompose(models.TransientModel):
    _inherit = "cc.message.compose"

    def _body_info(self):
        """Kolmeya: characters, encoding, SMS parts, estimated cost and the
        quiet hours, live under the text (the signed text is counted)."""
        connector = self.conversation_id.sudo().connector_id
        if connector.provider != "kolmeya":
            return super()._body_info()
        sms = count(self._signed_body())
        parts = [
            _("%(count)s characters", count=len(self._signed_body())),
            _("GSM-7") if sms.encoding == GSM7 else
            _("Unicode (accents or emoji: 70 characters per SMS)"),
            _("%(parts)s SMS part(s), %(left)s characters left in this part",
              parts=sms.segments, left=sms.remaining_in_segment),
        ]
        if connector.kolmeya_price_per_segment:
            cost = float(estimate_cost(sms, connector.kolmeya_price_per_segment))
            parts.append(_("estimated cost %(cost)s",
                           cost=connector._kolmeya_format(cost)))
        if sms.too_long:
            parts.append(_("TOO LONG: at most %(max)s parts", max=MAX_SEGMENTS))
        quiet_until = connector._kolmeya_quiet_until(fields.Datetime.now())
        if quiet_until:
            parts.append(_("quiet hours: it leaves at %(time)s",
                           time=connector._kolmeya_local_time(quiet_until)))
        return " · ".join(parts)
