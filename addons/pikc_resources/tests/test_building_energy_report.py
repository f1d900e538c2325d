from odoo.tests import tagged

from .building_common import PikcBuildingCommon


@tagged("post_install", "-at_install")
class TestBuildingEnergyReport(PikcBuildingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Baseline 2020: 120 MWh of heat (60 EUR/MWh), 1,200 m³ of water.
        cls.add_year(cls.building, cls.heat, 2020, 10.0, cost=600.0)
        cls.add_year(cls.building, cls.water, 2020, 100.0, cost=200.0)
        # After insulation, 2021: 90 MWh of heat, 1,080 m³ of water.
        cls.add_year(cls.building, cls.heat, 2021, 7.5, cost=480.0)
        cls.add_year(cls.building, cls.water, 2021, 90.0, cost=190.0)
        # Electricity only from 2021: no baseline to compare with.
        cls.add_year(cls.building, cls.electricity, 2021, 1000.0, cost=150.0)
        cls.env.flush_all()

    def row(self, year, energy_type, user=None):
        report = self.env["pikc.building.energy.report"].with_user(
            user or self.user_teacher
        )
        rows = report.search(
            [
                ("building_id", "=", self.building.id),
                ("year", "=", year),
                ("energy_type_id", "=", energy_type.id),
            ]
        )
        self.assertEqual(len(rows), 1)
        return rows

    def test_yearly_totals_and_intensity(self):
        """A year's quantity, kWh, cost, CO₂ and kWh per m² of heated area."""
        row = self.row(2021, self.heat)
        self.assertEqual(row.month_count, 12)
        self.assertAlmostEqual(row.quantity, 90.0)
        self.assertAlmostEqual(row.kwh, 90000.0)
        self.assertAlmostEqual(row.kwh_per_m2, 90.0)
        self.assertAlmostEqual(row.cost, 5760.0)
        self.assertAlmostEqual(row.co2_kg, 18000.0)
        self.assertEqual(row.company_id, self.company_pikc)

    def test_savings_against_the_baseline_year(self):
        """Savings are the baseline year's figures minus this year's."""
        heat = self.row(2021, self.heat)
        self.assertAlmostEqual(heat.kwh_saved, 30000.0)
        self.assertAlmostEqual(heat.cost_saved, 7200.0 - 5760.0)
        self.assertAlmostEqual(heat.co2_kg_saved, 6000.0)
        self.assertAlmostEqual(heat.saved_percent, 25.0)
        water = self.row(2021, self.water)
        self.assertAlmostEqual(water.kwh_saved, 0.0)
        self.assertAlmostEqual(water.saved_percent, 10.0)
        self.assertAlmostEqual(water.cost_saved, 120.0)
        baseline = self.row(2020, self.heat)
        self.assertTrue(baseline.is_baseline)
        self.assertAlmostEqual(baseline.kwh_saved, 0.0)

    def test_no_savings_without_baseline_readings(self):
        """An energy type not read in the baseline year shows no savings."""
        row = self.row(2021, self.electricity)
        self.assertFalse(row.kwh_saved)
        self.assertFalse(row.saved_percent)

    def test_grouped_savings_of_a_building(self):
        """Grouped by building and year, savings add up over energy types."""
        groups = self.env["pikc.building.energy.report"]._read_group(
            [("building_id", "=", self.building.id), ("year", "=", 2021)],
            ["building_id"],
            ["kwh:sum", "kwh_saved:sum", "kwh_per_m2:sum"],
        )
        [(_building, kwh, kwh_saved, kwh_per_m2)] = groups
        # 90,000 kWh of heat + 12,000 kWh of electricity + water (no energy)
        self.assertAlmostEqual(kwh, 102000.0)
        self.assertAlmostEqual(kwh_saved, 30000.0)
        self.assertAlmostEqual(kwh_per_m2, 102.0)

    def test_other_school_reads_only_its_own_rows(self):
        """The report follows the institution of the building."""
        self.add_year(self.building_school2, self.heat, 2021, 5.0)
        self.env.flush_all()
        rows = (
            self.env["pikc.building.energy.report"]
            .with_user(self.user_teacher_school2)
            .search([])
        )
        self.assertEqual(rows.building_id, self.building_school2)
