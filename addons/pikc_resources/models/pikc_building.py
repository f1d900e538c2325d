from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PikcBuilding(models.Model):
    """A building or campus of an institution.

    Its heated area and energy class, and the monthly energy readings
    (heat, electricity, gas, water) of it, show what the building consumes
    and costs, and what a renovation saved against the building's baseline
    year — the figures an energy-efficiency grant (KPFI) reports on.

    Resource users (teachers) read the buildings of their own institution;
    resource managers create, change, archive and delete them. Standard
    multi-company rules keep a building inside its institution.
    """

    _name = "pikc.building"
    _description = "Building"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin"]
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        tracking=True,
        help="Short code of the building, unique within its institution.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Institution",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    street = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    heated_area = fields.Float(
        string="Heated Area (m²)",
        digits=(16, 1),
        tracking=True,
        help="Heated floor area in square metres, as in the building's energy "
        "certificate; energy intensity (kWh per m²) is measured against it.",
    )
    year_built = fields.Integer()
    energy_class = fields.Selection(
        [(letter, letter) for letter in "ABCDEFG"],
        tracking=True,
        help="Energy efficiency class from the building's energy certificate, "
        "A being the most efficient.",
    )
    baseline_year = fields.Integer(
        tracking=True,
        help="The year against which savings are measured, usually the last "
        "full year before a renovation.",
    )
    reading_ids = fields.One2many(
        "pikc.energy.reading", "building_id", string="Energy Readings"
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Html()

    # The last complete year at a glance (not stored, one query for all).
    summary_year = fields.Integer(
        string="Last Complete Year",
        compute="_compute_summary",
        help="The latest calendar year before the current one with readings "
        "for each of its twelve months.",
    )
    summary_kwh = fields.Float(
        string="Energy (kWh)", compute="_compute_summary", digits=(16, 0)
    )
    summary_kwh_per_m2 = fields.Float(
        string="kWh per m²",
        compute="_compute_summary",
        digits=(16, 1),
        help="Energy consumed in the last complete year per square metre of "
        "heated area.",
    )
    summary_cost = fields.Monetary(string="Energy Cost", compute="_compute_summary")
    summary_co2_t = fields.Float(
        string="CO₂ (t)",
        compute="_compute_summary",
        digits=(16, 1),
        help="Tonnes of CO₂ emitted in the last complete year.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "EXCLUDE USING btree (company_id WITH =, (lower(btrim(code))) WITH =)",
            "Another building of this institution already has this code: give "
            "each building its own code.",
        ),
        (
            "heated_area_not_negative",
            "CHECK (heated_area >= 0)",
            "The heated area of a building cannot be negative: enter the heated "
            "floor area in m², zero or more.",
        ),
    ]

    @api.depends(
        "heated_area", "reading_ids.date", "reading_ids.kwh", "reading_ids.cost"
    )
    def _compute_summary(self):
        """The last complete year of every building in one grouped query."""
        this_year = fields.Date.context_today(self).replace(month=1, day=1)
        groups = self.env["pikc.energy.reading"]._read_group(
            [("building_id", "in", self.ids), ("date", "<", this_year)],
            ["building_id", "date:year"],
            ["kwh:sum", "cost:sum", "co2_kg:sum", "date:count_distinct"],
        )
        latest = {}
        for building, year, kwh, cost, co2_kg, months in groups:
            if months < 12:
                continue
            if building.id not in latest or year > latest[building.id][0]:
                latest[building.id] = (year, kwh, cost, co2_kg)
        for building in self:
            year, kwh, cost, co2_kg = latest.get(building._origin.id, (None, 0, 0, 0))
            building.summary_year = year.year if year else 0
            building.summary_kwh = kwh
            building.summary_kwh_per_m2 = (
                kwh / building.heated_area if building.heated_area else 0.0
            )
            building.summary_cost = cost
            building.summary_co2_t = co2_kg / 1000.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_heated_area_value(vals.get("name"), vals.get("heated_area"))
        return super().create(vals_list)

    def write(self, vals):
        if "heated_area" in vals:
            for building in self:
                self._check_heated_area_value(
                    vals.get("name", building.name), vals["heated_area"]
                )
        return super().write(vals)

    def _check_heated_area_value(self, name, heated_area):
        """Refuse a negative heated area before anything is written.

        Checked before the row reaches the database so that the message names
        the building; the CHECK constraint backs it for any other path.
        """
        if heated_area and heated_area < 0:
            raise ValidationError(
                self.env._(
                    "The heated area of %(building)s cannot be negative "
                    "(%(area)s m²). Enter the heated floor area from the "
                    "building's energy certificate, zero or more.",
                    building=name or self.env._("the new building"),
                    area=heated_area,
                )
            )

    def action_open_energy_report(self):
        """The yearly energy report of this building."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pikc_resources.pikc_building_energy_report_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"search_default_group_year": 1}
        return action
