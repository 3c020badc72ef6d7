# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk INSERT/UPDATE that leaves the rows the ORM would have left.

``BaseModel.create`` inserts one row per query; for 100k+ messages that is
minutes. These writers insert pages of rows in one statement but keep the
ORM's semantics:

* missing values come from ``default_get`` (field defaults, as
  ``_add_missing_default_values``); values are converted with each field's
  ``convert_to_column`` (which also validates selections);
* ``create_uid``/``write_uid`` are the environment's user and
  ``create_date``/``write_date`` the transaction time, unless the caller
  passes the ``create_*`` of the record it copies;
* many2many values given as id lists fill the relation table;
* ``records.modified(..., create=True)`` then a flush compute every stored
  computed/related field (``company_id``, ``name``...) and whatever depends
  on the new rows, exactly as after ``create``; Python constraints run.

What the ORM ``create`` of a ``mail.thread`` adds on top (creation message,
subscribing the creator, tracking) is deliberately not done: the history is
copied from ChatRoom instead (the ORM skips it too with ``tracking_disable``,
``mail_create_nolog``, ``mail_create_nosubscribe``).
"""
from psycopg2.extras import execute_values

MAGIC = ("create_uid", "create_date", "write_uid", "write_date")
PAGE_SIZE = 2000
# Types whose ``convert_to_column`` stores None/False as NULL.
NULL_WHEN_EMPTY = ("char", "text", "html", "selection", "many2one", "date", "datetime")


def next_ids(cr, model, count):
    """``count`` ids from the model's sequence, as the ORM takes them."""
    if not count:
        return []
    cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", (model._sequence, count))
    return [row[0] for row in cr.fetchall()]


