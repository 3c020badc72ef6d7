# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Which connectors were switched to the Contact Center, and when.

``cc_migration_switch``: one row per ChatRoom connector, with our connector,
the state (``switched`` / ``rolled_back``) and the dates. Like
``cc_migration_origin`` it belongs to the migration tool (no foreign key)
and may be dropped once ChatRoom is gone.
"""
TABLE = "cc_migration_switch"

_DDL = """
CREATE TABLE IF NOT EXISTS cc_migration_switch (
    chatroom_connector_id integer PRIMARY KEY,
    connector_id integer NOT NULL,
    state varchar NOT NULL,
    switched_at timestamp,
    rolled_back_at timestamp,
    chatroom_webhook_url varchar
);
"""


def ensure(cr):
    cr.execute(_DDL)


def exists(cr):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", (TABLE,))
    return cr.fetchone()[0]


def states(cr):
    """{chatroom connector id: row dict}."""
    if not exists(cr):
        return {}
    cr.execute("SELECT chatroom_connector_id, connector_id, state, switched_at, "
               "rolled_back_at, chatroom_webhook_url FROM cc_migration_switch")
    columns = ("chatroom_connector_id", "connector_id", "state", "switched_at",
               "rolled_back_at", "chatroom_webhook_url")
    return {row[0]: dict(zip(columns, row)) for row in cr.fetchall()}


def mark_switched(cr, chatroom_connector_id, connector_id, chatroom_webhook_url):
    """Switched now (a connector already switched keeps its first date)."""
    cr.execute("""
        INSERT INTO cc_migration_switch (chatroom_connector_id, connector_id, state,
                                         switched_at, chatroom_webhook_url)
        VALUES (%s, %s, 'switched', now() AT TIME ZONE 'UTC', %s)
        ON CONFLICT (chatroom_connector_id) DO UPDATE SET
            connector_id = EXCLUDED.connector_id,
            chatroom_webhook_url = EXCLUDED.chatroom_webhook_url,
            switched_at = CASE WHEN cc_migration_switch.state = 'switched'
                               THEN cc_migration_switch.switched_at
                               ELSE EXCLUDED.switched_at END,
            state = 'switched', rolled_back_at = NULL
    """, (chatroom_connector_id, connector_id, chatroom_webhook_url))


def mark_rolled_back(cr, chatroom_connector_id):
    cr.execute("UPDATE cc_migration_switch SET state = 'rolled_back', rolled_back_at = "
               "coalesce(CASE WHEN state = 'rolled_back' THEN rolled_back_at END, "
               "now() AT TIME ZONE 'UTC') WHERE chatroom_connector_id = %s",
               (chatroom_connector_id,))
