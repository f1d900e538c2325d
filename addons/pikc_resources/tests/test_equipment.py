from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PikcResourcesCommon


@tagged("post_install", "-at_install")
class TestEquipment(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Lab hours", "company_id": cls.company_pikc.id}
        )
        cls.workshop = cls.create_workshop(
            "T-LAB", resource_calendar_id=cls.calendar.id
        )
        cls.lathe = cls.env["maintenance.equipment"].create(
            {
                "name": "CNC lathe",
                "workshop_id": cls.workshop.id,
                "inventory_code": "T-INV-001",
                "cost": 48500,
            }
        )

    def equipment(self, user, **values):
        return (
            self.env["maintenance.equipment"]
            .with_user(user)
            .create(
                dict({"name": "Bench drill", "workshop_id": self.workshop.id}, **values)
            )
        )

    def test_workshop_master_adds_equipment_with_the_workshop_sector(self):
        """A workshop master adds equipment; it takes the workshop's sector."""
        drill = self.equipment(self.user_master, inventory_code="T-INV-002", cost=1450)
        self.assertEqual(drill.pikc_sector_id, self.sector_mech)
        self.assertEqual(drill.company_id, self.company_pikc)
        self.assertIn(drill, self.workshop.equipment_ids)

    def test_inventory_code_is_unique_within_an_institution(self):
        """A second INV-001 in the PIKC is refused, naming the holder; the
        member school may have its own INV-001."""
        with self.assertRefused(ValidationError, "already given to “CNC lathe”"):
            self.equipment(self.user_master, inventory_code="T-INV-001")
        self.assertEqual(
            self.env["maintenance.equipment"].search_count(
                [
                    ("inventory_code", "=", "T-INV-001"),
                    ("company_id", "=", self.company_pikc.id),
                ]
            ),
            1,
        )
        other = self.env["maintenance.equipment"].create(
            {
                "name": "Lathe",
                "inventory_code": "T-INV-001",
                "company_id": self.company_school2.id,
            }
        )
        self.assertEqual(other.inventory_code, "T-INV-001")

    def test_negative_value_or_rate_is_refused(self):
        """Acquisition value and hourly rate cannot be negative."""
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.equipment(self.user_master, cost=-1)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.lathe.with_user(self.user_master).hourly_rate = -10
        self.assertEqual(self.lathe.hourly_rate, 0)
        self.assertEqual(self.workshop.equipment_count, 1)

    def test_equipment_of_another_institution_is_refused_in_a_workshop(self):
        """The member school's equipment cannot join a PIKC workshop."""
        foreign = self.env["maintenance.equipment"].create(
            {"name": "Plasma cutter", "company_id": self.company_school2.id}
        )
        with self.assertRefused(ValidationError, "transfer the equipment"):
            foreign.workshop_id = self.workshop
        self.assertFalse(foreign.workshop_id)

    def test_bookable_equipment_is_a_material_resource_on_the_workshop_hours(self):
        """Marking equipment bookable makes it a resource with the workshop's
        opening hours; unmarking archives the resource."""
        self.lathe.with_user(self.user_master).pikc_is_bookable = True
        resource = self.lathe.resource_id
        self.assertEqual(resource.resource_type, "material")
        self.assertEqual(resource.calendar_id, self.calendar)
        self.assertEqual(resource.name, "CNC lathe")
        self.lathe.with_user(self.user_master).pikc_is_bookable = False
        self.assertFalse(resource.active)

    def test_maintenance_requests_show_on_the_workshop(self):
        """Odoo's corrective and preventive maintenance of the equipment is
        counted on its workshop."""
        requests = self.env["maintenance.request"].create(
            [
                {
                    "name": "Coolant check",
                    "equipment_id": self.lathe.id,
                    "maintenance_type": "preventive",
                },
                {"name": "Chuck jams", "equipment_id": self.lathe.id},
            ]
        )
        self.assertEqual(self.workshop.maintenance_open_count, 2)
        action = self.workshop.action_view_maintenance()
        self.assertEqual(
            self.env["maintenance.request"].search(action["domain"]), requests
        )
