from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PikcResourcesCommon, refused_access


@tagged("post_install", "-at_install")
class TestSharingAcrossInstitutions(PikcResourcesCommon):
    """A teacher of the member school reads the PIKC's shared CNC lab, not its
    welding shop, and changes neither."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cnc_lab = cls.create_workshop("T-CNC", is_shared=True, hourly_rate=35)
        cls.welding = cls.create_workshop("T-WELD")
        cls.cnc_machine = cls.env["maintenance.equipment"].create(
            {"name": "CNC mill", "workshop_id": cls.cnc_lab.id, "is_shared": True}
        )
        cls.lathe = cls.env["maintenance.equipment"].create(
            {"name": "Old lathe", "workshop_id": cls.cnc_lab.id}
        )
        cls.master_employee = cls.env["hr.employee"].create(
            {"name": "Edgars Kalējs", "company_id": cls.company_pikc.id}
        )

    def test_other_institution_reads_what_is_shared(self):
        """Name, sector, capacity, rate and opening hours of a shared workshop."""
        lab = self.cnc_lab.with_user(self.user_teacher_school2)
        values = lab.read(
            ["name", "sector_id", "capacity", "hourly_rate", "resource_calendar_id"]
        )[0]
        self.assertEqual(values["name"], "Workshop T-CNC")
        self.assertEqual(values["capacity"], 12)
        self.assertEqual(values["hourly_rate"], 35)
        found = (
            self.env["pikc.workshop"].with_user(self.user_teacher_school2).search([])
        )
        self.assertIn(self.cnc_lab, found)
        self.assertNotIn(self.welding, found)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_institution_reads_nothing_else(self):
        """Not the welding shop, not the unshared equipment, not the stock."""
        with self.assertRefused(AccessError, refused_access("pikc.workshop", "read")):
            self.welding.with_user(self.user_teacher_school2).read(["name"])
        equipment = (
            self.env["maintenance.equipment"]
            .with_user(self.user_teacher_school2)
            .search([("workshop_id", "=", self.cnc_lab.id)])
        )
        self.assertEqual(equipment, self.cnc_machine)
        with self.assertRefused(
            AccessError, refused_access("maintenance.equipment", "read")
        ):
            self.lathe.with_user(self.user_teacher_school2).read(["name"])
        with self.assertRefused(AccessError, refused_access("stock.location", "read")):
            self.cnc_lab.location_id.with_user(self.user_teacher_school2).read(["name"])

    def test_other_institution_reads_only_the_shared_fields(self):
        """Of a shared workshop, the member school reads what a requester
        needs; its master, stock, location, notes and chatter read as empty.
        The owner's own teacher reads them all."""
        self.cnc_lab.write(
            {"master_id": self.master_employee.id, "note": "<p>Keys at desk</p>"}
        )
        self.cnc_lab.message_post(body="Spindle replaced")
        spec = {
            "name": {},
            "company_id": {"fields": {"display_name": {}}},
            "currency_id": {"fields": {"display_name": {}}},
            "capacity": {},
            "hourly_rate": {},
            "resource_calendar_id": {"fields": {"display_name": {}}},
            "master_id": {"fields": {"display_name": {}}},
            "location_id": {"fields": {"display_name": {}}},
            "stock_value": {},
            "note": {},
            "message_ids": {},
            "equipment_ids": {"fields": {"name": {}}},
        }
        foreign = self.cnc_lab.with_user(self.user_teacher_school2).web_read(spec)[0]
        self.assertEqual(foreign["capacity"], 12)
        self.assertEqual(foreign["hourly_rate"], 35)
        self.assertTrue(foreign["resource_calendar_id"])
        self.assertEqual([e["name"] for e in foreign["equipment_ids"]], ["CNC mill"])
        for name in ("master_id", "location_id", "stock_value", "note"):
            self.assertFalse(foreign[name], name)
        self.assertEqual(foreign["message_ids"], [])
        self.env.invalidate_all()  # each user reads in a request of their own
        own = self.cnc_lab.with_user(self.user_teacher).web_read(spec)[0]
        self.assertEqual(own["master_id"]["display_name"], self.master_employee.name)
        self.assertTrue(own["message_ids"])
        self.assertEqual(len(own["equipment_ids"]), 2)
        messages = self.env["mail.message"]
        on_lab = [("model", "=", "pikc.workshop"), ("res_id", "=", self.cnc_lab.id)]
        self.assertFalse(messages.with_user(self.user_teacher_school2).search(on_lab))
        self.assertTrue(messages.with_user(self.user_teacher).search(on_lab))
        workshops = self.env["pikc.workshop"]
        self.assertFalse(
            workshops.with_user(self.user_teacher_school2)._get_thread_with_access(
                self.cnc_lab.id
            )
        )
        self.assertEqual(
            workshops.with_user(self.user_teacher)._get_thread_with_access(
                self.cnc_lab.id
            ),
            self.cnc_lab,
        )

    def test_shared_equipment_shows_what_it_is_not_what_it_cost(self):
        """Other institutions read a shared machine's name, category, rate and
        workshop (whose shared equipment list shows it anyway), not its
        acquisition value or serial number."""
        self.cnc_machine.write({"cost": 62300, "serial_no": "SN-1", "hourly_rate": 55})
        values = self.cnc_machine.with_user(self.user_teacher_school2).read(
            ["name", "hourly_rate", "cost", "serial_no", "workshop_id"]
        )[0]
        self.assertEqual((values["name"], values["hourly_rate"]), ("CNC mill", 55))
        self.assertFalse(values["cost"])
        self.assertFalse(values["serial_no"])
        self.assertEqual(values["workshop_id"][0], self.cnc_lab.id)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_institution_changes_nothing(self):
        """Neither a teacher nor a workshop master of the member school
        changes the PIKC's shared workshop or equipment."""
        master2 = self.user_master.copy(
            {
                "login": "pikc_master_school2",
                "company_id": self.company_school2.id,
                "company_ids": [(6, 0, self.company_school2.ids)],
            }
        )
        for user in (self.user_teacher_school2, master2):
            with self.assertRefused(
                AccessError, refused_access("pikc.workshop", "write")
            ):
                self.cnc_lab.with_user(user).write({"capacity": 30})
            with self.assertRefused(
                AccessError, refused_access("maintenance.equipment", "write")
            ):
                self.cnc_machine.with_user(user).write({"name": "Mine"})
        self.assertEqual(self.cnc_lab.capacity, 12)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_each_role_in_its_own_institution(self):
        """Teachers read; workshop masters maintain; resource managers create
        and delete workshops."""
        self.assertEqual(
            self.read_as(self.user_teacher, self.welding, ["name"])["name"],
            "Workshop T-WELD",
        )
        self.assertEqual(
            self.read_as(self.user_teacher, self.lathe, ["name"])["name"],
            "Old lathe",
            "a teacher reads all equipment of the institution, not only followed",
        )
        with self.assertRefused(AccessError, refused_access("pikc.workshop", "write")):
            self.welding.with_user(self.user_teacher).write({"capacity": 8})
        self.welding.with_user(self.user_master).write({"capacity": 8})
        self.assertEqual(self.welding.capacity, 8)
        # Its resource is created first: that is what the master may not.
        with self.assertRefused(
            AccessError, refused_access("resource.resource", "create")
        ):
            self.env["pikc.workshop"].with_user(self.user_master).create(
                {"name": "New", "code": "N-1", "sector_id": self.sector_mech.id}
            )
        with self.assertRefused(AccessError, refused_access("pikc.workshop", "unlink")):
            self.welding.with_user(self.user_master).unlink()
        workshop = (
            self.env["pikc.workshop"]
            .with_user(self.user_manager)
            .create({"name": "New", "code": "N-1", "sector_id": self.sector_mech.id})
        )
        self.assertEqual(workshop.company_id, self.company_pikc)
