# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A migration killed or failing half-way finishes on the next run: no
duplicate, no gap."""
import os
import signal
import subprocess
import sys

import pytest

from migrations.chatroom import benchmark, runner, verify
from migrations.chatroom.load_chatter import ChatterSync
from migrations.chatroom.report import Report

from .conftest import REPO


def copy_counts(cr):
    """(ChatRoom messages, mapped messages, cc messages of migrated conversations,
    duplicates)."""
    cr.execute("SELECT count(*) FROM acrux_chat_message")
    source = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM cc_migration_origin WHERE source_table = "
               "'acrux_chat_message'")
    mapped = cr.fetchone()[0]
    cr.execute("""
        SELECT count(*) FROM cc_message WHERE conversation_id IN (
            SELECT target_id FROM cc_migration_origin
             WHERE source_table = 'acrux_chat_conversation')
    """)
    copied = cr.fetchone()[0]
    cr.execute("""
        SELECT count(*) FROM (SELECT target_id FROM cc_migration_origin
                               WHERE source_table = 'acrux_chat_message'
                               GROUP BY target_id HAVING count(*) > 1) d
    """)
    return source, mapped, copied, cr.fetchone()[0]


@pytest.fixture(scope="module")
def volume_db(database_factory):
    db = database_factory("resume")
    with db.env() as env:
        benchmark.generate(env, conversations=120, messages=3000)
        env.cr.commit()
    return db


def test_killed_run_resumes_without_duplicate_or_gap(volume_db, tmp_path):
    db = volume_db
    process = subprocess.Popen(
        [sys.executable, "-m", "migrations.chatroom", "migrate", "--config", db.conf,
         "--database", db.name, "--batch-size", "5", "--report", str(tmp_path / "k.json")],
        cwd=REPO, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("conversations: ") and "/" in line:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL, "".join(seen[-20:])
    with db.env() as env:
        source, mapped, copied, duplicates = copy_counts(env.cr)
        # killed half-way: some batches committed, not all
        assert 0 < mapped < source
        # every copied message is mapped (the killed batch left nothing behind)
        assert copied == mapped
        assert duplicates == 0
    status, report, output = db.cli("migrate", tmp_path)
    assert status == 0, output[-3000:]
    assert report["verify"]["ok"] is True
    with db.env() as env:
        source, mapped, copied, duplicates = copy_counts(env.cr)
        assert source == mapped == copied
        assert duplicates == 0


def test_failure_inside_a_batch_rolls_it_back(database_factory, monkeypatch):
    db = database_factory("fail")
    with db.env() as env:
        benchmark.generate(env, conversations=40, messages=600)
        env.cr.commit()
    calls = []
    original = ChatterSync.run

    def failing_run(self, groups, batch_no):
        calls.append(batch_no)
        if len(calls) == 2:
            raise RuntimeError("disk full (simulated)")
        return original(self, groups, batch_no)

    monkeypatch.setattr(ChatterSync, "run", failing_run)
    with db.env() as env:
        with pytest.raises(RuntimeError):
            runner.migrate(env, db.name, Report("migrate", db.name), write=lambda line: None,
                           batch_size=10)
    with db.env() as env:
        source, mapped, copied, duplicates = copy_counts(env.cr)
        env.cr.execute("SELECT count(*) FROM cc_migration_origin "
                       "WHERE source_table = 'acrux_chat_conversation'")
        assert env.cr.fetchone()[0] == 10       # batch 1 committed, batch 2 rolled back
        assert 0 < mapped == copied < source
        assert duplicates == 0
        env.cr.execute("SELECT pg_try_advisory_lock(%s)", (runner.LOCK_KEY,))
        assert env.cr.fetchone()[0], "the lock of the failed run was released"
        env.cr.execute("SELECT pg_advisory_unlock(%s)", (runner.LOCK_KEY,))
    monkeypatch.setattr(ChatterSync, "run", original)
    with db.env() as env:
        report = Report("migrate", db.name)
        runner.migrate(env, db.name, report, write=lambda line: None, batch_size=10)
        assert verify.verify(env, report), report.data["verify"]
        source, mapped, copied, duplicates = copy_counts(env.cr)
        assert source == mapped == copied and duplicates == 0


def test_one_migration_at_a_time(volume_db):
    with volume_db.env() as env:
        env.cr.execute("SELECT pg_advisory_lock(%s)", (runner.LOCK_KEY,))
        try:
            with volume_db.env() as other:
                with pytest.raises(runner.PreflightError, match="another migration"):
                    runner.migrate(other, volume_db.name, Report("migrate", volume_db.name),
                                   write=lambda line: None)
        finally:
            env.cr.execute("SELECT pg_advisory_unlock(%s)", (runner.LOCK_KEY,))


def test_without_chatroom_nothing_runs(database_factory, tmp_path):
    db = database_factory("empty")
    status, report, output = db.cli("check", tmp_path)
    assert status == 2, output[-2000:]
    assert "ChatRoom tables missing" in report["errors"][0]
    status, report, _output = db.cli("verify", tmp_path)
    assert status == 1
    assert report["verify"]["differences"][0]["kind"] == "chatroom_tables_missing"
