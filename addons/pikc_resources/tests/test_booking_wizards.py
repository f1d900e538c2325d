from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestFreeSlotWizard(PikcBookingCommon):
    """The free slot search a teacher opens from a workshop or a booking,
    and its Book button."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_school2_workshops()

    def open_wizard(self, action):
        self.assertEqual(action["res_model"], "pikc.booking.slot.wizard")
        return (
            self.env["pikc.booking.slot.wizard"]
            .with_user(self.user_teacher)
            .browse(action["res_id"])
        )

    def test_workshop_proposes_its_free_slots_and_books_one(self):
        """From the workshop form, the teacher reads the lab's next free
        slots (from now, not over lunch) and books one as a draft."""
        action = self.cnc_lab.with_user(self.user_teacher).action_find_slots()
        wizard = self.open_wizard(action)
        self.assertEqual(wizard.resource_id, self.cnc_lab.resource_id)
        self.assertEqual(
            [(line.start, line.stop) for line in wizard.line_ids],
            [
                (riga(2, 8), riga(2, 10)),
                (riga(2, 10), riga(2, 12)),
                (riga(2, 13), riga(2, 15)),
                (riga(2, 15), riga(2, 17)),
                (riga(3, 8), riga(3, 10)),
            ],
        )
        wizard.purpose = "Group MT-21: CNC programming"
        result = wizard.line_ids[2].action_book()
        booking = self.env["pikc.booking"].browse(result["res_id"])
        self.assertEqual(
            (booking.resource_id, booking.start, booking.stop, booking.state),
            (self.cnc_lab.resource_id, riga(2, 13), riga(2, 15), "draft"),
        )
        self.assertEqual(booking.user_id, self.user_teacher)

    def test_similar_shared_workshops_are_proposed_never_foreign_private(self):
        """With similar workshops, the teacher is offered the own unshared
        welding shop and the member school's shared lab, never the school's
        private one; without a purpose, Book opens a prefilled form."""
        action = self.cnc_lab.with_user(self.user_teacher).action_find_slots()
        wizard = self.open_wizard(action)
        wizard.include_similar = True
        self.assertEqual(wizard.action_find()["res_id"], wizard.id)
        similar = wizard.line_ids.filtered("is_similar")
        self.assertEqual(len(similar), 5)
        self.assertIn(self.school_shared.resource_id, similar.resource_id)
        self.assertIn(self.welding.resource_id, similar.resource_id)
        self.assertNotIn(self.school_private.resource_id, similar.resource_id)
        self.assertNotIn(self.cnc_lab.resource_id, similar.resource_id)
        school_line = similar.filtered(
            lambda line: line.resource_id == self.school_shared.resource_id
        )[:1]
        self.assertEqual(school_line.owner_company_id, self.company_school2)
        action = school_line.action_book()
        self.assertEqual(
            action["context"]["default_resource_id"], self.school_shared.resource_id.id
        )

    def test_booking_form_search_moves_the_draft_booking(self):
        """From a draft booking on a busy time, Book on a proposal moves it
        there (its own time counts as free)."""
        self.book(
            self.user_master, self.cnc_lab, riga(3, 8), riga(3, 11)
        ).action_confirm()
        booking = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 12))
        wizard = self.open_wizard(booking.action_find_slots())
        self.assertEqual((wizard.booking_id, wizard.duration), (booking, 3))
        wizard.write({"window_start": riga(3, 0), "window_stop": riga(4, 0)})
        self.assertEqual(wizard.action_find()["res_id"], wizard.id)
        self.assertEqual(
            [(line.start, line.stop) for line in wizard.line_ids],
            [
                (riga(3, 13), riga(3, 16)),
            ],
        )
        wizard.line_ids[0].action_book()
        self.assertEqual((booking.start, booking.stop), (riga(3, 13), riga(3, 16)))
        self.assertEqual(booking.state, "draft")


@tagged("post_install", "-at_install")
@freeze_time("2030-08-26 05:00:00")
class TestRecurringBooking(PikcBookingCommon):
    """A group books the lab every Tuesday 9-12 over the autumn term."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Autumn break",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company_pikc.id,
                "date_from": riga(29, 0, month=10),
                "date_to": riga(29, 23, month=10),
            }
        )

    def series(self, user=None, **values):
        return (
            self.env["pikc.booking.recurrence.wizard"]
            .with_user(user or self.user_teacher)
            .create(
                dict(
                    {
                        "resource_id": self.cnc_lab.resource_id.id,
                        "tuesday": True,
                        "hour_from": 9.0,
                        "hour_to": 12.0,
                        "date_from": date(2030, 9, 1),
                        "date_to": date(2030, 12, 20),
                        "purpose": "Group MT-21: CNC programming",
                        "participants": 10,
                    },
                    **values,
                )
            )
        )

    def term_bookings(self):
        return self.env["pikc.booking"].search(
            [
                ("resource_id", "=", self.cnc_lab.resource_id.id),
                ("purpose", "=", "Group MT-21: CNC programming"),
            ],
            order="start",
        )

    def test_tuesdays_of_the_term_are_booked_skipping_conflicts(self):
        """Sixteen Tuesdays from September to December, in Riga time summer
        and winter; the autumn break and a Tuesday another group holds are
        flagged and skipped; the rest is requested from the lab's master."""
        other = self.book(
            self.user_master,
            self.cnc_lab,
            riga(8, 10, month=10),
            riga(8, 11, month=10),
            purpose="Open day",
        )
        other.action_confirm()
        wizard = self.series()
        self.assertEqual(wizard.action_preview()["res_id"], wizard.id)
        self.assertEqual(len(wizard.line_ids), 16)
        self.assertEqual(wizard.conflict_count, 2)
        conflicts = wizard.line_ids.filtered("is_conflict")
        self.assertEqual(
            conflicts.mapped("start"), [riga(8, 9, month=10), riga(29, 9, month=10)]
        )
        self.assertIn(other.name, conflicts[0].reason)
        self.assertIn("Autumn break", conflicts[1].reason)
        action = wizard.action_create()
        bookings = self.term_bookings()
        self.assertEqual(action["domain"], [("id", "in", bookings.ids)])
        self.assertEqual(len(bookings), 14)
        self.assertEqual(set(bookings.mapped("state")), {"requested"})
        self.assertEqual(
            (bookings[0].start, bookings[0].stop), (riga(3, 9), riga(3, 12))
        )
        self.assertEqual(
            (bookings[-1].start, bookings[-1].stop),
            (riga(17, 9, month=12), riga(17, 12, month=12)),
        )
        self.assertEqual(set(bookings.mapped("user_id")), {self.user_teacher})

    def test_workshop_master_series_is_confirmed_at_once(self):
        """The owner's workshop master books a series confirmed."""
        action = self.series(
            self.user_master,
            date_to=date(2030, 9, 30),
            purpose="Group MT-21: CNC programming",
        ).action_create()
        bookings = self.term_bookings()
        self.assertEqual(action["domain"], [("id", "in", bookings.ids)])
        self.assertEqual(len(bookings), 4)
        self.assertEqual(set(bookings.mapped("state")), {"confirmed"})

    def test_series_with_a_conflict_is_refused_whole_when_asked(self):
        """Asked to refuse on conflict, nothing of the series is written and
        the message names the conflicting dates."""
        before = self.env["pikc.booking"].search_count([])
        wizard = self.series(on_conflict="refuse")
        with self.assertRefused(ValidationError, r"1 of the 16 occurrences .*Autumn"):
            wizard.action_create()
        self.assertEqual(self.env["pikc.booking"].search_count([]), before)
        self.assertFalse(self.term_bookings())

    def test_series_conflicts_cost_the_same_queries_for_4_or_16_weeks(self):
        """The preview checks the whole term in one batch: as many queries
        for four Tuesdays (around the autumn break) as for sixteen."""
        short = self.series(date_from=date(2030, 10, 21), date_to=date(2030, 11, 14))
        long = self.series()
        self.env.invalidate_all()
        short._pikc_conflicts(short._pikc_occurrences())  # warm the caches

        def conflicts(wizard):
            occurrences = wizard._pikc_occurrences()
            self.env.invalidate_all()
            with self.assertQueryCount(10):
                return wizard._pikc_conflicts(occurrences)

        self.assertEqual(len(conflicts(short)), 4)
        self.assertEqual(len(conflicts(long)), 16)
