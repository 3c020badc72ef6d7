# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hot statements prepared once per kept connection, the same text otherwise."""
import pytest

from cc_core.services import prepared_sql

QUERY = """SELECT a.id FROM cc_agent a
            WHERE a.id != ALL(%(exclude)s) AND (%(team)s IS NULL OR a.team = %(team)s)
              AND a.name LIKE 'x%%'"""
TYPES = (("team", "integer"), ("exclude", "integer[]"))


class FakeConnection:
    pass


class FakeCursor:
    def __init__(self, kept=True, fail_prepare=False):
        self._cnx = FakeConnection()
        if kept:
            self._cnx.cc_prepared = set()
        self.fail_prepare = fail_prepare
        self.executed = []

    def execute(self, query, params=None):
        if query.startswith("PREPARE") and self.fail_prepare:
            raise RuntimeError("refused")
        self.executed.append((query, params))


def test_named_parameters_become_positions_in_the_declared_order():
    text = prepared_sql.positional(QUERY, ["team", "exclude"])
    assert "ALL($2)" in text
    assert "($1 IS NULL OR a.team = $1)" in text
    assert "LIKE 'x%'" in text and "%(" not in text


@pytest.mark.parametrize("query", ["SELECT %(undeclared)s", "SELECT 5 % 2"])
def test_undeclared_parameters_and_lone_percent_signs_are_refused(query):
    with pytest.raises(ValueError):
        prepared_sql.positional(query, ["team"])


def test_names_follow_the_text_and_the_types():
    name = prepared_sql.statement_name(QUERY, TYPES)
    assert name == prepared_sql.statement_name(QUERY, TYPES)
    assert name != prepared_sql.statement_name(QUERY + " ", TYPES)
    assert name != prepared_sql.statement_name(QUERY, (("team", "bigint"),) + TYPES[1:])
    assert name.startswith("cc_") and len(name) <= 63  # PostgreSQL's identifier limit


def test_any_other_cursor_runs_the_text_itself():
    cr = FakeCursor(kept=False)
    params = {"team": 3, "exclude": [1, 2]}
    prepared_sql.execute(cr, QUERY, params, TYPES)
    assert cr.executed == [(QUERY, params)]


def test_a_kept_connection_prepares_once_then_executes():
    cr = FakeCursor()
    prepared_sql.execute(cr, QUERY, {"team": None, "exclude": []}, TYPES)
    prepared_sql.execute(cr, QUERY, {"team": 7, "exclude": [4]}, TYPES)
    name = prepared_sql.statement_name(QUERY, TYPES)
    prepare, first, second = cr.executed
    assert prepare[0].startswith("PREPARE %s (integer, integer[]) AS SELECT" % name)
    assert prepare[1] is None  # no interpolation: its "%" stays as written
    assert first == ("EXECUTE %s (%%s, %%s)" % name, [None, []])
    assert second == ("EXECUTE %s (%%s, %%s)" % name, [7, [4]])
    assert cr._cnx.cc_prepared == {name}


def test_a_failed_prepare_is_not_taken_for_prepared():
    cr = FakeCursor(fail_prepare=True)
    with pytest.raises(RuntimeError):
        prepared_sql.execute(cr, QUERY, {"team": 1, "exclude": []}, TYPES)
    assert cr._cnx.cc_prepared == set()
    cr.fail_prepare = False
    prepared_sql.execute(cr, QUERY, {"team": 1, "exclude": []}, TYPES)
    assert cr.executed[0][0].startswith("PREPARE")


def test_a_statement_without_parameters():
    cr = FakeCursor()
    prepared_sql.execute(cr, "SELECT 1", {}, ())
    name = prepared_sql.statement_name("SELECT 1", ())
    assert [query for query, _params in cr.executed] == [
        "PREPARE %s AS SELECT 1" % name, "EXECUTE %s" % name]
