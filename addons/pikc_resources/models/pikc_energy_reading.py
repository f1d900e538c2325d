from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

# The fields whose values the refusals below look at.
CHECKED_FIELDS = ("building_id", "energy_type_id", "date", "quantity", "cost")


def first_of_month(value):
    """The first day of the month of ``value`` (a date or an ISO string).

    >>> first_of_month("2014-03-17")
    datetime.date(2014, 3, 1)
    >>> first_of_month(False)
    False
    """
    if not value:
        return value
    return fields.Date.to_date(value).replace(day=1)


class PikcEnergyReading(models.Model):
    """What a building consumed of one energy type in one month, and its cost.

    A reading covers a whole month: its date is always stored as the first
    day of that month. A building has at most one reading per month and
    energy type — the database refuses a second one, so the rule holds even
    when two people enter the same bill at once. Quantity and cost are never
    negative, and nobody records a month that has not begun yet. The CO₂ of
    a reading follows from the energy type's emission factor.

    Resource users (teachers) read the readings of their own institution's
    buildings; resource managers enter, correct and delete them.
    """

    _name = "pikc.energy.reading"
    _description = "Energy Reading"
    _order = "date desc, building_id, energy_type_id"
    _rec_names_search = ["building_id.name", "energy_type_id.name"]

    building_id = fields.Many2one(
        "pikc.building", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="building_id.company_id",
        string="Institution",
        store=True,
        index=True,
        precompute=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    energy_type_id = fields.Many2one(
        "pikc.energy.type", required=True, ondelete="restrict"
    )
    date = fields.Date(
        string="Month",
        required=True,
        default=lambda self: first_of_month(fields.Date.context_today(self)),
        help="The month the reading covers; stored as its first day.",
    )
    quantity = fields.Float(
        digits=(16, 3), help="Quantity consumed in the month, in the unit shown."
    )
    unit = fields.Char(related="energy_type_id.unit")
    cost = fields.Monetary(help="Amount billed for the month, taxes included.")
    kwh = fields.Float(
        string="Energy (kWh)",
        compute="_compute_kwh_co2",
        store=True,
        digits=(16, 1),
        help="Quantity converted to kWh with the energy type's factor.",
    )
    co2_kg = fields.Float(
        string="CO₂ (kg)",
        compute="_compute_kwh_co2",
        store=True,
        digits=(16, 1),
        help="Quantity times the energy type's emission factor.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "building_month_type_uniq",
            "unique (building_id, date, energy_type_id)",
            "A building has one reading per month and energy type: correct the "
            "existing reading instead of adding a second one.",
        ),
        (
            "quantity_not_negative",
            "CHECK (quantity >= 0)",
            "The quantity of an energy reading cannot be negative.",
        ),
        (
            "cost_not_negative",
            "CHECK (cost >= 0)",
            "The cost of an energy reading cannot be negative.",
        ),
    ]

    @api.depends("quantity", "energy_type_id.kwh_factor", "energy_type_id.co2_factor")
    def _compute_kwh_co2(self):
        for reading in self:
            reading.kwh = reading.quantity * reading.energy_type_id.kwh_factor
            reading.co2_kg = reading.quantity * reading.energy_type_id.co2_factor

    @api.depends("building_id", "energy_type_id", "date")
    def _compute_display_name(self):
        for reading in self:
            reading.display_name = " – ".join(
                filter(
                    None,
                    [
                        reading.building_id.name,
                        reading.energy_type_id.name,
                        reading.date
                        and format_date(self.env, reading.date, date_format="MMMM y"),
                    ],
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "date" in vals:
                vals["date"] = first_of_month(vals["date"])
        default_date = self.default_get(["date"]).get("date")
        Building = self.env["pikc.building"]
        EnergyType = self.env["pikc.energy.type"]
        self._check_before_writing(
            [
                {
                    "building": Building.browse(vals.get("building_id")),
                    "energy_type": EnergyType.browse(vals.get("energy_type_id")),
                    "date": vals.get("date", default_date),
                    "quantity": vals.get("quantity") or 0.0,
                    "cost": vals.get("cost") or 0.0,
                }
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "date" in vals:
            vals["date"] = first_of_month(vals["date"])
        if any(name in vals for name in CHECKED_FIELDS):
            changes = {}
            if "building_id" in vals:
                changes["building"] = self.env["pikc.building"].browse(
                    vals["building_id"]
                )
            if "energy_type_id" in vals:
                changes["energy_type"] = self.env["pikc.energy.type"].browse(
                    vals["energy_type_id"]
                )
            if "date" in vals:
                changes["date"] = vals["date"]
            for name in ("quantity", "cost"):
                if name in vals:
                    changes[name] = vals[name] or 0.0
            self._check_before_writing(
                [
                    {
                        "building": reading.building_id,
                        "energy_type": reading.energy_type_id,
                        "date": reading.date,
                        "quantity": reading.quantity,
                        "cost": reading.cost,
                    }
                    | changes
                    for reading in self
                ],
                excluded=self,
            )
        return super().write(vals)

    def _check_before_writing(self, candidates, excluded=None):
        """Refuse readings that break a rule, before anything is written.

        ``candidates`` are the readings as they would be saved (dicts of
        building, energy_type, date, quantity, cost); ``excluded`` the
        readings being changed. Checked before the rows reach the database so
        that the message names the building, the month and the energy type;
        the database constraints back the same rules on any other path and
        under concurrent users. One query for the whole batch.
        """
        this_month = first_of_month(fields.Date.context_today(self))
        for candidate in candidates:
            params = self._message_params(candidate)
            if candidate["quantity"] < 0:
                raise ValidationError(
                    self.env._(
                        "The %(energy_type)s reading of %(building)s for %(month)s "
                        "has a negative quantity (%(quantity)s). Enter what the "
                        "meter or the bill shows for the month, zero or more.",
                        quantity=candidate["quantity"],
                        **params,
                    )
                )
            if candidate["cost"] < 0:
                raise ValidationError(
                    self.env._(
                        "The %(energy_type)s reading of %(building)s for %(month)s "
                        "has a negative cost (%(cost)s). Enter the amount billed; "
                        "record a supplier's credit note as a correction of the "
                        "month's cost, not as a negative cost.",
                        cost=candidate["cost"],
                        **params,
                    )
                )
            if candidate["date"] and candidate["date"] > this_month:
                raise ValidationError(
                    self.env._(
                        "The %(energy_type)s reading of %(building)s is for "
                        "%(month)s, a month that has not begun yet. Enter "
                        "readings only for the current or past months.",
                        **params,
                    )
                )
        self._check_one_reading_per_month(candidates, excluded)

    def _check_one_reading_per_month(self, candidates, excluded):
        keys = {}
        for candidate in candidates:
            key = (
                candidate["building"].id,
                candidate["energy_type"].id,
                candidate["date"],
            )
            if key in keys:
                self._raise_duplicate(candidate)
            keys[key] = candidate
        domain = [
            ("building_id", "in", [key[0] for key in keys]),
            ("energy_type_id", "in", [key[1] for key in keys]),
            ("date", "in", [key[2] for key in keys if key[2]]),
        ]
        if excluded:
            domain.append(("id", "not in", excluded.ids))
        # Another institution's readings count too: the rule is global.
        existing = self.sudo().search_fetch(
            domain, ["building_id", "energy_type_id", "date"]
        )
        for reading in existing:
            key = (reading.building_id.id, reading.energy_type_id.id, reading.date)
            if key in keys:
                self._raise_duplicate(keys[key])

    def _raise_duplicate(self, candidate):
        raise ValidationError(
            self.env._(
                "%(building)s already has a %(energy_type)s reading for "
                "%(month)s. A building has one reading per month and energy "
                "type: open the existing reading and correct it instead of "
                "adding a second one.",
                **self._message_params(candidate),
            )
        )

    def _message_params(self, candidate):
        """Names a school accountant recognises, for the refusal messages."""
        return {
            "building": candidate["building"].sudo().display_name
            or self.env._("the building"),
            "energy_type": candidate["energy_type"].sudo().display_name
            or self.env._("energy"),
            "month": format_date(self.env, candidate["date"], date_format="MMMM y")
            if candidate["date"]
            else self.env._("an unknown month"),
        }
