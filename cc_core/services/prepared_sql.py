# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Run a hot statement as a server-side prepared statement where its plan
can outlive the request.

PostgreSQL plans every statement it receives as text; for the routing
candidates' query that is about 0.4 ms of planning for 0.05 ms of work. A
prepared statement is planned once per database session (after five runs
PostgreSQL settles on a generic plan when it costs no more), but Odoo's pool
ends every session's state each time it lends a connection (``DISCARD
ALL``). Only the connections kept for webhook requests
(``controllers/webhook_connections``) live on unreset: they carry a
``cc_prepared`` set (the names prepared in their session), and only there
does :func:`execute` prepare; on any other cursor it runs the same text as
usual. The statement is written once, with psycopg2's named parameters,
for both ways.
"""
import hashlib
import re

_PARAMETER = re.compile(r"%\((\w+)\)s|%%|%")


def positional(query, names):
    """``query`` with psycopg2's ``%(name)s`` as ``$n`` (``n`` the name's
    place in ``names``, from 1) and ``%%`` as ``%``: the text PostgreSQL's
    ``PREPARE`` takes. Raises ``ValueError`` for a parameter not in
    ``names`` or a lone ``%``."""
    places = {name: index for index, name in enumerate(names, start=1)}

    def replace(match):
        name = match.group(1)
        if name is None:
            if match.group(0) == "%%":
                return "%"
            raise ValueError("lone %% at %d" % match.start())
        if name not in places:
            raise ValueError("parameter %r is not declared" % name)
        return "$%d" % places[name]

    return _PARAMETER.sub(replace, query)


def statement_name(query, types):
    """A name for the prepared form of ``query`` with ``types`` (the same
    text and types, the same name)."""
    digest = hashlib.sha1(repr((query, tuple(types))).encode("utf-8")).hexdigest()
    return "cc_%s" % digest[:24]


def execute(cr, query, params, types):
    """``cr.execute(query, params)``, as a prepared statement on a kept
    connection. ``types``: ``(name, SQL type)`` pairs, every parameter of
    ``query``, in the order of the prepared statement's arguments."""
    prepared = getattr(getattr(cr, "_cnx", None), "cc_prepared", None)
    if prepared is None:
        return cr.execute(query, params)
    names = [name for name, _type in types]
    name = statement_name(query, types)
    if name not in prepared:
        # Alone, so that a statement is known prepared exactly when it is
        # (PREPARE is not undone by a rollback; a failed one prepares none).
        cr.execute("PREPARE %s%s AS %s" % (
            name, _arguments(sql_type for _name, sql_type in types),
            positional(query, names)))
        prepared.add(name)
    return cr.execute("EXECUTE %s%s" % (name, _arguments("%s" for _name in names)),
                      [params[key] for key in names])


def _arguments(items):
    items = list(items)
    return " (%s)" % ", ".join(items) if items else ""
