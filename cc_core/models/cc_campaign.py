# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaigns: one message to many customers, through the outbox.

Preparing a run resolves the audience with set-based SQL into
``cc.campaign.recipient`` rows (unique per campaign, run and customer, so
duplicates collapse and a re-run of the preparation adds nothing), then marks
opted-out and blocked numbers as skipped. The campaign cron then queues one
``cc.message`` per pending recipient, in batches committed one by one, as
the throttle, daily cap and sending window allow; the outbox sends them after
agents' messages (``_lock_due_batch``).
"""
import base64
import logging
from datetime import timedelta

import pytz
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.addons.base.models.res_partner import _tz_get
from odoo.tools.rendering_tools import parse_inline_template, render_inline_template
from odoo.tools.safe_eval import safe_eval

from ..services import campaign_audience, campaign_recurrence, campaign_throttle
from ..services import phone as phone_service
from ..services.campaign_placeholders import has_legacy_placeholders, render_legacy

_logger = logging.getLogger(__name__)

QUEUE_BATCH = 1000
DEFAULT_TZ = "America/Sao_Paulo"


class CcCampaign(models.Model):
    _name = "cc.campaign"
    _description = "Contact Center Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "mail.render.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    connector_id = fields.Many2one(
        "cc.connector", string="Connector", required=True, tracking=True,
        domain="[('company_id', 'in', (company_id, False))]")
    channel_kind = fields.Selection(related="connector_id.channel_kind")
    user_id = fields.Many2one("res.users", string="Responsible",
                              default=lambda self: self.env.user)
    state = fields.Selection(
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("running", "Sending"),
         ("paused", "Paused"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft", required=True, index=True, tracking=True, copy=False)

    # Audience
    audience_type = fields.Selection(
        [("partners", "Contacts (filter)"), ("csv", "Uploaded file (CSV)"),
         ("leads", "CRM leads")],
        string="Audience", default="partners", required=True)
    partner_domain = fields.Char(string="Contacts filter", default="[]")
    lead_domain = fields.Char(string="Leads filter", default="[]")
    csv_file = fields.Binary(string="File", attachment=True)
    csv_filename = fields.Char()

    # Message
    template_id = fields.Many2one("cc.template", string="Template",
                                  domain="[('channel_kind', 'in', ('all', channel_kind))]")
    body = fields.Text(
        string="Message", render_engine="inline_template",
        help="Placeholders: {{ object.partner_id.name }} (the conversation is "
        "the object), and the legacy |NOME|, |CPF| and |VI_RM|.")

    # Schedule, throttle, window
    schedule_type = fields.Selection(
        [("now", "Now"), ("date", "At a date"), ("recurring", "Recurring")],
        string="When", default="now", required=True)
    scheduled_date = fields.Datetime(string="Start at")
    recurrence = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        default="weekly")
    recurrence_interval = fields.Integer(string="Every", default=1)
    next_run_date = fields.Datetime(readonly=True, copy=False)
    run_number = fields.Integer(string="Runs", readonly=True, copy=False)
    rate_per_minute = fields.Integer(string="Messages per minute",
                                     help="0: no limit.")
    rate_per_hour = fields.Integer(string="Messages per hour", help="0: no limit.")
    daily_cap = fields.Integer(string="Daily cap", help="0: no limit.")
    window_start = fields.Float(string="Send from", default=8.0)
    window_end = fields.Float(string="Send until", default=20.0,
                              help="Same hour in both: all day.")
    tz = fields.Selection(_tz_get, string="Time zone",
                          default=lambda self: self.env.user.tz or DEFAULT_TZ)
    hold_reason = fields.Char(readonly=True, copy=False)

    # Preparation figures (set when a run is prepared)
    prepared = fields.Boolean(readonly=True, copy=False)
    audience_size = fields.Integer(string="In the audience", readonly=True, copy=False)
    skipped_invalid_count = fields.Integer(string="No valid number", readonly=True,
                                           copy=False)
    skipped_duplicate_count = fields.Integer(string="Duplicate numbers",
                                             readonly=True, copy=False)
    recipient_ids = fields.One2many("cc.campaign.recipient", "campaign_id")

    # Live figures
    recipient_count = fields.Integer(compute="_compute_stats", string="Recipients")
    skipped_opted_out_count = fields.Integer(compute="_compute_stats",
                                             string="Opted out")
    skipped_blocked_count = fields.Integer(compute="_compute_stats", string="Blocked")
    pending_count = fields.Integer(compute="_compute_stats", string="Waiting")
    queued_count = fields.Integer(compute="_compute_stats", string="Queued")
    sent_count = fields.Integer(compute="_compute_stats", string="Sent")
    delivered_count = fields.Integer(compute="_compute_stats", string="Delivered")
    read_count = fields.Integer(compute="_compute_stats", string="Read")
    failed_count = fields.Integer(compute="_compute_stats", string="Failed")
    reply_count = fields.Integer(compute="_compute_stats", string="Replies")
    opt_out_count = fields.Integer(compute="_compute_stats", string="Opt-outs")
    cost = fields.Float(compute="_compute_stats", digits=(16, 2),
                        string="Cost so far")
    sms_parts = fields.Integer(compute="_compute_estimate", string="SMS parts")
    estimated_cost = fields.Float(compute="_compute_estimate", digits=(16, 2))
    preview = fields.Text(compute="_compute_preview", string="Preview")

    @api.constrains("rate_per_minute", "rate_per_hour", "daily_cap",
                    "recurrence_interval", "window_start", "window_end")
    def _check_limits(self):
        for campaign in self:
            if min(campaign.rate_per_minute, campaign.rate_per_hour,
                   campaign.daily_cap) < 0:
                raise ValidationError(_("Limits cannot be negative (0 means no limit)."))
            if campaign.recurrence_interval < 1:
                raise ValidationError(_("A recurring campaign runs at least every 1 "
                                        "day, week or month."))
            if not (0 <= campaign.window_start <= 24 and 0 <= campaign.window_end <= 24):
                raise ValidationError(_("Sending hours go from 0:00 to 24:00."))

    def _compute_render_model(self):
        self.render_model = "cc.conversation"

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.body = self.template_id.body

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _compute_stats(self):
        names = ("recipient_count", "skipped_opted_out_count", "skipped_blocked_count",
                 "pending_count", "queued_count", "sent_count", "delivered_count",
                 "read_count", "failed_count", "reply_count", "opt_out_count")
        for campaign in self:
            values = dict.fromkeys(names, 0)
            values["cost"] = 0.0
            if campaign.id:
                values.update(campaign._stats())
            campaign.update(values)

    def _stats(self):
        """The campaign's figures over all its runs, in three queries."""
        self.ensure_one()
        self.env["cc.campaign.recipient"].flush()
        self.env["cc.message"].flush(["state", "campaign_id"])
        cr = self.env.cr
        cr.execute("""
            SELECT state, skip_reason, count(*) FROM cc_campaign_recipient
             WHERE campaign_id = %s GROUP BY state, skip_reason""", (self.id,))
        stats = {}
        for state, reason, count in cr.fetchall():
            if state == "skipped":
                key = "skipped_%s_count" % reason
                stats[key] = stats.get(key, 0) + count
            else:
                stats["recipient_count"] = stats.get("recipient_count", 0) + count
                if state == "pending":
                    stats["pending_count"] = count
        cost_column = "sms_cost" if "sms_cost" in self.env["cc.message"]._fields \
            else "0"
        cr.execute("""
            SELECT state, count(*), COALESCE(sum(""" + cost_column + """), 0)
              FROM cc_message WHERE campaign_id = %s GROUP BY state""", (self.id,))
        cost = 0.0
        by_state = {}
        for state, count, amount in cr.fetchall():
            by_state[state] = count
            cost += float(amount or 0)
        stats["queued_count"] = by_state.get("queued", 0) + by_state.get("sending", 0)
        # Each figure counts the messages that got at least that far.
        stats["read_count"] = by_state.get("read", 0)
        stats["delivered_count"] = by_state.get("delivered", 0) + stats["read_count"]
        stats["sent_count"] = by_state.get("sent", 0) + stats["delivered_count"]
        stats["failed_count"] = by_state.get("failed", 0) + by_state.get("unknown", 0)
        stats["cost"] = cost
        cr.execute("""
            SELECT count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM cc_message m
                        WHERE m.conversation_id = r.conversation_id
                          AND m.direction = 'inbound' AND m.date >= r.queued_date)),
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM cc_opt_out o
                        WHERE o.address = r.address_key AND o.active
                          AND o.date >= r.queued_date))
              FROM cc_campaign_recipient r
             WHERE r.campaign_id = %s AND r.state = 'queued'""", (self.id,))
        stats["reply_count"], stats["opt_out_count"] = cr.fetchone()
        return stats

    @api.depends("body", "connector_id", "audience_size", "prepared")
    def _compute_estimate(self):
        for campaign in self:
            parts, unit_cost = campaign._estimate_message_cost(campaign.body or "")
            campaign.sms_parts = parts
            count = campaign.recipient_count if campaign.prepared else 0
            campaign.estimated_cost = unit_cost * count

    def _estimate_message_cost(self, body):
        """(parts, cost of one message) for ``body`` on the campaign's
        connector; connector addons override it (Kolmeya: SMS parts)."""
        return (1 if body else 0), 0.0

    @api.depends("body", "prepared")
    def _compute_preview(self):
        for campaign in self:
            campaign.preview = campaign._preview_text()

    def _preview_text(self):
        recipients = self._sample_recipients(3) if self.id and self.prepared else []
        if not recipients:
            return False
        blocks = []
        for recipient, text in zip(recipients, self._render_for_recipients(
                recipients, dry_run=True)):
            blocks.append("%s (%s)\n%s" % (recipient.name or recipient.address,
                                           recipient.address, text))
        return "\n\n".join(blocks)

    def _sample_recipients(self, limit):
        return self.env["cc.campaign.recipient"].search(
            [("campaign_id", "=", self.id), ("run_number", "=", self.run_number),
             ("state", "!=", "skipped")], limit=limit)

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _render_for_recipients(self, recipients, conversations=None, dry_run=False):
        """The text of each recipient, in order: the inline template
        rendered on its conversation, then the legacy placeholders."""
        self.ensure_one()
        body = self.body or ""
        if "{{" in body or "{%" in body:
            if dry_run:
                rendered = [self._render_on_new(recipient) for recipient in recipients]
            else:
                by_id = self._render_field("body", conversations.ids)
                rendered = [by_id[conversation.id] or "" for conversation in conversations]
        else:
            rendered = [body] * len(recipients)
        if has_legacy_placeholders(body):
            rendered = [
                render_legacy(text, name=recipient.name or recipient.partner_id.name,
                              cpf=recipient.cpf or recipient.partner_id.vat,
                              value=recipient.value)
                for recipient, text in zip(recipients, rendered)]
        return [text.strip() for text in rendered]

    def _render_on_new(self, recipient):
        """Preview: render on an unsaved conversation (nothing is created)."""
        conversation = self.env["cc.conversation"].new({
            "connector_id": self.connector_id.id, "address": recipient.address,
            "address_key": recipient.address_key, "partner_id": recipient.partner_id.id,
            "customer_name": recipient.name})
        try:
            variables = dict(self._render_eval_context(), object=conversation)
            return render_inline_template(parse_inline_template(self.body), variables)
        except Exception:  # noqa: B902 - the preview must show the error, not crash
            _logger.info("Campaign %s: preview failed", self.id, exc_info=True)
            return _("The message cannot be rendered: check its placeholders.")

    # ------------------------------------------------------------------
    # Preparing a run
    # ------------------------------------------------------------------
    def action_prepare(self):
        """Resolve the audience now and show the counts, preview and cost."""
        for campaign in self:
            if campaign.state not in ("draft", "paused", "scheduled"):
                raise UserError(_("Only a draft, scheduled or paused campaign can "
                                  "be checked again."))
            campaign._check_ready()
            if campaign.state == "draft":
                campaign._prepare_run(max(campaign.run_number, 1))
        return True

    def _check_ready(self):
        self.ensure_one()
        if not (self.body or "").strip():
            raise UserError(_("Write the message of the campaign."))
        limits = self.connector_id._limits()
        if len(self.body) > limits.max_length:
            raise UserError(_("The message is %(length)s characters long; this "
                              "channel accepts at most %(max)s.",
                              length=len(self.body), max=limits.max_length))
        if self.schedule_type in ("date", "recurring") and not self.scheduled_date:
            raise UserError(_("Say when the campaign starts."))

    def _prepare_run(self, run_number):
        """(Re)build the recipients of run ``run_number``: unique per customer,
        opted-out and blocked numbers skipped. Safe to call twice."""
        self.ensure_one()
        self.env["cc.campaign.recipient"].flush()
        self.env.cr.execute(
            "DELETE FROM cc_campaign_recipient WHERE campaign_id = %s "
            "AND run_number = %s AND state != 'queued'", (self.id, run_number))
        if self.audience_type == "partners":
            audience, invalid, inserted = self._insert_partner_recipients(run_number)
        elif self.audience_type == "csv":
            audience, invalid, inserted = self._insert_csv_recipients(run_number)
        else:
            audience, invalid, inserted = self._insert_lead_recipients(run_number)
        self._skip_unreachable(run_number)
        self.env["cc.campaign.recipient"].invalidate_cache()
        self.write({
            "run_number": run_number, "prepared": True, "audience_size": audience,
            "skipped_invalid_count": invalid,
            "skipped_duplicate_count": max(0, audience - invalid - inserted),
        })

    def _insert_partner_recipients(self, run_number):
        Partner = self.env["res.partner"].with_user(self.env.user)
        try:
            domain = safe_eval(self.partner_domain or "[]")
            query = Partner._search(domain)
        except Exception as error:  # noqa: B902 - any bad filter gets one message
            raise UserError(_("The contacts filter is not valid: %(error)s",
                              error=error)) from error
        subquery, params = query.select('"res_partner"."id"')
        self.env["res.partner"].flush(["cc_mobile_key", "cc_phone_key", "name", "vat"])
        self.env.cr.execute("""
            WITH audience AS (
                SELECT p.id, p.name, p.vat,
                       COALESCE(p.cc_mobile_key, p.cc_phone_key) AS key
                  FROM res_partner p WHERE p.id IN (""" + subquery + """)
            ), inserted AS (
                INSERT INTO cc_campaign_recipient
                       (campaign_id, company_id, run_number, partner_id, name, address,
                        address_key, cpf, state, create_uid, create_date, write_uid,
                        write_date)
                SELECT DISTINCT ON (key) %s, %s, %s, id, name, key, key, vat,
                       'pending', %s, now() at time zone 'UTC', %s,
                       now() at time zone 'UTC'
                  FROM audience WHERE key IS NOT NULL
                 ORDER BY key, id
                ON CONFLICT (campaign_id, run_number, address_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM audience),
                   (SELECT count(*) FROM audience WHERE key IS NULL),
                   (SELECT count(*) FROM inserted)
        """, list(params) + [self.id, self.company_id.id, run_number,
                             self.env.uid, self.env.uid])
        return self.env.cr.fetchone()

    def _insert_csv_recipients(self, run_number):
        if not self.csv_file:
            raise UserError(_("Upload the file of numbers (CSV with a header row)."))
        try:
            rows, skipped = campaign_audience.parse_csv(
                base64.b64decode(self.csv_file),
                mobile_only=self.connector_id.channel_kind == "sms")
        except campaign_audience.AudienceError as error:
            raise UserError(_("The file cannot be used: %(error)s",
                              error=error)) from error
        invalid = sum(1 for s in skipped if s[2] == campaign_audience.SKIP_INVALID)
        partners = self._partners_by_key([row.key for row in rows])
        values = [(self.id, self.company_id.id, run_number,
                   partners.get(row.key), row.name or None, row.address, row.key,
                   row.cpf or None, row.value or None, "pending", self.env.uid,
                   self.env.uid) for row in rows]
        inserted = self._insert_rows(values)
        return len(rows) + len(skipped), invalid, inserted

    def _insert_lead_recipients(self, run_number):
        if "crm.lead" not in self.env:
            raise UserError(_("The CRM app is not installed: choose another audience."))
        try:
            domain = safe_eval(self.lead_domain or "[]")
            leads = self.env["crm.lead"].search(domain)
        except Exception as error:  # noqa: B902 - any bad filter gets one message
            raise UserError(_("The leads filter is not valid: %(error)s",
                              error=error)) from error
        values, seen, invalid = [], set(), 0
        for lead in leads:
            e164 = phone_service.to_e164(lead.mobile) or phone_service.to_e164(lead.phone)
            if not e164:
                invalid += 1
                continue
            key = phone_service.ninth_digit_key(e164)
            if key in seen:
                continue
            seen.add(key)
            values.append((self.id, self.company_id.id, run_number,
                           lead.partner_id.id or None,
                           lead.contact_name or lead.partner_name or lead.name, e164,
                           key, None, None, "pending", self.env.uid, self.env.uid,
                           "crm.lead", lead.id))
        inserted = self._insert_rows(values, document=True)
        return len(leads), invalid, inserted

    def _insert_rows(self, values, document=False):
        if not values:
            return 0
        columns = ("campaign_id, company_id, run_number, partner_id, name, address, "
                   "address_key, cpf, value, state, create_uid, write_uid")
        if document:
            columns += ", document_model, document_id"
        inserted = execute_values(
            self.env.cr,
            "INSERT INTO cc_campaign_recipient (" + columns + ", create_date, "
            "write_date) SELECT v.*, now() at time zone 'UTC', now() at time zone "
            "'UTC' FROM (VALUES %s) AS v ON CONFLICT (campaign_id, run_number, "
            "address_key) DO NOTHING RETURNING 1",
            values, page_size=2000, fetch=True)
        return len(inserted)

    def _partners_by_key(self, keys):
        if not keys:
            return {}
        self.env["res.partner"].flush(["cc_mobile_key", "cc_phone_key"])
        self.env.cr.execute("""
            SELECT DISTINCT ON (key) key, id FROM (
                SELECT cc_mobile_key AS key, id, is_company FROM res_partner
                 WHERE cc_mobile_key = ANY(%s) AND active
                UNION ALL
                SELECT cc_phone_key, id, is_company FROM res_partner
                 WHERE cc_phone_key = ANY(%s) AND active) AS found
             ORDER BY key, is_company, id""", (keys, keys))
        return dict(self.env.cr.fetchall())

    def _skip_unreachable(self, run_number):
        """Opted-out customers (this channel) and numbers on Odoo's phone
        blacklist are kept as skipped rows: they are counted, never sent to."""
        self.env["cc.opt.out"].flush()
        self.env.cr.execute("""
            UPDATE cc_campaign_recipient r SET state = 'skipped',
                   skip_reason = 'opted_out'
              FROM cc_opt_out o
             WHERE r.campaign_id = %s AND r.run_number = %s AND r.state = 'pending'
               AND o.address = r.address_key AND o.channel_kind = %s AND o.active
        """, (self.id, run_number, self.connector_id.channel_kind))
        if "phone.blacklist" in self.env:
            self.env["phone.blacklist"].flush()
            self.env.cr.execute("""
                UPDATE cc_campaign_recipient r SET state = 'skipped',
                       skip_reason = 'blocked'
                  FROM phone_blacklist b
                 WHERE r.campaign_id = %s AND r.run_number = %s
                   AND r.state = 'pending' AND b.active
                   AND b.number IN (r.address_key, r.address)
            """, (self.id, run_number))

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_start(self):
        for campaign in self:
            if campaign.state not in ("draft",):
                raise UserError(_("Only a draft campaign can be started."))
            campaign._check_ready()
            if campaign.schedule_type == "now":
                campaign._prepare_run(max(campaign.run_number, 1))
                campaign.write({"state": "running", "hold_reason": False})
            else:
                campaign.write({"state": "scheduled",
                                "next_run_date": campaign.scheduled_date})
        self._trigger_cron()
        return True

    def action_resume(self):
        for campaign in self.filtered(lambda c: c.state == "paused"):
            campaign.state = "running" if campaign.prepared and \
                campaign._pending_recipients(1) else (
                    "scheduled" if campaign.next_run_date else "running")
        self._trigger_cron()
        return True

    def action_pause(self):
        """Stop queueing; the messages already queued and not sent yet wait
        in the outbox until *Resume*."""
        self.filtered(lambda c: c.state in ("running", "scheduled")).write(
            {"state": "paused"})
        return True

    def action_cancel(self):
        """Stop for good: waiting recipients get nothing, and the campaign's
        messages still in the outbox are not sent."""
        self.write({"state": "cancelled"})
        messages = self.env["cc.message"].sudo().search(
            [("campaign_id", "in", self.ids), ("state", "=", "queued")])
        messages.write({"state": "failed", "failure_reason": _(
            "Not sent: the campaign was cancelled.")})
        return True

    def action_reset_to_draft(self):
        self.filtered(lambda c: c.state == "cancelled").write(
            {"state": "draft", "prepared": False})
        return True

    def action_test_send(self):
        """Send the message, rendered for the first recipient, to the user's
        own mobile (a real message through the outbox)."""
        self.ensure_one()
        self._check_ready()
        number = self.env.user.partner_id.mobile or self.env.user.partner_id.phone
        if not phone_service.to_e164(number or ""):
            raise UserError(_("Put your mobile number on your user's contact to "
                              "receive a test message."))
        if not self.prepared:
            self._prepare_run(max(self.run_number, 1))
        sample = self._sample_recipients(1)
        if not sample:
            raise UserError(_("The audience is empty: nobody to take the test "
                              "message's placeholders from."))
        conversation, _created = self.env["cc.conversation"].sudo()._find_or_create(
            self.connector_id, number,
            {"partner_id": self.env.user.partner_id.id})
        text = self._render_for_recipients(sample, dry_run=True)[0]
        message = self.env["cc.message"]._queue_outbound(conversation, text)
        message.sudo().write({"delivery_note": _("Test of campaign %(name)s",
                                                 name=self.name)})
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"type": "success", "title": _("Test message queued"),
                       "message": _("Sent to %(number)s.", number=conversation.address),
                       "sticky": False},
        }

    def action_view_recipients(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_core.cc_campaign_recipient_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_view_failures(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("cc_core.cc_message_action")
        action["domain"] = [("campaign_id", "=", self.id),
                            ("state", "in", ("failed", "unknown"))]
        action["context"] = {"group_by": ["failure_code"]}
        return action

    def action_view_replies(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cc_core.cc_conversation_action_all")
        action["domain"] = [("campaign_id", "=", self.id),
                            ("last_inbound_date", "!=", False)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # The cron
    # ------------------------------------------------------------------
    def _trigger_cron(self, at=None):
        self.env.ref("cc_core.ir_cron_cc_campaigns").sudo()._trigger(at=at)

    @api.model
    def _cron_run_campaigns(self, batch_size=QUEUE_BATCH):
        """Start due scheduled runs, then queue what each running campaign's
        throttle allows, committing each batch."""
        now = fields.Datetime.now()
        for campaign in self.search([("state", "=", "scheduled"),
                                     ("next_run_date", "<=", now)]):
            campaign._start_next_run()
            self._commit()
        for campaign in self.search([("state", "=", "running")]):
            campaign._run(batch_size)

    def _commit(self):
        if self.env["cc.message"]._auto_commit():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _start_next_run(self):
        self.ensure_one()
        self._prepare_run(self.run_number + 1)
        self.write({"state": "running", "hold_reason": False})

    def _local_now(self):
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).replace(
            tzinfo=None)

    def _to_utc(self, local):
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _allowance(self):
        """What the throttle, daily cap and window allow now."""
        self.ensure_one()
        local_now = self._local_now()
        now = fields.Datetime.now()
        day_start = self._to_utc(local_now.replace(hour=0, minute=0, second=0,
                                                   microsecond=0))
        self.env["cc.campaign.recipient"].flush()
        self.env.cr.execute("""
            SELECT count(*) FILTER (WHERE queued_date > %s),
                   count(*) FILTER (WHERE queued_date > %s),
                   count(*) FILTER (WHERE queued_date >= %s)
              FROM cc_campaign_recipient
             WHERE campaign_id = %s AND state = 'queued' AND queued_date >= %s
        """, (now - timedelta(minutes=1), now - timedelta(hours=1), day_start, self.id,
              min(day_start, now - timedelta(hours=1))))
        minute, hour, today = self.env.cr.fetchone()
        allowance = campaign_throttle.allowance(
            local_now, self.rate_per_minute, self.rate_per_hour, self.daily_cap,
            minute, hour, today, self.window_start, self.window_end)
        next_at = self._to_utc(allowance.next_at) if allowance.next_at else None
        return allowance.count, next_at, allowance.reason

    def _run(self, batch_size=QUEUE_BATCH):
        """Queue batches while the throttle allows; finish the run when no
        recipient is waiting."""
        self.ensure_one()
        reasons = {
            campaign_throttle.REASON_WINDOW: _("Outside the sending hours."),
            campaign_throttle.REASON_MINUTE: _("Messages per minute reached."),
            campaign_throttle.REASON_HOUR: _("Messages per hour reached."),
            campaign_throttle.REASON_DAY: _("Daily cap reached."),
        }
        while True:
            self.invalidate_cache(["state"])
            if self.state != "running":
                return
            count, next_at, reason = self._allowance()
            if count == 0:
                self.hold_reason = reasons[reason]
                self._commit()
                self._trigger_cron(at=next_at)
                return
            limit = batch_size if count is None else min(batch_size, count)
            recipients = self._pending_recipients(limit)
            if not recipients:
                self._finish_run()
                self._commit()
                return
            self._queue_recipients(recipients)
            if self.hold_reason:
                self.hold_reason = False
            self._commit()

    def _pending_recipients(self, limit):
        self.env["cc.campaign.recipient"].flush()
        self.env.cr.execute("""
            SELECT id FROM cc_campaign_recipient
             WHERE campaign_id = %s AND run_number = %s AND state = 'pending'
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
                            (self.id, self.run_number, limit))
        return self.env["cc.campaign.recipient"].browse(
            [row[0] for row in self.env.cr.fetchall()])

    def _finish_run(self):
        if self.schedule_type == "recurring":
            start = self.scheduled_date or fields.Datetime.now()
            self.write({"state": "scheduled", "next_run_date": campaign_recurrence.next_run(
                start, self.recurrence, self.recurrence_interval,
                fields.Datetime.now())})
            self._trigger_cron(at=self.next_run_date)
        else:
            self.write({"state": "done", "hold_reason": False})

    def _message_values(self, conversation, text, now):
        """Columns of the queued message of one recipient (``cc_message``).
        Connector addons add theirs (Kolmeya: SMS parts and cost)."""
        connector = self.connector_id
        return {
            "conversation_id": conversation.id, "connector_id": connector.id,
            "channel_kind": connector.channel_kind,
            "company_id": connector.company_id.id or None,
            "direction": "outbound", "message_type": "text", "body": text,
            "author_id": self.user_id.id or None, "state": "queued",
            "campaign_id": self.id, "date": now, "cycle": conversation.cycle or 1,
            "template_id": self.template_id.id or None,
            "create_uid": self.env.uid, "create_date": now,
            "write_uid": self.env.uid, "write_date": now,
        }

    def _insert_messages(self, conversations, texts, now):
        """The queued messages, in one INSERT (the ORM writes one row per
        statement: ten times slower for a batch of 1000)."""
        rows = [self._message_values(conversation, text, now)
                for conversation, text in zip(conversations, texts)]
        if not rows:
            return self.env["cc.message"]
        columns = list(rows[0])
        self.env["cc.message"].flush()
        inserted = execute_values(
            self.env.cr,
            "INSERT INTO cc_message (%s) VALUES %%s RETURNING id" % ", ".join(
                '"%s"' % column for column in columns),
            [tuple(row[column] for column in columns) for row in rows],
            page_size=len(rows), fetch=True)
        self.env["cc.message"].invalidate_cache()
        return self.env["cc.message"].sudo().browse([row[0] for row in inserted])

    def _insert_conversations(self, recipients):
        """The new customers' conversations, in one INSERT: closed (a reply
        reopens one into its connector's queue, with the campaign shown), the
        contact of the recipient or else the one matched by number, the
        connector's team. Returns their ids. A conversation created meanwhile
        (same connector and customer) is left alone: ON CONFLICT."""
        connector = self.connector_id.sudo()
        closing = self.env["cc.stage"].search([("is_closing", "=", True)], limit=1)
        self.env["cc.campaign.recipient"].flush()
        self.env["res.partner"].flush(["name", "cc_mobile_key", "cc_phone_key",
                                       "is_company", "active"])
        self.env["cc.conversation"].flush()
        self.env.cr.execute("""
            WITH source AS (
                SELECT r.id, r.name, r.address, r.address_key,
                       COALESCE(r.partner_id,
                           (SELECT p.id FROM res_partner p
                             WHERE p.cc_mobile_key = r.address_key AND p.active
                             ORDER BY p.is_company, p.id LIMIT 1),
                           (SELECT p.id FROM res_partner p
                             WHERE p.cc_phone_key = r.address_key AND p.active
                             ORDER BY p.is_company, p.id LIMIT 1)) AS partner_id
                  FROM cc_campaign_recipient r WHERE r.id = ANY(%(ids)s)
            )
            INSERT INTO cc_conversation
                   (name, customer_name, partner_id, address, address_key, is_phone,
                    connector_id, channel_kind, company_id, team_id, stage_id, state,
                    cycle, priority, campaign_id, sla_state, create_uid, create_date,
                    write_uid, write_date)
            SELECT COALESCE(p.name, s.name, s.address), s.name, s.partner_id,
                   s.address, s.address_key, true, %(connector)s, %(kind)s,
                   %(company)s, %(team)s, %(stage)s, 'done', 1, '0', %(campaign)s, 'none',
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM source s LEFT JOIN res_partner p ON p.id = s.partner_id
            ON CONFLICT (connector_id, address_key) DO NOTHING
            RETURNING id""", {
            "ids": recipients.ids, "connector": connector.id,
            "kind": connector.channel_kind, "company": connector.company_id.id or None,
            "team": connector.team_id.id or None, "stage": closing.id or None,
            "campaign": self.id, "uid": self.env.uid})
        return [row[0] for row in self.env.cr.fetchall()]

    def _queue_recipients(self, recipients):
        """One queued message per recipient, in this transaction: the
        recipient row and its message are committed together or not at all."""
        self.ensure_one()
        Conversation = self.env["cc.conversation"].sudo()
        connector = self.connector_id
        existing = {
            c.address_key: c for c in Conversation.search([
                ("connector_id", "=", connector.id),
                ("address_key", "in", recipients.mapped("address_key"))])
        }
        missing = recipients.filtered(lambda r: r.address_key not in existing)
        if missing:
            created = Conversation.browse(self._insert_conversations(missing))
            existing.update({c.address_key: c for c in created})
            for recipient in missing.filtered(lambda r: r.address_key not in existing):
                # Created meanwhile by an inbound message: use that one.
                existing[recipient.address_key], _new = Conversation._find_or_create(
                    connector, recipient.address)
        conversations = Conversation.browse(
            [existing[r.address_key].id for r in recipients])
        texts = self._render_for_recipients(recipients, conversations)
        now = fields.Datetime.now()
        messages = self._insert_messages(conversations, texts, now)
        execute_values(self.env.cr, """
            UPDATE cc_campaign_recipient r
               SET state = 'queued', conversation_id = v.conversation_id,
                   message_id = v.message_id, queued_date = v.queued_date
              FROM (VALUES %s) AS v(id, conversation_id, message_id, queued_date)
             WHERE r.id = v.id""",
                       [(r.id, c.id, m.id, now) for r, c, m in zip(
                           recipients, conversations, messages)],
                       template="(%s, %s, %s, %s::timestamp)", page_size=2000)
        self.env.cr.execute("""
            UPDATE cc_conversation SET campaign_id = %s, last_outbound_date = %s,
                   last_message_date = GREATEST(last_message_date, %s)
             WHERE id = ANY(%s)""", (self.id, now, now, conversations.ids))
        recipients.invalidate_cache()
        conversations.invalidate_cache(["campaign_id", "last_outbound_date",
                                        "last_message_date"])
        self.env["cc.message"]._trigger_outbox()
        return messages
