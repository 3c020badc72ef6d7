# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The connections webhook requests keep: reused as they are (their cached
plans kept), never lent when dead, busy, stale or another process's. Real
connections to the test database, outside the test's transaction (they only
read)."""
import threading

import psycopg2

from odoo.sql_db import TestCursor
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from ..controllers import webhook_connections
from ..services import prepared_sql
from ..controllers.webhook_connections import KeptConnections


@tagged("post_install", "-at_install")
class TestWebhookConnections(TransactionCase):

    def setUp(self):
        super().setUp()
        self.kept = KeptConnections(self.env.cr.dbname, self.registry._db.dsn,
                                    max_kept=2)
        self.addCleanup(self.kept.close_all)
        self.other = psycopg2.connect(**self.registry._db.dsn)
        self.other.autocommit = True
        self.addCleanup(self.other.close)

    def _backend(self, cr):
        cr.execute("SELECT pg_backend_pid()")
        return cr.fetchone()[0]

    def _prepare_probe(self, cr):
        # A prepared statement is session state a reset (DISCARD ALL) drops.
        cr.execute("PREPARE cc_probe AS SELECT 1")

    def _has_probe(self, cr):
        cr.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'cc_probe'")
        return bool(cr.fetchone()[0])

    def test_the_next_request_gets_the_same_session_unreset(self):
        with self.kept.cursor() as cr:
            backend = self._backend(cr)
            self._prepare_probe(cr)
            cr.commit()
        self.assertEqual(len(self.kept), 1)
        with self.kept.cursor() as cr:
            self.assertEqual(self._backend(cr), backend)
            self.assertTrue(self._has_probe(cr), "the session was reset")

    def test_what_a_request_left_open_is_rolled_back(self):
        with self.kept.cursor() as cr:
            cr.execute("CREATE TEMPORARY TABLE cc_left_open (x int) ON COMMIT DROP")
            cr.execute("INSERT INTO cc_left_open VALUES (1)")
        with self.kept.cursor() as cr:
            cr.execute("SELECT to_regclass('cc_left_open')")
            self.assertIsNone(cr.fetchone()[0])

    def test_a_terminated_backend_is_replaced(self):
        with self.kept.cursor() as cr:
            backend = self._backend(cr)
        with self.other.cursor() as other:
            other.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
            self.assertTrue(other.fetchone()[0])
        with self.kept.cursor() as cr:
            self.assertNotEqual(self._backend(cr), backend)
            cr.execute("SELECT 1")
            self.assertEqual(cr.fetchone(), (1,))

    def test_a_connection_idle_too_long_is_reset_first(self):
        self.kept.max_idle = -1
        with self.kept.cursor() as cr:
            backend = self._backend(cr)
            self._prepare_probe(cr)
            cr.commit()
        with self.kept.cursor() as cr:
            self.assertEqual(self._backend(cr), backend)
            self.assertFalse(self._has_probe(cr))

    def test_statements_prepared_on_a_kept_connection_follow_its_session(self):
        query, types = "SELECT %(x)s + 1", (("x", "integer"),)
        with self.kept.cursor() as cr:
            prepared_sql.execute(cr, query, {"x": 1}, types)
            self.assertEqual(cr.fetchone(), (2,))
            self.assertEqual(len(cr._cnx.cc_prepared), 1)
        with self.kept.cursor() as cr:
            prepared_sql.execute(cr, query, {"x": 41}, types)
            self.assertEqual(cr.fetchone(), (42,))
            cr.execute("SELECT count(*) FROM pg_prepared_statements")
            self.assertEqual(cr.fetchone(), (1,), "prepared once")
        # Reset after a long wait (DISCARD ALL): prepared again.
        self.kept.max_idle = -1
        with self.kept.cursor() as cr:
            self.assertEqual(cr._cnx.cc_prepared, set())
            prepared_sql.execute(cr, query, {"x": 2}, types)
            self.assertEqual(cr.fetchone(), (3,))

    def test_after_a_registry_change_no_session_lives_on(self):
        """Modules installed or upgraded elsewhere: statements prepared in
        the kept sessions may not fit the tables any more."""
        shared = webhook_connections.kept_connections(self.registry)
        self.addCleanup(shared.close_all)
        lent = shared.cursor()
        with shared.cursor() as cr:
            idle = cr._cnx
        self.assertIn(idle, [connection for connection, _since in shared._idle])
        webhook_connections.forget_sessions(self.registry)
        self.assertTrue(idle.closed)
        in_use = lent._cnx
        lent.close()  # lent before the change: not kept either
        self.assertTrue(in_use.closed)
        self.assertEqual(len(shared), 0)
        with shared.cursor() as cr:
            cr.execute("SELECT 1")
        self.assertEqual(len(shared), 1, "the next ones are kept again")

    def test_a_connection_given_back_in_a_transaction_is_closed(self):
        connection = self.kept.borrow(self.kept.dsn)
        connection.cursor().execute("SELECT 1")  # opens a transaction
        self.kept.give_back(connection)
        self.assertEqual(len(self.kept), 0)
        self.assertTrue(connection.closed)

    def test_concurrent_requests_get_their_own_and_only_a_few_are_kept(self):
        cursors = [self.kept.cursor() for _i in range(3)]
        backends = {self._backend(cr) for cr in cursors}
        self.assertEqual(len(backends), 3)
        for cr in cursors:
            cr.close()
        self.assertEqual(len(self.kept), 2, "max_kept")

    def test_lent_from_several_threads(self):
        seen, errors = [], []

        def request():
            try:
                for _i in range(10):
                    with self.kept.cursor() as cr:
                        seen.append(self._backend(cr))
            except Exception as error:  # noqa: B902 - reported below
                errors.append(error)

        threads = [threading.Thread(target=request) for _i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertFalse(errors)
        self.assertEqual(len(seen), 30)
        self.assertLessEqual(len(self.kept), 2)

    def test_a_forked_process_does_not_use_its_parents_connections(self):
        with self.kept.cursor() as cr:
            backend = self._backend(cr)
        parent_connection = self.kept._idle[0][0]
        self.kept._pid = -1  # as seen from a child process
        with self.kept.cursor() as cr:
            self.assertNotEqual(self._backend(cr), backend)
        self.assertFalse(parent_connection.closed, "the parent's to close, not ours")
        parent_connection.close()

    def test_tests_and_the_switch_use_odoos_cursors(self):
        shared = webhook_connections.kept_connections(self.registry)
        self.addCleanup(shared.close_all)
        before = len(shared)
        with webhook_connections.webhook_cursor(self.registry) as cr:
            cr.execute("SELECT 1")
        self.assertEqual(len(shared), before + 1, "kept for the next request")
        self.patch(config, "options", dict(config.options,
                                           cc_webhook_keep_connections="False"))
        self.assertFalse(webhook_connections.enabled())
        with webhook_connections.webhook_cursor(self.registry) as cr:
            cr.execute("SELECT 1")
            self.assertEqual(len(shared), before + 1,
                             "the kept one stays idle: Odoo's cursor serves")
        self.assertEqual(len(shared), before + 1)
        # Under Odoo's HTTP tests the request shares the test transaction.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.patch(config, "options", dict(config.options,
                                           cc_webhook_keep_connections="True"))
        cr = webhook_connections.webhook_cursor(self.registry)
        self.assertIsInstance(cr, TestCursor)
        cr.close()
