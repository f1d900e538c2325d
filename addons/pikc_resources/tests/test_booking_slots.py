from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.pikc_resources.models import booking_slots

from .booking_common import PikcBookingCommon, hourly_slots, riga
from .doctests import doctest_tests

#: One test per docstring of booking_slots; more than 8 of them hold examples.
load_tests, TestBookingSlotsExamples = doctest_tests(
    booking_slots, __name__, more_than=8
)


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestFreeSlots(PikcBookingCommon):
    """Free slots of a resource (and of similar workshops) for a wanted
    duration, within a window: what the calendar opens, minus lunch, leaves
    and bookings holding the resource."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector_other = cls.env["pikc.sector"].create(
            {"name": "Test Hospitality", "code": "T-HOSP"}
        )
        cls.create_school2_workshops()
        cls.school_other_sector = cls.create_workshop(
            "T-S2-KITCHEN",
            company=cls.company_school2,
            is_shared=True,
            sector_id=cls.sector_other.id,
        )

    def find(self, user, workshop, hours, start, stop, limit=5):
        return (
            self.env["pikc.booking"]
            .with_user(user)
            ._find_free_slots(workshop.resource_id, hours, start, stop, limit=limit)
        )

    def test_free_slots_respect_opening_hours_lunch_and_bookings(self):
        """On a Tuesday with the lab booked 9-11, three hours fit only in the
        afternoon: not across the lunch break, not after 17:00; a draft
        holds nothing."""
        self.book(
            self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 11)
        ).action_request()
        self.book(self.user_teacher, self.cnc_lab, riga(3, 13), riga(3, 14))
        slots = self.find(self.user_teacher, self.cnc_lab, 3, riga(3, 0), riga(4, 0))
        self.assertEqual(
            slots,
            [
                (riga(3, 13), riga(3, 16)),
                (riga(3, 13, 30), riga(3, 16, 30)),
                (riga(3, 14), riga(3, 17)),
            ],
        )
        one_hour = self.find(
            self.user_teacher, self.cnc_lab, 1, riga(3, 0), riga(4, 0), limit=3
        )
        self.assertEqual(
            one_hour,
            [
                (riga(3, 8), riga(3, 9)),
                (riga(3, 11), riga(3, 12)),
                (riga(3, 13), riga(3, 14)),
            ],
        )

    def test_free_slots_skip_leaves_and_the_past(self):
        """A public holiday and a machine's service leave no slot; a teacher
        is offered nothing before now, a manager is."""
        leaves = self.env["resource.calendar.leaves"]
        leaves.create(
            {
                "name": "Teachers' day",
                "calendar_id": self.calendar.id,
                "company_id": self.company_pikc.id,
                "date_from": riga(3, 0),
                "date_to": riga(3, 23),
            }
        )
        leaves.create(
            {
                "name": "Mill spindle service",
                "resource_id": self.cnc_mill.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": riga(4, 0),
                "date_to": riga(4, 23),
            }
        )
        self.assertEqual(
            self.find(self.user_teacher, self.cnc_lab, 4, riga(3, 0), riga(5, 0)),
            [(riga(4, 8), riga(4, 12)), (riga(4, 13), riga(4, 17))],
        )
        self.assertEqual(
            self.find(self.user_teacher, self.cnc_mill, 4, riga(3, 0), riga(5, 0)),
            [],
        )
        window = (riga(30, 0, month=8), riga(3, 0))
        monday = [(riga(2, 8), riga(2, 12)), (riga(2, 13), riga(2, 17))]
        self.assertEqual(
            self.find(self.user_teacher, self.cnc_lab, 4, *window, limit=0), monday
        )
        self.assertEqual(
            self.find(self.user_manager, self.cnc_lab, 4, *window, limit=0),
            [
                (riga(30, 8, month=8), riga(30, 12, month=8)),
                (riga(30, 13, month=8), riga(30, 17, month=8)),
                *monday,
            ],
        )

    def test_similar_workshops_are_own_or_shared_never_foreign_private(self):
        """Similar to a workshop are those of its sector the user's
        institution may book: its own, and the others' shared ones."""
        booking = self.env["pikc.booking"]
        as_pikc = booking.with_user(self.user_teacher)._pikc_similar_resources(
            self.cnc_lab.resource_id
        )
        self.assertIn(self.welding.resource_id, as_pikc)
        self.assertIn(self.school_shared.resource_id, as_pikc)
        for never in (self.cnc_lab, self.school_private, self.school_other_sector):
            self.assertNotIn(never.resource_id, as_pikc)
        as_school = (
            booking.with_user(self.user_teacher_school2)
            .with_company(self.company_school2)
            ._pikc_similar_resources(self.cnc_lab.resource_id)
        )
        self.assertIn(self.school_shared.resource_id, as_school)
        self.assertIn(self.school_private.resource_id, as_school)
        for never in (self.cnc_lab, self.welding, self.school_other_sector):
            self.assertNotIn(never.resource_id, as_school)

    def test_overlap_refusal_names_the_nearest_free_slots(self):
        """Refused for an overlap, the teacher reads the free times of the
        lab nearest to the one wanted."""
        self.book(
            self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12)
        ).action_request()
        booking = self.env["pikc.booking"].with_user(self.user_teacher)
        nearby = ", ".join(
            f"{booking._pikc_format(start)} - {booking._pikc_format(stop)}"
            for start, stop in ((riga(3, 8), riga(3, 9)), (riga(3, 13), riga(3, 14)))
        )
        with self.assertRefused(
            ValidationError, f"Free at these times nearby: {nearby}."
        ):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(3, 10),
                riga(3, 11),
                state="requested",
            )

    def test_free_slot_search_costs_the_same_with_10_or_500_bookings(self):
        """Finding free slots runs as many queries with 500 bookings of the
        resource in the window as with 10 (the afternoons stay free, so the
        first slots are as near in both cases)."""
        slots = hourly_slots(500, range(8, 15))
        window = (riga(3, 0), riga(31, 0, month=12))

        def find_slots():
            self.env.invalidate_all()
            with self.assertQueryCount(7):
                return self.find(self.user_teacher, self.welding, 2, *window)

        self.fill(self.welding, slots[:10])
        self.find(self.user_teacher, self.welding, 2, *window)  # warm the caches
        self.assertEqual(find_slots()[0], (riga(3, 15), riga(3, 17)))
        self.fill(self.welding, slots[10:500])
        self.assertEqual(
            self.env["pikc.booking"].search_count(
                [("resource_id", "=", self.welding.resource_id.id)]
            ),
            500,
        )
        self.assertEqual(len(find_slots()), 5)

    def test_free_slots_are_found_beyond_the_first_weeks(self):
        """The search walks on, in longer and longer steps, until it has the
        slots: a workshop booked solid for five weeks is free after them."""
        day, busy = date(2030, 9, 3), []
        while day < date(2030, 10, 8):
            if day.weekday() < 5:
                busy.append(
                    {
                        "resource_id": self.welding.resource_id.id,
                        "start": riga(day.day, 8, month=day.month),
                        "stop": riga(day.day, 17, month=day.month),
                        "purpose": "Welder qualification exams",
                        "state": "confirmed",
                    }
                )
            day += timedelta(days=1)
        self.env["pikc.booking"].create(busy)
        window = (riga(3, 0), riga(31, 0, month=12))
        slots = self.find(self.user_teacher, self.welding, 2, *window)
        self.assertEqual(slots[0], (riga(8, 8, month=10), riga(8, 10, month=10)))
        self.assertEqual(len(slots), 5)

    def test_similar_slots_cost_one_bookings_query_for_all_resources(self):
        """Slots of a workshop and its similar ones come from one batch: the
        same queries for three workshops as for one."""
        booking = self.env["pikc.booking"].with_user(self.user_teacher)
        resources = (self.cnc_lab | self.welding | self.school_shared).resource_id
        window = (riga(3, 0), riga(10, 0))

        def find(resources):
            self.env.invalidate_all()
            with self.assertQueryCount(6):
                return booking._find_free_slots_batch(resources, 2, *window)

        booking._find_free_slots_batch(resources, 2, *window)  # warm the caches

        self.assertEqual(len(find(resources[:1])), 1)
        found = find(resources)
        self.assertEqual(set(found), set(resources.ids))
        self.assertTrue(all(len(slots) == 5 for slots in found.values()))
