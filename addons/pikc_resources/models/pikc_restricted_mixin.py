from contextlib import contextmanager
from contextvars import ContextVar

from odoo import SUPERUSER_ID, models
from odoo.osv import expression
from odoo.tools import SQL

# SQL of hidden columns the mixin does not hide, as (query, alias, field,
# mode): in Odoo's fetch of a query, which fills the cache every environment
# shares (_read_format blanks what the user gets back), and in the two halves
# of a search condition built by _condition_to_sql: "raw" for the user's own
# rows, "null" for the foreign ones (the column as NULL).
_PIKC_SQL_MODE = ContextVar("pikc_sql_mode", default=None)


@contextmanager
def _pikc_sql_mode(mode, query, alias=None, fname=None):
    token = _PIKC_SQL_MODE.set((query, alias, fname, mode))
    try:
        yield
    finally:
        _PIKC_SQL_MODE.reset(token)


class PikcRestrictedMixin(models.AbstractModel):
    """Records some users may know exist but not read in full.

    A record is *foreign* to a user when :meth:`_pikc_foreign_to` says so
    (the models using this mixin decide: another institution's shared
    workshop, a booking of another institution); :meth:`_pikc_own_sql` says
    the same of a table row in SQL. Of a foreign record, users get only the
    fields listed in ``_pikc_shared_fields``; every other field is *hidden*,
    whatever the door:

    - ``read`` (and ``web_read``, ``search_read``) returns it empty, and
      ``web_read`` does not follow it into related records;
    - in SQL built by the ORM (``read_group`` and its aggregates, ``order``),
      a hidden column reads as NULL on a foreign row;
    - a search condition on a hidden column (also along a path or through
      ``any``) answers on a foreign row as on an empty value, and one on a
      hidden x2many or searched-by-method field never holds there: whatever
      the row's true value, so a search cannot tell it;
    - display names and ``name_search`` show only shared fields;
    - ``export_data`` exports it empty, and a copy does not take it.

    Record rules decide which records a user reads at all; this mixin
    decides how much of them. The superuser (``sudo()``, record rules) sees
    everything, so server code that needs hidden values runs sudo.
    """

    _name = "pikc.restricted.mixin"
    _description = "Record Partly Readable by Other Institutions"

    #: Fields users read on a foreign record.
    _pikc_shared_fields = frozenset({"id", "display_name"})

    # ------------------------------------------------------------------
    # What is foreign, in Python and in SQL (hooks)
    # ------------------------------------------------------------------

    def _pikc_foreign_to(self, user):  # pylint: disable=unused-argument
        """The records of ``self`` that ``user`` reads only in part; reads
        what it needs as superuser. Hook: none by default."""
        return self.browse()

    def _pikc_own_sql(self, alias):  # pylint: disable=unused-argument
        """SQL condition, never NULL, true on the rows of the table ``alias``
        that are not foreign to the user (the same as
        :meth:`_pikc_foreign_to`). Hook: every row by default."""
        return SQL("TRUE")

    def _pikc_foreign(self):
        """The records of ``self`` the user of the environment reads only in
        part; none for the superuser and in sudo."""
        if self.env.su:
            return self.browse()
        return self._pikc_foreign_to_user()

    def _pikc_foreign_to_user(self):
        """As :meth:`_pikc_foreign`, but also in sudo: for what Odoo computes
        as superuser on the user's behalf and returns to them (the display
        names of ``name_search`` and ``web_read``)."""
        if self.env.uid == SUPERUSER_ID:
            return self.browse()
        return self._pikc_foreign_to(self.env.user)

    def _pikc_hides(self, fname):
        """Whether SQL built for the user hides the field ``fname``."""
        return (
            not self.env.su and fname.split(".", 1)[0] not in self._pikc_shared_fields
        )

    # ------------------------------------------------------------------
    # Reads
    # ------------------------------------------------------------------

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        foreign_ids = set(self._pikc_foreign().ids)
        if not foreign_ids:
            return result
        hidden = [name for name in fnames if name not in self._pikc_shared_fields]
        for values in result:
            if values["id"] not in foreign_ids:
                continue
            for name in hidden:
                if name in values:
                    field = self._fields[name]
                    values[name] = (
                        [] if field.type in ("one2many", "many2many") else False
                    )
        return result

    def web_read(self, specification):
        """Of foreign records, hidden fields are read (empty) but not
        followed: their related records are not read for the user."""
        foreign = self._pikc_foreign()
        if not foreign:
            return super().web_read(specification)
        shared_spec = {
            name: spec if name in self._pikc_shared_fields else {}
            for name, spec in specification.items()
        }
        own = self - foreign
        values = {
            vals["id"]: vals
            for vals in super(PikcRestrictedMixin, foreign).web_read(shared_spec)
        }
        if own:
            values.update(
                (vals["id"], vals)
                for vals in super(PikcRestrictedMixin, own).web_read(specification)
            )
        return [values[record_id] for record_id in self._ids if record_id in values]

    def copy_data(self, default=None):
        """A copy of a foreign record takes none of its hidden values (only
        those given in ``default``): copying is no way to read them."""
        vals_list = super().copy_data(default)
        foreign = self._pikc_foreign()
        if not foreign:
            return vals_list
        keep = self._pikc_shared_fields | set(default or ())
        for record, vals in zip(self, vals_list, strict=True):
            if record in foreign:
                for name in set(vals) - keep:
                    del vals[name]
        return vals_list

    def _fetch_query(self, query, fields):
        # The cache holds the true values, for every environment.
        with _pikc_sql_mode("raw", query):
            return super()._fetch_query(query, fields)

    # ------------------------------------------------------------------
    # SQL: grouping, aggregates, order, search conditions
    # ------------------------------------------------------------------

    def _pikc_sql_mode_of(self, alias, fname, query):
        mode = _PIKC_SQL_MODE.get()
        if (
            mode is not None
            and mode[0] is query
            and mode[1] in (None, alias)
            and mode[2] in (None, fname)
        ):
            return mode[3]
        return None

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        sql = super()._field_to_sql(alias, fname, query, flush)
        if not self._pikc_hides(fname):
            return sql
        mode = self._pikc_sql_mode_of(alias, fname, query)
        if mode == "raw":
            return sql
        if mode == "null":
            # NULL of the column's type, which PostgreSQL folds away.
            return SQL("(CASE WHEN FALSE THEN %s END)", sql)
        return SQL("(CASE WHEN %s THEN %s END)", self._pikc_own_sql(alias), sql)

    def _condition_to_sql(self, alias, fname, operator, value, query):
        """A condition on a hidden field holds on a foreign row as on an
        empty value, whatever the row's value; written as two halves so
        that indexes on the column still serve the user's own rows."""
        if not self._pikc_hides(fname):
            return super()._condition_to_sql(alias, fname, operator, value, query)
        with _pikc_sql_mode("raw", query, alias, fname):
            on_own = super()._condition_to_sql(alias, fname, operator, value, query)
        with _pikc_sql_mode("null", query, alias, fname):
            on_foreign = super()._condition_to_sql(alias, fname, operator, value, query)
        own = self._pikc_own_sql(alias)
        return SQL("((%s AND %s) OR (NOT %s AND %s))", own, on_own, own, on_foreign)

    def _where_calc(self, domain, active_test=True):
        """Conditions on hidden fields that Odoo does not turn into SQL by
        :meth:`_condition_to_sql` (x2many fields, fields searched by a
        method) hold only on the user's own rows."""
        if domain and not self.env.su:
            domain = self._pikc_guard_domain(domain)
        return super()._where_calc(domain, active_test)

    def _pikc_guard_domain(self, domain):
        guarded = []
        own = None
        for leaf in expression.normalize_domain(domain):
            if expression.is_leaf(leaf) and not expression.is_boolean(leaf):
                field = self._fields.get(str(leaf[0]).split(".", 1)[0])
                if (
                    field
                    and self._pikc_hides(field.name)
                    and not (field.store and field.column_type)
                ):
                    if own is None:
                        table = SQL.identifier(self._table)
                        own = (
                            "id",
                            "in",
                            SQL(
                                "(SELECT %s FROM %s WHERE %s)",
                                SQL.identifier(self._table, "id"),
                                table,
                                self._pikc_own_sql(self._table),
                            ),
                        )
                    guarded += [expression.AND_OPERATOR, own, leaf]
                    continue
            guarded.append(leaf)
        return guarded

    # ------------------------------------------------------------------
    # Exports
    # ------------------------------------------------------------------

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Foreign records export their hidden fields empty (and do not
        follow them into related records)."""
        foreign = set(self._pikc_foreign()._ids)
        if not foreign:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        shared = [
            index
            for index, path in enumerate(fields)
            if path and path[0] in (".id", *self._pikc_shared_fields)
        ]
        # Runs of own and of foreign records, in the order of ``self``.
        runs = []
        for record_id in self._ids:
            if runs and runs[-1][0] == (record_id in foreign):
                runs[-1][1].append(record_id)
            else:
                runs.append((record_id in foreign, [record_id]))
        lines = []
        for is_foreign, ids in runs:
            run = super(PikcRestrictedMixin, self.browse(ids))
            if not is_foreign:
                lines += run._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
                continue
            for shared_line in run._export_rows(
                [fields[index] for index in shared],
                _is_toplevel_call=_is_toplevel_call,
            ):
                line = [""] * len(fields)
                for index, value in zip(shared, shared_line, strict=True):
                    line[index] = value
                lines.append(line)
        return lines

    # The chatter of a foreign record is not the user's to read: mail
    # reaches it through these doors (and mail.message's search, see
    # models/mail_message.py).
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        thread = super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
        return thread - thread._pikc_foreign()

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        check = super()._get_mail_message_access(res_ids, operation, model_name)
        if check == "read" and self.browse(list(res_ids))._pikc_foreign():
            return "write"  # which users of other institutions never have
        return check
