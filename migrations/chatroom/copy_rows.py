# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Copy rows of a standard table (attachments, chatter) inside the database.

``INSERT ... SELECT`` copies every column of the source row, whatever module
added it, except the ones given in ``overrides`` (SQL expressions that may
use the per-row parameters ``v.<name>``). Nothing leaves PostgreSQL: an
attachment copy shares ``store_fname`` (no file is copied), a DB-stored one
its bytes.

Copies keep the source row's ``create_uid``/``create_date`` (they are the
same document, e.g. the chatter shows who wrote a note when) and get the
migration's ``write_uid``/``write_date``.
"""
from psycopg2.extras import execute_values

PAGE_SIZE = 1000


def table_columns(cr, table):
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = %s
         ORDER BY ordinal_position
    """, (table,))
    return [row[0] for row in cr.fetchall()]


def copy_rows(cr, table, rows, params, overrides, uid):
    """Copy ``rows`` of ``table``.

    ``rows``: tuples ``(source_id, new_id, *param values)``; ``params``: the
    ``(name, sql type)`` of the extra values; ``overrides``: ``{column: SQL
    expression}`` replacing the copied value.
    """
    if not rows:
        return
    columns = [c for c in table_columns(cr, table) if c != "id"]
    overrides = dict(overrides)
    overrides.setdefault("write_uid", "%d" % int(uid))
    overrides.setdefault("write_date", "(now() AT TIME ZONE 'UTC')")
    selected = [overrides.get(c, 's."%s"' % c) for c in columns]
    names = ["src", "new_id"] + [name for name, _type in params]
    template = "(%s::int4, %s::int4" + "".join(
        ", %%s::%s" % sql_type for _name, sql_type in params) + ")"
    query = (
        'INSERT INTO "{table}" (id, {columns}) '
        'SELECT v.new_id, {selected} FROM (VALUES %s) AS v ({names}) '
        'JOIN "{table}" s ON s.id = v.src'
    ).format(table=table, columns=", ".join('"%s"' % c for c in columns),
             selected=", ".join(selected), names=", ".join(names))
    execute_values(cr._obj, query, rows, template=template, page_size=PAGE_SIZE)


def refresh_rows(cr, table, pairs, keep, uid):
    """Copy again the source values of ``pairs`` = [(source_id, target_id)] onto
    their targets, except the columns in ``keep`` (owner, ids...)."""
    if not pairs:
        return
    keep = set(keep) | {"id", "create_uid", "create_date", "write_uid", "write_date"}
    all_columns = table_columns(cr, table)
    sets = ['"%s" = s."%s"' % (c, c) for c in all_columns if c not in keep]
    if "write_uid" in all_columns:
        sets += ["write_uid = %d" % int(uid), "write_date = (now() AT TIME ZONE 'UTC')"]
    query = (
        'UPDATE "{table}" t SET {sets} '
        'FROM (VALUES %s) AS v (src, dst) JOIN "{table}" s ON s.id = v.src '
        'WHERE t.id = v.dst'
    ).format(table=table, sets=", ".join(sets))
    execute_values(cr._obj, query, pairs, template="(%s::int4, %s::int4)",
                   page_size=PAGE_SIZE)
