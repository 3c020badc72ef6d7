# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Routing of conversations: owner preference, team policy, the waiting queue.

A conversation becoming new is routed once (_auto_assign): to the
customer's owner (the contact's salesperson, then the last agent) when that
agent is online and below capacity, else per policy (round robin or least
loaded) among the team's agents; else it waits in the queue in arrival order
(queue_date). Whenever an agent frees a slot (close, release, transfer,
snooze, going online, more capacity) the oldest waiting conversation of his
teams goes to him (cc.agent._cc_drain_queue). A slot is taken under a
row lock of the agent, so two transactions never fill one slot twice.

Routing one conversation costs a constant number of queries: one for the
candidates (with their loads), two per agent tried (lock, recount), then the
assignment's write, event row and bus notification.
"""
import logging

from odoo import api, fields, models

from odoo.addons.bus.models.bus_presence import DISCONNECTION_TIMER

from ..services import prepared_sql
from ..services import routing as routing_service

_logger = logging.getLogger(__name__)

# Agent fields the routing queries read from the database.
_AGENT_FIELDS = ["active", "presence", "capacity", "team_ids", "connector_ids",
                 "skill_tag_ids"]

# SQL condition: conversation %(id)s may go to agent (alias a) by his skills.
_SKILL_MATCH = """
    (NOT EXISTS (SELECT 1 FROM cc_conversation_cc_tag_rel ct
                  WHERE ct.cc_conversation_id = %(id)s)
     OR EXISTS (SELECT 1 FROM cc_conversation_cc_tag_rel ct
                  JOIN cc_agent_skill_tag_rel st ON st.tag_id = ct.cc_tag_id
                 WHERE ct.cc_conversation_id = %(id)s AND st.agent_id = a.id))
"""
# SQL expression: conversations an agent (alias a) holds and must answer.
_OPEN_COUNT = """
    (SELECT count(*) FROM cc_conversation o
      WHERE o.agent_id = a.id AND o.state = 'current'
        AND NOT COALESCE(o.is_snoozed, false))
"""
# SQL condition: the agent's web client is connected (as Odoo's im_status).
_CONNECTED = """
    EXISTS (SELECT 1 FROM bus_presence p
             WHERE p.user_id = a.user_id
               AND p.last_poll > (now() at time zone 'UTC')
                                 - make_interval(secs => %(disconnection)s))
