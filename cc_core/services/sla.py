# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SLA targets of a conversation and their state, in business time.

A conversation has at most one running response target (the first response
of its cycle, or the next response after a customer message once answered
before) and one resolution target (from the start of its cycle to closing).
The one due first is shown. A target is *at risk* once ``at_risk_ratio`` of
its business time is spent, *breached* once due.
"""
from collections import namedtuple

Target = namedtuple("Target", "kind start minutes")
Due = namedtuple("Due", "kind start due at_risk")

ON_TIME, AT_RISK, BREACHED = "on_time", "at_risk", "breached"


def running_targets(policy, cycle_start, unanswered_since, answered_in_cycle):
    """Targets running for a conversation.

    ``policy`` maps ``first``, ``next`` and ``resolution`` to minutes (0 or
    None: no target); ``unanswered_since`` is the oldest unanswered customer
    message (None when answered); ``answered_in_cycle`` tells a first from a
    next response.
    """
    targets = []
    if unanswered_since:
        kind = "next" if answered_in_cycle else "first"
        if policy.get(kind):
            targets.append(Target(kind, unanswered_since, policy[kind]))
    if cycle_start and policy.get("resolution"):
        targets.append(Target("resolution", cycle_start, policy["resolution"]))
    return targets


def due_of(target, schedule, at_risk_ratio=0.8):
    """Due and at-risk moments of a target over ``schedule`` (business time)."""
    due = schedule.add_minutes(target.start, target.minutes)
    at_risk = schedule.add_minutes(target.start, target.minutes * at_risk_ratio)
    return Due(target.kind, target.start, due, at_risk)


def earliest(dues):
    """The due that comes first (None for none)."""
    dues = [d for d in dues if d.due]
    return min(dues, key=lambda d: d.due) if dues else None


def state_at(due, now):
    """on_time / at_risk / breached of a ``Due`` at ``now``."""
    if now >= due.due:
        return BREACHED
    if due.at_risk and now >= due.at_risk:
        return AT_RISK
    return ON_TIME


def met(due, done_at):
    """Whether the target was met when it was fulfilled at ``done_at``."""
    return done_at <= due.due
