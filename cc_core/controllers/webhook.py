# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Public webhook routes: ``/cc/webhook/<key>[/<topic>]``.

Plain HTTP (not JSON-RPC) so providers see real status codes: unknown key
404, failed verification 403, malformed body 400, too large 413, accepted 200.
Authenticated requests are journaled (and committed) before processing.
"""
import json
import logging
import re
import threading

import werkzeug.wrappers
from cachetools import TTLCache
from psycopg2 import OperationalError
from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

import odoo
from odoo import http
from odoo.http import request

from ..services.types import WebhookRequest

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 2 * 1024 * 1024
WEBHOOK_PREFIX = "/cc/webhook/"
TOPIC_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _patch_request_type():
    """Serve ``/cc/webhook/`` as plain HTTP whatever the Content-Type.

    Odoo 15 turns every ``application/json`` request into a JSON-RPC request
    (``Root.get_request``), which would answer provider webhooks with JSON-RPC
    envelopes and HTTP 200 on errors. Providers post plain JSON, so these
    paths are handed to ``HttpRequest`` and our route reads the raw body.
    """
    original = http.Root.get_request
    if getattr(original, "_cc_patched", False):
        return

    def get_request(self, httprequest):
        if httprequest.path.startswith(WEBHOOK_PREFIX):
            return http.HttpRequest(httprequest)
        return original(self, httprequest)

    get_request._cc_patched = True
    http.Root.get_request = get_request


_patch_request_type()

# Database names as PostgreSQL listed them, for webhook requests only.
DB_LIST_SECONDS = 60
_db_names = TTLCache(maxsize=1, ttl=DB_LIST_SECONDS)
_db_names_lock = threading.Lock()


def _patch_db_list():
    """Webhook requests find their database without a new connection each.

    A provider sends no session cookie, so Odoo picks the database of every
    webhook request with ``db_monodb`` -> ``db_list``, which (with
    ``--db-filter``) lists the server's databases over a **new** connection
    to ``postgres`` (Odoo keeps none of those): a PostgreSQL process started
    for each message. For ``/cc/webhook/`` paths the list is kept
    ``DB_LIST_SECONDS`` per process (a failed listing is not kept) and the
    filter is applied to it per request as before; other paths are
    unchanged.
    """
    original = http.db_list
    if getattr(original, "_cc_patched", False):
        return

    def db_list(force=False, httprequest=None):
        if httprequest is None or not httprequest.path.startswith(WEBHOOK_PREFIX):
            return original(force, httprequest)
        with _db_names_lock:
            names = _db_names.get("names")
        if names is None:
            try:
                names = odoo.service.db.list_dbs(force)
            except OperationalError:
                return []
            with _db_names_lock:
                _db_names["names"] = names
        return http.db_filter(names, httprequest=httprequest)

    db_list._cc_patched = True
    http.db_list = db_list


_patch_db_list()


def _response(status, body="", content_type="text/plain; charset=utf-8"):
    # werkzeug's response: Odoo's needs a bound ``odoo.http.request``, which
    # the direct dispatch (``webhook_dispatch``) does not create
    return werkzeug.wrappers.Response(body, status=status,
                                      headers=[("Content-Type", content_type)])


def _shared_test_transaction(env):
    """Under Odoo's tests every cursor is a savepoint of one transaction."""
    return env.registry.in_test_mode() or getattr(
        threading.current_thread(), "testing", False)


def _read_committed(env):
    """Run this request's transaction in READ COMMITTED.

    Each statement then sees what concurrent deliveries committed, so the
    per-customer advisory lock really serialises conversation creation. Set
    before the first query of the transaction (psycopg2 sends it with BEGIN:
    no extra round trip); Odoo resets it to REPEATABLE READ when the
    connection is borrowed again. Not under tests (one shared transaction).
    """
    if not _shared_test_transaction(env) \
            and env.cr._cnx.isolation_level != ISOLATION_LEVEL_READ_COMMITTED:
        env.cr._cnx.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)


