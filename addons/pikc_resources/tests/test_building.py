from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .building_common import PikcBuildingCommon
from .common import refused_access


@tagged("post_install", "-at_install")
class TestBuildingRefusals(PikcBuildingCommon):
    def test_negative_heated_area_is_refused_when_creating(self):
        """A building with a negative heated area is refused, nothing written."""
        count = self.env["pikc.building"].search_count([])
        buildings = self.env["pikc.building"].with_user(self.user_manager)
        with self.assertRefused(ValidationError, "Boiler House") as caught:
            buildings.create({"name": "Boiler House", "heated_area": -120.0})
        self.assertIn("Boiler House", str(caught.exception))
        self.assertIn("zero or more", str(caught.exception))
        self.assertEqual(self.env["pikc.building"].search_count([]), count)

    def test_negative_heated_area_is_refused_when_changing(self):
        """Changing a heated area to a negative one is refused, nothing written."""
        with self.assertRefused(ValidationError, "Test Workshop Block"):
            self.building.with_user(self.user_manager).write({"heated_area": -1.0})
        self.building.invalidate_recordset()
        self.assertEqual(self.building.heated_area, 1000.0)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_a_negative_heated_area(self):
        """The CHECK constraint backs the rule on every path."""
        with self.assertRefused(IntegrityError, "heated_area") as caught:
            self.env.cr.execute(
                "UPDATE pikc_building SET heated_area = -5 WHERE id = %s",
                [self.building.id],
            )
        self.assertEqual(
            caught.exception.diag.constraint_name,
            "pikc_building_heated_area_not_negative",
        )


@tagged("post_install", "-at_install")
class TestBuildingAccess(PikcBuildingCommon):
    def test_teacher_reads_own_institution_buildings(self):
        """A teacher reads the buildings and readings of their institution."""
        self.add_reading(self.building, self.heat, (2021, 1), 10.0)
        building = self.read_as(
            self.user_teacher, self.building, ["name", "reading_ids"]
        )
        self.assertEqual(building["name"], "Test Workshop Block")
        self.assertEqual(len(building["reading_ids"]), 1)
        visible = self.env["pikc.building"].with_user(self.user_teacher).search([])
        self.assertIn(self.building, visible)
        self.assertNotIn(self.building_school2, visible)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_teacher_and_master_cannot_change_buildings_or_readings(self):
        """Only a resource manager creates, changes or deletes buildings."""
        reading = self.add_reading(self.building, self.heat, (2021, 1), 10.0)
        for user in (self.user_employee, self.user_teacher, self.user_master):
            with self.subTest(user=user.login):
                with self.assertRefused(
                    AccessError, refused_access("pikc.building", "create")
                ):
                    self.env["pikc.building"].with_user(user).create({"name": "Shed"})
                with self.assertRefused(
                    AccessError, refused_access("pikc.building", "write", "read")
                ):
                    self.building.with_user(user).write({"heated_area": 1.0})
                with self.assertRefused(
                    AccessError, refused_access("pikc.building", "unlink", "read")
                ):
                    self.building.with_user(user).unlink()
                with self.assertRefused(
                    AccessError, refused_access("pikc.energy.reading", "write", "read")
                ):
                    reading.with_user(user).write({"quantity": 1.0})
                with self.assertRefused(
                    AccessError, refused_access("pikc.energy.reading", "create")
                ):
                    self.env["pikc.energy.reading"].with_user(user).create(
                        {
                            "building_id": self.building.id,
                            "energy_type_id": self.water.id,
                            "date": date(2021, 1, 1),
                        }
                    )
        self.assertEqual(self.building.heated_area, 1000.0)
        self.assertEqual(reading.quantity, 10.0)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_teacher_of_another_school_sees_nothing_of_the_pikc(self):
        """Buildings, readings and report stay inside their institution."""
        reading = self.add_reading(self.building, self.heat, (2021, 1), 10.0)
        self.env.flush_all()
        user = self.user_teacher_school2
        self.assertEqual(
            self.env["pikc.building"].with_user(user).search([]),
            self.building_school2,
        )
        self.assertFalse(
            self.env["pikc.energy.reading"]
            .with_user(user)
            .search([("building_id", "=", self.building.id)])
        )
        self.assertFalse(
            self.env["pikc.building.energy.report"]
            .with_user(user)
            .search([("building_id", "=", self.building.id)])
        )
        with self.assertRefused(AccessError, refused_access("pikc.building", "read")):
            self.building.with_user(user).read(["name"])
        with self.assertRefused(
            AccessError, refused_access("pikc.energy.reading", "read")
        ):
            reading.with_user(user).read(["quantity"])

    def test_resource_manager_maintains_buildings_and_readings(self):
        """A resource manager creates, changes, archives and deletes them."""
        building = (
            self.env["pikc.building"]
            .with_user(self.user_manager)
            .create({"name": "Sports Hall", "heated_area": 1500.0})
        )
        self.assertEqual(building.company_id, self.company_pikc)
        reading = (
            self.env["pikc.energy.reading"]
            .with_user(self.user_manager)
            .create(
                {
                    "building_id": building.id,
                    "energy_type_id": self.heat.id,
                    "date": date(2021, 2, 1),
                    "quantity": 12.5,
                    "cost": 800.0,
                }
            )
        )
        reading.write({"quantity": 13.0})
        building.write({"heated_area": 1550.0, "energy_class": "B"})
        building.action_archive()
        self.assertFalse(building.active)
        building.unlink()
        self.assertFalse(reading.exists(), "readings go with their building")

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_energy_types_are_read_by_employees_and_kept_by_managers(self):
        """Every employee reads energy types; only a resource manager edits."""
        self.assertEqual(
            self.read_as(self.user_employee, self.heat, ["unit"])["unit"], "MWh"
        )
        with self.assertRefused(
            AccessError, refused_access("pikc.energy.type", "write")
        ):
            self.heat.with_user(self.user_master).write({"co2_factor": 150.0})
        self.heat.with_user(self.user_manager).write({"co2_factor": 150.0})
        self.assertEqual(self.heat.co2_factor, 150.0)


