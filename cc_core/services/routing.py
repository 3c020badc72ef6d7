# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Which agent gets the next conversation, from plain data.

A candidate is a ``Candidate(agent_id, open_count, capacity, last_assigned)``
of an agent already known to be online, allowed on the conversation's
connector (and skilled for it when the team asks so); ``last_assigned`` is
when the agent last received a conversation automatically (None: never).
Nobody is ever picked at or above capacity.
"""
from collections import namedtuple

Candidate = namedtuple("Candidate", "agent_id open_count capacity last_assigned")
Candidate.__new__.__defaults__ = (None,)

MANUAL, ROUND_ROBIN, LEAST_LOADED = "manual", "round_robin", "balanced"


def free(candidates):
    return [c for c in candidates if c.open_count < c.capacity]


def pick_least_loaded(candidates):
    """Fewest open conversations; ties: most free slots, then lowest id."""
    eligible = free(candidates)
    if not eligible:
        return None
    best = min(eligible, key=lambda c: (c.open_count, -(c.capacity - c.open_count),
                                        c.agent_id))
    return best.agent_id


def pick_round_robin(candidates):
    """The free agent who waited longest since his last automatic assignment
    (never assigned first, then by id): agents take turns in a cycle without
    a shared pointer that every assignment would have to lock."""
    eligible = free(candidates)
    if not eligible:
        return None
    never = [c for c in eligible if c.last_assigned is None]
    if never:
        return min(never, key=lambda c: c.agent_id).agent_id
    return min(eligible, key=lambda c: (c.last_assigned, c.agent_id)).agent_id


def pick(policy, candidates):
    """Agent id per ``policy`` or None (manual teams never pick)."""
    if policy == ROUND_ROBIN:
        return pick_round_robin(candidates)
    if policy == LEAST_LOADED:
        return pick_least_loaded(candidates)
    return None


def preferred(owner_ids, candidates):
    """First of ``owner_ids`` (in preference order: the partner's salesperson,
    then the customer's last agent) that is a candidate with a free slot."""
    by_id = {c.agent_id: c for c in free(candidates)}
    for agent_id in owner_ids:
        if agent_id and agent_id in by_id:
            return agent_id
    return None


def queue_position(waiting_ids, conversation_id):
    """1-based place of a conversation among waiting ids in arrival order."""
    try:
        return list(waiting_ids).index(conversation_id) + 1
    except ValueError:
        return None
