from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .building_common import PikcBuildingCommon


@tagged("post_install", "-at_install")
class TestEnergyReading(PikcBuildingCommon):
    def test_reading_is_stored_on_the_first_day_of_its_month(self):
        """Whatever day is entered, a reading's date is its month's first day."""
        reading = (
            self.env["pikc.energy.reading"]
            .with_user(self.user_manager)
            .create(
                {
                    "building_id": self.building.id,
                    "energy_type_id": self.heat.id,
                    "date": "2021-03-17",
                    "quantity": 1.0,
                }
            )
        )
        self.assertEqual(reading.date, date(2021, 3, 1))
        reading.write({"date": date(2021, 4, 30)})
        self.assertEqual(reading.date, date(2021, 4, 1))

    def test_co2_and_kwh_follow_the_energy_type_factors(self):
        """CO₂ and kWh are quantity times the configured factors."""
        reading = self.add_reading(self.building, self.heat, (2021, 1), 12.5)
        self.assertAlmostEqual(reading.kwh, 12500.0)
        self.assertAlmostEqual(reading.co2_kg, 2500.0)
        self.heat.co2_factor = 180.0
        self.assertAlmostEqual(reading.co2_kg, 2250.0)
        self.assertEqual(reading.unit, "MWh")
        self.assertEqual(reading.currency_id, self.company_pikc.currency_id)

    def test_reading_list_costs_the_same_queries_for_1_or_50_readings(self):
        """Reading the readings list does not query once per reading."""
        readings = self.add_year(self.building, self.heat, 2020, 1.0)
        readings |= self.add_year(self.building, self.electricity, 2020, 1.0)
        for year in (2021, 2022, 2023):
            readings |= self.add_year(self.building, self.water, year, 1.0)
        self.assertEqual(len(readings), 60)
        spec = {
            "date": {},
            "building_id": {"fields": {"display_name": {}}},
            "energy_type_id": {"fields": {"display_name": {}}},
            "quantity": {},
            "unit": {},
            "cost": {},
            "currency_id": {"fields": {}},
            "kwh": {},
            "co2_kg": {},
            "display_name": {},
        }
        Reading = self.env["pikc.energy.reading"].with_user(self.user_teacher)
        for some in (readings[:1], readings[:50]):
            domain = [("id", "in", some.ids)]
            self.env.invalidate_all()
            Reading.web_search_read(domain, spec)  # warm the rule caches
            self.env.invalidate_all()
            Reading.env.user.mapped("lang")  # loaded by every request anyway
            # readings; their energy types, companies, buildings; a partner
            with self.assertQueryCount(5):
                result = Reading.web_search_read(domain, spec)
            self.assertEqual(result["length"], len(some))


