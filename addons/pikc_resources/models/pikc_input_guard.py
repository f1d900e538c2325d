"""One guard against bad input for the PIKC models.

What a client sends to ``create`` and ``write`` is checked, field by field,
before anything is written and before the models' own code reads it: text
without NUL characters (PostgreSQL cannot store them), codes without
surrounding spaces and of a sensible length, numbers that are numbers and in
range, dates that exist in a sensible span of years, choices among the
field's options, and ids of records that exist. Each refusal is a
``ValidationError`` naming the field and the limit in plain words, instead of
a PostgreSQL or Python error.

The guard is a plain class whose ``create`` and ``write`` come first in a
model's method order: ``guard_model`` declares, in the last file an addon
loads, an extension of the model with the guard in front of everything the
model does. Class attributes configure it per model:

* ``_pikc_input_fields``: the fields checked (all by default; Odoo's models
  extended by PIKC list PIKC's own fields);
* ``_pikc_code_fields``: codes, stripped of surrounding spaces, never blank,
  at most ``CODE_MAX_LENGTH`` characters;
* ``_pikc_input_ranges``: ``{field: (minimum, maximum)}`` for numbers with a
  limit of their own (``None`` for no bound);
* ``_pikc_filled_fields``: required fields the model's own ``create``
  fills (the others a new record must be given, ``pikc_required_guard.py``);
* ``_pikc_unique_codes``: ``{code field: scope fields}`` for codes unique
  within their scope up to case and spaces, said here before the database
  constraint (which holds the rule for concurrent users) refuses it.
"""

import math
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from .pikc_code_guard import PikcCodeGuard
from .pikc_required_guard import PikcRequiredGuard

#: The longest code, name and other single-line text accepted.
CODE_MAX_LENGTH = 64
NAME_MAX_LENGTH = 256
CHAR_MAX_LENGTH = 1000
#: The largest amount or quantity accepted (a quadrillion).
FLOAT_MAX = 10**15
#: What a PostgreSQL integer column holds.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
#: The span of years of a date PIKC records.
YEAR_MIN, YEAR_MAX = 1900, 2199

TEXT_TYPES = ("char", "text", "html")
NUMBER_TYPES = ("integer", "float", "monetary")


def parse_number(value, integer=False):
    """``value`` as a number, or None when it is none.

    >>> parse_number("12.5"), parse_number(3), parse_number(False)
    (12.5, 3, 0)
    >>> parse_number(float("nan")) is None, parse_number("abc") is None
    (True, True)
    >>> parse_number(2.5, integer=True) is None, parse_number("7", integer=True)
    (True, 7)
    >>> parse_number(10**400) == 10**400, parse_number("1e400") is None
    (True, True)
    """
    if isinstance(value, bool) or value is None:
        return int(bool(value))
    if isinstance(value, int):
        return value
    try:
        number = float(value) if isinstance(value, str) else value
        if not isinstance(number, float) or not math.isfinite(number):
            return None
    except (TypeError, ValueError):
        return None
    if integer:
        return int(number) if number.is_integer() else None
    return number


class BadInput(Exception):  # noqa: N818 - internal, never reaches a user
    """A bad value of ``field``: ``message`` (with ``params``) says why.
    Turned into a ``ValidationError`` naming the record by the guard."""

    def __init__(self, field, message, params):
        super().__init__(message)
        self.field = field
        self.message = message
        self.params = params
        self.vals = None