"""

# The candidates query's parameters, as its prepared form declares them.
_CANDIDATE_TYPES = (("id", "integer"), ("team", "integer"), ("connector", "integer"),
                    ("exclude", "integer[]"), ("disconnection", "integer"))


class _NoSlot(Exception):
    """The agent is full (or no longer online): undo his lock."""


class CcConversationRouting(models.Model):
    _inherit = "cc.conversation"

    queue_date = fields.Datetime(
        string="Waiting since", default=fields.Datetime.now, index=True, readonly=True,
        help="When the conversation entered the queue (arrival order).")
    assigned_date = fields.Datetime(readonly=True)
    cycle_start_date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    queue_position = fields.Integer(compute="_compute_queue_position")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("agent_id") and vals.get("state") == "current":
                vals.setdefault("assigned_date", fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        now = fields.Datetime.now()
        if vals.get("state") == "new":
            vals.setdefault("queue_date", now)
        if vals.get("state") == "current" and vals.get("agent_id"):
            vals.setdefault("assigned_date", now)
        if "cycle" in vals:
            vals.setdefault("cycle_start_date", now)
        return super().write(vals)

    def init(self):
        super().init()
        # The waiting queue in arrival order: routing reads its head.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cc_conversation_waiting_queue_idx "
            "ON cc_conversation (queue_date, id) "
            "WHERE state = 'new' AND agent_id IS NULL")

    def _reopen_values(self):
        # As ``write`` does for a conversation entering the queue in a new
        # cycle.
        now = fields.Datetime.now()
        return dict(super()._reopen_values(), queue_date=now, cycle_start_date=now)

    def _compute_queue_position(self):
        waiting = self.filtered(lambda c: c.state == "new" and not c.agent_id)
        (self - waiting).queue_position = 0
        for conversation in waiting:
            conversation.queue_position = conversation._queue_position()

    def _queue_position(self):
        """1-based place among the team's (or connector's) waiting conversations."""
        self.ensure_one()
        self.flush(["queue_date", "state", "agent_id", "is_snoozed"])
        self.env.cr.execute(
            """
            SELECT count(*) FROM cc_conversation c
             WHERE c.state = 'new' AND c.agent_id IS NULL
               AND NOT COALESCE(c.is_snoozed, false)
               AND (c.team_id = %(team)s OR (%(team)s IS NULL
                                             AND c.connector_id = %(connector)s))
               AND (c.queue_date, c.id) <= (%(date)s, %(id)s)
            """, {"team": self.team_id.id or None, "connector": self.connector_id.id,
                  "date": self.queue_date, "id": self.id})
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------------
    # Routing one conversation
    # ------------------------------------------------------------------
    def _routing_policy(self):
        return self.env["cc.connector"]._routing_policy_of(
            self.connector_id.sudo(), self.team_id.sudo())

    def _routing_candidates(self, exclude_agents=None):
        """Online, connected agents allowed on the connector (skilled when the
        team routes by skill) with their load: one query."""
        self.ensure_one()
        self.flush(["agent_id", "state", "is_snoozed", "tag_ids", "partner_id"])
        self.env["cc.agent"].flush(_AGENT_FIELDS)
        team = self.team_id.sudo()
        # The conversation's values as parameters, not joins: PostgreSQL
        # planned the joined form in about 1.1 ms for 0.2 ms of work (0.3
        # ms now); the skill match only when the team routes by skill.
        # Prepared once per kept webhook connection (its planning took 0.4
        # ms of a reopen's 8): services/prepared_sql.
        prepared_sql.execute(
            self.env.cr,
            """
            SELECT a.id, a.capacity, """ + _OPEN_COUNT + """ AS open_count,
                   a.last_assignment_date,
                   EXISTS (SELECT 1 FROM cc_agent_team_rel tr
                            WHERE tr.agent_id = a.id AND tr.team_id = %(team)s),
                   a.user_id = (SELECT p.user_id FROM cc_conversation c
                                  JOIN res_partner p ON p.id = c.partner_id
                                 WHERE c.id = %(id)s)
              FROM cc_agent_connector_rel ac
              JOIN cc_agent a ON a.id = ac.agent_id
             WHERE ac.connector_id = %(connector)s AND a.active
               AND a.presence = 'online' AND a.id != ALL(%(exclude)s)
               AND """ + _CONNECTED + (
                " AND " + _SKILL_MATCH if team.route_by_skill else "") + """
             ORDER BY a.id
            """,
            {"id": self.id, "team": team.id or None, "connector": self.connector_id.id,
             "exclude": list(exclude_agents.ids) if exclude_agents else [],
             "disconnection": DISCONNECTION_TIMER},
            _CANDIDATE_TYPES,
        )
        return self.env.cr.fetchall()

    def _auto_assign(self, exclude_agents=None):
        """Route a new conversation; never to an offline, paused or full
        agent. Returns the agent or an empty recordset (it then waits)."""
        self.ensure_one()
        Agent = self.env["cc.agent"].sudo()
        if self.state != "new" or self.agent_id or self.is_snoozed:
            return Agent
        team = self.team_id.sudo()
        if team and not team._cc_is_open():
            self._on_closed_hours()
            self._notify_queue()
            return Agent
        policy = self._routing_policy()
        keep_last = bool(team.keep_last_agent and self.last_agent_id)
        # Only the team's agents are picked by policy and only a team keeps
        # owners: without a team, or in a manual team keeping no owner, no
        # candidate could be chosen and their query (the costliest of a
        # reopen) is not run.
        if team and (team.keep_salesperson or keep_last
                     or policy in (routing_service.ROUND_ROBIN,
                                   routing_service.LEAST_LOADED)):
            rows = self._routing_candidates(exclude_agents)
        else:
            rows = []
        owners = []
        if team.keep_salesperson:
            owners += [row[0] for row in rows if row[5]]
        if keep_last:
            owners.append(self.last_agent_id.id)
        tried = set()
        for _attempt in range(len(rows)):
            candidates = [routing_service.Candidate(row[0], row[2], row[1], row[3])
                          for row in rows if row[0] not in tried]
            reason, agent_id = "owner", routing_service.preferred(owners, candidates)
            if not agent_id:
                in_team = {row[0] for row in rows if row[4]}
                reason = "policy"
                agent_id = routing_service.pick(
                    policy, [c for c in candidates if c.agent_id in in_team])
            if not agent_id:
                break
            agent = Agent.browse(agent_id)
            if agent._cc_lock_slot():
                self.with_context(cc_assignment_reason=reason)._assign(agent, "assigned")
                return agent
            tried.add(agent_id)
        self._notify_queue()
        self._send_queue_message()
        return Agent

    # ------------------------------------------------------------------
    # Slots freed: the queue moves
    # ------------------------------------------------------------------
    def action_take(self):
        return super(CcConversationRouting, self.with_context(
            cc_assignment_reason="manual")).action_take()

    def action_close(self):
        agents = self.mapped("agent_id")
        result = super().action_close()
        agents.sudo()._cc_drain_queue()
        return result

    def action_release(self):
        agents = self.mapped("agent_id")
        result = super().action_release()
        for conversation in self.sudo():
            conversation._auto_assign(exclude_agents=agents)
        agents.sudo()._cc_drain_queue(exclude=self)
        return result

    def _transfer(self, agent=None, team=None, reason=None):
        previous = self.agent_id
        result = super(CcConversationRouting, self.with_context(
            cc_assignment_reason="manual"))._transfer(agent=agent, team=team,
                                                      reason=reason)
        if not agent:
            self.sudo()._auto_assign(exclude_agents=previous)
        previous.sudo()._cc_drain_queue(exclude=self)
        return result

    def _release_automatically(self, note):
        """Back to the queue by a cron (agent silent or disconnected)."""
        self.ensure_one()
        conversation = self.sudo()
        previous = conversation.agent_id
        conversation.write({"agent_id": False, "state": "new"})
        conversation._log_event("unanswered", agent=previous, note=note)
        conversation._notify_assignment(previous, self.env["cc.agent"], "released")
        conversation._auto_assign(exclude_agents=previous)
        previous._cc_drain_queue(exclude=conversation)

    # ------------------------------------------------------------------
    # Automatic messages to the customer
    # ------------------------------------------------------------------
    def _send_queue_message(self):
        template = self.team_id.sudo().queue_message
        if not template:
            return False
        position = self._queue_position()
        return self._send_automatic(template.replace("{position}", str(position)))

    def _on_closed_hours(self):
        """Out-of-hours reply, once per closed period."""
        team = self.team_id.sudo()
        if not team.out_of_hours_message:
            return False
        now = fields.Datetime.now()
        period_start = team._cc_schedule(now).period_start(now)
        last = self.env["cc.message"].sudo().search([
            ("conversation_id", "=", self.id), ("is_automatic", "=", True),
            ("auto_kind", "=", "out_of_hours"),
            ("date", ">=", period_start or now)], limit=1)
        if last:
            return False
        return self._send_automatic(team.out_of_hours_message, kind="out_of_hours")

    def _send_automatic(self, body, kind="queue"):
        """Queue an automatic message; skipped (logged) when the channel
        refuses it (opt-out, closed WhatsApp window...). It is not an answer:
        SLA clocks and unanswered markers are left alone. Quiet hours are the
        outbox's (send windows)."""
        self.ensure_one()
        Message = self.env["cc.message"].sudo()
        try:
            self.sudo()._check_channel_rules(body, self.env["ir.attachment"], "text")
        except Exception as error:  # noqa: B902 - a refusal only skips the message
            _logger.info("Conversation %s: automatic %s message skipped (%s)",
                         self.id, kind, type(error).__name__)
            return False
        vals = dict(Message._outbound_vals(self, body, "text", None),
                    is_automatic=True, auto_kind=kind)
        message = Message.create(vals)
        Message._trigger_outbox()
        return message


