from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PikcResourcesCommon, race_two_transactions


@tagged("post_install", "-at_install")
class TestWorkshop(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls.create_workshop("T-LAB", hourly_rate=30)
        cls.product = cls.env["product.product"].create(
            {"name": "Steel bar", "is_storable": True, "standard_price": 10.0}
        )

    def test_workshop_is_a_material_resource_with_location_and_account(self):
        """A new workshop is bookable (material resource) and gets its own
        stock location under the warehouse and an analytic account."""
        workshop = (
            self.env["pikc.workshop"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Robotics lab",
                    "code": "T-ROB",
                    "sector_id": self.sector_mech.id,
                    "capacity": 8,
                }
            )
        )
        self.assertEqual(workshop.resource_id.resource_type, "material")
        self.assertEqual(workshop.resource_id.company_id, self.company_pikc)
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_pikc.id)], limit=1
        )
        # In the warehouse, under its Workshops location beside Stock: not a
        # sub-location of the store's Stock, where Odoo counts its shelves.
        parent = self.company_pikc.pikc_workshop_location_id
        self.assertEqual(workshop.location_id.location_id, parent)
        self.assertEqual(parent.location_id, warehouse.view_location_id)
        self.assertEqual(parent.complete_name, f"{warehouse.code}/Workshops")
        self.assertEqual(workshop.location_id.warehouse_id, warehouse)
        self.assertNotIn(workshop.location_id, warehouse.lot_stock_id.child_ids)
        self.assertFalse(
            self.env["pikc.workshop"].search_count(
                [("location_id", "child_of", warehouse.lot_stock_id.id)]
            ),
            "no workshop location in the Stock of the warehouse",
        )
        self.assertEqual(workshop.location_id.company_id, self.company_pikc)
        self.assertEqual(
            workshop.analytic_account_id.plan_id,
            self.env.ref("pikc_resources.analytic_plan_workshops"),
        )
        self.assertEqual(workshop.display_name, "[T-ROB] Robotics lab")

    def test_workshop_code_is_unique_within_an_institution(self):
        """A second workshop with the same code in one institution is refused,
        naming the workshop that has it; another institution may use it."""
        with self.assertRefused(ValidationError, "already used by the workshop"):
            self.create_workshop("T-LAB")
        self.assertEqual(
            self.env["pikc.workshop"].search_count(
                [("code", "=", "T-LAB"), ("company_id", "=", self.company_pikc.id)]
            ),
            1,
        )
        other = self.create_workshop("T-LAB", company=self.company_school2)
        self.assertEqual(other.company_id, self.company_school2)

    def test_workshop_code_is_unique_under_concurrent_users(self):
        """Two users creating the same code at once: the database refuses the
        second when it commits."""
        company_id = self.env.ref("base.main_company").id
        sector_id = self.sector_mech.id

        def create(code):
            def run(env):
                env["pikc.workshop"].create(
                    {
                        "name": "Race lab",
                        "code": code,
                        "company_id": company_id,
                        "sector_id": sector_id,
                        "capacity": 5,
                    }
                )
                env.flush_all()

            return run

        try:
            self.assertRaceRefusedBy(
                create("RACE-1"), "pikc_workshop_code_company_uniq"
            )
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM pikc_workshop WHERE code = 'RACE-1'")
                self.assertEqual(cr.fetchone()[0], 1)
            # The same code up to case and spaces: the same refusal.
            with mute_logger("odoo.sql_db"):
                error = race_two_transactions(
                    self.registry, create("RACE-2"), create(" race-2 ")
                )
            self.assertIsInstance(error, IntegrityError)
            self.assertEqual(
                error.diag.constraint_name, "pikc_workshop_code_company_uniq"
            )
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pikc_workshop WHERE code ILIKE 'race-2'"
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                workshops = env["pikc.workshop"].search(
                    [
                        ("code", "in", ["RACE-1", "RACE-2"]),
                        ("active", "in", [True, False]),
                    ]
                )
                # With their resources, locations and analytic accounts.
                workshops.unlink()

    def test_capacity_must_be_at_least_one_place(self):
        """Capacity 0 or less is refused on create and on write."""
        with self.assertRefused(ValidationError, "at least one student place"):
            self.create_workshop("T-LAB0", capacity=0)
        self.assertFalse(self.env["pikc.workshop"].search([("code", "=", "T-LAB0")]))
        with self.assertRefused(ValidationError, "at least one student place"):
            self.workshop.with_user(self.user_master).capacity = -3
        self.assertEqual(self.workshop.capacity, 12)

    def test_negative_hourly_rate_is_refused(self):
        """An hourly rate below zero is refused; the rate stays as it was."""
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.workshop.with_user(self.user_master).hourly_rate = -5
        self.assertEqual(self.workshop.hourly_rate, 30)

    def test_location_of_another_institution_is_refused(self):
        """A workshop cannot keep its consumables in another institution's stock."""
        foreign = self.create_workshop(
            "T-LAB9", company=self.company_school2
        ).location_id
        with self.assertRefused(ValidationError, "Choose a location of"):
            self.workshop.location_id = foreign
        self.assertEqual(self.workshop.location_id.company_id, self.company_pikc)

    def test_archiving_a_workshop_with_equipment_is_refused(self):
        """Equipment must be moved or archived before its workshop."""
        self.env["maintenance.equipment"].create(
            {"name": "Lathe", "workshop_id": self.workshop.id}
        )
        with self.assertRefused(UserError, "still holds 1 piece"):
            self.workshop.with_user(self.user_manager).action_archive()
        self.assertTrue(self.workshop.active)

    def test_archiving_a_workshop_with_stock_is_refused(self):
        """Consumables must leave the workshop before it is archived."""
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.workshop.location_id, 5
        )
        with self.assertRefused(UserError, "still has consumables"):
            self.workshop.with_user(self.user_manager).write({"active": False})
        self.assertTrue(self.workshop.active)

    def test_archiving_an_empty_workshop_archives_its_resource(self):
        """An empty workshop is archived with its resource and location."""
        self.workshop.with_user(self.user_manager).action_archive()
        self.assertFalse(self.workshop.active)
        self.assertFalse(self.workshop.resource_id.active)
        self.assertFalse(self.workshop.location_id.active)

    def test_deleting_a_new_workshop_deletes_what_was_made_with_it(self):
        """Its resource, stock location and analytic account go with it."""
        workshop = self.create_workshop("T-DEL")
        made = (
            workshop.resource_id,
            workshop.location_id,
            workshop.analytic_account_id,
        )
        self.assertTrue(all(made))
        workshop.with_user(self.user_manager).unlink()
        self.assertFalse(workshop.exists())
        for record in made:
            self.assertFalse(record.exists(), record)

    def test_deleting_a_workshop_with_history_is_refused(self):
        """Bookings, equipment or stock moves keep a workshop: it is
        archived instead, and nothing is deleted."""
        equipment = self.env["maintenance.equipment"].create(
            {"name": "Lathe", "workshop_id": self.workshop.id}
        )
        with self.assertRefused(UserError, "has equipment: it cannot be deleted"):
            self.workshop.with_user(self.user_manager).unlink()
        equipment.unlink()
        self.env["pikc.booking"].create(
            {
                "resource_id": self.workshop.resource_id.id,
                "start": "2030-09-03 07:00:00",
                "stop": "2030-09-03 09:00:00",
                "purpose": "Welding practice",
            }
        )
        with self.assertRefused(UserError, "has bookings: it cannot be deleted"):
            self.workshop.with_user(self.user_manager).unlink()
        self.assertTrue(self.workshop.exists())
        self.assertTrue(self.workshop.location_id.exists())
        self.assertTrue(self.workshop.analytic_account_id.exists())

    def test_list_computes_cost_the_same_for_1_and_50_workshops(self):
        """Equipment count, open maintenance and stock value: a fixed number
        of queries, whatever the number of workshops in the list."""
        workshops = self.workshop
        for index in range(49):
            workshops |= self.create_workshop(f"T-Q{index}")
        for workshop in workshops[:10]:
            self.env["maintenance.equipment"].create(
                {"name": "Drill", "workshop_id": workshop.id}
            )
            self.env["stock.quant"]._update_available_quantity(
                self.product, workshop.location_id, 2
            )
        self.env.flush_all()
        fields = ["equipment_count", "maintenance_open_count", "stock_value"]
        for records in (workshops[:1], workshops):
            records.invalidate_recordset(fields)
            self.product.invalidate_recordset(["standard_price"])
            with self.assertQueryCount(7):
                records.read(fields)
        self.assertEqual(workshops[:10].mapped("equipment_count"), [1] * 10)
        self.assertEqual(workshops[1].stock_value, 20.0)
        self.assertEqual(workshops[20].stock_value, 0.0)
