# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixtures of the migration's Odoo tests (pytest with Odoo's Python).

They need a real database with cc_core installed, named by
``CC_MIGRATION_TEMPLATE_DB`` (``./test.sh`` passes the database of its Odoo
suite), plus ``CC_ODOO_ADDONS_PATH`` and ``CC_ODOO_DATA_DIR``. Each test
module works on its own copy of that database (``createdb -T``, filestore
copied) with ChatRoom's tables created by ``fake_chatroom``; the copy is
dropped afterwards. Without Odoo or without that database every test is
skipped, with the reason.
"""
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE = os.environ.get("CC_MIGRATION_TEMPLATE_DB")
ADDONS_PATH = os.environ.get("CC_ODOO_ADDONS_PATH")
DATA_DIR = os.environ.get("CC_ODOO_DATA_DIR")


def _skip_reason():
    try:
        import odoo  # noqa: F401
    except ImportError:
        return "Odoo is not importable (run with Odoo's python, PYTHONPATH=<odoo dir>)"
    if not (TEMPLATE and ADDONS_PATH and DATA_DIR):
        return ("CC_MIGRATION_TEMPLATE_DB, CC_ODOO_ADDONS_PATH and CC_ODOO_DATA_DIR must "
                "name a database with cc_core installed (./test.sh sets them)")
    return None


SKIP_REASON = _skip_reason()


class _SkippedModule(pytest.Module):
    """A test module that cannot even be imported here (it imports Odoo)."""

    def collect(self):
        pytest.skip(SKIP_REASON)


def pytest_pycollect_makemodule(module_path, parent):
    if SKIP_REASON:
        return _SkippedModule.from_parent(parent, path=module_path)
    return None


@pytest.fixture(scope="session")
def odoo_conf(tmp_path_factory):
    path = tmp_path_factory.mktemp("odoo") / "odoo.conf"
    path.write_text(
        "[options]\n"
        "addons_path = %s\n"
        "data_dir = %s\n"
        "http_interface = 127.0.0.1\n"
        "max_cron_threads = 0\n"
        "log_level = warn\n"
        "log_handler = :WARNING,odoo.modules.loading:CRITICAL\n" % (ADDONS_PATH, DATA_DIR))
    return str(path)


class Database:
    """A scratch copy of the template database."""

    def __init__(self, conf, name):
        self.conf = conf
        self.name = name

    def create(self, template=TEMPLATE):
        subprocess.run(["createdb", "-T", template, self.name], check=True)
        source = os.path.join(DATA_DIR, "filestore", template)
        target = os.path.join(DATA_DIR, "filestore", self.name)
        shutil.rmtree(target, ignore_errors=True)
        if os.path.isdir(source):
            shutil.copytree(source, target)
        return self

    def copy(self, name):
        """Another database copied from this one (closes our connections first)."""
        self.close()
        return Database(self.conf, name).create(template=self.name)

    def close(self):
        import odoo

        odoo.modules.registry.Registry.delete(self.name)
        odoo.sql_db.close_db(self.name)

    def drop(self):
        self.close()
        subprocess.run(["dropdb", "--if-exists", "--force", self.name], check=False)
        shutil.rmtree(os.path.join(DATA_DIR, "filestore", self.name), ignore_errors=True)

    def env(self):
        """``with db.env() as env:`` a superuser environment (rolled back unless
        committed)."""
        from migrations.chatroom.odoo_env import environment

        return environment(self.conf, self.name)

    def cli_module(self, module, command, tmp_path, *extra):
        """Run ``python -m <module> <command>``; returns (status, report, output)."""
        report = str(tmp_path / ("%s-%s.json" % (command, uuid.uuid4().hex[:6])))
        result = subprocess.run(
            [sys.executable, "-m", module, command, "--config", self.conf,
             "--database", self.name, "--report", report] + list(extra),
            cwd=REPO, env=dict(os.environ, PYTHONUNBUFFERED="1"),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with open(report, encoding="utf-8") as handle:
            return result.returncode, json.load(handle), result.stdout

    def cli(self, command, tmp_path, *extra, check_status=None):
        """Run ``python -m migrations.chatroom`` as ops do; returns (status, report)."""
        report = str(tmp_path / ("%s-%s.json" % (command, uuid.uuid4().hex[:6])))
        result = subprocess.run(
            [sys.executable, "-m", "migrations.chatroom", command, "--config", self.conf,
             "--database", self.name, "--report", report] + list(extra),
            cwd=REPO, env=dict(os.environ, PYTHONUNBUFFERED="1"),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if check_status is not None:
            assert result.returncode == check_status, result.stdout[-3000:]
        with open(report, encoding="utf-8") as handle:
            return result.returncode, json.load(handle), result.stdout


@pytest.fixture(scope="module")
def database_factory(odoo_conf):
    created = []

    def make(suffix):
        name = "cc_mig_%s_%s_%s" % (suffix, os.getpid(), uuid.uuid4().hex[:6])
        database = Database(odoo_conf, name).create()
        created.append(database)
        return database

    yield make
    for database in created:
        database.drop()


def snapshot(cr, data_dir, database):
    """Row counts, last write dates and sequence values of every table, and the
    filestore's file list: what "writes nothing" is checked against."""
    cr.execute("""
        SELECT c.relname, c.relkind FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'S')
         ORDER BY c.relname
    """)
    state = {}
    for name, kind in cr.fetchall():
        if kind == "S":
            cr.execute('SELECT last_value, is_called FROM "%s"' % name)
            state[name] = cr.fetchone()
            continue
        cr.execute("SELECT column_name FROM information_schema.columns "
                   "WHERE table_name = %s AND column_name = 'write_date'", (name,))
        if cr.fetchone():
            cr.execute('SELECT count(*), max(write_date) FROM "%s"' % name)
        else:
            cr.execute('SELECT count(*) FROM "%s"' % name)
        state[name] = cr.fetchone()
    files = []
    root = os.path.join(data_dir, "filestore", database)
    for dirpath, _dirs, names in os.walk(root):
        files.extend(os.path.join(dirpath, n) for n in names)
    state["<filestore>"] = sorted(files)
    return state
