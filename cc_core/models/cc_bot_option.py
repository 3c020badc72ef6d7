# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import bot_engine
from .cc_conversation import PRIORITIES

ACTIONS = [
    ("node", "Show another menu"),
    ("handover", "Hand over to an agent"),
    ("close", "Close the conversation"),
]
VALIDATIONS = [
    ("text", "Any text"),
    ("number", "A number (e.g. order number)"),
    ("cpf", "A CPF"),
    ("email", "An email address"),
]


class CcBotOption(models.Model):
    """One numbered option of a bot menu and what choosing it does."""

    _name = "cc.bot.option"
    _description = "Contact Center Bot Option"
    _order = "sequence, id"

    node_id = fields.Many2one("cc.bot.node", string="Menu", required=True, index=True,
                              ondelete="cascade")
    flow_id = fields.Many2one(related="node_id.flow_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    title = fields.Char(
        required=True,
        help="The option as the customer sees it and may type it. Up to 20 "
        "characters fits a WhatsApp button (24 a list row); longer titles are "
        "sent as numbered text.")
    template_id = fields.Many2one(
        "cc.template", string="Reply with",
        help="A template sent when the customer chooses this option.")
    question = fields.Char(
        string="Then ask",
        help="A question whose answer is kept on the conversation, e.g. "
        "\"What is your CPF?\". Empty: nothing is asked.")
    answer_label = fields.Char(
        string="Keep the answer as",
        help="Name of the answer on the conversation, e.g. \"CPF\". Empty: the "
        "question.")
    validation = fields.Selection(
        VALIDATIONS, string="Expected answer", default="text", required=True,
        help="An answer that does not fit is asked again (it counts as an "
        "unrecognised answer).")
    tag_ids = fields.Many2many("cc.tag", string="Add tags")
    priority = fields.Selection(PRIORITIES, string="Set priority")
    action = fields.Selection(ACTIONS, string="Then", required=True,
                              default="handover")
    next_node_id = fields.Many2one(
        "cc.bot.node", string="Next menu", ondelete="set null",
        domain="[('flow_id', '=', flow_id)]")
    team_id = fields.Many2one(
        "cc.team", string="To team",
        help="The team that gets the conversation. Empty: the conversation's team.")
    close_message = fields.Text(
        help="Sent before the conversation is closed. Empty: closed silently.")

    @api.constrains("action", "next_node_id", "node_id")
    def _check_next_node(self):
        for option in self:
            if option.action != "node":
                continue
            if not option.next_node_id:
                raise ValidationError(_("Option %(option)s shows another menu: choose "
                                        "which one.", option=option.title))
            if option.next_node_id.flow_id != option.node_id.flow_id:
                raise ValidationError(_("Option %(option)s can only show a menu of "
                                        "its own flow.", option=option.title))

    def _bot_option(self):
        self.ensure_one()
        return bot_engine.Option(
            str(self.id), self.title, action=self.action,
            next_node=str(self.next_node_id.id) if self.next_node_id else None,
            question=(self.question or "").strip() or None,
            validation=self.validation, label=self.answer_label or None,
            has_reply=bool(self.template_id))
