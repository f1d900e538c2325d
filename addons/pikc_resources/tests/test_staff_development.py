from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import refused_access
from .staff_common import PikcStaffCommon


@tagged("post_install", "-at_install")
class TestDevelopmentEntryRefusals(PikcStaffCommon):
    def test_entry_ending_before_it_starts_is_refused(self):
        """An entry ending before it starts is refused, naming entry and fix."""
        count = self.count_entries()
        with self.assertRefused(
            ValidationError, "set the end on or after the start"
        ) as caught:
            self.create_entry(
                self.employee_colleague,
                self.user_hr_officer,
                name="CNC course",
                date_start="2013-03-15",
                date_end="2013-03-11",
            )
        message = str(caught.exception)
        self.assertIn("“CNC course” of Ilze Liepiņa", message)
        self.assertIn("2013-03-11", message)
        self.assertIn("set the end on or after the start", message)
        self.assertEqual(self.count_entries(), count)

    def test_moving_the_end_before_the_start_is_refused(self):
        """Changing an entry's end to before its start leaves it unchanged."""
        entry = self.entry_teacher.with_user(self.user_hr_officer)
        with self.assertRefused(ValidationError, "Anna Bērziņa"):
            entry.write({"date_end": "2012-02-10"})
        entry.invalidate_recordset()
        self.assertEqual(str(entry.date_end), "2012-02-17")

    def test_negative_hours_are_refused(self):
        """Negative hours are refused, naming entry, employee and fix."""
        count = self.count_entries()
        with self.assertRefused(ValidationError, "zero or more") as caught:
            self.create_entry(
                self.employee_colleague,
                self.user_hr_officer,
                name="PLC seminar",
                hours=-4,
            )
        message = str(caught.exception)
        self.assertIn("“PLC seminar” of Ilze Liepiņa", message)
        self.assertIn("-4", message)
        self.assertIn("zero or more", message)
        self.assertEqual(self.count_entries(), count)

    def test_one_day_entry_ends_on_its_start_day(self):
        """Without an end date, an entry ends the day it starts."""
        entry = self.create_entry(self.employee_colleague, self.user_hr_officer)
        self.assertEqual(entry.date_end, entry.date_start)

    def test_entry_belongs_to_the_employees_institution(self):
        """The institution and host country follow the employee and the host."""
        self.assertEqual(self.entry_teacher.company_id, self.company_pikc)
        self.assertEqual(self.entry_school2.company_id, self.company_school2)
        self.assertEqual(self.entry_teacher.country_id, self.env.ref("base.lt"))


@tagged("post_install", "-at_install")
class TestDevelopmentEntryAccess(PikcStaffCommon):
    def test_teacher_reads_own_entries_but_not_a_colleagues(self):
        """A teacher sees their own log and nobody else's."""
        entries = self.env["pikc.staff.development"].with_user(self.user_teacher)
        self.assertEqual(entries.search([]), self.entry_teacher)
        self.assertEqual(
            self.read_as(self.user_teacher, self.entry_teacher, ["name"])["name"],
            "VETPRO mobility to Vilnius",
        )
        with self.assertRefused(
            AccessError, refused_access("pikc.staff.development", "read")
        ):
            self.entry_colleague.with_user(self.user_teacher).read(["name"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_teacher_cannot_write_any_log(self):
        """A teacher neither logs entries nor changes their own."""
        count = self.count_entries()
        for employee in (self.employee_teacher, self.employee_colleague):
            with (
                self.subTest(employee=employee.name),
                self.assertRefused(
                    AccessError, refused_access("pikc.staff.development", "create")
                ),
            ):
                self.create_entry(employee, self.user_teacher)
        with self.assertRefused(
            AccessError, refused_access("pikc.staff.development", "write")
        ):
            self.entry_teacher.with_user(self.user_teacher).write({"hours": 80})
        self.assertEqual(self.count_entries(), count)
        self.assertEqual(self.entry_teacher.hours, 40)

    def test_teacher_of_member_school_cannot_read_pikc_entries(self):
        """Another institution's teacher sees none of the PIKC staff's log."""
        entries = self.env["pikc.staff.development"].with_user(
            self.user_teacher_school2
        )
        self.assertEqual(entries.search([]), self.entry_school2)
        with self.assertRefused(
            AccessError, refused_access("pikc.staff.development", "read")
        ):
            self.entry_teacher.with_user(self.user_teacher_school2).read(["name"])

    def test_hr_officer_keeps_the_log_of_own_institution(self):
        """An HR officer logs, changes and removes entries of PIKC staff."""
        entry = self.create_entry(
            self.employee_colleague, self.user_hr_officer, name="Electrical safety"
        )
        entry.write({"hours": 8})
        self.assertEqual(entry.hours, 8)
        entries = self.env["pikc.staff.development"].with_user(self.user_hr_officer)
        ours = self.employee_teacher | self.employee_colleague | self.employee_school2
        self.assertEqual(
            entries.search([("employee_id", "in", ours.ids)]),
            self.entry_teacher | self.entry_colleague | entry,
        )
        entry.unlink()
        self.assertFalse(entry.exists())

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_hr_officer_cannot_log_for_another_institution(self):
        """An HR officer of the PIKC cannot log entries for member-school staff."""
        count = self.count_entries()
        with self.assertRefused(
            AccessError, refused_access("pikc.staff.development", "create")
        ):
            self.create_entry(self.employee_school2, self.user_hr_officer)
        with self.assertRefused(
            AccessError, refused_access("pikc.staff.development", "write")
        ):
            self.entry_school2.with_user(self.user_hr_officer).write({"hours": 1})
        self.assertEqual(self.count_entries(), count)
        self.assertEqual(self.entry_school2.hours, 6)

    def test_resource_manager_keeps_the_log_of_own_institution(self):
        """A resource manager logs and changes entries of their institution."""
        entry = self.create_entry(self.employee_colleague, self.user_manager)
        entry.write({"kind": "lesson_observation"})
        self.assertEqual(entry.kind, "lesson_observation")

    def test_staff_menus_follow_the_roles(self):
        """Staff for HR and managers; the log for teachers; its report for HR."""
        staff = "pikc_resources.menu_pikc_staff"
        log = "pikc_resources.menu_pikc_staff_development"
        report = "pikc_resources.menu_pikc_report_staff_development"
        self.assertFalse(self.visible_menus(self.user_employee) & {staff, log, report})
        self.assertEqual(
            self.visible_menus(self.user_teacher) & {staff, log, report}, {log}
        )
        for user in (self.user_hr_officer, self.user_manager):
            self.assertLessEqual({staff, log, report}, self.visible_menus(user))
