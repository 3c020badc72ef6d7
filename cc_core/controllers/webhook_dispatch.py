# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Webhook requests served before Odoo's request machinery.

A provider's webhook call carries no session, no language, no user: of
everything ``odoo.http.Root`` does for a request (a new session and its key,
the language from ``Accept-Language``, the ``JsonRequest``/``HttpRequest``
object, the static-files middleware, ``ir.http``'s routing-map match,
authentication, argument post-processing, the response wrapping), the
webhook needs only the database and a cursor. The profile of the inbound
request (``tests/benchmarks/inbound_profile.py``) put that machinery at
about a fifth of a message's time.

``Root.__call__`` is wrapped: a ``POST``/``GET`` on ``/cc/webhook/<key>``
or ``/cc/webhook/<key>/<topic>`` whose database Odoo would pick (the same
rules as ``Root.setup_db``, the same ``--db-filter``) and whose registry has
``cc_core`` loaded is answered by ``webhook.serve_webhook`` directly, in
``odoo.service.model.check`` (Odoo's retry of serialization failures) and
``registry.manage_changes()``, with the per-request counters Odoo's access
log prints, on a database connection kept for webhook requests
(``webhook_connections``). Anything else (another path, no single database, ``cc_core``
not installed there, another method) goes through Odoo unchanged, which
answers it as before (404, 405...). ``cc_webhook_direct_dispatch = False``
in Odoo's configuration file turns it off (the Odoo route then serves the
same code).
"""
import logging
import threading
import time

import werkzeug.wrappers

import odoo
from odoo import api, http
from odoo.service import model as service_model
from odoo.tools import config

from ..services import switches
from .webhook import WEBHOOK_PREFIX, _read_committed, serve_webhook
from .webhook_connections import forget_sessions, webhook_cursor

_logger = logging.getLogger(__name__)

METHODS = ("GET", "POST")


def enabled():
    return switches.is_on(config.get("cc_webhook_direct_dispatch", True))


def webhook_path_args(path):
    """``(key, topic)`` of a webhook path, or None for any other path
    (the two URL shapes of the route; empty segments are not ours)."""
    if not path.startswith(WEBHOOK_PREFIX):
        return None
    parts = path[len(WEBHOOK_PREFIX):].split("/")
    if len(parts) > 2 or not all(parts):
        return None
    return parts[0], (parts[1] if len(parts) == 2 else None)


def _database(httprequest):
    """The database Odoo would serve this request from (``Root.setup_db``):
    the session's when the request names one the filter accepts (a provider
    sends none; Odoo's test client does), else the only one the filter
    leaves."""
    sid = (httprequest.args.get("session_id")
           or httprequest.headers.get("X-Openerp-Session-Id")
           or httprequest.cookies.get("session_id"))
    if sid:
        db = http.root.session_store.get(sid).db
        if db and http.db_filter([db], httprequest=httprequest):
            return db
    names = http.db_list(True, httprequest)
    return names[0] if len(names) == 1 else None


SIGNALING_QUERY = """
    SELECT base_registry_signaling.last_value, base_cache_signaling.last_value
      FROM base_registry_signaling, base_cache_signaling"""


class _RegistryChanged(Exception):
    """Another process changed the registry (``registry_moved``: modules
    installed, upgraded or removed) or cleared the caches."""

    def __init__(self, registry_moved=False):
        super().__init__()
        self.registry_moved = registry_moved


def _registry(db):
    """The loaded registry of ``db`` if ``cc_core`` is installed there."""
    try:
        registry = odoo.registry(db)
    except Exception:  # noqa: B902 - Odoo's own dispatch reports it
        return None
    return registry if "cc.connector" in registry else None


def _check_signaling(registry, cr):
    """Odoo's per-request ``registry.check_signaling()`` on the request's own
    cursor: Odoo's opens a cursor of its own for it (a connection borrowed
    and reset, the query, a rollback: three round trips); here it is the
    transaction's first statement. When the sequences moved, Odoo's own
    check does what must be done (reload, clear caches) and the request
    starts again."""
    if registry.in_test_mode():
        return
    cr.execute(SIGNALING_QUERY)
    registry_sequence, cache_sequence = cr.fetchone()
    if (registry_sequence, cache_sequence) != (registry.registry_sequence,
                                               registry.cache_sequence):
        raise _RegistryChanged(registry_sequence != registry.registry_sequence)
    # as Odoo's check does: nothing inherited to signal
    registry.cache_invalidated = False


def _serve(registry, httprequest, key, topic, check=True):
    with registry.manage_changes(), webhook_cursor(registry) as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        _read_committed(env)
        if check:
            _check_signaling(registry, cr)
        return serve_webhook(env, httprequest, key, topic)


def _serve_current(db, registry, httprequest, key, topic):
    for attempt in range(3):
        try:
            # changing under our feet twice already: served without the check
            return _serve(registry, httprequest, key, topic, check=attempt < 2)
        except _RegistryChanged as change:
            if change.registry_moved:
                # Tables may have changed: statements prepared on the kept
                # connections go with their sessions.
                forget_sessions(registry)
            registry = registry.check_signaling()
            if "cc.connector" not in registry:  # cc_core uninstalled meanwhile
                return werkzeug.wrappers.Response("unknown webhook", status=404)


def dispatch(environ, start_response):
    """Answer a webhook request, or None to let Odoo handle it."""
    args = webhook_path_args(environ.get("PATH_INFO", ""))
    if args is None or environ.get("REQUEST_METHOD") not in METHODS:
        return None
    httprequest = werkzeug.wrappers.Request(environ)
    thread = threading.current_thread()
    thread.url = httprequest.url
    thread.query_count = 0
    thread.query_time = 0
    thread.perf_t0 = time.time()
    db = _database(httprequest)
    registry = _registry(db) if db else None
    if registry is None:
        return None
    thread.dbname = db
    try:
        response = service_model.check(_serve_current)(
            db, registry, httprequest, *args)
    except Exception:  # noqa: B902 - any failure is a 500, never a lost answer
        _logger.exception("Webhook request %s failed", httprequest.path)
        response = werkzeug.wrappers.Response(
            "internal error", status=500,
            headers=[("Content-Type", "text/plain; charset=utf-8")])
    return response(environ, start_response)


def _patch_root():
    original = http.Root.__call__
    if getattr(original, "_cc_patched", False):
        return

    def __call__(self, environ, start_response):
        if enabled():
            result = dispatch(environ, start_response)
            if result is not None:
                return result
        return original(self, environ, start_response)

    __call__._cc_patched = True
    http.Root.__call__ = __call__


_patch_root()
