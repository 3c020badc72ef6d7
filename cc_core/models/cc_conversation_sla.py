# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SLA state of conversations: due time, on time / at risk / breached.

A cron computes the running targets of every open conversation in batches
(one read and at most one write per batch: the inbound path pays nothing);
answering and closing store the result of the cycle's targets.
"""
import logging

from odoo import _, api, fields, models

from ..services import sla as sla_service
from .cc_sla_result import SLA_KINDS

_logger = logging.getLogger(__name__)

SLA_STATES = [("none", "No SLA"), ("on_time", "On time"), ("at_risk", "At risk"),
              ("breached", "Breached")]


class CcConversationSla(models.Model):
    _inherit = "cc.conversation"

    sla_policy_id = fields.Many2one("cc.sla.policy", readonly=True)
    sla_kind = fields.Selection(SLA_KINDS, string="SLA target", readonly=True)
    sla_due = fields.Datetime(string="SLA due", readonly=True, index=True)
    sla_at_risk_date = fields.Datetime(readonly=True)
    sla_response_due = fields.Datetime(readonly=True)
    sla_resolution_due = fields.Datetime(readonly=True)
    sla_state = fields.Selection(SLA_STATES, string="SLA", default="none",
                                 required=True, readonly=True, index=True)
    sla_breach_notified = fields.Boolean(readonly=True)
    sla_result_ids = fields.One2many("cc.sla.result", "conversation_id",
                                     string="SLA results")

    def _sla_badges(self):
        """{id: {"state", "due"}} of the recordset in one query (workspace)."""
        if not self:
            return {}
        self.flush(["sla_state", "sla_due"])
        self.env.cr.execute(
            "SELECT id, sla_state, sla_due FROM cc_conversation WHERE id = ANY(%s)",
            (list(self.ids),))
        return {row[0]: {"state": row[1], "due": row[2] and fields.Datetime.to_string(
            row[2])} for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # Results when targets are fulfilled
    # ------------------------------------------------------------------
    def _on_outbound(self, messages):
        due, kind = self.sla_response_due, self.sla_kind
        result = super()._on_outbound(messages)
        if due:
            response_kind = "next" if kind == "next" else "first"
            self._store_sla_result(response_kind, due)
            self.sudo().write({"sla_response_due": False})
        return result

    def action_close(self):
        running = {c.id: (c.sla_resolution_due, c.sla_response_due, c.sla_kind)
                   for c in self if c.state != "done"}
        result = super().action_close()
        for conversation in self.filtered(lambda c: c.id in running):
            resolution, response, kind = running[conversation.id]
            if response:
                conversation._store_sla_result(
                    "next" if kind == "next" else "first", response)
            if resolution:
                conversation._store_sla_result("resolution", resolution)
            conversation.sudo().write({
                "sla_state": "none", "sla_due": False, "sla_kind": False,
                "sla_at_risk_date": False, "sla_response_due": False,
                "sla_resolution_due": False, "sla_breach_notified": False})
        return result

    def _store_sla_result(self, kind, due):
        now = fields.Datetime.now()
        return self.env["cc.sla.result"].sudo().create({
            "conversation_id": self.id, "team_id": self.team_id.id,
            "agent_id": self.agent_id.id, "company_id": self.company_id.id,
            "cycle": self.cycle, "kind": kind, "due_date": due, "done_date": now,
            "met": now <= due, "breached": now > due,
        })

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    _SLA_COLUMNS = ("sla_policy_id", "sla_kind", "sla_due", "sla_at_risk_date",
                    "sla_response_due", "sla_resolution_due", "sla_state")

    @api.model
    def _cron_sla(self, batch_size=2000, now=None):
        """Recompute due times and states of open conversations; notify the
        supervisors of each new breach once. Idempotent."""
        now = now or fields.Datetime.now()
        self.flush()
        policies = self.env["cc.sla.policy"]._policy_map()
        schedules = {}
        last_id, breached = 0, []
        while True:
            self.env.cr.execute(
                """
                SELECT id, team_id, channel_kind, cycle_start_date,
                       first_unanswered_date, last_outbound_date, sla_breach_notified,
                       sla_policy_id, sla_kind, sla_due, sla_at_risk_date,
                       sla_response_due, sla_resolution_due, sla_state
                  FROM cc_conversation
                 WHERE state IN ('new', 'current') AND id > %s
                 ORDER BY id LIMIT %s
                """, (last_id, batch_size))
            rows = self.env.cr.fetchall()
            if not rows:
                break
            last_id = rows[-1][0]
            updates = []
            for row in rows:
                values = self._sla_values(row, policies, schedules, now)
                if values != tuple(row[7:14]):
                    updates.append((row[0],) + values)
                if values[6] == "breached" and not row[6] and values[2]:
                    breached.append(row[0])
            if updates:
                self._write_sla_rows(updates)
        if breached:
            self.browse(breached)._notify_sla_breach()
        return len(breached)

    def _sla_values(self, row, policies, schedules, now):
        (_id, team_id, channel, cycle_start, unanswered, last_out) = row[:6]
        policy = policies.get((team_id, channel)) or policies.get((team_id, False))
        if not policy:
            return (None, None, None, None, None, None, "none")
        if team_id not in schedules:
            schedules[team_id] = policy.team_id._cc_schedule(now)
        schedule = schedules[team_id]
        answered = bool(last_out and cycle_start and last_out >= cycle_start)
        targets = sla_service.running_targets(
            policy._targets(), cycle_start, unanswered, answered)
        ratio = policy.at_risk_percent / 100.0
        dues = [sla_service.due_of(t, schedule, ratio) for t in targets]
        response = next((d.due for d in dues if d.kind != "resolution"), None)
        resolution = next((d.due for d in dues if d.kind == "resolution"), None)
        shown = sla_service.earliest(dues)
        if not shown:
            return (policy.id, None, None, None, response, resolution, "none")
        return (policy.id, shown.kind, shown.due, shown.at_risk, response, resolution,
                sla_service.state_at(shown, now))

    def _write_sla_rows(self, updates):
        self.flush(list(self._SLA_COLUMNS))
        values = ", ".join(["%s"] * len(updates))
        self.env.cr.execute(
            """
            UPDATE cc_conversation c
               SET sla_policy_id = v.policy, sla_kind = v.kind,
                   sla_due = v.due::timestamp, sla_at_risk_date = v.risk::timestamp,
                   sla_response_due = v.response::timestamp,
                   sla_resolution_due = v.resolution::timestamp,
                   sla_state = v.state,
                   sla_breach_notified = CASE WHEN v.state = 'breached'
                       AND c.sla_due IS NOT DISTINCT FROM v.due::timestamp
                       THEN c.sla_breach_notified ELSE false END
              FROM (VALUES """ + values + """)
                   AS v(id, policy, kind, due, risk, response, resolution, state)
             WHERE c.id = v.id
            """, updates)
        self.invalidate_cache(list(self._SLA_COLUMNS) + ["sla_breach_notified"],
                              [u[0] for u in updates])

    def _notify_sla_breach(self):
        """Bus + activity to the team's supervisors, once per breached target."""
        activity_type = self.env.ref("mail.mail_activity_data_todo",
                                     raise_if_not_found=False)
        for conversation in self.sudo():
            supervisors = conversation.team_id.supervisor_user_ids
            for user in supervisors:
                conversation.activity_schedule(
                    activity_type_id=activity_type.id if activity_type else False,
                    summary=_("SLA breached: %(target)s",
                              target=dict(SLA_KINDS)[conversation.sla_kind]),
                    user_id=user.id)
            conversation._send_bus(supervisors.partner_id, "cc.conversation/sla_breached")
        self.sudo().write({"sla_breach_notified": True})
