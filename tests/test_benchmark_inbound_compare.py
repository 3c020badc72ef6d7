# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The before/after inbound benchmark alternates fairly and derives the
ChatRoom ratio from the issue's figures, as documented."""
import pytest

from tests.benchmarks import inbound_compare as compare
from tests.benchmarks import inbound_webhooks as bench

TARGETS = ["--baseline", "http://127.0.0.1:1,db_then,then.log",
           "--current", "http://127.0.0.1:2,db_now,now.log"]


def test_runs_alternate_and_the_first_side_flips_every_round():
    runs = compare.schedule(3, [1, 4], ["open", "reopen"])
    assert len(runs) == 3 * 2 * 2 * 2
    firsts = [runs[i][3] for i in range(0, len(runs), 2)]
    assert firsts[:4] == ["baseline"] * 4 and firsts[4:8] == ["current"] * 4
    for i in range(0, len(runs), 2):  # the two sides of a pair back to back
        assert runs[i][:3] == runs[i + 1][:3]
        assert {runs[i][3], runs[i + 1][3]} == {"baseline", "current"}
    # a later batch (--previous) goes on flipping: round 3 starts with "current"
    later = compare.schedule(1, [1], ["open"], first_round=3)
    assert [r[3] for r in later] == ["current", "baseline"] and later[0][0] == 3


def _run(round_index, case, side, mps, ms=10.0, clients=1):
    return {"round": round_index, "clients": clients, "case": case, "side": side,
            "messages_per_second": mps, "request_ms_median": ms,
            "queries_per_request_median": 8 if side == "current" else 20}


def test_ratio_of_medians_with_per_round_spread_and_derived_chatroom_ratio():
    results = [_run(0, "open", "baseline", 10.0), _run(0, "open", "current", 30.0),
               _run(1, "open", "current", 20.0), _run(1, "open", "baseline", 5.0),
               _run(2, "open", "baseline", 8.0), _run(2, "open", "current", 16.0),
               _run(0, "reopen", "baseline", 4.0), _run(0, "reopen", "current", 12.0)]
    summary = compare.summarize(results, compare.THEN_VS_CHATROOM)
    open_case, reopen_case = summary
    assert open_case["sides"]["baseline"]["messages_per_second"]["median"] == 8.0
    assert open_case["sides"]["current"]["messages_per_second"]["median"] == 20.0
    assert open_case["ratio_of_medians"] == 2.5
    # per round: 3.0, 4.0, 2.0 -> median 3.0
    assert open_case["ratio_now_vs_then"] == 3.0
    assert open_case["ratio_per_round"]["min"] == 2.0
    assert open_case["ratio_per_round"]["max"] == 4.0
    assert open_case["derived_vs_chatroom"] == 3.6  # 3.0 x the 1.2
    assert reopen_case["derived_vs_chatroom"] == pytest.approx(2.49)  # 3 x 0.83
    text = compare.format_summary(summary, compare.THEN_VS_CHATROOM)
    assert "derived, not measured" in text


def test_arguments():
    args = compare.parse_args(TARGETS + ["--then-vs-chatroom", "open=1.5"])
    assert args.baseline == {"url": "http://127.0.0.1:1", "db": "db_then",
                             "log": "then.log"}
    assert args.then_vs_chatroom == {"open": 1.5}
    assert args.clients == [1, 4] and args.cases == ["open", "reopen"]
    with pytest.raises(SystemExit):
        compare.parse_args(["--baseline", "only-a-url"] + TARGETS[2:])
    with pytest.raises(SystemExit):
        compare.parse_args(TARGETS + ["--cases", "open,other"])


def test_request_times_read_from_odoo_access_log(tmp_path):
    log = tmp_path / "odoo.log"
    prefix = "2026-12-06 21:00:00,000 1 INFO db werkzeug: 127.0.0.1 - - [x] "
    log.write_text(
        prefix + '"POST /cc/webhook/K HTTP/1.1" 200 - 8 0.004 0.006\n'
        + prefix + '"POST /cc/webhook/K HTTP/1.1" 403 - 3 0.001 0.001\n'
        + prefix + '"POST /cc/webhook/K HTTP/1.1" 200 - 8 0.002 0.010\n')
    times = bench.request_times(str(log), 0, "K")
    assert [(round(sql, 1), round(total, 1)) for sql, total in times] == [
        (4.0, 10.0), (2.0, 12.0)]
