# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The workspace benchmark's Odoo-free part: arguments, SQL, verdict."""
import pytest

from tests.benchmarks import workspace as bench


def _report(opens=(9, 9), page=2, older=2, post=14):
    return {
        "conversations": 5000, "messages": 180000,
        "open": [{"open_conversations": n, "queries": q, "ms": 1.0}
                 for n, q in zip((20, 2000), opens)],
        "thread_page": {"queries": page, "ms": 1.0},
        "thread_older_page": {"queries": older, "ms": 1.0},
        "post": {"queries": post, "ms": 1.0},
        "search": {"queries": 3, "ms": 1.0},
    }


def test_defaults_are_the_issue_figures():
    args = bench.parse_args(["--db", "x"])
    assert (args.conversations, args.messages, args.open) == (5000, 180000, [20, 2000])
    assert args.addons_path.endswith(bench.ROOT)


@pytest.mark.parametrize("argv", [
    ["--db", "x", "--conversations", "0"],
    ["--db", "x", "--conversations", "100", "--messages", "50"],
    ["--db", "x", "--conversations", "1000", "--open", "20", "950"],
    ["--db", "x", "--repeat", "0"],
])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_generated_sql_counts_and_escapes():
    assert "generate_series(1, 5000)" in bench.conversations_sql(5000)
    sql = bench.messages_sql(36)
    assert "generate_series(1, 36)" in sql
    # Literal percent signs are doubled for the driver's parameter syntax.
    assert "i %% 2" in sql and "i % 2 " not in sql
    for name in ("open", "queue", "agent", "connector"):
        assert "%%(%s)s" % name in bench.assignment_sql()


def test_figures_met_and_missed():
    assert bench.check_figures(_report()) == []
    assert "met" in bench.format_report(_report()).splitlines()[-1]
    problems = bench.check_figures(_report(opens=(9, 13), page=9, post=16))
    assert any("open 13 > 12" in p for p in problems)
    assert any("depends on the number of conversations" in p for p in problems)
    assert any("thread_page 9 > 8" in p for p in problems)
    assert any("post 16 > 15" in p for p in problems)
    assert "NOT met" in bench.format_report(_report(post=16))
