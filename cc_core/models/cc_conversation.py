# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import phone as phone_service
from .cc_message import MESSAGE_TYPES

STATES = [("new", "New"), ("current", "In progress"), ("done", "Done")]
PRIORITIES = [("0", "Normal"), ("1", "Important"), ("2", "High"), ("3", "Urgent")]


class CcConversation(models.Model):
    """One long-lived thread per (connector, customer address).

    Its ``state`` cycles new -> current -> done and back to new when the
    customer writes again; every transition is an event row (``cc.message``
    of type ``event``) so response and resolution times can be measured per
    cycle (``cycle`` counts them).
    """

    _name = "cc.conversation"
    _description = "Contact Center Conversation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, last_message_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    customer_name = fields.Char(help="Name the customer uses on the channel.")
    partner_id = fields.Many2one("res.partner", string="Customer", index=True,
                                 tracking=True)
    address = fields.Char(
        required=True,
        help="Customer address as the provider uses it: E.164 phone number, or "
        "the provider's identifier when it is not a phone number.",
    )
    address_key = fields.Char(
        required=True,
        index=True,
        help="Identity of the customer on this connector (9th digit aware).",
    )
    is_phone = fields.Boolean(
        string="Address is a phone number",
        help="Unset when the address is e.g. a WhatsApp user id or a legacy chat id.",
    )
    customer_user_id = fields.Char(
        string="Provider user id", help="e.g. WhatsApp business-scoped user id."
    )
    connector_id = fields.Many2one("cc.connector", required=True, index=True,
                                   ondelete="restrict")
    channel_kind = fields.Selection(related="connector_id.channel_kind", store=True)
    company_id = fields.Many2one(
        related="connector_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one("cc.team", index=True, tracking=True)
    agent_id = fields.Many2one("cc.agent", index=True, tracking=True)
    user_id = fields.Many2one(related="agent_id.user_id", string="Agent user")
    last_agent_id = fields.Many2one("cc.agent", readonly=True)
    stage_id = fields.Many2one(
        "cc.stage",
        index=True,
        tracking=True,
        default=lambda self: self._default_stage(),
        group_expand="_read_group_stage_ids",
    )
    state = fields.Selection(STATES, default="new", required=True, index=True,
                             tracking=True)
    cycle = fields.Integer(default=1, readonly=True,
                           help="Number of new -> done cycles so far.")
    priority = fields.Selection(PRIORITIES, default="0", index=True)
    color = fields.Integer()
    tag_ids = fields.Many2many("cc.tag", string="Tags")
    note = fields.Text()
    message_ids_cc = fields.One2many("cc.message", "conversation_id",
                                     string="Conversation messages")
    thread_message_ids = fields.One2many(
        "cc.message", "conversation_id", string="Thread",
        domain=[("message_type", "!=", "reaction")],
        help="The messages as the thread shows them: reactions appear on the "
        "message they belong to, not as messages of their own.")
    last_inbound_date = fields.Datetime(readonly=True)
    last_outbound_date = fields.Datetime(readonly=True)
    last_message_date = fields.Datetime(readonly=True, index=True)
    first_unanswered_date = fields.Datetime(
        readonly=True,
        help="Oldest customer message not answered yet; empty once answered.",
    )
    last_message_preview = fields.Char(
        readonly=True, help="Text of the last message (empty for media without caption).")
    last_message_type = fields.Selection(MESSAGE_TYPES, readonly=True)
    last_message_summary = fields.Char(
        string="Last message", compute="_compute_last_message_summary",
        help="The last message's text, or its kind ([Audio], [Image]...) in the "
        "reader's language.")
    unread_count = fields.Integer(readonly=True)
    has_failed_message = fields.Boolean(readonly=True)
    last_failure_reason = fields.Char(readonly=True)
    is_opted_out = fields.Boolean(compute="_compute_is_opted_out")

    _sql_constraints = [
        (
            "connector_address_unique",
            "unique(connector_id, address_key)",
            "There is already a conversation with this customer on this connector.",
        ),
    ]

    @api.depends("last_message_preview", "last_message_type")
    @api.depends_context("lang")
    def _compute_last_message_summary(self):
        Message = self.env["cc.message"]
        for conversation in self:
            conversation.last_message_summary = conversation.last_message_preview or (
                Message._preview_for("", conversation.last_message_type)
                if conversation.last_message_type else False)

    @api.model
    def _default_stage(self):
        return self.env["cc.stage"].search([("is_closing", "=", False)], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.depends("partner_id.name", "customer_name", "address")
    def _compute_name(self):
        for conversation in self:
            conversation.name = (
                conversation.partner_id.name
                or conversation.customer_name
                or conversation.address
            )

    def _compute_is_opted_out(self):
        opted_out = {
            (o.address, o.channel_kind)
            for o in self.env["cc.opt.out"].sudo().search(
                [("address", "in", list(set(self.mapped("address_key"))))])
        }
        for conversation in self:
            conversation.is_opted_out = (
                conversation.address_key, conversation.channel_kind) in opted_out

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_address_vals(vals)
            if not vals.get("team_id") and vals.get("connector_id"):
                connector = self.env["cc.connector"].browse(vals["connector_id"])
                vals["team_id"] = connector.sudo().team_id.id
        # No "Conversation created" log: it would be written once, in the
        # language of whoever created it (often the webhook's technical
        # user); the Events list records the conversation's life.
        conversations = super(CcConversation, self.with_context(
            mail_create_nolog=True)).create(vals_list).with_env(self.env)
        for conversation in conversations.filtered(lambda c: not c.partner_id):
            conversation.partner_id = conversation._match_partner()
        return conversations

    def write(self, vals):
        if "address" in vals:
            self._normalize_address_vals(vals)
        return super().write(vals)

    @api.model
    def _normalize_address_vals(self, vals):
        if vals.get("address"):
            try:
                address = phone_service.normalize_address(vals["address"])
            except ValueError as error:
                raise UserError(_("Invalid customer address: %(error)s",
                                  error=error)) from error
            vals.update(address=address.address, is_phone=address.is_phone)
            vals.setdefault("address_key", address.key)

    def _match_partner(self):
        """The partner whose phone or mobile is this customer's number."""
        self.ensure_one()
        if not self.is_phone:
            return self.env["res.partner"]
        return self.env["res.partner"]._cc_find_by_address_key(self.address_key)

    @api.model
    def _find_or_create(self, connector, address, values=None):
        """The conversation with ``address`` on ``connector`` (created if needed).

        Serialised per (connector, customer) with a transaction-level advisory
        lock, so two deliveries for the same new customer create one
        conversation; the unique constraint is the last line of defence.
        """
        normalized = phone_service.normalize_address(address)
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
            (connector.id, normalized.key),
        )
        conversation = self.search(
            [("connector_id", "=", connector.id), ("address_key", "=", normalized.key)],
            limit=1,
        )
        if conversation:
            return conversation, False
        vals = dict(values or {}, connector_id=connector.id, address=address,
                    address_key=normalized.key)
        return self.create(vals), True

    # ------------------------------------------------------------------
    # Actions opening other views
    # ------------------------------------------------------------------
    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    def action_create_partner(self):
        """Create a contact from this customer and link it."""
        self.ensure_one()
        if self.partner_id:
            return self.action_open_partner()
        vals = {"name": self.customer_name or self.address}
        if self.is_phone:
            vals["mobile"] = self.address
        self.partner_id = self.env["res.partner"].create(vals)
        return self.action_open_partner()
