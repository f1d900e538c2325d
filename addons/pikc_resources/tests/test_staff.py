from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import refused_access
from .staff_common import PikcStaffCommon


@tagged("post_install", "-at_install")
class TestStaffRecords(PikcStaffCommon):
    def test_staff_are_odoo_employees_with_sectors_and_load_norm(self):
        """Staff are hr.employee (and so resources) with sectors and a norm."""
        employee = self.employee_teacher
        self.assertEqual(employee.sector_ids, self.sector_mech)
        self.assertEqual(employee.load_norm_hours, 720)
        self.assertTrue(employee.resource_id, "bookings will point at it")

    def test_teacher_finds_colleagues_by_sector(self):
        """A teacher without HR rights searches colleagues by their sector."""
        public = self.env["hr.employee.public"].with_user(self.user_teacher)
        found = public.search([("sector_ids", "in", self.sector_eea.ids)])
        self.assertIn(self.employee_colleague.id, found.ids)
        self.assertNotIn(self.employee_teacher.id, found.ids)
        colleague = public.browse(self.employee_colleague.id)
        self.assertEqual(colleague.sector_ids, self.sector_eea)
        # hr.employee itself answers through the public profiles
        employees = self.env["hr.employee"].with_user(self.user_teacher)
        found = employees.search([("sector_ids", "in", self.sector_eea.ids)])
        self.assertIn(self.employee_colleague, found)
        self.assertEqual(
            found.filtered(lambda e: e == self.employee_colleague).sector_ids,
            self.sector_eea,
        )

    def test_employee_without_hr_rights_reads_colleagues_names(self):
        """Reading an employee as a user without HR rights (the employee of
        an expense report, a booking) answers from the public profiles: the
        staff fields those lack are not prefetched, so nothing is refused;
        asked for by name, they are."""
        self.env.invalidate_all()
        employees = self.env["hr.employee"].with_user(self.user_teacher)
        colleague = employees.browse(self.employee_colleague.id)
        self.assertEqual(colleague.name, self.employee_colleague.sudo().name)
        self.assertEqual(colleague.sector_ids, self.sector_eea)
        self.env.invalidate_all()
        with self.assertRefused(AccessError, "load_norm_hours"):
            colleague.read(["load_norm_hours"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_only_hr_officers_change_sectors_and_load_norm(self):
        """Teachers (even on their own record) and resource managers may not."""
        for user in (self.user_teacher, self.user_manager):
            with (
                self.subTest(user=user.login),
                self.assertRefused(AccessError, refused_access("hr.employee", "write")),
            ):
                self.employee_teacher.with_user(user).write(
                    {"sector_ids": [Command.set(self.sector_eea.ids)]}
                )
            with (
                self.subTest(user=user.login),
                self.assertRefused(AccessError, refused_access("hr.employee", "write")),
            ):
                self.employee_teacher.with_user(user).write({"load_norm_hours": 10})
        self.assertEqual(self.employee_teacher.sector_ids, self.sector_mech)
        self.assertEqual(self.employee_teacher.load_norm_hours, 720)

        self.employee_teacher.with_user(self.user_hr_officer).write(
            {"sector_ids": [Command.link(self.sector_eea.id)], "load_norm_hours": 900}
        )
        self.assertEqual(
            self.employee_teacher.sector_ids, self.sector_mech | self.sector_eea
        )
        self.assertEqual(self.employee_teacher.load_norm_hours, 900)

    def test_resource_manager_reads_staff_records(self):
        """The Staff menu of a resource manager opens staff records, read-only."""
        employee = self.read_as(
            self.user_manager,
            self.employee_colleague,
            ["load_norm_hours", "sector_ids"],
        )
        self.assertEqual(employee["load_norm_hours"], 1440)
        self.assertEqual(employee["sector_ids"], self.sector_eea.ids)

    def test_negative_load_norm_is_refused(self):
        """A negative norm is refused with the employee's name; nothing written."""
        employee = self.employee_teacher.with_user(self.user_hr_officer)
        with self.assertRefused(ValidationError, "cannot be negative") as caught:
            employee.write({"load_norm_hours": -10})
        message = str(caught.exception)
        self.assertIn("Anna Bērziņa", message)
        self.assertIn("cannot be negative", message)
        self.assertIn("zero or more", message)
        employee.invalidate_recordset()
        self.assertEqual(employee.load_norm_hours, 720)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_negative_load_norm(self):
        """The database itself refuses a negative norm, whatever writes it."""
        with self.assertRefused(IntegrityError, "load_norm_hours_positive") as caught:
            self.env.cr.execute(
                "UPDATE hr_employee SET load_norm_hours = -1 WHERE id = %s",
                [self.employee_teacher.id],
            )
        self.assertEqual(
            caught.exception.diag.constraint_name,
            "hr_employee_load_norm_hours_positive",
        )
        self.employee_teacher.invalidate_recordset()
        self.assertEqual(self.employee_teacher.load_norm_hours, 720)

    def test_qualifications_are_odoo_skills(self):
        """Trades and languages are hr_skills types an HR officer assigns."""
        trades = self.env.ref("pikc_resources.hr_skill_type_vocational_trade")
        self.assertLessEqual(
            {"CNC machining", "MIG/MAG welding", "TIG welding", "PLC programming"},
            set(trades.skill_ids.mapped("name")),
        )
        self.assertEqual(
            trades.skill_level_ids.sorted("level_progress").mapped("name"),
            ["Basic", "Qualified", "Master-instructor"],
        )
        languages = self.env.ref("hr_skills.hr_skill_type_lang")
        self.assertLessEqual(
            {"Latvian", "Lithuanian", "Russian", "English"},
            set(languages.skill_ids.mapped("name")),
        )
        self.assertIn("B2", languages.skill_level_ids.mapped("name"))

        employee = self.employee_teacher.with_user(self.user_hr_officer)
        employee.write(
            {
                "employee_skill_ids": [
                    Command.create(
                        {
                            "skill_type_id": trades.id,
                            "skill_id": self.env.ref(
                                "pikc_resources.hr_skill_cnc_machining"
                            ).id,
                            "skill_level_id": self.env.ref(
                                "pikc_resources.hr_skill_level_trade_master"
                            ).id,
                        }
                    )
                ]
            }
        )
        self.assertEqual(
            employee.employee_skill_ids.mapped("display_name"),
            ["CNC machining: Master-instructor"],
        )

    @freeze_time("2012-06-01")
    def test_development_hours_this_year_sum_entries_started_this_year(self):
        """Only this year's entries count towards the yearly development hours."""
        self.create_entry(self.employee_teacher, date_start="2011-11-22", hours=6)
        self.create_entry(self.employee_teacher, date_start="2012-05-21", hours=8)
        self.env.invalidate_all()
        self.assertEqual(self.employee_teacher.pikc_development_hours_this_year, 48)
        self.assertEqual(self.employee_colleague.pikc_development_hours_this_year, 6)
        self.assertEqual(self.employee_school2.pikc_development_hours_this_year, 6)

    @freeze_time("2012-06-01")
    def test_development_hours_take_one_query_for_any_number_of_employees(self):
        """One grouped query whether one employee is shown or fifty."""
        employees = self.env["hr.employee"].create(
            [{"name": f"Teacher {index}"} for index in range(50)]
        )
        self.env["pikc.staff.development"].create(
            [
                {"employee_id": employee.id, "name": "Seminar", "hours": 2}
                for employee in employees
            ]
        )
        self.env.flush_all()
        officer_env = self.env(user=self.user_hr_officer)
        warm_up = officer_env["hr.employee"].browse(self.employee_teacher.id)
        counts = []
        for size in (1, 50):
            records = officer_env["hr.employee"].browse(employees[:size].ids)
            # the caches of access rights, rules and the user are warm
            warm_up.invalidate_recordset(["pikc_development_hours_this_year"])
            warm_up.mapped("pikc_development_hours_this_year")
            self.env.cr.flush()  # pending notifications, not ours to count
            start = self.cr.sql_log_count
            with self.assertQueryCount(1):
                hours = records.mapped("pikc_development_hours_this_year")
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(hours, [2.0] * size)
        self.assertEqual(counts, [1, 1])
