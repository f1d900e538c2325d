"""Figures that follow from other records are never typed: the stored or
computed read-only fields of the funding models (budget figures, totals,
fields related to the grant) are refused on write to every client.

A local guard of the funding models, ahead of a generic one for every
PIKC model."""

from odoo.exceptions import UserError


def computed_names(model, vals_list):
    """The computed read-only fields (no inverse) that ``vals_list`` write
    on ``model``, in order."""
    return sorted(
        {
            name
            for vals in vals_list
            for name in vals
            if name in model._fields
            and model._fields[name].compute
            and model._fields[name].readonly
            and not model._fields[name].inverse
        }
    )


def refuse_computed_writes(model, vals_list):
    """Refuse ``vals_list`` on ``model`` when they write computed read-only
    fields; internal code running as superuser passes (Odoo's own
    recomputations do not go through ``write``)."""
    if model.env.su:
        return
    names = computed_names(model, vals_list)
    if names:
        raise UserError(
            model.env._(
                "%(fields)s of %(model)s follow from other records and cannot "
                "be set by hand. Change the records they come from instead.",
                fields=", ".join(
                    model._fields[name]._description_string(model.env) for name in names
                ),
                model=model._description,
            )
        )
