# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``NOTIFY imbus`` on one kept connection per process.

Odoo's bus wakes its longpolling dispatcher with ``NOTIFY imbus`` sent on
the ``postgres`` database (the dispatcher listens there), through
``db_connect("postgres").cursor()``; Odoo never keeps ``postgres``
connections in its pool, so every notification opens a new PostgreSQL
connection (a new server process: the costliest step of an inbound webhook
on a loaded machine, see README "Inbound webhooks over HTTP"). Our
notifications go through one autocommit connection kept per process
(opened again after a fork or when it broke), guarded by a lock (threaded
server). Same statement, same database, same moment (after commit).
"""
import logging
import os
import threading

import psycopg2

import odoo

_logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state = {"pid": None, "connection": None}


def _connect():
    _name, info = odoo.sql_db.connection_info_for("postgres")
    connection = psycopg2.connect(**info)
    connection.autocommit = True
    return connection


def _connection():
    """The process's connection to ``postgres`` (call with ``_lock`` held)."""
    connection = _state["connection"]
    if connection is None or connection.closed or _state["pid"] != os.getpid():
        # after a fork the parent's connection is not ours to use (or close)
        connection = _connect()
        _state.update(pid=os.getpid(), connection=connection)
    return connection


# The channels a kept connection may notify (a channel is an identifier,
# not a query parameter): the bus dispatcher's and the cron workers'.
CHANNELS = ("imbus", "cron_trigger")


def notify(channel, payload):
    """``NOTIFY <channel>, payload`` on the process's kept connection; one
    retry on a fresh connection when the kept one broke (server restart)."""
    if channel not in CHANNELS:
        raise ValueError("unknown notification channel %r" % (channel,))
    with _lock:
        for attempt in (1, 2):
            connection = _connection()
            try:
                with connection.cursor() as cr:
                    cr.execute("NOTIFY %s, %%s" % channel, (payload,))
                return
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                _state["connection"] = None
                try:
                    connection.close()
                except psycopg2.Error:
                    pass
                if attempt == 2:
                    raise
                _logger.info("Notification connection lost; reconnecting")


def notify_imbus(payload):
    """Wake the bus dispatcher: ``NOTIFY imbus, payload`` (a JSON text of
    channels)."""
    notify("imbus", payload)
