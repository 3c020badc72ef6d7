# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of SLA targets/states and of the routing picks."""
from datetime import datetime, timezone

from cc_core.services import routing, sla
from cc_core.services.business_time import Schedule
from cc_core.services.routing import Candidate

POLICY = {"first": 10, "next": 5, "resolution": 120}
# Open 08:00-12:00 and 13:00-18:00 UTC, Monday to Friday.
OFFICE = Schedule({d: [(8, 12), (13, 18)] for d in range(5)}, tz=timezone.utc)


def test_first_then_next_response_targets():
    start = datetime(2026, 12, 7, 9, 0)
    first = sla.running_targets(POLICY, start, start, answered_in_cycle=False)
    assert [(t.kind, t.minutes) for t in first] == [("first", 10), ("resolution", 120)]
    following = sla.running_targets(POLICY, start, datetime(2026, 12, 7, 9, 30), True)
    assert [t.kind for t in following] == ["next", "resolution"]
    answered = sla.running_targets(POLICY, start, None, True)
    assert [t.kind for t in answered] == ["resolution"]
    assert sla.running_targets({"first": 0}, start, start, False) == []


def test_due_across_lunch_and_states():
    # Customer wrote at 11:55: 10 business minutes end at 13:05, at risk
    # (8 minutes) at 13:03.
    target = sla.Target("first", datetime(2026, 12, 7, 11, 55), 10)
    due = sla.due_of(target, OFFICE)
    assert due.due == datetime(2026, 12, 7, 13, 5)
    assert due.at_risk == datetime(2026, 12, 7, 13, 3)
    assert sla.state_at(due, datetime(2026, 12, 7, 12, 30)) == sla.ON_TIME
    assert sla.state_at(due, datetime(2026, 12, 7, 13, 3)) == sla.AT_RISK
    assert sla.state_at(due, datetime(2026, 12, 7, 13, 5)) == sla.BREACHED
    assert sla.met(due, datetime(2026, 12, 7, 13, 4))
    assert not sla.met(due, datetime(2026, 12, 7, 13, 6))


def test_earliest_due_is_shown():
    a = sla.Due("first", None, datetime(2026, 1, 2), None)
    b = sla.Due("resolution", None, datetime(2026, 1, 1), None)
    assert sla.earliest([a, b]) is b
    assert sla.earliest([]) is None


def test_least_loaded_never_above_capacity():
    candidates = [Candidate(1, 3, 3), Candidate(2, 2, 5), Candidate(3, 2, 4),
                  Candidate(4, 0, 0)]
    assert routing.pick("balanced", candidates) == 2  # tie on 2 open: more free slots
    assert routing.pick("balanced", [Candidate(1, 3, 3)]) is None


def test_round_robin_takes_turns_and_skips_full_agents():
    t = [datetime(2026, 12, 7, 9, m) for m in range(3)]
    candidates = [Candidate(5, 0, 2), Candidate(7, 2, 2), Candidate(9, 1, 2)]
    assert routing.pick("round_robin", candidates) == 5  # never assigned, lowest id
    turns = {5: t[2], 7: t[0], 9: t[1]}
    candidates = [c._replace(last_assigned=turns[c.agent_id]) for c in candidates]
    assert routing.pick("round_robin", candidates) == 9  # 7 waited longest but is full
    candidates = [c._replace(last_assigned=t[2] if c.agent_id == 9 else t[1])
                  if c.agent_id != 7 else c for c in candidates]
    assert routing.pick("round_robin", candidates) == 5
    assert routing.pick("manual", candidates) is None


def test_preferred_owner_only_with_a_free_slot():
    candidates = [Candidate(1, 2, 2), Candidate(2, 0, 2)]
    assert routing.preferred([1, 2], candidates) == 2  # salesperson full: last agent
    assert routing.preferred([3], candidates) is None  # offline: not a candidate
    assert routing.preferred([None, 2], candidates) == 2


def test_queue_position():
    assert routing.queue_position([11, 12, 13], 13) == 3
    assert routing.queue_position([11], 99) is None
