# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Where each migrated record came from: the migration's own bookkeeping table.

``cc_migration_origin`` maps a ChatRoom row (``source_table``, ``source_id``)
to the record made from it (``target_model``, ``target_id``), with the
source row's ``write_date`` at copy time. It is what makes the migration
idempotent (a mapped row is not copied again), resumable (rows of a batch are
mapped in the batch's transaction) and incremental (a newer source
``write_date`` means "copy the change"). Two ChatRoom conversations merged
into one cc_core conversation map to the same target.

No foreign key: cc_core records do not depend on this table, and this table
does not depend on ChatRoom's. Both may be dropped after the switch.
"""
from psycopg2.extras import execute_values

TABLE = "cc_migration_origin"
RUNS = "cc_migration_run"

_DDL = """
CREATE TABLE IF NOT EXISTS cc_migration_run (
    id serial PRIMARY KEY,
    command varchar NOT NULL,
    started_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    finished_at timestamp,
    status varchar NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS cc_migration_origin (
    id serial PRIMARY KEY,
    source_table varchar NOT NULL,
    source_id integer NOT NULL,
    target_model varchar NOT NULL,
    target_id integer NOT NULL,
    source_write_date timestamp,
    run_id integer NOT NULL,
    batch integer NOT NULL DEFAULT 0,
    migrated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT cc_migration_origin_source_unique UNIQUE (source_table, source_id)
);
CREATE INDEX IF NOT EXISTS cc_migration_origin_target_idx
    ON cc_migration_origin (target_model, target_id);
"""


def exists(cr):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", (TABLE,))
    return cr.fetchone()[0]


def ensure(cr):
    cr.execute(_DDL)


def start_run(cr, command):
    cr.execute("INSERT INTO cc_migration_run (command) VALUES (%s) RETURNING id",
               (command,))
    return cr.fetchone()[0]


def finish_run(cr, run_id, status):
    cr.execute(
        "UPDATE cc_migration_run SET finished_at = now() AT TIME ZONE 'UTC', "
        "status = %s WHERE id = %s", (status, run_id))


def lookup(cr, source_table, source_ids=None):
    """{source_id: (target_id, source_write_date)} of one source table."""
    if source_ids is not None and not source_ids:
        return {}
    if not exists(cr):
        return {}
    query = ("SELECT source_id, target_id, source_write_date FROM cc_migration_origin "
             "WHERE source_table = %s")
    params = [source_table]
    if source_ids is not None:
        query += " AND source_id = ANY(%s)"
        params.append(list(source_ids))
    cr.execute(query, params)
    return {row[0]: (row[1], row[2]) for row in cr.fetchall()}


def targets(cr, source_table, source_ids=None):
    """{source_id: target_id} of one source table."""
    return {k: v[0] for k, v in lookup(cr, source_table, source_ids).items()}


def record(cr, source_table, target_model, rows, run_id, batch=0):
    """Map ``rows`` = [(source_id, target_id, source_write_date)]; a row mapped
    before gets its new target/write date."""
    if not rows:
        return
    execute_values(
        cr._obj,
        "INSERT INTO cc_migration_origin (source_table, source_id, target_model, "
        "target_id, source_write_date, run_id, batch) VALUES %s "
        "ON CONFLICT (source_table, source_id) DO UPDATE SET "
        "target_id = EXCLUDED.target_id, target_model = EXCLUDED.target_model, "
        "source_write_date = EXCLUDED.source_write_date, run_id = EXCLUDED.run_id, "
        "batch = EXCLUDED.batch, migrated_at = now() AT TIME ZONE 'UTC'",
        [(source_table, s, target_model, t, w, run_id, batch) for s, t, w in rows],
        page_size=1000,
    )


def forget(cr, source_table, source_ids):
    if source_ids:
        cr.execute("DELETE FROM cc_migration_origin WHERE source_table = %s "
                   "AND source_id = ANY(%s)", (source_table, list(source_ids)))
