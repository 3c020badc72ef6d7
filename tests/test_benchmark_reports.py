# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reports benchmark's Odoo-free part: arguments, SQL, verdict."""
import re

import pytest

from tests.benchmarks import reports as bench


def _report(ms=50.0):
    return {"days": 91, "conversations": 5000, "messages": 180000, "cycles": 5961,
            "sla": 11306, "presence": 4560, "refresh_ms": 9000.0,
            "reports": [{"model": "cc.service.report", "view": "team_id x -",
                         "manager_ms": 40.0, "supervisor_ms": ms}]}


def test_defaults_are_the_issue_figures():
    args = bench.parse_args(["--db", "x"])
    assert (args.conversations, args.messages, args.days) == (5000, 180000, 91)


@pytest.mark.parametrize("argv", [
    ["--db", "x", "--conversations", "0"],
    ["--db", "x", "--conversations", "100", "--messages", "300"],
    ["--db", "x", "--days", "3"],
    ["--db", "x", "--repeat", "0"],
])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_generated_sql():
    assert "generate_series(1, 5000)" in bench.plan_sql(5000, 91)
    assert "floor(random() * 91)" in bench.plan_sql(5000, 91)
    sql = bench.messages_sql(36)
    assert "generate_series(1, 36)" in sql and "i > 18" in sql
    # Literal percent signs are doubled for the driver's parameter syntax.
    for text in (sql, bench.plan_sql(10, 10), bench.sla_sql()):
        assert "%%" in text and not re.search(r"(?<!%)% ", text)
    assert "'closed'" in bench.events_sql()
    assert "ISODOW FROM d) < 6" in bench.presence_sql(91)


def test_every_report_opens_on_measures_it_has():
    models = {model for model, _rows, _cols, _measures in bench.REPORTS}
    assert models == {"cc.volume.report", "cc.service.report", "cc.sla.report",
                      "cc.agent.report", "cc.presence.report", "cc.occupancy.report",
                      "cc.cost.report"}


def test_figure_met_and_missed():
    assert bench.check_figures(_report()) == []
    assert bench.format_report(_report()).splitlines()[-1].endswith("met")
    problems = bench.check_figures(_report(ms=1200.0))
    assert problems == ["cc.service.report team_id x - 1200 ms"]
    assert "NOT met" in bench.format_report(_report(ms=1200.0))