class PikcInputGuard(PikcCodeGuard, PikcRequiredGuard):
    """The guard's hooks and checks, put in front of a model by
    :func:`guard_model`."""

    # Odoo's records have slots: a mixin without them would change their layout.
    __slots__ = ()

    _pikc_input_fields = None
    _pikc_code_fields = ()
    _pikc_input_ranges = {}
    _pikc_unique_codes = {}

    @api.model_create_multi
    def create(self, vals_list):
        try:
            self._pikc_check_input(vals_list)
            # A value the system computes is refused before a missing one.
            for vals in vals_list:
                self._pikc_check_computed_values(vals)
            self._pikc_check_required(vals_list)
            self._pikc_check_unique_codes(vals_list, self.browse())
        except BadInput as refusal:
            raise self._pikc_refusal(refusal) from None
        return super().create(vals_list)

    def write(self, vals):
        try:
            self._pikc_check_input([vals])
            self._pikc_check_required([vals], create=False)
            self._pikc_check_unique_codes([vals], self)
        except BadInput as refusal:
            raise self._pikc_refusal(refusal) from None
        return super().write(vals)

    # ------------------------------------------------------------------
    # Field by field
    # ------------------------------------------------------------------

    def _pikc_check_input(self, vals_list):
        """Normalise the codes of ``vals_list`` and refuse any bad value in
        it; the ids it links to are checked in one query per field."""
        linked = {}
        for vals in vals_list:
            for name, value in list(vals.items()):
                field = self._fields.get(name)
                if not field or (
                    self._pikc_input_fields is not None
                    and name not in self._pikc_input_fields
                ):
                    continue
                try:
                    value = self._pikc_check_value(vals, field, value)
                except BadInput as refusal:
                    refusal.vals = vals
                    raise
                if field.type in ("many2one", "many2many"):
                    ids = self._pikc_linked_ids(field, value)
                    linked.setdefault(field, set()).update(ids)
        for field, ids in linked.items():
            self._pikc_check_exist(field, ids)

    def _pikc_check_value(self, vals, field, value):
        """Refuse a bad ``value`` of ``field``; a code comes back stripped
        (and is stripped in ``vals``)."""
        if field.name in self._pikc_code_fields and isinstance(value, str):
            # Full-width letters and other look-alikes are the same code.
            value = vals[field.name] = unicodedata.normalize("NFKC", value).strip()
            if not value and field.required:
                self._pikc_refuse(
                    field,
                    self.env._(
                        "“%(field)s” of the %(model)s cannot be blank: enter a code."
                    ),
                )
        if field.type == "many2one":
            # One rule for ids on every PIKC model (models/base.py).
            value = vals[field.name] = self._pikc_clean_id(field.name, value)
        if (
            field.type == "char"
            and field.required
            and isinstance(value, str)
            and not value.strip()
        ):
            self._pikc_refuse(
                field,
                self.env._("“%(field)s” of the %(model)s cannot be blank: enter it."),
            )
        check = getattr(self, f"_pikc_check_{field.type}", None)
        if check:
            check(field, value)
        return value

    def _pikc_refuse(self, field, message, vals=None, **params):
        refusal = BadInput(field, message, params)
        refusal.vals = vals
        raise refusal

    def _pikc_refusal(self, refusal):
        """The refusal in words: the field, and the record by its name where
        it has one (the record written, or the name of the one created)."""
        model = self.env["ir.model"]._get(self._name).name
        name = None
        if len(self) == 1:
            name = self.display_name
        elif refusal.vals and refusal.field.name != "name":
            name = refusal.vals.get("name")
        if isinstance(name, str) and name and len(name) <= NAME_MAX_LENGTH:
            model = f"{model} “{name}”"
        return ValidationError(
            refusal.message
            % dict(
                refusal.params,
                field=refusal.field._description_string(self.env),
                model=model,
            )
        )

    def _pikc_check_text(self, field, value):
        if value is None or value is False:
            return
        if not isinstance(value, str):
            if isinstance(value, list | dict | tuple | set):
                self._pikc_refuse(
                    field,
                    self.env._("“%(field)s” of the %(model)s must be text."),
                )
            return
        if "\x00" in value:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s contains a NUL character (an "
                    "invisible character, often pasted from another program), "
                    "which cannot be saved. Remove it and save again."
                ),
            )
        if field.type != "char":
            return
        if field.name in self._pikc_code_fields:
            limit = CODE_MAX_LENGTH
        elif field.name == "name":
            limit = NAME_MAX_LENGTH
        else:
            limit = CHAR_MAX_LENGTH
        if len(value) > limit:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s is %(length)s characters long: "
                    "at most %(limit)s characters are allowed. Shorten it."
                ),
                length=len(value),
                limit=limit,
            )

    _pikc_check_char = _pikc_check_text
    _pikc_check_html = _pikc_check_text

    def _pikc_check_number(self, field, value, integer=False):
        number = parse_number(value, integer=integer)
        if number is None:
            message = (
                self.env._(
                    "“%(field)s” of the %(model)s must be a whole number; "
                    "“%(value)s” is not one."
                )
                if integer
                else self.env._(
                    "“%(field)s” of the %(model)s must be a number; “%(value)s” "
                    "is not one."
                )
            )
            self._pikc_refuse(field, message, value=value)
        default = (INTEGER_MIN, INTEGER_MAX) if integer else (-FLOAT_MAX, FLOAT_MAX)
        low, high = self._pikc_input_ranges.get(field.name, default)
        low = default[0] if low is None else low
        high = default[1] if high is None else high
        if number < low:
            message = (
                self.env._(
                    "“%(field)s” of the %(model)s cannot be negative (%(value)s): "
                    "enter zero or more."
                )
                if low == 0
                else self.env._(
                    "“%(field)s” of the %(model)s must be at least %(low)s; "
                    "%(value)s is too small."
                )
            )
            self._pikc_refuse(field, message, low=self._pikc_number(low), value=value)
        if number > high:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s must be at most %(high)s; "
                    "%(value)s is too large."
                ),
                high=self._pikc_number(high),
                value=value,
            )

    def _pikc_number(self, number):
        """A limit as the user's language writes it (1,000,000 or 1 000 000)."""
        return formatLang(self.env, number, digits=0)

    def _pikc_check_integer(self, field, value):
        self._pikc_check_number(field, value, integer=True)

    _pikc_check_float = _pikc_check_number
    _pikc_check_monetary = _pikc_check_number

    def _pikc_check_date(self, field, value):
        if not value:
            return
        convert = (
            fields.Datetime.to_datetime
            if field.type == "datetime"
            else fields.Date.to_date
        )
        try:
            day = convert(value)
        except (TypeError, ValueError):
            day = None
        if not day:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s must be a date that exists, "
                    "written year-month-day (2026-09-01); “%(value)s” is not one."
                ),
                value=value,
            )
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s must fall between the years "
                    "%(low)s and %(high)s; %(value)s does not."
                ),
                low=YEAR_MIN,
                high=YEAR_MAX,
                value=value,
            )

    _pikc_check_datetime = _pikc_check_date

    def _pikc_check_selection(self, field, value):
        if not value:
            return
        options = dict(field._description_selection(self.env))
        if not isinstance(value, str | int) or value not in options:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s must be one of %(options)s; "
                    "“%(value)s” is not one of them."
                ),
                options=", ".join(f"“{label}”" for label in options.values()),
                value=value,
            )

    # ------------------------------------------------------------------
    # Records that exist
    # ------------------------------------------------------------------

    @api.model
    def _pikc_linked_ids(self, field, value):
        """The ids of existing records ``value`` links the field to."""
        if field.type == "many2one":
            return [value] if type(value) is int else []
        ids = []
        for command in value if isinstance(value, list | tuple) else ():
            if type(command) is int:
                ids.append(command)
            elif isinstance(command, list | tuple) and command:
                if command[0] == fields.Command.LINK and len(command) > 1:
                    ids.append(command[1])
                elif command[0] == fields.Command.SET and len(command) > 2:
                    ids.extend(command[2] or ())
        return [id_ for id_ in ids if type(id_) is int]

    def _pikc_check_exist(self, field, ids):
        """Refuse ids of records that do not exist (a foreign key the
        database would refuse with a technical message)."""
        if not ids:
            return
        comodel = self.env[field.comodel_name].sudo()
        unknown = set(ids) - set(comodel.browse(ids).exists().ids)
        if unknown:
            self._pikc_refuse(
                field,
                self.env._(
                    "“%(field)s” of the %(model)s names a record that does not "
                    "exist (id %(ids)s): it may have been deleted. Choose an "
                    "existing %(comodel)s."
                ),
                ids=", ".join(str(id_) for id_ in sorted(unknown)),
                comodel=self.env["ir.model"]._get(field.comodel_name).name,
            )


def guard_model(model_name, base=models.Model, **config):
    """Put the guard in front of the model ``model_name``, configured by
    ``config`` (the class attributes above). Called in the last file of an
    addon's models, so that the guard runs before the model's own code."""
    attrs = {
        "_inherit": model_name,
        "__module__": config.pop("module"),
        **{f"_pikc_{key}": value for key, value in config.items()},
    }
    class_name = "".join(part.title() for part in model_name.split(".")) + "Guard"
    return type(class_name, (PikcInputGuard, base), attrs)
