# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The live dashboard benchmark's Odoo-free part: arguments, SQL, verdict."""
import pytest

from tests.benchmarks import live_dashboard as bench


def _report(queries=(11, 12), ms=(40.0, 60.0)):
    return {"conversations": 5000, "messages": 180000, "agents": 42, "events": 90000,
            "calls": [{"who": who, "queries": q, "ms": m, "max_ms": m * 2}
                      for who, q, m in zip(("supervisor", "manager"), queries, ms)]}


def test_defaults_are_the_issue_figures():
    args = bench.parse_args(["--db", "x"])
    assert (args.conversations, args.messages) == (5000, 180000)
    assert args.addons_path.endswith(bench.ROOT)
    assert bench.FIGURES == {"queries": 15, "ms": 300}


@pytest.mark.parametrize("argv", [
    ["--db", "x", "--conversations", "0"],
    ["--db", "x", "--conversations", "100", "--messages", "50"],
    ["--db", "x", "--open", "6000"],
    ["--db", "x", "--agents", "0"],
])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_generated_sql_escapes_and_parameters():
    spread = bench.spread_sql(90)
    assert "90.0 / %(count)s" in spread and "c.rn" in spread
    opened = bench.open_sql()
    for name in ("connector", "open", "queued", "agent_ids", "at_risk", "breached"):
        assert "%%(%s)s" % name in opened
    # Literal percent signs are doubled for the driver's parameter syntax.
    for sql in (opened, bench.journal_sql(), bench.sla_results_sql(),
                bench.failed_sends_sql()):
        assert " % " not in sql.replace("%%", "")


def test_figures_met_and_missed():
    assert bench.check_figures(_report()) == []
    assert bench.format_report(_report()).splitlines()[-1].endswith("met")
    problems = bench.check_figures(_report(queries=(16, 12), ms=(40.0, 300.0)))
    assert problems == ["supervisor 16 queries > 15", "manager 300.0 ms >= 300"]
    assert "NOT met" in bench.format_report(_report(queries=(16, 12)))
