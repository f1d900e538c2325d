from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .booking_common import PikcBookingCommon, riga
from .common import refused_access


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestUtilizationReport(PikcBookingCommon):
    """Available hours come from calendars less leaves, booked hours from
    confirmed and done bookings cut at midnight; utilization divides sums.

    September 2030: Monday the 2nd to Friday the 6th, Monday the 9th ...
    The test workshops are open Monday to Friday 8-12 and 13-17 (Riga)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["pikc.utilization.report"]

    def hours(self, resource, day, user=None):
        """(available, booked, utilization) of ``resource`` on ``day`` of
        September 2030, as ``user`` reads them; None without a row."""
        rows = self.report.with_user(user or self.user_manager).search(
            [
                ("resource_id", "=", resource.resource_id.id),
                ("date", "=", date(2030, 9, day)),
            ]
        )
        if not rows:
            return None
        self.assertEqual(len(rows), 1)
        return rows.available_hours, rows.booked_hours, rows.utilization

    @classmethod
    def confirmed(cls, resource, start, stop, state="confirmed"):
        """A booking recorded by the system in ``state``."""
        return cls.env["pikc.booking"].create(
            {
                "resource_id": resource.resource_id.id,
                "start": start,
                "stop": stop,
                "purpose": "Group MT-21",
                "participants": 1,
                "company_id": resource.company_id.id,
                "state": state,
            }
        )

    @classmethod
    def leave(cls, name, start, stop, calendar=None, resource=None):
        return cls.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "date_from": start,
                "date_to": stop,
                "calendar_id": calendar and calendar.id,
                "resource_id": resource and resource.resource_id.id,
                "company_id": cls.company_pikc.id,
            }
        )

    # ------------------------------------------------------------------
    # Available hours
    # ------------------------------------------------------------------

    def test_available_hours_follow_the_calendar_without_lunch(self):
        """A weekday has its calendar's eight working hours (lunch is not
        working time); a weekend day, closed and unbooked, has no row."""
        self.assertEqual(self.hours(self.cnc_lab, 2), (8.0, 0.0, 0.0))
        self.assertIsNone(self.hours(self.cnc_lab, 7))
        self.assertEqual(self.hours(self.cnc_mill, 2)[0], 8.0)

    def test_leaves_and_holidays_are_not_available(self):
        """A public holiday of the calendar closes the day; a morning of
        maintenance of one machine takes four hours off it only; overlapping
        leaves are not subtracted twice."""
        self.leave("Holiday", riga(3, 0), riga(4, 0), calendar=self.calendar)
        self.leave("Maintenance", riga(4, 8), riga(4, 12), resource=self.cnc_mill)
        self.leave("Inventory", riga(4, 10), riga(4, 14), resource=self.cnc_mill)
        self.assertIsNone(self.hours(self.cnc_lab, 3))
        self.assertIsNone(self.hours(self.welding, 3))
        # 8-12 and 10-14 leave 14-17 of the mill's day.
        self.assertEqual(self.hours(self.cnc_mill, 4)[0], 3.0)
        self.assertEqual(self.hours(self.cnc_lab, 4)[0], 8.0)

    def test_two_week_calendars_alternate_their_weeks(self):
        """A two-week calendar opens on a Monday as its attendances of that
        week say (Odoo's week parity); an attendance with dates counts only
        between them."""
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Alternating Mondays",
                "tz": "Europe/Riga",
                "company_id": self.company_pikc.id,
                "two_weeks_calendar": True,
                "attendance_ids": [
                    Command.clear(),
                    Command.create(
                        {
                            "name": "Short Monday",
                            "dayofweek": "0",
                            "hour_from": 8,
                            "hour_to": 12,
                            "week_type": "0",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Long Monday",
                            "dayofweek": "0",
                            "hour_from": 8,
                            "hour_to": 16,
                            "week_type": "1",
                        }
                    ),
                    Command.create(
                        {
                            "name": "September Tuesdays",
                            "dayofweek": "1",
                            "hour_from": 9,
                            "hour_to": 11,
                            "week_type": "1",
                            "date_from": date(2030, 9, 10),
                        }
                    ),
                ],
            }
        )
        workshop = self.create_workshop("T-ALT", resource_calendar_id=calendar.id)
        week_type = self.env["resource.calendar.attendance"].get_week_type
        expected = {0: 4.0, 1: 8.0}
        self.assertEqual(
            self.hours(workshop, 2)[0], expected[week_type(date(2030, 9, 2))]
        )
        self.assertEqual(
            self.hours(workshop, 9)[0], expected[week_type(date(2030, 9, 9))]
        )
        tuesdays = {
            day: self.hours(workshop, day)
            for day in (3, 10, 17)
            if week_type(date(2030, 9, day))
        }
        self.assertEqual(
            {day: hours and hours[0] for day, hours in tuesdays.items()},
            {day: (2.0 if day >= 10 else None) for day in tuesdays},
        )

    # ------------------------------------------------------------------
    # Booked hours
    # ------------------------------------------------------------------

    def test_booked_hours_count_confirmed_and_done_bookings_only(self):
        """Confirmed and done bookings use the resource; drafts, requests
        and cancelled ones do not."""
        self.confirmed(self.cnc_lab, riga(2, 8), riga(2, 10), state="done")
        self.confirmed(self.cnc_lab, riga(2, 13), riga(2, 15))
        self.confirmed(self.cnc_lab, riga(2, 10), riga(2, 12), state="requested")
        self.confirmed(self.cnc_lab, riga(2, 15), riga(2, 17), state="draft")
        self.assertEqual(self.hours(self.cnc_lab, 2), (8.0, 4.0, 50.0))

    def test_booked_hours_are_cut_at_midnight(self):
        """A night booking counts on each day for its hours of that day (in
        the resource's time zone)."""
        around_the_clock = self.env["resource.calendar"].create(
            {
                "name": "Around the clock",
                "tz": "Europe/Riga",
                "company_id": self.company_pikc.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        kiln = self.create_workshop(
            "T-KILN", resource_calendar_id=around_the_clock.id, tz="Europe/Riga"
        )
        booking = self.confirmed(kiln, riga(2, 20), riga(2, 23))
        # Odoo's calendars end a day a microsecond before midnight, so the
        # booking checks refuse a span across it: set it in the database.
        self.env.cr.execute(
            "UPDATE pikc_booking SET start = %s, stop = %s WHERE id = %s",
            [riga(2, 22), riga(3, 2), booking.id],
        )
        self.assertEqual(self.hours(kiln, 2)[:2], (24.0, 2.0))
        self.assertEqual(self.hours(kiln, 3)[:2], (24.0, 2.0))

    def test_grouped_utilization_divides_summed_hours(self):
        """The utilization of a group is its booked over its available hours,
        not the average of daily percentages: a fully booked holiday-shortened
        day weighs less than a full day."""
        self.leave("Half holiday", riga(3, 13), riga(3, 17), calendar=self.calendar)
        self.confirmed(self.welding, riga(3, 8), riga(3, 12))  # 4 of 4 h: 100 %
        self.confirmed(self.welding, riga(4, 8), riga(4, 10))  # 2 of 8 h: 25 %
        [(booked, available, utilization)] = self.report._read_group(
            [
                ("resource_id", "=", self.welding.resource_id.id),
                ("date", ">=", date(2030, 9, 3)),
                ("date", "<=", date(2030, 9, 4)),
            ],
            [],
            ["booked_hours:sum", "available_hours:sum", "utilization:avg"],
        )
        self.assertEqual((booked, available), (6.0, 12.0))
        self.assertAlmostEqual(utilization, 50.0)

    # ------------------------------------------------------------------
    # Under-used resources
    # ------------------------------------------------------------------

    def test_resources_under_the_threshold_over_a_period(self):
        """Over a week, the welding shop (booked 4 of 40 hours, 10 %) is under
        the PIKC's 30 % threshold; the CNC lab (16 of 40 hours) is not; a
        threshold of 5 % flags neither. The least used come first."""
        self.company_pikc.pikc_utilization_threshold = 30.0
        for day in (2, 3, 4, 5):
            self.confirmed(self.cnc_lab, riga(day, 8), riga(day, 12))
        self.confirmed(self.welding, riga(2, 8), riga(2, 12))
        report = self.report.with_user(self.user_teacher)
        under = report._pikc_under_threshold(date(2030, 9, 2), date(2030, 9, 6))
        resources = {row["resource_id"]: row for row in under}
        self.assertIn(self.welding.resource_id, resources)
        welding = resources[self.welding.resource_id]
        self.assertEqual(
            (welding["booked_hours"], welding["available_hours"]), (4.0, 40.0)
        )
        self.assertEqual((welding["utilization"], welding["threshold"]), (10.0, 30.0))
        self.assertEqual(welding["resource_kind"], "workshop")
        self.assertEqual(welding["sector_id"], self.sector_mech)
        self.assertNotIn(self.cnc_lab.resource_id, resources)
        self.assertIn(self.cnc_mill.resource_id, resources)  # never booked
        rates = [row["utilization"] for row in under]
        self.assertEqual(rates, sorted(rates))
        under = report._pikc_under_threshold(
            date(2030, 9, 2), date(2030, 9, 6), threshold=5.0
        )
        resources = {row["resource_id"] for row in under}
        self.assertNotIn(self.welding.resource_id, resources)
        self.assertIn(self.cnc_mill.resource_id, resources)

    def test_under_used_resources_list_one_line_each_least_used_first(self):
        """The wizard lists the under-used workshops of the period, one line
        per workshop (the count is of resources, not days), the least used
        first, each with the threshold it fell short of; equipment and
        staff are not ranked with them."""
        self.confirmed(self.cnc_lab, riga(2, 8), riga(2, 17))
        self.confirmed(self.welding, riga(2, 8), riga(2, 9))  # 12.5 %
        wizard = (
            self.env["pikc.utilization.under.wizard"]
            .with_user(self.user_teacher)
            .create({"date_from": date(2030, 9, 2), "date_to": date(2030, 9, 2)})
        )
        self.assertEqual(wizard.threshold, 30.0)
        self.assertEqual(wizard.resource_kind, "workshop")
        action = wizard.action_show()
        self.assertEqual(action["res_model"], "pikc.utilization.under.line")
        self.assertEqual(action["context"], {"search_default_hide_sectorless_staff": 1})
        lines = self.env[action["res_model"]].with_user(self.user_teacher)
        lines = lines.search(action["domain"])
        self.assertEqual(len(lines), len(set(lines.resource_id)))
        self.assertEqual(set(lines.mapped("resource_kind")), {"workshop"})
        self.assertIn(self.welding.resource_id, lines.resource_id)
        self.assertNotIn(self.cnc_lab.resource_id, lines.resource_id)
        self.assertEqual(
            lines.mapped("utilization"), sorted(lines.mapped("utilization"))
        )
        welding = lines.filtered(
            lambda line: line.resource_id == self.welding.resource_id
        )
        self.assertEqual((welding.utilization, welding.threshold), (12.5, 30.0))
        days = welding.action_open_days()
        rows = self.report.with_user(self.user_teacher).search(days["domain"])
        self.assertEqual(rows.resource_id, self.welding.resource_id)
        self.assertEqual(rows.date, date(2030, 9, 2))

    def test_under_used_list_names_the_threshold_given(self):
        """With a threshold of its own, the list's title says it; all kinds
        are ranked together only when the kind is left empty."""
        wizard = (
            self.env["pikc.utilization.under.wizard"]
            .with_user(self.user_teacher)
            .create(
                {
                    "date_from": date(2030, 9, 2),
                    "date_to": date(2030, 9, 2),
                    "use_company_threshold": False,
                    "threshold": 20.0,
                    "resource_kind": False,
                }
            )
        )
        action = wizard.action_show()
        self.assertIn("20 %", action["name"])
        lines = self.env[action["res_model"]].with_user(self.user_teacher)
        lines = lines.search(action["domain"])
        self.assertEqual(set(lines.mapped("threshold")), {20.0})
        self.assertLessEqual(
            {"workshop", "equipment"}, set(lines.mapped("resource_kind"))
        )
        # Another run of the same wizard replaces its lines.
        wizard.action_show()
        self.assertEqual(len(lines.search(action["domain"])), len(lines))

    def test_day_rows_under_the_threshold_are_flagged(self):
        """A day booked under the institution's threshold is flagged."""
        self.confirmed(self.cnc_lab, riga(2, 8), riga(2, 9))  # 12.5 %
        self.confirmed(self.welding, riga(2, 8), riga(2, 12))  # 50 %
        flagged = self.report.search(
            [("date", "=", date(2030, 9, 2)), ("is_under_threshold", "=", True)]
        ).resource_id
        self.assertIn(self.cnc_lab.resource_id, flagged)
        self.assertNotIn(self.welding.resource_id, flagged)

    # ------------------------------------------------------------------
    # Who reads what; cost
    # ------------------------------------------------------------------

    def test_institutions_read_only_their_own_resources_utilization(self):
        """A teacher of the member school reads no row of the PIKC's shared
        lab, but those of its own workshop; the PIKC's teacher reads its
        own; nobody writes."""
        own = self.create_workshop(
            "T-S2", company=self.company_school2, resource_calendar_id=False
        )
        self.assertIsNone(self.hours(self.cnc_lab, 2, user=self.user_teacher_school2))
        self.assertIsNotNone(self.hours(own, 2, user=self.user_teacher_school2))
        self.assertIsNotNone(self.hours(self.cnc_lab, 2, user=self.user_teacher))
        with self.assertRefused(
            AccessError, refused_access("pikc.utilization.report", "read")
        ):
            self.report.with_user(self.user_employee).search([])

    def test_report_costs_the_same_queries_for_one_and_many_resources(self):
        """Grouping the report by resource and month costs one query,
        whether for one resource or for many."""
        workshops = self.cnc_lab | self.welding
        for number in range(10):
            workshops |= self.create_workshop(
                f"T-Q{number}", resource_calendar_id=self.calendar.id
            )
        for workshop in workshops:
            self.confirmed(workshop, riga(2, 8), riga(2, 12))
        report = self.report.with_user(self.user_manager)
        domain = [("date", ">=", date(2030, 1, 1)), ("date", "<=", date(2030, 12, 31))]
        report._read_group(domain, ["resource_id"], ["booked_hours:sum"])  # warm
        for resources in (self.cnc_lab.resource_id, workshops.resource_id):
            with self.assertQueryCount(1):
                groups = report._read_group(
                    domain + [("resource_id", "in", resources.ids)],
                    ["resource_id", "date:month"],
                    ["booked_hours:sum", "available_hours:sum", "utilization:avg"],
                )
            self.assertEqual(len({group[0] for group in groups}), len(resources))
