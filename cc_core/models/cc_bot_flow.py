# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import bot_engine


class CcBotFlow(models.Model):
    """A triage bot's script: a greeting, then menus of numbered options.

    Used by a connector or a team (business hours and out of hours), off
    until one of them points to a flow. The decisions are the pure
    ``bot_engine``'s; ``_bot_definition`` hands it the flow.
    """

    _name = "cc.bot.flow"
    _description = "Contact Center Bot Flow"
    _order = "name, id"

    name = fields.Char(required=True, help="For you; the customer never sees it.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True,
                                 default=lambda self: self.env.company)
    greeting = fields.Text(
        help="Sent once, above the first menu's question, when the bot starts.",
        default=lambda self: _("Hello! I am the virtual assistant."))
    node_ids = fields.One2many("cc.bot.node", "flow_id", string="Menus", copy=True)
    start_node_id = fields.Many2one(
        "cc.bot.node", string="First menu", domain="[('flow_id', '=', id)]",
        help="The menu the bot shows after the greeting. Empty: the first menu "
        "of the list.")
    option_count = fields.Integer(compute="_compute_option_count")
    conversation_count = fields.Integer(
        compute="_compute_conversation_count",
        help="Conversations the bot is handling now with this flow.")
    max_invalid = fields.Integer(
        string="Unrecognised answers", default=3,
        help="After this many answers in a row the bot does not understand, "
        "it hands the conversation to the agents.")
    max_messages = fields.Integer(
        string="Message cap", default=10,
        help="The most messages the bot sends in one conversation cycle. A "
        "customer going round in circles is handed to the agents instead.")
    timeout_minutes = fields.Integer(
        string="Timeout (minutes)", default=30,
        help="When the customer does not answer the bot for this long, the "
        "conversation goes to the agents' queue.")
    handover_words = fields.Char(
        string="Words asking for a person",
        default=lambda self: _("agent, attendant, human, person"),
        help="Comma-separated. When the customer writes one of them (e.g. "
        "\"I want to talk to an agent\") the bot hands over at once. Case "
        "and accents are ignored.")
    invalid_message = fields.Text(
        string="Not understood",
        default=lambda self: _("Sorry, I did not understand. Please answer "
                               "with one of the options."),
        help="Sent before the question is asked again.")
    handover_message = fields.Text(
        default=lambda self: _("Thank you! An agent will answer you shortly."),
        help="Sent when an option hands over to the agents. Empty: nothing "
        "is sent.")
    connector_ids = fields.One2many("cc.connector", "bot_flow_id",
                                    string="Connectors (business hours)")
    connector_ooh_ids = fields.One2many("cc.connector", "bot_flow_out_of_hours_id",
                                        string="Connectors (out of hours)")
    team_ids = fields.One2many("cc.team", "bot_flow_id", string="Teams (business hours)")
    team_ooh_ids = fields.One2many("cc.team", "bot_flow_out_of_hours_id",
                                   string="Teams (out of hours)")

    @api.depends("node_ids.option_ids")
    def _compute_option_count(self):
        for flow in self:
            flow.option_count = len(flow.node_ids.option_ids)

    def _compute_conversation_count(self):
        groups = self.env["cc.conversation"].read_group(
            [("state", "=", "bot"), ("bot_flow_id", "in", self.ids)],
            ["bot_flow_id"], ["bot_flow_id"])
        counts = {group["bot_flow_id"][0]: group["bot_flow_id_count"]
                  for group in groups}
        for flow in self:
            flow.conversation_count = counts.get(flow.id, 0)

    @api.constrains("max_invalid", "max_messages", "timeout_minutes")
    def _check_limits(self):
        for flow in self:
            if flow.max_invalid < 1 or flow.max_messages < 1 or flow.timeout_minutes < 1:
                raise ValidationError(_(
                    "Unrecognised answers, message cap and timeout must be at "
                    "least 1 (flow %(flow)s).", flow=flow.name))

    @api.constrains("start_node_id", "node_ids")
    def _check_start_node(self):
        for flow in self:
            if flow.start_node_id and flow.start_node_id.flow_id != flow:
                raise ValidationError(_("The first menu of %(flow)s must be one of "
                                        "its own menus.", flow=flow.name))

    def _first_node(self):
        self.ensure_one()
        return self.start_node_id or self.node_ids.sorted(lambda n: (n.sequence, n.id))[:1]

    def _bot_definition(self):
        """The flow as the pure engine reads it (node and option ids as str)."""
        self.ensure_one()
        nodes = {}
        for node in self.node_ids:
            nodes[str(node.id)] = bot_engine.Node(
                str(node.id), node.question or "",
                tuple(option._bot_option() for option in node.option_ids))
        words = tuple(w.strip() for w in (self.handover_words or "").split(",")
                      if w.strip())
        return bot_engine.Flow(
            greeting=self.greeting or "", start_node=str(self._first_node().id),
            nodes=nodes, max_invalid=self.max_invalid, max_messages=self.max_messages,
            handover_words=words, invalid_text=self.invalid_message or "",
            handover_text=self.handover_message or "")

    def action_open_conversations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cc_core.cc_conversation_action_bot")
        action["domain"] = [("bot_flow_id", "=", self.id)]
        return action
