from odoo import api, fields, models
from odoo.tools import SQL


class PikcBuildingEnergyReport(models.Model):
    """Yearly energy use of each building, per energy type, and what it saved.

    One row per building, calendar year and energy type: the quantity, kWh,
    cost and CO₂ of the year, the energy intensity (kWh per m² of heated
    area), and the savings against the same energy type in the building's
    baseline year (positive when less was used than in the baseline year).
    Rows have no savings when the building has no baseline year or no
    readings of that energy type in it. Read-only, built from the readings;
    archived buildings leave it.

    Resource users (teachers) read the report for their own institution's
    buildings; nobody writes to it.
    """

    _name = "pikc.building.energy.report"
    _description = "Building Energy Report"
    _inherit = "pikc.sql.report"
    _auto = False
    _order = "year desc, building_id, energy_type_id"
    _rec_name = "building_id"

    building_id = fields.Many2one("pikc.building", readonly=True)
    company_id = fields.Many2one("res.company", string="Institution", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    energy_type_id = fields.Many2one("pikc.energy.type", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    is_baseline = fields.Boolean(
        string="Baseline Year", readonly=True, help="This row is the baseline year."
    )
    month_count = fields.Integer(
        string="Months",
        readonly=True,
        aggregator="max",
        help="Months of the year with a reading; fewer than 12 means the year "
        "is incomplete and its totals are not comparable.",
    )
    quantity = fields.Float(readonly=True, digits=(16, 1))
    kwh = fields.Float(string="Energy (kWh)", readonly=True, digits=(16, 0))
    cost = fields.Monetary(readonly=True)
    co2_kg = fields.Float(string="CO₂ (kg)", readonly=True, digits=(16, 0))
    kwh_per_m2 = fields.Float(
        string="kWh per m²",
        readonly=True,
        digits=(16, 1),
        help="Energy intensity: kWh of the year per m² of heated area. Sums "
        "correctly over the energy types of one building; do not add it up "
        "across buildings.",
    )
    kwh_saved = fields.Float(
        string="kWh Saved",
        readonly=True,
        digits=(16, 0),
        help="kWh of the baseline year minus kWh of this year.",
    )
    cost_saved = fields.Monetary(
        readonly=True, help="Cost of the baseline year minus cost of this year."
    )
    co2_kg_saved = fields.Float(
        string="CO₂ Saved (kg)",
        readonly=True,
        digits=(16, 0),
        help="CO₂ of the baseline year minus CO₂ of this year.",
    )
    saved_percent = fields.Float(
        string="Saved (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Share of the baseline year's quantity saved this year, per "
        "building and energy type (an average when rows are grouped).",
    )

    @api.model
    def _with(self) -> SQL:
        """Each building's readings summed per year and energy type."""
        return SQL(
            """
            WITH yearly AS (
                SELECT MIN(reading.id) AS id,
                       reading.building_id,
                       reading.energy_type_id,
                       EXTRACT(YEAR FROM reading.date)::integer AS year,
                       COUNT(DISTINCT reading.date) AS month_count,
                       SUM(reading.quantity) AS quantity,
                       SUM(reading.kwh) AS kwh,
                       SUM(reading.cost) AS cost,
                       SUM(reading.co2_kg) AS co2_kg
                  FROM pikc_energy_reading reading
              GROUP BY reading.building_id,
                       reading.energy_type_id,
                       EXTRACT(YEAR FROM reading.date)
            )
            """
        )

    @api.model
    def _select(self) -> SQL:
        return SQL(
            """
            SELECT yearly.id,
                   yearly.building_id,
                   building.company_id,
                   company.currency_id,
                   yearly.energy_type_id,
                   yearly.year,
                   yearly.year = building.baseline_year AS is_baseline,
                   yearly.month_count,
                   yearly.quantity,
                   yearly.kwh,
                   yearly.cost,
                   yearly.co2_kg,
                   yearly.kwh / NULLIF(building.heated_area, 0) AS kwh_per_m2,
                   baseline.kwh - yearly.kwh AS kwh_saved,
                   baseline.cost - yearly.cost AS cost_saved,
                   baseline.co2_kg - yearly.co2_kg AS co2_kg_saved,
                   100.0 * (baseline.quantity - yearly.quantity)
                       / NULLIF(baseline.quantity, 0) AS saved_percent
            """
        )

    @api.model
    def _from(self) -> SQL:
        return SQL(
            """
            FROM yearly
            JOIN pikc_building building ON building.id = yearly.building_id
            JOIN res_company company ON company.id = building.company_id
            LEFT JOIN yearly baseline
                   ON baseline.building_id = yearly.building_id
                  AND baseline.energy_type_id = yearly.energy_type_id
                  AND baseline.year = building.baseline_year
            """
        )

    @api.model
    def _where(self) -> SQL:
        return SQL("WHERE building.active")
