from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PikcResourcesCommon, refused_access


@tagged("post_install", "-at_install")
class TestResourcesSecurity(PikcResourcesCommon):
    def test_each_resources_role_includes_the_one_below(self):
        """Resource manager > workshop master > user (teacher) > employee."""
        self.assertTrue(
            self.user_manager.has_group("pikc_resources.group_workshop_master")
        )
        self.assertTrue(
            self.user_master.has_group("pikc_resources.group_resource_user")
        )
        self.assertTrue(self.user_teacher.has_group("base.group_user"))
        self.assertFalse(
            self.user_teacher.has_group("pikc_resources.group_workshop_master")
        )
        self.assertFalse(
            self.user_master.has_group("pikc_resources.group_resource_manager")
        )
        category = self.env.ref("pikc_resources.module_category_pikc_resources")
        self.assertEqual(
            self.env.ref("pikc_resources.group_resource_manager").category_id, category
        )

    def test_teacher_reads_sectors_of_every_institution(self):
        """Sectors are common reference data: teachers of both schools read them."""
        for user in (self.user_teacher, self.user_teacher_school2):
            self.assertEqual(
                self.read_as(user, self.sector_mech, ["code"])["code"], "MECH"
            )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_teacher_and_master_cannot_change_sectors(self):
        """Only a resource manager creates, changes or deletes a sector."""
        for user in (self.user_employee, self.user_teacher, self.user_master):
            sectors = self.env["pikc.sector"].with_user(user)
            with self.assertRefused(
                AccessError, refused_access("pikc.sector", "create")
            ):
                sectors.create({"name": "Robotics", "code": "ROBOT"})
            with self.assertRefused(
                AccessError, refused_access("pikc.sector", "write")
            ):
                self.sector_mech.with_user(user).write({"name": "Machines"})
            with self.assertRefused(
                AccessError, refused_access("pikc.sector", "unlink")
            ):
                self.sector_mech.with_user(user).unlink()
        self.assertEqual(self.sector_mech.name, "Mechanical engineering")

    def test_resource_manager_maintains_sectors(self):
        """A resource manager creates, renames and archives a sector."""
        sector = (
            self.env["pikc.sector"]
            .with_user(self.user_manager)
            .create({"name": "Robotics", "code": "ROBOT"})
        )
        sector.write({"name": "Robotics and mechatronics"})
        sector.action_archive()
        self.assertFalse(sector.active)
        self.assertEqual(sector.name, "Robotics and mechatronics")

    def test_menus_follow_the_resources_roles(self):
        """Each role sees the PIKC menus it should and no more."""
        self.assertFalse(self.visible_menus(self.user_employee))
        user_menus = {
            "pikc_resources.menu_pikc_root",
            "pikc_resources.menu_pikc_resources",
            "pikc_resources.menu_pikc_workshop",
            "pikc_resources.menu_pikc_equipment",
            "pikc_resources.menu_pikc_sector",
            "pikc_resources.menu_pikc_building",
            "pikc_resources.menu_pikc_energy_reading",
            "pikc_resources.menu_pikc_reporting",
            "pikc_resources.menu_pikc_building_energy_report",
            "pikc_resources.menu_pikc_staff_development",
            "pikc_resources.menu_pikc_booking",
            "pikc_resources.menu_pikc_booking_slot_wizard",
            "pikc_resources.menu_pikc_booking_recurrence_wizard",
        }
        master_menus = user_menus | {
            "pikc_resources.menu_pikc_training_issue",
            "pikc_resources.menu_pikc_booking_to_approve",
        }
        self.assertLessEqual(user_menus, self.visible_menus(self.user_teacher))
        self.assertNotIn(
            "pikc_resources.menu_pikc_training_issue",
            self.visible_menus(self.user_teacher),
        )
        self.assertNotIn(
            "pikc_resources.menu_pikc_booking_to_approve",
            self.visible_menus(self.user_teacher),
        )
        self.assertNotIn(
            "pikc_resources.menu_pikc_configuration",
            self.visible_menus(self.user_teacher_school2),
        )
        self.assertLessEqual(master_menus, self.visible_menus(self.user_master))
        self.assertNotIn(
            "pikc_resources.menu_pikc_institution", self.visible_menus(self.user_master)
        )
        self.assertLessEqual(
            master_menus
            | {
                "pikc_resources.menu_pikc_configuration",
                "pikc_resources.menu_pikc_institution",
                "pikc_resources.menu_pikc_config_sector",
                "pikc_resources.menu_pikc_config_energy_type",
                "pikc_resources.menu_pikc_staff",
                "pikc_resources.menu_pikc_reporting",
                "pikc_resources.menu_pikc_report_staff_development",
            },
            self.visible_menus(self.user_manager),
        )

    def test_institutions_are_companies_with_a_pikc_role(self):
        """The competence centre and member schools are companies."""
        institutions = self.env["res.company"].search(
            [("pikc_institution_type", "!=", False)]
        )
        self.assertIn(self.company_pikc, institutions)
        self.assertIn(self.company_school2, institutions)
        self.assertEqual(self.company_school2.pikc_institution_type, "member")
