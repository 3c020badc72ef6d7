# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A message row inserted by the statement that updates its conversation.

The inbound hot path stores the customer's message (and a reopen its event
row) in the same statement as the conversation's ``UPDATE``: a
data-modifying CTE ``conv`` feeding ``INSERT INTO cc_message ... SELECT ...
FROM conv``. The row is what ``create`` would store: the same values, the
fields' defaults, the conversation's connector, channel, company and cycle
(as ``cc.message.create`` fills them), the log columns; afterwards the record
cache, the inverse caches and the dependents are left as ``create`` leaves
them. Only while every ``create`` override of the model is one known to add
nothing to such rows and no Python constraint exists: anything else (an
addon overriding ``create``) and the callers use the ORM.
"""
from odoo import api, models

# Modules whose ``cc.message.create`` overrides store nothing more for an
# inbound message or a "reopened" event row: cc_core's fills the
# conversation's values (done here from its row), routing's stamps assignment
# events only, Kolmeya's costs outbound SMS only; base's maps import ids.
_KNOWN_CREATE = frozenset({
    "odoo.models",
    "odoo.addons.base.models.ir_fields",
    "odoo.addons.cc_core.models.cc_message",
    "odoo.addons.cc_core.models.cc_message_routing",
    "odoo.addons.cc_connector_sms_kolmeya.models.cc_message",
})
# Filled from the conversation's row (alias ``conv``) unless given.
_FROM_CONVERSATION = {"conversation_id": "conv.id", "connector_id": "conv.connector_id",
                      "channel_kind": "conv.channel_kind",
                      "company_id": "conv.company_id", "cycle": "conv.cycle"}


class CcMessageSql(models.Model):
    _inherit = "cc.message"

    @api.model
    def _cc_sql_columns(self, vals, params, prefix):
        """Columns and SQL expressions of one row ``create(vals)`` would
        store, for ``INSERT ... SELECT ... FROM conv``; values bound through
        ``params`` (names starting with ``prefix``). Returns ``(vals with
        defaults, {column: expression})``, or ``(None, None)`` when the ORM
        must create it."""
        creators = {klass.__module__ for klass in type(self).__mro__
                    if "create" in vars(klass)}
        if not creators <= _KNOWN_CREATE or self._constraint_methods:
            return None, None
        vals = self._add_missing_default_values(dict(vals))
        columns = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or not (field.store and field.column_type) or field.translate \
                    or name in models.LOG_ACCESS_COLUMNS or name == "id":
                return None, None
            key = "%s%s" % (prefix, name)
            params[key] = field.convert_to_column(value, self, vals)
            columns[name] = "%%(%s)s" % key
        for name, expression in _FROM_CONVERSATION.items():
            columns.setdefault(name, expression)
        uid_key = prefix + "uid"
        params[uid_key] = self.env.uid
        columns.update(create_uid="%%(%s)s" % uid_key, write_uid="%%(%s)s" % uid_key,
                       create_date="now() at time zone 'UTC'",
                       write_date="now() at time zone 'UTC'")
        return vals, columns

    @api.model
    def _cc_sql_insert(self, columns):
        """The ``INSERT ... SELECT ... FROM conv`` of ``_cc_sql_columns``."""
        return ("INSERT INTO cc_message (" + ", ".join('"%s"' % name for name in columns)
                + ") SELECT " + ", ".join(columns.values()) + " FROM conv")

    def _cc_sql_created(self, vals, conversation, now):
        """Leave the record cache as ``create`` would for the row ``self``
        (just inserted from ``vals`` in ``conversation``'s statement, at the
        transaction's ``now``): its values, what is known to be empty, the
        conversation's messages (if in cache) including it, its dependents
        marked."""
        self.ensure_one()
        cached = dict(vals, create_uid=self.env.uid, write_uid=self.env.uid,
                      create_date=now, write_date=now)
        for name in _FROM_CONVERSATION:
            cached.setdefault(name, conversation if name == "conversation_id"
                              else conversation[name])
        cache = self.env.cache
        for field in self._fields.values():
            if field.name in cached or field.name == "id":
                continue
            if field.type in ("one2many", "many2many"):
                cache.set(self, field, ())
            elif (field.related and not field.column_type) or not field.compute:
                cache.set(self, field, field.convert_to_cache(None, self))
        for name, value in cached.items():
            field = self._fields[name]
            cache.set(self, field, field.convert_to_cache(value, self, validate=False))
        link = self._fields["conversation_id"]
        if self.pool.field_inverses[link]:
            link._update_inverses(self, conversation.id)
        self.modified(list(cached), create=True)
        return self
