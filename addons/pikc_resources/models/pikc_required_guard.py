"""The input guard's check of required values on create (see
``pikc_input_guard.py``): a new record without a value its model requires
is refused naming the field, before the database's NOT NULL refuses it with
the table's technical names."""

from odoo import tools

#: Field types of which every value is one (False is a boolean's value).
ALWAYS_SET = ("boolean",)


def is_empty(value):
    """Whether ``value`` leaves a field empty (0 does not).

    >>> [is_empty(value) for value in (None, False, "", [], 0, 0.0, "x", [1])]
    [True, True, True, True, False, False, False, False]
    """
    return value is None or value is False or value == "" or value == []


class PikcRequiredGuard:
    """Required values a client left out are refused (a part of
    :class:`PikcInputGuard`). ``_pikc_filled_fields``: required fields the
    model's own ``create`` fills (a workshop's resource)."""

    __slots__ = ()

    _pikc_filled_fields = ()

    @tools.ormcache("self._name")
    def _pikc_required_fields(self):
        """The fields of the model a client must give on create: required,
        stored, neither computed nor related, without a default, checked by
        the guard and not filled by the model's own code."""
        return tuple(
            name
            for name, field in self._fields.items()
            if field.required
            and field.store
            and not field.compute
            and field.default is None
            and field.type not in ALWAYS_SET
            and name not in self._inherits.values()
            and name not in self._pikc_filled_fields
            and (self._pikc_input_fields is None or name in self._pikc_input_fields)
        )

    def _pikc_check_required(self, vals_list, create=True):
        """Refuse a record of ``vals_list`` without a value for one of
        :meth:`_pikc_required_fields`: given empty, or, for a new record
        (``create``), left out and without a default from the context, the
        user or the model."""
        required = self._pikc_required_fields()
        missing = {
            name
            for vals in vals_list
            for name in required
            if (create or name in vals) and is_empty(vals.get(name))
        }
        if not missing:
            return
        # Who may not make or change the record hears that first, as from Odoo.
        self.check_access("create" if create else "write")
        left_out = {name for name in missing if any(name not in v for v in vals_list)}
        defaults = self.default_get(sorted(left_out)) if left_out else {}
        for vals in vals_list:
            for name in sorted(missing):
                if is_empty(vals.get(name)) and (
                    name in vals or is_empty(defaults.get(name))
                ):
                    self._pikc_refuse_missing(self._fields[name], vals)

    def _pikc_refuse_missing(self, field, vals):
        if field.relational:
            message = self.env._("“%(field)s” of the %(model)s is required: choose it.")
        else:
            message = self.env._("“%(field)s” of the %(model)s is required: enter it.")
        self._pikc_refuse(field, message, vals=vals)
