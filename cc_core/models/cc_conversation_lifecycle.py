# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Lifecycle of a conversation: take, release, transfer, close, reopen, stage.

Every transition writes an event row (``cc.message`` of type ``event``) and
notifies the agents concerned on the bus.
"""
from contextlib import contextmanager

import psycopg2

from odoo import _, models
from odoo.exceptions import UserError


class CcConversationLifecycle(models.Model):
    _inherit = "cc.conversation"

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _current_agent(self):
        agent = self.env["cc.agent"].sudo().search(
            [("user_id", "=", self.env.uid)], limit=1
        )
        if not agent:
            raise UserError(_("You are not a Contact Center agent."))
        return agent

    def _is_supervisor(self):
        return self.env.user.has_group("cc_core.group_cc_supervisor")

    def _log_event(self, event_type, agent=None, note=None, to_agent=None, team=None):
        """Record a lifecycle event row for reports."""
        self.ensure_one()
        return self.env["cc.message"].sudo().create(
            {
                "conversation_id": self.id,
                "direction": "internal",
                "message_type": "event",
                "state": "received",
                "event_type": event_type,
                "event_agent_id": (agent or self.agent_id).id,
                "event_target_agent_id": to_agent.id if to_agent else False,
                "event_team_id": team.id if team else False,
                "body": note or "",
                "author_id": self.env.uid,
                "cycle": self.cycle,
            }
        )

    def _lock_for_assignment(self):
        """Row lock without waiting: a concurrent taker gets a clear message."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT state, agent_id FROM cc_conversation "
                    "WHERE id = %s FOR UPDATE NOWAIT",
                    (self.id,),
                    log_exceptions=False,
                )
                return self.env.cr.fetchone()
        except (psycopg2.errors.LockNotAvailable,
                psycopg2.errors.SerializationFailure):
            raise UserError(
                _("Another agent is taking this conversation right now.")
            ) from None

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_take(self):
        """Take a ``new`` conversation. Exactly one of two concurrent takers wins."""
        self.ensure_one()
        agent = self._current_agent()
        if not agent._may_work(self.sudo().connector_id):
            raise UserError(_("You are not allowed to work on connector %(name)s.",
                              name=self.sudo().connector_id.name))
        self.flush()
        state, agent_id = self._lock_for_assignment()
        if state != "new":
            holder = self.env["cc.agent"].sudo().browse(agent_id).name or _("nobody")
            raise UserError(
                _("This conversation was already taken by %(agent)s.", agent=holder)
            )
        self.invalidate_cache()
        self.sudo()._assign(agent, "taken", by_agent=agent)
        return True

    def _assign(self, agent, event_type, by_agent=None, note=None):
        """Make ``agent`` the owner (state current) and notify."""
        previous = self.agent_id
        self.write({"agent_id": agent.id, "last_agent_id": agent.id,
                    "state": "current"})
        self._log_event(event_type, agent=by_agent or agent, note=note,
                        to_agent=agent)
        self._notify_assignment(previous, agent, event_type)

    def action_release(self):
        """Give the conversation back to the queue."""
        for conversation in self:
            conversation._check_owner_or_supervisor()
            previous = conversation.agent_id
            conversation.sudo().write({"agent_id": False, "state": "new"})
            conversation.sudo()._log_event("released", agent=previous)
            conversation._notify_assignment(previous, self.env["cc.agent"], "released")
        return True

    def _transfer(self, agent=None, team=None, reason=None):
        self.ensure_one()
        self._check_owner_or_supervisor()
        previous = self.agent_id
        vals = {}
        if team:
            vals["team_id"] = team.id
        if agent:
            if not agent._may_work(self.sudo().connector_id):
                raise UserError(_("%(agent)s may not work on this connector.",
                                  agent=agent.name))
            vals.update(agent_id=agent.id, last_agent_id=agent.id, state="current")
        else:
            vals.update(agent_id=False, state="new")
        self.sudo().write(vals)
        by = self.env["cc.agent"].sudo().search([("user_id", "=", self.env.uid)],
                                                limit=1)
        self.sudo()._log_event("transferred", agent=by or previous, note=reason,
                               to_agent=agent, team=team)
        self._notify_assignment(previous, agent or self.env["cc.agent"], "transferred")

    def action_close(self):
        closing = self.env["cc.stage"].search([("is_closing", "=", True)], limit=1)
        for conversation in self.filtered(lambda c: c.state != "done"):
            conversation._check_owner_or_supervisor()
            vals = {"state": "done", "unread_count": 0, "first_unanswered_date": False}
            if closing:
                vals["stage_id"] = closing.id
            conversation.sudo().write(vals)
            conversation.sudo()._log_event("closed")
            conversation._notify_assignment(
                conversation.agent_id, conversation.agent_id, "closed"
            )
        return True

    def action_reopen(self):
        for conversation in self.filtered(lambda c: c.state == "done"):
            conversation.sudo()._reopen(_("Reopened by %(user)s",
                                          user=self.env.user.name))
        return True

    def _reopen(self, note=None):
        """done -> new, next cycle; routed again by the team's assignment rule."""
        self.ensure_one()
        previous = self.agent_id
        self._reopen_row(previous, note)
        self._auto_assign()

    def _reopen_values(self):
        """Columns the reopening sets (besides ``cycle`` + 1 and the write
        stamps), as the ``write`` overrides would: each module adds its own
        (routing: queue and cycle dates; bot: its question cleared).
        ``None`` is SQL NULL. The default stage is never a closing one."""
        return {
            "state": "new",
            "agent_id": None,
            "stage_id": self.env["cc.stage"]._first_open_stage_id() or None,
        }

    def _reopen_row(self, previous, note):
        """done -> new, next cycle, and its "reopened" event row.

        With tracking off (the inbound path: the event rows are the history)
        in one statement, an ``UPDATE ... RETURNING`` feeding the event row's
        ``INSERT`` (``cc.message._cc_sql_columns``: the row ``_log_event``
        would create), instead of the ORM write and create (their Python was
        a fifth of a reopen's time). The written values go to the record
        cache and their dependents are marked as ``write`` would (no stored
        field is computed from them). A tracked reopen (an agent's) goes
        through ``write`` and ``_log_event``, so the chatter records it.
        Access is checked as ``write`` checks it.
        """
        values = self._reopen_values()
        Message = self.env["cc.message"].sudo()
        params = dict(values, cc_uid=self.env.uid, cc_id=self.id)
        event_vals, event_columns = None, None
        if self.env.context.get("mail_notrack") or self.env.context.get("tracking_disable"):
            event_vals, event_columns = Message._cc_sql_columns({
                "conversation_id": self.id, "direction": "internal",
                "message_type": "event", "state": "received",
                "event_type": "reopened", "event_agent_id": previous.id or False,
                "event_target_agent_id": False, "event_team_id": False,
                "body": note or "", "author_id": self.env.uid}, params, "cc_event_")
        if event_columns is None:
            vals = {name: False if value is None else value
                    for name, value in values.items()}
            self.with_context(cc_no_stage_close=True).write(
                dict(vals, cycle=self.cycle + 1))
            self._log_event("reopened", agent=previous, note=note)
            return
        self.check_access_rights("write")
        self.check_access_rule("write")
        names = list(values) + ["cycle", "write_uid", "write_date"]
        # Nothing pending on these columns may be overwritten later.
        self.flush(names, self)
        assignments = ", ".join('"%s" = %%(%s)s' % (name, name) for name in values)
        # The customer's message that reopens it (inbound path): inserted by
        # the same statement, after the event row (its id follows).
        pending = self.env.context.get("cc_reopen_message")
        message_vals, message_columns = None, None
        if pending is not None and pending.get("vals") is not None:
            message_vals, message_columns = Message._cc_sql_columns(
                pending["vals"], params, "cc_msg_")
        query = (
            "WITH conv AS (UPDATE cc_conversation SET " + assignments + ","
            " cycle = COALESCE(cycle, 0) + 1, write_uid = %(cc_uid)s,"
            " write_date = now() at time zone 'UTC'"
            " WHERE id = %(cc_id)s"
            " RETURNING id, cycle, connector_id, channel_kind, company_id) ")
        if message_columns is None:
            query += (Message._cc_sql_insert(event_columns)
                      + " RETURNING id, cycle, write_date")
        else:
            query += (", cc_event AS (" + Message._cc_sql_insert(event_columns)
                      + " RETURNING id) "
                      + Message._cc_sql_insert(message_columns) + ", cc_event"
                      " RETURNING (SELECT id FROM cc_event), cycle, write_date, id")
        self.env.cr.execute(query, params)
        row = self.env.cr.fetchone()
        event_id, cycle, now = row[:3]
        written = dict(values, cycle=cycle, write_uid=self.env.uid, write_date=now)
        self.invalidate_cache(names, self.ids)
        for name, value in written.items():
            field = self._fields[name]
            self.env.cache.set(self, field, field.convert_to_cache(
                False if value is None else value, self, validate=False))
        self.modified(names)
        Message.browse(event_id)._cc_sql_created(event_vals, self, now)
        if message_columns is not None:
            pending["message"] = Message.browse(row[3])._cc_sql_created(
                message_vals, self, now)

    def action_mark_read(self):
        unread = self.filtered("unread_count")
        unread.sudo().write({"unread_count": 0})
        unread._queue_provider_read()
        return True

    def write(self, vals):
        closing_ids = set()
        if vals.get("stage_id") and not self.env.context.get("cc_no_stage_close"):
            stage = self.env["cc.stage"].browse(vals["stage_id"])
            if stage.is_closing and vals.get("state") != "done":
                closing_ids = set(self.filtered(lambda c: c.state != "done").ids)
        result = super().write(vals)
        if closing_ids:
            self.browse(closing_ids).with_context(cc_no_stage_close=True).action_close()
        return result

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _check_owner_or_supervisor(self):
        if self.env.su or self._is_supervisor():
            return
        if self.agent_id.user_id != self.env.user:
            raise UserError(_("Only the agent handling this conversation or a "
                              "supervisor can do this."))

    def _check_can_send(self):
        """Only the owning agent (or a supervisor) sends on a current conversation."""
        self.ensure_one()
        if self.env.su or self._is_supervisor():
            return
        if self.state == "current" and self.agent_id.user_id != self.env.user:
            raise UserError(_("This conversation is handled by %(agent)s.",
                              agent=self.agent_id.name))
        if self.state != "current":
            raise UserError(_("Take the conversation before answering it."))

    # ------------------------------------------------------------------
    # Bus
    # ------------------------------------------------------------------
    def _bus_payload(self):
        self.ensure_one()
        return {
            "id": self.id,
            "state": self.state,
            "agent_id": self.agent_id.id,
            "connector_id": self.connector_id.id,
            "channel_kind": self.channel_kind,
            "unread_count": self.unread_count,
        }

    @contextmanager
    def _bus_batch(self):
        """Collect this conversation's bus notifications and send them in one
        ``INSERT`` at the end (a reopened conversation notifies its reopening
        and the message): the audiences are chosen by that same statement,
        each distinct audience once (``bus.bus._cc_send_batch_sql``).

        Yields the conversation in a context carrying the batch.
        """
        if self.env.context.get("cc_bus_batch") is not None:
            yield self  # an outer batch sends everything
            return
        batch = {"entries": []}
        yield self.with_context(cc_bus_batch=batch)
        self.env["bus.bus"].sudo()._cc_send_batch_sql(batch["entries"])

    def _audience_sql(self, agents=None, queue=False):
        """SQL (and its named params) of the partners who must hear about this
        conversation: ``agents`` (its owner, a previous owner...), the team's
        supervisors, and with ``queue`` every active agent allowed on the
        connector who may take it from the queue (a member of its team, or of
        no team)."""
        self.ensure_one()
        query = """
            SELECT DISTINCT u.partner_id
              FROM res_users u
             WHERE u.id IN (
                    SELECT a.user_id FROM cc_agent a WHERE a.id = ANY(%(agent_ids)s)
                    UNION ALL
                    SELECT s.user_id FROM cc_team_supervisor_rel s
                     WHERE s.team_id = %(team_id)s
                    UNION ALL
                    SELECT a.user_id
                      FROM cc_agent a
                      JOIN cc_agent_connector_rel ac ON ac.agent_id = a.id
                     WHERE %(queue)s AND a.active
                       AND ac.connector_id = %(connector_id)s
                       AND (%(team_id)s IS NULL
                            OR EXISTS (SELECT 1 FROM cc_agent_team_rel t
                                        WHERE t.agent_id = a.id
                                          AND t.team_id = %(team_id)s)
                            OR NOT EXISTS (SELECT 1 FROM cc_agent_team_rel t
                                            WHERE t.agent_id = a.id)))
        """
        params = {
            "agent_ids": list(agents.ids) if agents else [],
            "team_id": self.team_id.id or None,
            "queue": bool(queue),
            "connector_id": self.connector_id.id,
        }
        return query, params

    def _audience_key(self, agents=None, queue=False):
        """What makes two audiences of a bus batch the same."""
        return (self.id, tuple(sorted(agents.ids)) if agents else (), bool(queue),
                self.team_id.id, self.connector_id.id)

    def _notify_assignment(self, previous, agent, event):
        """The agents concerned, the supervisors and everyone who may take it
        from the queue: a conversation taken, assigned, transferred or closed
        leaves their Queue at once, a released one enters it."""
        self.ensure_one()
        payload = dict(self._bus_payload(), event=event)
        self._send_bus_to_audience(previous | agent, True,
                                   "cc.conversation/%s" % event, payload)

    def _notify_queue(self):
        self._send_bus_to_audience(None, True, "cc.conversation/new_in_queue")

    def _send_bus_to_audience(self, agents, queue, notification_type, payload=None):
        """Notify the audience (see ``_audience_sql``) in one query, or add
        to the bus batch in progress (sent in one INSERT at its end)."""
        query, params = self._audience_sql(agents, queue)
        batch = self.env.context.get("cc_bus_batch")
        if batch is not None:
            batch["entries"].append((self._audience_key(agents, queue), (query, params),
                                     notification_type, payload or self._bus_payload()))
            return
        self.env["bus.bus"].sudo()._cc_send_to_partners_sql(
            query, params, notification_type, payload or self._bus_payload())

    def _send_bus(self, partner_ids, notification_type, payload=None):
        """Notify partners (ids or records) on their own bus channel."""
        payload = payload or self._bus_payload()
        partners = self.env["res.partner"].browse(
            getattr(partner_ids, "ids", partner_ids))
        batch = self.env.context.get("cc_bus_batch")
        if batch is not None:
            batch["entries"].append((None, list(partners.ids), notification_type,
                                     payload))
            return
        notifications = [(partner, notification_type, payload) for partner in partners]
        self.env["bus.bus"].sudo()._cc_sendmany(notifications)
