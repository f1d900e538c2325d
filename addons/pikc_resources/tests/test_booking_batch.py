from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestBookingBatch(PikcBookingCommon):
    """References taken only by bookings that are made, and bookings saved
    together that overlap each other."""

    def count_bookings(self):
        return self.env["pikc.booking"].search_count(
            [("resource_id", "=", self.cnc_lab.resource_id.id)]
        )

    @staticmethod
    def number(booking):
        return int(booking.name.rsplit("/", 1)[1])

    def test_a_refused_booking_takes_no_reference(self):
        """Refusals before and after the booking is written (overlap, past,
        capacity, opening hours) leave the sequence where it was: the next
        booking made takes the next number."""
        first = self.book(
            self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 10), state="requested"
        )
        refused = [
            {"start": riga(3, 9), "stop": riga(3, 11), "state": "requested"},
            {"start": riga(30, 9, month=8), "stop": riga(30, 10, month=8)},
            {"start": riga(4, 9), "stop": riga(4, 10), "participants": 13},
            {"start": riga(4, 18), "stop": riga(4, 19)},
            {"start": riga(4, 9), "stop": riga(4, 10), "state": "confirmed"},
        ]
        before = self.count_bookings()
        for values in refused:
            with self.subTest(values=values), self.assertRefused(UserError, ""):
                self.book(self.user_teacher, self.cnc_lab, **values)
        self.assertEqual(self.count_bookings(), before)
        second = self.book(self.user_teacher, self.cnc_lab, riga(5, 9), riga(5, 10))
        self.assertEqual(self.number(second), self.number(first) + 1)

    def test_two_bookings_created_together_that_overlap_are_named(self):
        """Two overlapping requests in one call: the message names both and
        says that they overlap each other; nothing is written."""
        before = self.count_bookings()
        bookings = self.env["pikc.booking"].with_user(self.user_teacher)
        with self.assertRefused(
            ValidationError,
            r"Two of the bookings saved together overlap each other: "
            r"“Group A” \(.+\) and “Group B” \(.+\) both hold Workshop T-CNC",
        ):
            bookings.create(
                [
                    {
                        "resource_id": self.cnc_lab.resource_id.id,
                        "start": start,
                        "stop": stop,
                        "purpose": purpose,
                        "state": "requested",
                    }
                    for purpose, start, stop in (
                        ("Group B", riga(3, 10), riga(3, 11)),
                        ("Group A", riga(3, 9), riga(3, 11)),
                    )
                ]
            )
        self.assertEqual(self.count_bookings(), before)

    def test_two_bookings_moved_together_onto_each_other_are_named(self):
        """One write moving two requests onto the same hours names both
        references; both stay where they were."""
        first = self.book(
            self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 10), state="requested"
        )
        second = self.book(
            self.user_teacher, self.cnc_lab, riga(3, 10), riga(3, 11), state="requested"
        )
        both = (first | second).with_user(self.user_teacher)
        with self.assertRefused(
            ValidationError,
            rf"overlap each other: “({first.name}|{second.name})” .+ and "
            rf"“({first.name}|{second.name})”",
        ):
            both.write({"start": riga(4, 9), "stop": riga(4, 10)})
        self.assertEqual(first.start, riga(3, 9))
        self.assertEqual(second.start, riga(3, 10))
