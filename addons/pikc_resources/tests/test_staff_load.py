from freezegun import freeze_time

from odoo.tests import tagged

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestStaffLoad(PikcBookingCommon):
    """A person's planned load is the hours of their confirmed and done
    bookings in the school year (1 September to 31 August), whoever booked
    them, against their yearly norm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.master_employee.load_norm_hours = 720
        cls.master_employee.write(
            {"resource_calendar_id": cls.calendar.id, "tz": "Europe/Riga"}
        )

    @classmethod
    def booking(cls, start, stop, state="confirmed", company=None):
        return cls.env["pikc.booking"].create(
            {
                "resource_id": cls.master_employee.resource_id.id,
                "start": start,
                "stop": stop,
                "purpose": "Lesson",
                "company_id": (company or cls.company_pikc).id,
                "state": state,
            }
        )

    def test_planned_load_counts_this_school_years_held_bookings(self):
        """Confirmed and done bookings of this school year count, those of any
        institution too; drafts, requests and last school year's do not."""
        self.booking(riga(2, 8), riga(2, 12), state="done")
        self.booking(riga(3, 8), riga(3, 11))
        self.booking(riga(4, 8), riga(4, 12), state="requested")
        self.booking(riga(5, 8), riga(5, 12), state="draft")
        self.booking(riga(27, 8, month=8), riga(27, 12, month=8), state="done")
        self.booking(riga(5, 8, month=6, year=2031), riga(5, 11, month=6, year=2031))
        self.assertEqual(self.master_employee.pikc_planned_load_hours, 10.0)
        self.assertAlmostEqual(self.master_employee.pikc_load_ratio, 1.4)  # 10 of 720 h

    def test_no_norm_means_no_ratio(self):
        """Without a yearly norm the load ratio stays zero."""
        self.master_employee.load_norm_hours = 0
        self.booking(riga(2, 8), riga(2, 12))
        self.assertEqual(self.master_employee.pikc_planned_load_hours, 4.0)
        self.assertEqual(self.master_employee.pikc_load_ratio, 0.0)

    def test_planned_load_costs_the_same_queries_for_one_and_fifty(self):
        """The planned load of 1 or of 50 people costs the same queries: one
        grouped query over the bookings (with the employees' norms and
        their resources)."""
        employees = self.env["hr.employee"].create(
            [{"name": f"Teacher {number}"} for number in range(49)]
        )
        employees |= self.master_employee
        self.booking(riga(2, 8), riga(2, 12))
        self.env.flush_all()
        for staff in (self.master_employee, employees):
            self.env.invalidate_all()
            staff = self.env["hr.employee"].browse(staff.ids)
            with self.assertQueryCount(3):
                staff.mapped("pikc_load_ratio")
        self.assertEqual(self.master_employee.pikc_planned_load_hours, 4.0)