class BulkWriter:
    """Insert/update many records of one model (environment must be superuser)."""

    def __init__(self, env, model_name):
        self.env = env
        self.model = env[model_name]
        fields = self.model._fields
        self.columns = [f for f in fields.values()
                        if f.store and f.column_type and f.name != "id"]
        self.many2many = {f.name: f for f in fields.values()
                          if f.type == "many2many" and f.store}
        self._defaults = None

    def defaults(self):
        """Field defaults, computed once per writer (they do not depend on rows)."""
        if self._defaults is None:
            names = [name for name in self.model._fields
                     if name not in MAGIC and name != "id"]
            self._defaults = self.model.default_get(names)
        return self._defaults

    # ------------------------------------------------------------------
    def create(self, vals_list):
        """Insert records; returns their ids in the order of ``vals_list``."""
        if not vals_list:
            return []
        cr = self.env.cr
        self.env["base"].flush()
        ids = next_ids(cr, self.model, len(vals_list))
        defaults = self.defaults()
        now = cr.now()
        uid = self.env.uid
        rows, relations, given = [], [], set()
        for record_id, vals in zip(ids, vals_list):
            full = dict(defaults)
            full.update(vals)
            given.update(vals)
            for name in self.many2many:
                value = full.pop(name, None)
                if value:
                    relations.append((name, record_id, _ids_of(value)))
            full.setdefault("create_uid", uid)
            full.setdefault("create_date", now)
            full.setdefault("write_uid", uid)
            full.setdefault("write_date", now)
            rows.append(self._row(record_id, full))
        names = ["id"] + [f.name for f in self.columns]
        execute_values(
            cr._obj,
            'INSERT INTO "%s" (%s) VALUES %%s' % (
                self.model._table, ", ".join('"%s"' % n for n in names)),
            rows, page_size=PAGE_SIZE)
        self._insert_relations(relations)
        records = self.model.browse(ids)
        self._after_write(records, set(given) | set(defaults), create=True)
        return ids

    def _row(self, record_id, full):
        model = self.model
        row = [record_id]
        converters = self.converters()
        for field in self.columns:
            if field.name in full:
                row.append(converters[field.name](full[field.name], model, full))
            else:
                row.append(None)
        return row

    def converters(self):
        """Per column, ``convert_to_column`` or an equivalent shortcut: empty
        values of the types that store them as NULL, and selection values
        checked against the field's values computed once (not per row);
        anything else goes through the field itself (and its validation)."""
        if getattr(self, "_converters", None) is None:
            self._converters = {f.name: self._converter(f) for f in self.columns}
        return self._converters

    def _converter(self, field):
        convert = field.convert_to_column
        if field.type not in NULL_WHEN_EMPTY:
            return convert
        allowed = None
        if field.type == "selection" and field.column_type[0] != "int4":
            allowed = set(field.get_values(self.env))

        def converter(value, model, full):
            if value is None or value is False:
                return None
            if allowed is not None and value in allowed:
                return value
            return convert(value, model, full)
        return converter

    def _insert_relations(self, relations):
        by_field = {}
        for name, record_id, target_ids in relations:
            by_field.setdefault(name, []).extend((record_id, t) for t in target_ids)
        for name, pairs in by_field.items():
            field = self.many2many[name]
            execute_values(
                self.env.cr._obj,
                'INSERT INTO "%s" ("%s", "%s") VALUES %%s ON CONFLICT DO NOTHING' % (
                    field.relation, field.column1, field.column2),
                pairs, page_size=PAGE_SIZE)

    # ------------------------------------------------------------------
    def update(self, vals_by_id):
        """Write ``{id: vals}``: one statement per page of records sharing the
        same field names, then the ORM's recomputations."""
        if not vals_by_id:
            return
        self.env["base"].flush()
        by_keys = {}
        for record_id, vals in vals_by_id.items():
            by_keys.setdefault(tuple(sorted(vals)), {})[record_id] = vals
        names = set()
        for keys, group in by_keys.items():
            self._update_group(keys, group)
            names.update(keys)
        self._after_write(self.model.browse(list(vals_by_id)), names, create=False)

    def _update_group(self, keys, vals_by_id):
        cr = self.env.cr
        m2m = [k for k in keys if k in self.many2many]
        plain = [k for k in keys if k not in self.many2many]
        fields = [self.model._fields[k] for k in plain] + [
            self.model._fields["write_uid"], self.model._fields["write_date"]]
        now, uid = cr.now(), self.env.uid
        if plain:
            rows = []
            for record_id, vals in vals_by_id.items():
                full = dict(vals, write_uid=uid, write_date=now)
                rows.append([record_id] + [
                    f.convert_to_column(full[f.name], self.model, full) for f in fields])
            template = "(%s::int4, " + ", ".join(
                "%%s::%s" % f.column_type[1] for f in fields) + ")"
            execute_values(
                cr._obj,
                'UPDATE "%s" AS t SET %s FROM (VALUES %%s) AS v (id, %s) WHERE t.id = v.id' % (
                    self.model._table,
                    ", ".join('"%s" = v."%s"' % (f.name, f.name) for f in fields),
                    ", ".join('"%s"' % f.name for f in fields)),
                rows, template=template, page_size=PAGE_SIZE)
        for name in m2m:
            field = self.many2many[name]
            cr.execute('DELETE FROM "%s" WHERE "%s" = ANY(%%s)' % (
                field.relation, field.column1), (list(vals_by_id),))
            self._insert_relations([(name, record_id, _ids_of(vals[name]))
                                    for record_id, vals in vals_by_id.items()
                                    if vals.get(name)])

    # ------------------------------------------------------------------
    def _after_write(self, records, names, create):
        """Recompute what depends on the written fields, as the ORM does."""
        env = self.env
        env["base"].invalidate_cache()
        fields = self.model._fields
        protected = [fields[n] for n in names
                     if n in fields and fields[n].compute and not fields[n].readonly]
        with env.protecting(protected, records):
            records.modified(list(fields) if create else list(names), create=create)
        env["base"].flush()
        records._validate_fields(names)


def _ids_of(value):
    """Ids of a many2many value given as ids or as ``[(6, 0, ids)]``."""
    if value and isinstance(value[0], (list, tuple)):
        ids = []
        for command in value:
            if command[0] == 6:
                ids = list(command[2])
            elif command[0] == 4:
                ids.append(command[1])
        return ids
    return list(value or [])