class CcAgentRouting(models.Model):
    _inherit = "cc.agent"

    def _cc_lock_slot(self):
        """Lock the agent's row and tell whether he still has a free slot.

        The UPDATE serialises concurrent assignments to one agent (a waiter
        re-reads after the winner committed under READ COMMITTED; a
        REPEATABLE READ transaction gets a serialization error and is retried
        by Odoo) and stamps the round-robin turn.
        """
        self.ensure_one()
        self.env["cc.conversation"].flush(["agent_id", "state", "is_snoozed"])
        self.flush(_AGENT_FIELDS)
        # clock_timestamp(): two assignments in one transaction take turns too.
        try:
            # A full agent's lock is released at once (rolled-back savepoint),
            # so routing never keeps a full agent locked while it tries the
            # next one (two routings cannot wait for each other).
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "UPDATE cc_agent SET last_assignment_date = clock_timestamp() "
                    "at time zone 'UTC' WHERE id = %s AND active "
                    "AND presence = 'online' RETURNING capacity", (self.id,))
                row = self.env.cr.fetchone()
                if row:
                    self.env.cr.execute(
                        "SELECT count(*) FROM cc_conversation WHERE agent_id = %s "
                        "AND state = 'current' AND NOT COALESCE(is_snoozed, false)",
                        (self.id,))
                    row = row if self.env.cr.fetchone()[0] < row[0] else None
                if not row:
                    raise _NoSlot()
        except _NoSlot:
            return False
        finally:
            self.invalidate_cache(["last_assignment_date"], self.ids)
        return True

    def _cc_drain_queue(self, exclude=None, limit=50):
        """Give each agent the oldest waiting conversations of his teams (with
        an automatic policy, open now) while he has free slots."""
        assigned = self.env["cc.conversation"]
        for agent in self.sudo().filtered(lambda a: a.presence == "online"):
            if agent.user_id.im_status == "offline":
                continue
            teams = agent.team_ids.filtered(lambda t: t._cc_is_open())
            if not teams:
                continue
            for _index in range(limit):
                conversation = agent._cc_oldest_waiting(teams, exclude)
                if not conversation or not agent._cc_lock_slot():
                    break
                conversation.with_context(cc_assignment_reason="queue")._assign(
                    agent, "assigned")
                assigned |= conversation
        return assigned

    def _cc_oldest_waiting(self, teams, exclude=None):
        """Head of the queue for this agent, locked (SKIP LOCKED: a row another
        transaction is assigning is passed over). Policies and skills are
        resolved first so that one ordered scan of the waiting-queue index
        finds it."""
        self.ensure_one()
        self.env["cc.conversation"].flush()
        self.flush(_AGENT_FIELDS)
        auto_teams = teams.filtered(lambda t: t.assignment_policy != "manual")
        connectors = self.with_context(active_test=False).connector_ids
        any_team = connectors.filtered(lambda k: k.assignment_policy_override
                                       and k.assignment_policy_override != "manual")
        team_policy = connectors.filtered(lambda k: not k.assignment_policy_override)
        self.env.cr.execute(
            """
            SELECT c.id FROM cc_conversation c
             WHERE c.state = 'new' AND c.agent_id IS NULL
               AND NOT COALESCE(c.is_snoozed, false)
               AND c.team_id = ANY(%(teams)s)
               AND c.id != ALL(%(exclude)s)
               AND (c.connector_id = ANY(%(any_team)s)
                    OR (c.connector_id = ANY(%(team_policy)s)
                        AND c.team_id = ANY(%(auto_teams)s)))
               AND (c.team_id != ALL(%(skill_teams)s)
                    OR NOT EXISTS (SELECT 1 FROM cc_conversation_cc_tag_rel ct
                                    WHERE ct.cc_conversation_id = c.id)
                    OR EXISTS (SELECT 1 FROM cc_conversation_cc_tag_rel ct
                                 JOIN cc_agent_skill_tag_rel st
                                   ON st.tag_id = ct.cc_tag_id
                                WHERE ct.cc_conversation_id = c.id
                                  AND st.agent_id = %(agent)s))
             ORDER BY c.queue_date, c.id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """,
            {"agent": self.id, "teams": teams.ids,
             "exclude": list(exclude.ids) if exclude else [],
             "any_team": any_team.ids, "team_policy": team_policy.ids,
             "auto_teams": auto_teams.ids,
             "skill_teams": teams.filtered("route_by_skill").ids})
        row = self.env.cr.fetchone()
        return self.env["cc.conversation"].sudo().browse(row[0] if row else [])

    @api.model
    def _cron_drain_queue(self, limit=200):
        """Safety net: routes what waits when teams open or agents reconnect
        (at most ``limit`` assignments per pass; the next pass goes on)."""
        assigned = self.env["cc.conversation"]
        for agent in self.sudo().search([("presence", "=", "online")],
                                        order="last_assignment_date, id"):
            if len(assigned) >= limit:
                break
            assigned |= agent._cc_drain_queue(limit=limit - len(assigned))
        return assigned