@tagged("post_install", "-at_install")
class TestEnergyReadingRefusals(PikcBuildingCommon):
    def create_as_manager(self, **values):
        return (
            self.env["pikc.energy.reading"]
            .with_user(self.user_manager)
            .create(
                {
                    "building_id": self.building.id,
                    "energy_type_id": self.heat.id,
                    "date": date(2021, 1, 1),
                    "quantity": 10.0,
                    "cost": 600.0,
                }
                | values
            )
        )

    def test_negative_quantity_is_refused(self):
        """A negative quantity is refused with the reading named, nothing written."""
        count = self.reading_count()
        with self.assertRefused(ValidationError, "negative quantity") as caught:
            self.create_as_manager(quantity=-3.0)
        message = str(caught.exception)
        self.assertIn("Test Workshop Block", message)
        self.assertIn("Heat", message)
        self.assertIn("January 2021", message)
        self.assertIn("negative quantity", message)
        self.assertEqual(self.reading_count(), count)

    def test_negative_quantity_is_refused_when_correcting(self):
        """Correcting a reading to a negative quantity is refused."""
        reading = self.create_as_manager()
        with self.assertRefused(ValidationError, "negative quantity"):
            reading.write({"quantity": -1.0})
        reading.invalidate_recordset()
        self.assertEqual(reading.quantity, 10.0)

    def test_negative_cost_is_refused(self):
        """A negative cost is refused with the reading named, nothing written."""
        count = self.reading_count()
        with self.assertRefused(ValidationError, "negative cost") as caught:
            self.create_as_manager(cost=-50.0)
        self.assertIn("negative cost", str(caught.exception))
        self.assertIn("Test Workshop Block", str(caught.exception))
        self.assertEqual(self.reading_count(), count)

    @freeze_time("2022-06-15")
    def test_reading_for_a_future_month_is_refused(self):
        """A month that has not begun cannot be read; the current one can."""
        count = self.reading_count()
        with self.assertRefused(ValidationError, "has not begun") as caught:
            self.create_as_manager(date=date(2022, 7, 1))
        self.assertIn("July 2022", str(caught.exception))
        self.assertIn("has not begun", str(caught.exception))
        self.assertEqual(self.reading_count(), count)
        current = self.create_as_manager(date=date(2022, 6, 30))
        self.assertEqual(current.date, date(2022, 6, 1))
        with self.assertRefused(ValidationError, "has not begun"):
            current.write({"date": date(2023, 1, 1)})

    def test_second_reading_for_the_same_month_is_refused(self):
        """One reading per building, month and energy type; nothing written."""
        self.create_as_manager()
        count = self.reading_count()
        with self.assertRefused(
            ValidationError, "already has a Heat reading"
        ) as caught:
            self.create_as_manager(date=date(2021, 1, 20), quantity=11.0)
        message = str(caught.exception)
        self.assertIn("Test Workshop Block already has a Heat reading", message)
        self.assertIn("January 2021", message)
        self.assertIn("correct it", message)
        self.assertEqual(self.reading_count(), count)
        # Another energy type, month or building is fine.
        self.create_as_manager(energy_type_id=self.water.id)
        self.create_as_manager(date=date(2021, 2, 1))

    def test_same_month_twice_in_one_batch_is_refused(self):
        """Two readings for one month entered together: both refused."""
        count = self.reading_count()
        values = {
            "building_id": self.building.id,
            "energy_type_id": self.heat.id,
            "date": date(2021, 5, 1),
            "quantity": 1.0,
        }
        with self.assertRefused(ValidationError, "already has a Heat reading"):
            self.env["pikc.energy.reading"].with_user(self.user_manager).create(
                [values, values | {"date": date(2021, 5, 9)}]
            )
        self.assertEqual(self.reading_count(), count)

    def test_moving_a_reading_onto_an_existing_month_is_refused(self):
        """Changing a reading's month to one already read is refused."""
        self.create_as_manager()
        february = self.create_as_manager(date=date(2021, 2, 1))
        with self.assertRefused(ValidationError, "already has a Heat reading"):
            february.write({"date": date(2021, 1, 1)})
        february.invalidate_recordset()
        self.assertEqual(february.date, date(2021, 2, 1))

    @mute_logger("odoo.sql_db")
    def test_database_refuses_negative_quantity_and_cost(self):
        """CHECK constraints back the non-negative rules on every path."""
        reading = self.create_as_manager()
        self.env.flush_all()
        for column, constraint in (
            ("quantity", "pikc_energy_reading_quantity_not_negative"),
            ("cost", "pikc_energy_reading_cost_not_negative"),
        ):
            with self.assertRefused(IntegrityError, constraint) as caught:
                self.env.cr.execute(
                    f"UPDATE pikc_energy_reading SET {column} = -1 WHERE id = %s",  # noqa: S608
                    [reading.id],
                )
            self.assertEqual(caught.exception.diag.constraint_name, constraint)

    def test_same_month_entered_by_two_users_at_once_is_refused(self):
        """Two users enter one month's bill at once: one wins, one is refused."""
        heat_id = self.heat.id
        # The building must exist outside this test's transaction.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            race_building = env["pikc.building"].create(
                {"name": "Race Hall", "heated_area": 10.0}
            )
            building_id = race_building.id

        def create(env):
            env["pikc.energy.reading"].create(
                {
                    "building_id": building_id,
                    "energy_type_id": heat_id,
                    "date": date(2021, 1, 1),
                    "quantity": 1.0,
                }
            )
            env.flush_all()

        try:
            self.assertRaceRefusedBy(
                create, "pikc_energy_reading_building_month_type_uniq"
            )
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pikc_energy_reading WHERE building_id = %s",
                    [building_id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                api.Environment(cr, SUPERUSER_ID, {})["pikc.building"].browse(
                    building_id
                ).unlink()
