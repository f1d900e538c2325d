"""What PIKC computes, no client types: the stored computed fields of PIKC.

A stored field that PIKC computes and shows read-only (a booking's hours,
its owner institution, whether it crosses institutions, the workshop of its
resource, ...) follows other values. Written by hand over RPC, it would lie:
a booking of another institution's workshop marked as one's own, hours that
differ from its start and end. So ``create`` and ``write`` refuse such
values from anyone but the system (``sudo()``), naming the field and what it
is computed from, before anything is written; defaults for them (context
``default_`` keys, user defaults) are dropped.

The ORM itself never passes through here when it stores computed values
(recomputation writes with ``_write`` on flush), so computes keep working
for every user; server code that must set such a value runs ``sudo()``.

Which fields: those of :meth:`_pikc_computed_fields`, derived from the
registry, so that a new field is covered the day it is added: stored,
computed (or related), read-only and without inverse, and defined by PIKC
addons only (a field of Odoo that PIKC extends stays Odoo's business). A
model adds fields read-only by design that its own code sets with
``_pikc_readonly_fields`` (refused on write; its ``create`` checks them
itself).
"""

from odoo import api, models, tools
from odoo.exceptions import UserError
from odoo.models import BaseModel

#: The addons whose fields the guard covers: PIKC's.
PIKC_MODULE_PREFIX = "pikc_"


def is_pikc_computed(field):
    """Whether ``field`` is a stored value PIKC computes and no user sets:
    stored, computed or related, read-only, without inverse, and defined by
    PIKC addons only."""
    return bool(
        field.store
        and field.compute
        and field.readonly
        and not field.inverse
        and field._modules
        and all(module.startswith(PIKC_MODULE_PREFIX) for module in field._modules)
    )


def computed_fields_by_model(env):
    """``{model name: names of its guarded fields}`` of every model of
    ``env``'s registry that has some (for tests and reviews)."""
    result = {}
    for name in sorted(env.registry):
        model = env[name]
        if not model._abstract and model._pikc_computed_fields():
            result[name] = model._pikc_computed_fields()
    return result


class Base(models.AbstractModel):
    _inherit = "base"

    #: Fields of a model that are read-only by design without being computed
    #: (a reference from a sequence): refused on write like computed ones.
    _pikc_readonly_fields = frozenset()

    @api.model
    @tools.ormcache("self._name")
    def _pikc_computed_fields(self):
        """The names of the fields of this model clients may not set: the
        stored fields PIKC computes (:func:`is_pikc_computed`). One lookup
        per model and registry."""
        return frozenset(
            name for name, field in self._fields.items() if is_pikc_computed(field)
        )

    def _pikc_check_computed_values(self, fnames, extra=()):
        """Refuse, unless run by the system, values given for the fields of
        :meth:`_pikc_computed_fields` (and of ``extra``) among ``fnames``,
        naming the first such field of the records ``self`` (none: a new
        record) and what it is computed from."""
        if self.env.su:
            return
        guarded = self._pikc_computed_fields() | frozenset(extra)
        given = [fname for fname in fnames if fname in guarded]
        if given:
            raise UserError(self._pikc_computed_message(given[0]))

    def _pikc_computed_message(self, fname):
        field = self._fields[fname]
        record = self._pikc_record_label()
        label = field._description_string(self.env)
        sources = self._pikc_computed_sources(field)
        if not sources:
            return self.env._(
                "%(field)s of %(record)s is set by the system; it cannot be "
                "changed by hand.",
                field=label,
                record=record,
            )
        return self.env._(
            "%(field)s of %(record)s is computed from %(sources)s; change "
            "%(sources)s instead.",
            field=label,
            record=record,
            sources=sources,
        )

    def _pikc_computed_sources(self, field):
        """The labels of the fields of this model ``field`` is computed from
        (the first step of its dependencies), joined by commas."""
        names = []
        for path in field.get_depends(self)[0]:
            source = self._fields.get(path.split(".")[0])
            if source and source.name not in ("id", field.name):
                label = source._description_string(self.env)
                if label not in names:
                    names.append(label)
        return ", ".join(names)

    @api.model
    @tools.ormcache("self._name")
    def _pikc_many2one_fields(self):
        """The names of the many2one fields PIKC defines on this model, whose
        values :meth:`_pikc_clean_ids` checks."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.type == "many2one"
            and field.store
            and field._modules
            and all(m.startswith(PIKC_MODULE_PREFIX) for m in field._modules)
        )

    def _pikc_clean_ids(self, vals):
        """``vals`` with the values of PIKC's many2one fields as plain ids.

        The ORM stores a many2one given as ``"12"`` or ``12.0`` in the
        database but caches it as empty, so that the checks and computes of
        the write would see no record where the database holds one. A value
        is an id (an integer), empty (False or None) or one record of the
        field's model (taken as its id); anything else (text, a float, a
        list, an (id, name) pair, a new record's id) is refused, before
        anything is written."""
        many2ones = self._pikc_many2one_fields() & vals.keys()
        if not many2ones:
            return vals
        vals = dict(vals)
        for fname in many2ones:
            vals[fname] = self._pikc_clean_id(fname, vals[fname])
        return vals

    def _pikc_clean_id(self, fname, value):
        field = self._fields[fname]
        if value is None or value is False or type(value) is int:
            return value
        if (
            isinstance(value, BaseModel)
            and value._name == field.comodel_name
            and len(value) <= 1
            and all(type(id_) is int for id_ in value._ids)
        ):
            return value.id
        raise UserError(
            self.env._(
                "%(field)s of %(record)s must be one %(model)s, given by its "
                "id (a whole number); %(value)s is not. Choose it from the list.",
                field=field._description_string(self.env),
                record=self._pikc_record_label(),
                model=self._pikc_model_label(field.comodel_name),
                value=repr(value),
            )
        )

    def _pikc_record_label(self):
        """How a refusal names the records ``self``: the first one's display
        name, or, for none, a new record of the model."""
        if self:
            return self[:1].display_name
        return self.env._("a new %(model)s", model=self._pikc_model_label())

    def _pikc_model_label(self, model=None):
        return self.env["ir.model"].sudo()._get(model or self._name).name

    @api.model_create_multi
    def create(self, vals_list):
        if self._pikc_many2one_fields():
            vals_list = [self._pikc_clean_ids(vals) for vals in vals_list]
        if not self.env.su and self._pikc_computed_fields():
            for vals in vals_list:
                self._pikc_check_computed_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        vals = self._pikc_clean_ids(vals)
        if not self.env.su and (
            self._pikc_readonly_fields or self._pikc_computed_fields()
        ):
            self._pikc_check_computed_values(vals, self._pikc_readonly_fields)
        return super().write(vals)

    @api.model
    def default_get(self, fields_list):
        """No default, from the context or the user's, for a value PIKC
        computes: it would be stored as typed."""
        defaults = super().default_get(fields_list)
        if not self.env.su:
            for fname in self._pikc_computed_fields() & defaults.keys():
                del defaults[fname]
        return defaults
