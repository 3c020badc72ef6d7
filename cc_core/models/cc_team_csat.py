# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction settings of a team."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import csat as csat_service
from ..services import options as options_service


class CcTeamCsat(models.Model):
    _inherit = "cc.team"

    csat_enabled = fields.Boolean(
        string="Ask for satisfaction",
        help="After a conversation is closed (by an agent or for inactivity), "
        "the customer gets one short question on the same channel: a rating "
        "from 1 to 5. Only when an agent answered in that conversation; never "
        "to customers who opted out, nor in the channel's quiet hours.")
    csat_question = fields.Text(
        string="Question", translate=True,
        default=lambda self: _("How satisfied are you with our service? "
                               "Reply with a number from 1 to 5:"),
        help="Sent before the five options (1 - Very bad ... 5 - Excellent), "
        "in the customer's language.")
    csat_comment_question = fields.Char(
        string="Ask for a comment", translate=True,
        default=lambda self: _("Thanks! Want to tell us more? Reply with a comment."),
        help="Sent once after the rating; the customer's next message is kept "
        "as the comment. Empty: no comment is asked for.")
    csat_thanks_message = fields.Char(
        string="Thanks", translate=True,
        help="Sent after the comment (or after the rating when no comment is "
        "asked for). Empty: nothing is sent.")
    csat_validity_hours = fields.Integer(
        string="Answers accepted for (hours)", default=24,
        help="How long after the question the customer's answer counts. Until "
        "then, an answer (a number, the words, a tap) is stored in the "
        "conversation without reopening it; any other message reopens it.")

    csat_preview = fields.Text(
        string="The customer reads", compute="_compute_csat_preview",
        help="The question as SMS and the WhatsApp gateway send it (WhatsApp "
        "Cloud shows the options as a list to tap), in your language.")

    @api.depends("csat_question")
    @api.depends_context("lang")
    def _compute_csat_preview(self):
        labels = self.env["cc.csat.survey"]._rating_labels()
        for team in self:
            team.csat_preview = options_service.numbered_text(
                team.csat_question or "", csat_service.options(labels))

    @api.constrains("csat_enabled", "csat_question", "csat_validity_hours")
    def _check_csat(self):
        for team in self.filtered("csat_enabled"):
            if not (team.csat_question or "").strip():
                raise ValidationError(_("Write the satisfaction question of team "
                                        "%(team)s.", team=team.name))
            if team.csat_validity_hours <= 0:
                raise ValidationError(_("Answers to the satisfaction question must be "
                                        "accepted for at least one hour."))
