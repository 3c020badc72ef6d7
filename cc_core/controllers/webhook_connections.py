# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Database connections kept for webhook requests, reused without a reset.

Odoo's connection pool resets a connection each time it lends it (psycopg2's
``reset()``: ``DISCARD ALL``). That also throws away the plans PostgreSQL
keeps for the session, among them those of the foreign-key checks every
``INSERT`` runs (a message row checks a dozen keys): each webhook request
planned them all again, about 0.7 ms of a 7 ms request
(``tests/benchmarks/inbound_profile.py``, with and without).

Webhook requests served by ``webhook_dispatch`` therefore take their cursor
on a connection of their own (per process and database; a few when threads
serve webhooks at the same time), handed back after the request and reused
as it is. Nothing our webhook path runs leaves session state behind (every
setting it changes is ``SET LOCAL``/``set_config(..., true)``, its advisory
locks are transaction locks), and the cursor's close rolls back whatever
was left open. Before a kept connection is lent again it must be idle, its
socket must hold nothing to read (a backend that was terminated, or a
server that went away, has sent its goodbye or closed the socket: such a
connection is closed, a new one opened) and it must not have waited longer
than ``MAX_IDLE_SECONDS`` (past that it is reset as Odoo would, which also
proves it alive). When another process changes the registry (modules
installed, upgraded, removed), ``forget_sessions`` ends them all: the
tables their prepared statements were planned for may have changed.

Their sessions living on, hot statements can be prepared once per
connection (``services/prepared_sql``: the routing candidates' query).

Odoo's tests (one shared transaction) and ``cc_webhook_keep_connections =
False`` in Odoo's configuration file use Odoo's own cursors.
"""
import logging
import os
import select
import threading
import time

import psycopg2
import psycopg2.extensions

from odoo import sql_db
from odoo.tools import config

from ..services import switches

_logger = logging.getLogger(__name__)

MAX_IDLE_SECONDS = 60
MAX_KEPT = 4  # per database: more only while threads serve webhooks at once


def enabled():
    return switches.is_on(config.get("cc_webhook_keep_connections", True))


def _has_pending_input(connection):
    """True when the server sent something to an idle connection (its
    termination notice, or the end of the stream)."""
    try:
        readable, _writable, _errors = select.select([connection.fileno()], [], [], 0)
    except (OSError, ValueError, psycopg2.Error):
        return True
    return bool(readable)


class KeptConnections:
    """The connections of one database kept for webhook requests; the
    ``pool`` of the cursors made by ``cursor()`` (Odoo's ``Cursor`` borrows
    its connection from it and gives it back when closed)."""

    def __init__(self, dbname, dsn, max_kept=MAX_KEPT, max_idle=MAX_IDLE_SECONDS):
        self.dbname = dbname
        self.dsn = dsn
        self.max_kept = max_kept
        self.max_idle = max_idle
        self._idle = []  # (connection, time it was given back)
        self._lock = threading.Lock()
        self._pid = os.getpid()
        # close_all() starts a new generation: a connection lent before is
        # closed when given back.
        self._generation = 0

    def cursor(self):
        return sql_db.Cursor(self, self.dbname, self.dsn)

    def borrow(self, dsn):
        while True:
            with self._lock:
                if self._pid != os.getpid():  # forked: the parent's sockets
                    self._idle, self._pid = [], os.getpid()
                generation = self._generation
                if not self._idle:
                    break
                connection, since = self._idle.pop()
            if self._usable(connection, since):
                return connection
            self._close(connection)
        connection = psycopg2.connect(connection_factory=sql_db.PsycoConnection, **dsn)
        connection._original_dsn = dsn
        connection.cc_generation = generation
        # the statements prepared in its session (services/prepared_sql)
        connection.cc_prepared = set()
        return connection

    def _usable(self, connection, since):
        if connection.closed or connection.get_transaction_status() \
                != psycopg2.extensions.TRANSACTION_STATUS_IDLE \
                or _has_pending_input(connection):
            _logger.info("Webhook connection to %s closed by the server (or unusable):"
                         " replaced", self.dbname)
            return False
        if time.monotonic() - since > self.max_idle:
            try:
                connection.reset()  # what Odoo's pool does each time
            except psycopg2.Error:
                return False
            connection.cc_prepared = set()  # DISCARD ALL deallocated them
        return True

    def give_back(self, connection, keep_in_pool=True):
        if keep_in_pool and not connection.closed and connection.get_transaction_status() \
                == psycopg2.extensions.TRANSACTION_STATUS_IDLE:
            with self._lock:
                if self._pid == os.getpid() and len(self._idle) < self.max_kept \
                        and getattr(connection, "cc_generation", None) == self._generation:
                    self._idle.append((connection, time.monotonic()))
                    return
        self._close(connection)

    def close_all(self):
        """Close the idle connections now, the lent ones when given back."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
        for connection, _since in idle:
            self._close(connection)

    @staticmethod
    def _close(connection):
        try:
            connection.close()
        except psycopg2.Error:
            pass

    def __len__(self):
        return len(self._idle)


_KEPT = {}
_KEPT_LOCK = threading.Lock()


def kept_connections(registry):
    """The kept connections of ``registry``'s database (made on first use;
    made again when the database's connection parameters changed)."""
    dsn = registry._db.dsn
    with _KEPT_LOCK:
        kept = _KEPT.get(registry.db_name)
        if kept is None or kept.dsn != dsn:
            if kept is not None:
                kept.close_all()
            kept = _KEPT[registry.db_name] = KeptConnections(registry.db_name, dsn)
    return kept


def forget_sessions(registry):
    """Close the idle kept connections of ``registry``'s database (after a
    registry change: what their sessions prepared may not fit the tables
    any more); the next requests open new ones."""
    with _KEPT_LOCK:
        kept = _KEPT.get(registry.db_name)
    if kept is not None:
        kept.close_all()


def webhook_cursor(registry):
    """A cursor for one webhook request: on a kept connection, or Odoo's
    under tests and when switched off."""
    if registry.in_test_mode() or not enabled():
        return registry.cursor()
    return kept_connections(registry).cursor()