@tagged("post_install", "-at_install")
class TestBuildingSummary(PikcBuildingCommon):
    @freeze_time("2022-06-15")
    def test_summary_shows_the_last_complete_year(self):
        """The form sums the latest past year with readings in all 12 months."""
        self.add_year(self.building, self.heat, 2020, 10.0, cost=600.0)
        self.add_year(self.building, self.electricity, 2020, 5000.0, cost=500.0)
        # 2021 lacks December: not complete, so 2020 is shown.
        self.add_year(self.building, self.heat, 2021, 8.0)[-1].unlink()
        # The current year never counts.
        self.add_reading(self.building, self.heat, (2022, 1), 9.0)
        building = self.building.with_user(self.user_teacher)
        self.assertEqual(building.summary_year, 2020)
        self.assertAlmostEqual(building.summary_kwh, 120000.0 + 60000.0)
        self.assertAlmostEqual(building.summary_kwh_per_m2, 180.0)
        self.assertAlmostEqual(building.summary_cost, 12 * 1100.0)
        # 120 MWh x 200 kg + 60,000 kWh x 0.109 kg = 30,540 kg
        self.assertAlmostEqual(building.summary_co2_t, 30.5)
        self.assertEqual(self.building_school2.summary_year, 0)

    @freeze_time("2022-06-15")
    def test_summary_takes_one_query_for_any_number_of_buildings(self):
        """The yearly summary of 1 or 50 buildings costs the same queries."""
        many = self.env["pikc.building"].create(
            [{"name": f"Block {n}", "heated_area": 100.0 + n} for n in range(49)]
        )
        for building in many[:3]:
            self.add_year(building, self.heat, 2021, 1.0)
        self.add_year(self.building, self.heat, 2021, 1.0)
        for buildings in (self.building, self.building | many):
            buildings = buildings.with_user(self.user_teacher)
            buildings.mapped("summary_kwh")  # warm the rule and field caches
            self.env.invalidate_all()
            buildings.mapped("currency_id.rounding")  # fields the compute reads
            buildings.env.user.mapped("tz")  # loaded by every request anyway
            with self.assertQueryCount(1):
                buildings.mapped("summary_kwh_per_m2")
        self.assertAlmostEqual(self.building.summary_kwh_per_m2, 12.0)
