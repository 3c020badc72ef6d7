# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Messages of a satisfaction survey: the question, the answers, the thanks."""
from odoo import _, fields, models


class CcMessageCsat(models.Model):
    _inherit = "cc.message"

    auto_kind = fields.Selection(selection_add=[("csat", "Satisfaction survey")],
                                 ondelete={"csat": "set null"})
    csat_survey_id = fields.Many2one(
        "cc.csat.survey", string="Satisfaction survey", readonly=True,
        ondelete="set null",
        help="The survey this message asked or answered (never routed).")

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._csat_question_failed()
        return result

    def _csat_question_failed(self):
        """A survey question the provider refused: the survey was not sent."""
        questions = self.filtered(lambda m: m.csat_survey_id and m.direction == "outbound")
        surveys = self.env["cc.csat.survey"].sudo().search([
            ("question_message_id", "in", questions.ids), ("state", "=", "sent")])
        for survey in surveys:
            reason = survey.question_message_id.failure_reason or _(
                "The provider refused the message.")
            survey._mark_not_sent("send_failed", reason[:256])
