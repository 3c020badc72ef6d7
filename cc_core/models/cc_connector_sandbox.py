# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The sandbox's simulated network: delivery reports and customer messages
posted back through the connector's webhook journal."""
import logging
import threading
import time
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.modules.module import get_module_resource

from ..services import sandbox
from ..services.types import WebhookRequest

_logger = logging.getLogger(__name__)

# Messages older than this are left alone by the simulated network.
NETWORK_HORIZON = timedelta(days=1)
# Odoo 15's cron thread wakes up for a due trigger or once a minute, so one
# run of the network keeps going (sleeping between steps, committing first)
# for up to this many seconds while messages are in flight.
RUN_BUDGET_SECONDS = 30


class CcConnectorSandbox(models.Model):
    _inherit = "cc.connector"

    provider = fields.Selection(
        selection_add=[("sandbox", "Sandbox (no real messages)")],
        ondelete={"sandbox": "set null"},
    )
    is_sandbox = fields.Boolean(compute="_compute_is_sandbox")
    sandbox_auto_reply = fields.Boolean(
        string="Simulated customer answers",
        default=True,
        help="Sandbox: a few seconds after the customer 'read' a message, the "
        "simulated customer answers it.",
    )

    @api.depends("provider")
    def _compute_is_sandbox(self):
        for connector in self:
            connector.is_sandbox = connector.provider == "sandbox"

    # ------------------------------------------------------------------
    # The simulated network
    # ------------------------------------------------------------------
    @api.model
    def _sandbox_step(self):
        """Seconds between two simulated steps (sent -> delivered -> read -> answer)."""
        return int(self.env["ir.config_parameter"].sudo().get_param(
            "cc_core.sandbox_step_seconds", 3))

    @api.model
    def _sandbox_trigger_network(self):
        """Run the network now (a due trigger wakes Odoo's cron thread at once)."""
        self.env.ref("cc_core.ir_cron_cc_sandbox_network").sudo()._trigger()

    def _sandbox_post(self, events, commit_journal=False):
        """Post ``events`` to this connector the way its webhook route does:
        signed body, verification, journal (committed first when
        ``commit_journal``, as the route does; never inside tests), processing."""
        self.ensure_one()
        connector = self.sudo()
        raw_body = sandbox.encode_body(events)
        request = WebhookRequest(
            method="POST",
            headers={"content-type": "application/json",
                     sandbox.SIGNATURE_HEADER: sandbox.sign(connector.webhook_key,
                                                            raw_body)},
            raw_body=raw_body, query={}, topic=None)
        provider = connector._provider()
        if not provider._verify_webhook(connector, request):
            raise UserError(_("The sandbox could not sign its own event."))
        event = self.env["cc.webhook.event"].sudo()._journal(connector, request)
        if commit_journal and not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()  # pylint: disable=invalid-commit  # journal first
        event._process()
        return event

    @api.model
    def _cron_sandbox_network(self):
        """Move sandbox messages sent -> delivered -> read, one step every
        ``cc_core.sandbox_step_seconds``, and let the simulated customer answer
        what was read. While messages are in flight the run sleeps between
        steps (committed first) for up to ``RUN_BUDGET_SECONDS``, then
        triggers itself again; inside tests it makes one pass."""
        testing = getattr(threading.current_thread(), "testing", False)
        deadline = time.monotonic() + RUN_BUDGET_SECONDS
        pause = max(self._sandbox_step(), 1)
        while self._sandbox_network_pass():
            if testing or time.monotonic() + pause > deadline:
                self._sandbox_trigger_network()
                break
            self.env.cr.commit()  # pylint: disable=invalid-commit  # agents see each step
            time.sleep(pause)
        return True

    @api.model
    def _sandbox_network_pass(self):
        """One step of the network; True while something is still in flight."""
        now = fields.Datetime.now()
        due = now - timedelta(seconds=self._sandbox_step())
        Message = self.env["cc.message"].sudo()
        # Only what the sandbox itself sent (never e.g. imported history).
        base = [("connector_id.provider", "=", "sandbox"),
                ("direction", "=", "outbound"),
                ("provider_message_id", "=like", sandbox.MESSAGE_ID_PREFIX + "%"),
                ("date", ">=", now - NETWORK_HORIZON)]
        moving = Message.search(base + [
            "|", "&", ("state", "=", "sent"), ("sent_date", "<=", due),
            "&", ("state", "=", "delivered"), ("delivered_date", "<=", due)],
            order="id", limit=500)
        read = Message.search(base + [("state", "=", "read"), ("read_date", "<=", due),
                                      ("connector_id.sandbox_auto_reply", "=", True)],
                              order="id", limit=500)
        events = {}
        for message in moving:
            conversation = message.conversation_id
            if message.state == "sent" and conversation.sandbox_fail_next:
                conversation.sandbox_fail_next = False
                event = sandbox.status_event(message.provider_message_id, "failed",
                                             self._sandbox_failure_reason())
            else:
                event = sandbox.status_event(message.provider_message_id,
                                             sandbox.next_state(message.state))
            events.setdefault(message.connector_id, []).append(event)
        answered = self.env["cc.conversation"]
        for message in read:
            conversation = message.conversation_id
            if conversation in answered or (
                    conversation.last_inbound_date
                    and conversation.last_inbound_date >= (message.sent_date
                                                           or message.date)):
                continue
            answered |= conversation
            events.setdefault(message.connector_id, []).append(
                conversation._sandbox_customer_event(
                    conversation._sandbox_reply_text()))
        for connector, connector_events in events.items():
            connector._sandbox_post(connector_events, commit_journal=True)
        return bool(events) or bool(Message.search_count(base + [
            "|", ("state", "in", ("sent", "delivered")),
            "&", "&", ("state", "=", "read"), ("read_date", ">", due),
            ("connector_id.sandbox_auto_reply", "=", True)])) or bool(
            # Being sent right now (the outbox may still be committing).
            Message.search_count([("connector_id.provider", "=", "sandbox"),
                                  ("direction", "=", "outbound"),
                                  ("state", "in", ("queued", "sending")),
                                  ("date", ">=", now - timedelta(minutes=10))]))

    @api.model
    def _sandbox_failure_reason(self):
        return _("Sandbox: simulated failure (the customer's phone is unreachable).")

    @api.model
    def _sandbox_sample_image(self):
        path = get_module_resource("cc_core", "static", "description", "icon.png")
        with open(path, "rb") as image:
            return image.read(), "image/png", "photo.png"