def serve_webhook(env, httprequest, key, topic=None):
    """Answer one webhook request: ``env`` on a fresh cursor (any user),
    ``httprequest`` the werkzeug request. Used by the Odoo route below and by
    the direct dispatch of ``webhook_dispatch`` (the same code either way)."""
    if topic is not None and not TOPIC_PATTERN.match(topic):
        return _response(404, "unknown webhook")
    _read_committed(env)
    env = env(user=env["cc.connector"]._webhook_user_id(), su=True)
    connector = env["cc.connector"]._find_by_webhook_key(key, prefetch=True)
    if not connector:
        return _response(404, "unknown webhook")
    length = httprequest.content_length or 0
    if length > MAX_BODY_BYTES:
        return _response(413, "body too large")
    raw_body = httprequest.get_data(cache=True) if httprequest.method == "POST" \
        else b""
    if len(raw_body) > MAX_BODY_BYTES:
        return _response(413, "body too large")
    data = WebhookRequest(
        method=httprequest.method,
        headers={k.lower(): v for k, v in httprequest.headers.items()},
        raw_body=raw_body,
        query=dict(httprequest.args.items()),
        topic=topic,
        remote_addr=httprequest.remote_addr,
    )
    provider = connector._provider()
    if httprequest.method == "GET":
        return _handshake(provider, connector, data)
    if not provider._verify_webhook(connector, data):
        _logger.warning("Webhook for connector %s rejected: verification failed",
                        connector.id)
        return _response(403, "verification failed")
    return _receive(connector, data)


def _handshake(provider, connector, data):
    answer = provider._handshake_webhook(connector, data)
    if answer is None:
        _logger.warning("Webhook handshake for connector %s refused", connector.id)
        return _response(403, "verification failed")
    return _response(200, answer)


def _receive(connector, data):
    """Journal and commit before anything else, then process in a new
    transaction. The commit empties the record cache: what it held of the
    connector and the event (read or written just before, and committed) is
    put back, so nothing is read twice."""
    env = connector.env
    event = env["cc.webhook.event"]._journal(connector, data)
    if event._processing_mode() == "async":
        # answered now; the cron processes it (README "Asynchronous webhook
        # processing")
        event._trigger_processing()
        env.cr.commit()  # pylint: disable=invalid-commit  # journal first
        return _response(200, json.dumps({"status": "ok"}), "application/json")
    kept = _cached_values([connector, event])
    env.cr.commit()  # pylint: disable=invalid-commit  # journal first
    _restore_cached_values(kept)
    try:
        event._process(own_transaction=True)
    except ValueError as error:  # MalformedWebhookBody: journaled, never retried
        _logger.info("Webhook event %s: malformed body", event.id)
        env.cr.commit()  # pylint: disable=invalid-commit
        return _response(400, json.dumps({"error": str(error)[:200]}),
                         "application/json")
    return _response(200, json.dumps({"status": "ok"}), "application/json")


class CcWebhookController(http.Controller):
    # ``auth="none"``: no public user to look up; the route works as the
    # inactive technical user ``__cc_webhook__`` from its first query.
    # Requests normally never get here: ``webhook_dispatch`` answers them
    # before Odoo's request machinery (this route serves them when that is
    # switched off, and declares the URLs).
    @http.route(
        ["/cc/webhook/<string:key>", "/cc/webhook/<string:key>/<string:topic>"],
        type="http", auth="none", methods=["GET", "POST"], csrf=False,
        save_session=False,
    )
    def cc_webhook(self, key, topic=None, **query):
        return serve_webhook(request.env, request.httprequest, key, topic)


def _cached_values(records):
    """The record-cache values of ``records`` (single records of one
    environment, any models), read straight from the cache's per-field dicts
    (``Cache._data``, Odoo 15: ``{field: {id: value}}``, or ``{field:
    {context key: {id: value}}}`` for a context-dependent field such as a
    binary one) rather than asking the cache about every field of both
    models."""
    env = records[0].env
    data = env.cache._data
    depends_context = records[0].pool.field_depends_context
    kept = []
    for record in records:
        record_id = record.id
        for field in record._fields.values():
            field_cache = data.get(field)
            if not field_cache:
                continue
            key = None
            if depends_context[field]:
                key = env.cache_key(field)
                field_cache = field_cache.get(key)
            if field_cache and record_id in field_cache:
                kept.append((field, key, record_id, field_cache[record_id]))
    return data, kept


def _restore_cached_values(kept):
    data, values = kept
    for field, key, record_id, value in values:
        field_cache = data[field]
        if key is not None:
            field_cache = field_cache.setdefault(key, {})
        field_cache[record_id] = value
