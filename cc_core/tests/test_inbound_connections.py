# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An inbound webhook opens no new PostgreSQL connection per message."""
import gc
import select
import time
from types import SimpleNamespace
from unittest.mock import patch

import psycopg2

import odoo
from odoo.tests import BaseCase, tagged

from ..controllers import webhook
from ..models import bus_notify, cc_inbound_gc


def _listen_on_postgres():
    _name, info = odoo.sql_db.connection_info_for("postgres")
    connection = psycopg2.connect(**info)
    connection.autocommit = True
    with connection.cursor() as cr:
        cr.execute("LISTEN imbus")
    return connection


def _received(connection, seconds=5):
    """This test's notifications (other servers of this PostgreSQL notify
    ``imbus`` too)."""
    deadline = time.monotonic() + seconds
    payloads = []
    while not payloads and time.monotonic() < deadline:
        select.select([connection], [], [], 0.2)
        connection.poll()
        while connection.notifies:
            payload = connection.notifies.pop(0).payload
            if payload.startswith('["cc-test"'):
                payloads.append(payload)
    return payloads


@tagged("post_install", "-at_install")
class TestBusNotifyConnection(BaseCase):
    """Bus notifications reach the longpolling dispatcher (which listens on
    the ``postgres`` database) through one kept connection per process."""

    def setUp(self):
        super().setUp()
        self.listener = _listen_on_postgres()
        self.addCleanup(self.listener.close)

    def test_notifications_arrive_over_one_kept_connection(self):
        bus_notify.notify_imbus('["cc-test", "first"]')
        self.assertEqual(_received(self.listener), ['["cc-test", "first"]'])
        kept = bus_notify._state["connection"]
        pid = kept.get_backend_pid()
        bus_notify.notify_imbus('["cc-test", "second"]')
        self.assertEqual(_received(self.listener), ['["cc-test", "second"]'])
        self.assertIs(bus_notify._state["connection"], kept)
        self.assertEqual(kept.get_backend_pid(), pid, "no new PostgreSQL process")

    def test_a_broken_connection_is_replaced_and_nothing_is_lost(self):
        bus_notify.notify_imbus('["cc-test", "before"]')
        _received(self.listener)
        old_pid = bus_notify._state["connection"].get_backend_pid()
        with self.listener.cursor() as cr:  # e.g. PostgreSQL restarted
            cr.execute("SELECT pg_terminate_backend(%s)", (old_pid,))
        bus_notify.notify_imbus('["cc-test", "after"]')
        self.assertEqual(_received(self.listener), ['["cc-test", "after"]'])
        self.assertNotEqual(bus_notify._state["connection"].get_backend_pid(), old_pid)


@tagged("post_install", "-at_install")
class TestWebhookDatabaseList(BaseCase):
    """Webhook requests (no session: Odoo lists the databases to pick one)
    reuse the list for a while instead of listing over a new connection
    each time; other requests and the database filter are unchanged."""

    def setUp(self):
        super().setUp()
        webhook._db_names.clear()
        self.addCleanup(webhook._db_names.clear)
        real = odoo.service.db.list_dbs
        self.listed = []

        def list_dbs(force=False):
            self.listed.append(force)
            return ["cc_one", "cc_two", "other"]

        patcher = patch.object(odoo.service.db, "list_dbs", list_dbs)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.assertIsNot(odoo.service.db.list_dbs, real)
        config = patch.dict(odoo.tools.config.options, {"dbfilter": "^cc_"})
        config.start()
        self.addCleanup(config.stop)

    def _request(self, path):
        return SimpleNamespace(path=path, environ={"HTTP_HOST": "127.0.0.1:8069"})

    def test_webhook_requests_list_the_databases_once(self):
        request = self._request("/cc/webhook/abc")
        for _i in range(5):
            self.assertEqual(odoo.http.db_list(True, request), ["cc_one", "cc_two"])
        self.assertEqual(self.listed, [True])
        webhook._db_names.clear()  # the list expired
        self.assertEqual(odoo.http.db_list(True, request), ["cc_one", "cc_two"])
        self.assertEqual(len(self.listed), 2)

    def test_other_requests_list_every_time(self):
        request = self._request("/web/login")
        for _i in range(3):
            self.assertEqual(odoo.http.db_list(True, request), ["cc_one", "cc_two"])
        self.assertEqual(len(self.listed), 3)

    def test_a_failed_listing_is_not_kept(self):
        def unavailable(force=False):
            self.listed.append(force)
            raise psycopg2.OperationalError("server starting up")

        request = self._request("/cc/webhook/abc")
        with patch.object(odoo.service.db, "list_dbs", unavailable):
            self.assertEqual(odoo.http.db_list(True, request), [])
        self.assertEqual(odoo.http.db_list(True, request), ["cc_one", "cc_two"])
        self.assertEqual(len(self.listed), 2)


@tagged("post_install", "-at_install")
class TestRegistryFrozenForGc(BaseCase):
    """The loaded registry is kept out of the garbage collector's walks."""

    def test_loaded_registry_is_frozen(self):
        self.assertGreater(gc.get_freeze_count(), 10000)

    def test_configuration_turns_it_off(self):
        alive = [{"n": n} for n in range(1000)]  # would be frozen by a freeze
        before = gc.get_freeze_count()
        with patch.dict(odoo.tools.config.options, {"cc_gc_freeze": "False"}):
            self.assertEqual(cc_inbound_gc.freeze_loaded_objects(), 0)
        # Only a freeze adds to the count; a frozen object freed meanwhile (by
        # any thread of the test server) takes one off.
        self.assertLessEqual(gc.get_freeze_count(), before)
        self.assertEqual(len(alive), 1000)
