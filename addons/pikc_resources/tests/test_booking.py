from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .booking_common import PikcBookingCommon, hourly_slots, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestBooking(PikcBookingCommon):
    """Bookings within one institution: what is booked, the checks, and who
    confirms."""

    def count_bookings(self):
        return self.env["pikc.booking"].search_count(
            [("resource_id", "in", (self.cnc_lab | self.welding).resource_id.ids)]
        )

    def test_booking_knows_what_it_books_and_whose_it_is(self):
        """A booking points at one resource and knows whether it is a
        workshop, a machine or a person, and which institution owns it."""
        lab = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12))
        mill = self.book(
            self.user_teacher, self.cnc_mill, riga(3, 13), riga(3, 15), participants=2
        )
        person = self.book(
            self.user_teacher, self.master_employee, riga(4, 9), riga(4, 10)
        )
        self.assertEqual(
            (lab.resource_kind, lab.workshop_id), ("workshop", self.cnc_lab)
        )
        self.assertEqual(
            (mill.resource_kind, mill.equipment_id), ("equipment", self.cnc_mill)
        )
        self.assertEqual(
            (person.resource_kind, person.employee_id),
            ("employee", self.master_employee),
        )
        self.assertEqual(lab.owner_company_id, self.company_pikc)
        self.assertEqual(lab.company_id, self.company_pikc)
        self.assertFalse(lab.is_cross_institution)
        self.assertEqual(lab.sector_id, self.sector_mech)
        self.assertEqual(lab.duration, 3)
        self.assertEqual((lab.state, lab.user_id), ("draft", self.user_teacher))
        self.assertTrue(lab.name.startswith("BK/"))

    def test_the_database_holds_the_no_overlap_constraint(self):
        """The exclusion constraint exists (Odoo only logs when it cannot add
        one)."""
        self.env.cr.execute(
            "SELECT contype FROM pg_constraint WHERE conname = %s",
            ["pikc_booking_no_overlap"],
        )
        self.assertEqual(self.env.cr.fetchone(), ("x",))

    def test_overlapping_booking_is_refused_naming_the_other_one(self):
        """A second request of the same lab at an overlapping time is refused
        with the other booking's reference and purpose; drafts, refused and
        cancelled bookings hold nothing."""
        first = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12))
        first.action_request()
        draft = self.book(self.user_teacher, self.cnc_lab, riga(3, 10), riga(3, 11))
        before = self.count_bookings()
        with self.assertRefused(
            ValidationError, rf"already booked .* by {first.name} \(Group MT-21"
        ):
            draft.action_request()
        with self.assertRefused(ValidationError, "Workshop T-CNC is already booked"):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(3, 11),
                riga(3, 13),
                state="requested",
            )
        self.assertEqual(self.count_bookings(), before)
        self.assertEqual(draft.state, "draft")
        first.with_user(self.user_teacher).action_cancel()
        draft.action_request()
        self.assertEqual(draft.state, "requested")
        # Back to back is no overlap.
        self.book(
            self.user_teacher, self.cnc_lab, riga(3, 11), riga(3, 13)
        ).action_request()

    @mute_logger("odoo.sql_db")
    def test_database_refuses_an_overlap_the_check_missed(self):
        """Even if the Python check misses an overlap (another user's booking
        not yet visible), the database refuses it and the user reads a clear
        message, not a database error."""
        self.book(
            self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12)
        ).action_request()
        before = self.count_bookings()
        booking_model = type(self.env["pikc.booking"])
        with (
            patch.object(
                booking_model,
                "_pikc_find_conflict",
                lambda self, slot: self.browse(),
            ),
            self.assertRefused(
                ValidationError, "Workshop T-CNC is already booked between"
            ),
        ):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(3, 10),
                riga(3, 11),
                state="requested",
            )
        self.assertEqual(self.count_bookings(), before)

    def test_more_participants_than_places_is_refused(self):
        """A workshop of 12 places takes no group of 13."""
        with self.assertRefused(ValidationError, "has 12 places, .* 13 participants"):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(3, 9),
                riga(3, 12),
                participants=13,
            )
        self.assertEqual(self.count_bookings(), 0)

    def test_booking_outside_opening_hours_is_refused(self):
        """Evenings and weekends are refused; the lunch break is not."""
        with self.assertRefused(ValidationError, "outside its working hours"):
            self.book(self.user_teacher, self.cnc_lab, riga(3, 16), riga(3, 18))
        with self.assertRefused(ValidationError, "outside its working hours"):
            self.book(self.user_teacher, self.cnc_lab, riga(7, 9), riga(7, 12))
        self.assertEqual(self.count_bookings(), 0)
        self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 15))

    def test_booking_on_a_leave_is_refused(self):
        """A public holiday of the calendar and the maintenance of a machine
        (a leave of its resource) block booking."""
        leaves = self.env["resource.calendar.leaves"]
        leaves.create(
            {
                "name": "Mill spindle service",
                "resource_id": self.cnc_mill.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": riga(5, 0),
                "date_to": riga(5, 23),
            }
        )
        leaves.create(
            {
                "name": "Teachers' day",
                "calendar_id": self.calendar.id,
                "company_id": self.company_pikc.id,
                "date_from": riga(6, 0),
                "date_to": riga(6, 23),
            }
        )
        with self.assertRefused(
            ValidationError, "not available .*Mill spindle service"
        ):
            self.book(
                self.user_teacher,
                self.cnc_mill,
                riga(5, 9),
                riga(5, 10),
                participants=1,
            )
        with self.assertRefused(ValidationError, "not available .*Teachers' day"):
            self.book(self.user_teacher, self.cnc_lab, riga(6, 9), riga(6, 10))
        self.assertEqual(self.count_bookings(), 0)
        # The lab itself is open while its mill is serviced.
        self.book(self.user_teacher, self.cnc_lab, riga(5, 9), riga(5, 10))

    def test_booking_must_end_after_it_starts(self):
        """stop <= start is refused, whatever the state."""
        with self.assertRefused(ValidationError, "ends .* before it starts"):
            self.book(self.user_teacher, self.cnc_lab, riga(3, 12), riga(3, 9))
        with self.assertRefused(ValidationError, "ends .* before it starts"):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(3, 9),
                riga(3, 9),
                state="requested",
            )
        self.assertEqual(self.count_bookings(), 0)

    def test_only_a_resource_manager_books_in_the_past(self):
        """A teacher cannot book last Friday; a resource manager records it."""
        with self.assertRefused(ValidationError, "starts in the past"):
            self.book(
                self.user_teacher,
                self.cnc_lab,
                riga(30, 9, month=8),
                riga(30, 12, month=8),
            )
        self.assertEqual(self.count_bookings(), 0)
        booking = self.book(
            self.user_manager, self.cnc_lab, riga(30, 9, month=8), riga(30, 12, month=8)
        )
        self.assertEqual(booking.state, "draft")

    def test_own_request_is_confirmed_by_the_workshop_master(self):
        """A teacher requests; the workshop master gets a To-Do and confirms;
        the teacher may not confirm, nor mark done."""
        booking = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12))
        booking.action_request()
        self.assertEqual(booking.state, "requested")
        activity = booking.activity_ids
        self.assertEqual(activity.user_id, self.user_master)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertIn(self.user_master.partner_id, booking.message_partner_ids)
        with self.assertRefused(
            AccessError, "Only a workshop master or resource manager"
        ):
            booking.action_confirm()
        self.assertEqual(booking.state, "requested")
        booking.with_user(self.user_master).action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.activity_ids)
        with self.assertRefused(AccessError, "Only a workshop master"):
            booking.action_done()
        booking.with_user(self.user_master).action_done()
        self.assertEqual(booking.state, "done")

    def test_workshop_master_confirms_own_booking_at_once(self):
        """The owner's workshop master books and confirms without a request."""
        booking = self.book(self.user_master, self.welding, riga(3, 9), riga(3, 12))
        booking.action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.activity_ids)

    def test_equipment_usage_hours_follow_done_bookings(self):
        """A machine's usage hours are the hours of its done bookings."""
        used = self.book(self.user_master, self.cnc_mill, riga(3, 9), riga(3, 12))
        used.action_confirm()
        used.action_done()
        planned = self.book(self.user_master, self.cnc_mill, riga(4, 9), riga(4, 11))
        planned.action_confirm()
        self.assertEqual(self.cnc_mill.pikc_usage_hours, 3.0)

    def test_states_follow_their_order(self):
        """A done booking is not cancelled; a draft is not marked done."""
        booking = self.book(self.user_master, self.welding, riga(3, 9), riga(3, 12))
        with self.assertRefused(ValidationError, "cannot become Done"):
            booking.action_done()
        self.assertEqual(booking.state, "draft")

    def test_editing_a_confirmed_booking_rechecks_everything(self):
        """Moving a confirmed booking onto another one, out of the opening
        hours or into the past is refused; the booking keeps its time. A
        move the checks let through goes back to the master, who decides
        again."""
        other = self.book(self.user_master, self.cnc_lab, riga(4, 9), riga(4, 12))
        other.action_confirm()
        booking = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12))
        booking.action_request()
        booking.with_user(self.user_master).action_confirm()
        booking = booking.with_user(self.user_teacher)
        with self.assertRefused(ValidationError, f"by {other.name}"):
            booking.write({"start": riga(4, 10), "stop": riga(4, 11)})
        with self.assertRefused(ValidationError, "outside its working hours"):
            booking.stop = riga(3, 19)
        with self.assertRefused(ValidationError, "places"):
            booking.participants = 20
        with self.assertRefused(ValidationError, "starts in the past"):
            booking.write(
                {"start": riga(30, 9, month=8), "stop": riga(30, 12, month=8)}
            )
        self.assertEqual((booking.start, booking.stop), (riga(3, 9), riga(3, 12)))
        self.assertEqual(booking.state, "confirmed")
        booking.write({"start": riga(3, 13), "stop": riga(3, 16)})
        self.assertEqual(booking.state, "requested")

    def test_workshop_book_button_prefills_the_resource(self):
        """The Book button of a workshop opens a booking of its resource."""
        action = self.cnc_lab.with_user(self.user_teacher).action_book()
        self.assertEqual(action["res_model"], "pikc.booking")
        self.assertEqual(
            action["context"]["default_resource_id"], self.cnc_lab.resource_id.id
        )

    def test_booking_checks_cost_the_same_with_10_or_500_bookings(self):
        """Creating one booking, with its overlap, calendar and capacity
        checks, runs as many queries with 500 bookings on the lab as with 10."""
        slots = hourly_slots(504, range(8, 16))

        def book_one(start, stop):
            self.env.invalidate_all()
            # The welding shop has no master: every resource manager of the
            # PIKC (demo ones included) gets a To-Do.
            with self.assertQueryCount(123):
                self.book(
                    self.user_teacher, self.welding, start, stop, state="requested"
                )

        free = slots[-4:]
        self.fill(self.welding, slots[:10])
        book_one(*free[0])
        self.fill(self.welding, slots[10:500])
        self.assertEqual(
            self.env["pikc.booking"].search_count(
                [("resource_id", "=", self.welding.resource_id.id)]
            ),
            501,
        )
        book_one(*free[1])
