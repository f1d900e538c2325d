from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestWhoseIsIt(PikcBookingCommon):
    """Whose a resource or a booking is reads where a person chooses or
    decides: another institution's resource and request are marked with it,
    a shared workshop names whom to ask, a draft warns of a taken time and
    holds nothing for others, and requests reach someone who decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_school2_workshops()
        cls.master_employee.write(
            {"work_phone": "+371 654 00000", "work_email": "edgars@pikc.example"}
        )
        cls.pikc_name = cls.company_pikc.name

    def request_cnc_lab(self, start, stop):
        booking = self.book(self.user_teacher_school2, self.cnc_lab, start, stop)
        booking.action_request()
        return booking

    def test_pickers_mark_another_institutions_resource(self):
        """The member school's teacher picks the PIKC's lab, machine and
        their resource as ``[PIKC] ...``; the PIKC's own teacher reads the
        short names of their own resources."""
        school2 = self.env["resource.resource"].with_user(self.user_teacher_school2)
        found = dict(school2.name_search(self.cnc_lab.name))
        self.assertEqual(
            found[self.cnc_lab.resource_id.id],
            f"[{self.pikc_name}] {self.cnc_lab.name}",
        )
        workshop = self.cnc_lab.with_user(self.user_teacher_school2)
        self.assertEqual(
            workshop.display_name,
            f"[{self.pikc_name}] [{self.cnc_lab.code}] {self.cnc_lab.name}",
        )
        machine = self.cnc_mill.with_user(self.user_teacher_school2)
        self.assertEqual(machine.display_name, f"[{self.pikc_name}] CNC mill")
        own = self.cnc_lab.resource_id.with_user(self.user_teacher)
        self.assertEqual(own.display_name, self.cnc_lab.name)
        self.assertEqual(
            self.cnc_lab.with_user(self.user_teacher).display_name,
            f"[{self.cnc_lab.code}] {self.cnc_lab.name}",
        )

    def test_request_reads_with_its_requesting_institution(self):
        """The PIKC's master reads the member school's request (its calendar
        card, its to-do) as ``[school] lab: purpose``; a booking not saved
        yet is a new booking, not "/"."""
        booking = self.request_cnc_lab(riga(3, 9), riga(3, 12))
        self.assertEqual(
            booking.with_user(self.user_master).display_name,
            f"[{self.company_school2.name}] {self.cnc_lab.name}: "
            "Group MT-21: CNC programming",
        )
        self.assertEqual(
            booking.with_user(self.user_teacher_school2).display_name,
            f"{self.cnc_lab.name}: Group MT-21: CNC programming",
        )
        new = (
            self.env["pikc.booking"]
            .with_user(self.user_teacher)
            .new({"resource_id": self.welding.resource_id.id})
        )
        self.assertEqual(new.display_name, f"New booking {self.welding.name}")

    def test_shared_workshop_names_its_masters_work_contact(self):
        """The member school reads whom to ask about the PIKC's shared lab:
        its master's name, work phone and e-mail (what every colleague's
        public profile shows), not the master's employee record."""
        values = self.read_as(
            self.user_teacher_school2,
            self.cnc_lab,
            ["master_id", "contact_name", "contact_phone", "contact_email"],
        )
        self.assertFalse(values["master_id"])
        self.assertEqual(values["contact_name"], "Edgars Kalējs")
        self.assertEqual(values["contact_phone"], "+371 654 00000")
        self.assertEqual(values["contact_email"], "edgars@pikc.example")

    def test_bookings_list_upcoming_first_then_the_past(self):
        """Bookings not yet over come first, the nearest first, then the
        past ones, the latest first."""
        far, near, past, older = self.env["pikc.booking"].create(
            [
                {
                    "resource_id": self.welding.resource_id.id,
                    "start": start,
                    "stop": stop,
                    "purpose": "Order",
                    "state": "confirmed",
                }
                for start, stop in (
                    (riga(3, 9, month=12), riga(3, 10, month=12)),
                    (riga(3, 9), riga(3, 10)),
                    (riga(30, 9, month=8), riga(30, 10, month=8)),
                    (riga(2, 9, month=8), riga(2, 10, month=8)),
                )
            ]
        )
        found = self.env["pikc.booking"].search(
            [("id", "in", (far | near | past | older).ids)]
        )
        self.assertEqual(found.ids, [near.id, far.id, past.id, older.id])

    def test_draft_overlapping_a_held_time_warns(self):
        """A draft at a time another booking holds saves, but the form warns
        at once, naming the other booking; a free time raises no warning."""
        held = self.request_cnc_lab(riga(3, 9), riga(3, 12))
        bookings = self.env["pikc.booking"].with_user(self.user_teacher)
        draft = bookings.new(
            {
                "resource_id": self.cnc_lab.resource_id.id,
                "start": riga(3, 10),
                "stop": riga(3, 11),
                "purpose": "Draft",
            }
        )
        warning = draft._onchange_pikc_draft_overlap()["warning"]
        self.assertIn(held.name, warning["message"])
        self.assertIn("cannot be requested or confirmed", warning["message"])
        draft.start, draft.stop = riga(3, 13), riga(3, 14)
        self.assertFalse(draft._onchange_pikc_draft_overlap())
        # What the web form asks when the start changes.
        answer = bookings.onchange(
            {
                "resource_id": self.cnc_lab.resource_id.id,
                "start": "2030-09-03 07:30:00",
                "stop": "2030-09-03 08:30:00",
                "state": "draft",
            },
            ["start"],
            {"resource_id": {}, "start": {}, "stop": {}, "state": {}},
        )
        self.assertIn(held.name, answer["warning"]["message"])
        saved = self.book(self.user_teacher, self.cnc_lab, riga(3, 10), riga(3, 11))
        self.assertEqual(saved.state, "draft")

    def test_draft_shows_as_busy_to_nobody_else(self):
        """The bookings menu shows a draft to its author only, and the free
        slots of others ignore it: a draft holds nothing."""
        draft = self.book(self.user_teacher, self.cnc_lab, riga(3, 9), riga(3, 17))
        action = self.env.ref("pikc_resources.pikc_booking_action")

        def listed(user):
            domain = safe_eval(action.domain, {"uid": user.id})
            return self.env["pikc.booking"].with_user(user).search(domain)

        self.assertIn(draft, listed(self.user_teacher))
        self.assertNotIn(draft, listed(self.user_master))
        self.assertNotIn(draft, listed(self.user_teacher_school2))
        slots = (
            self.env["pikc.booking"]
            .with_user(self.user_teacher_school2)
            ._find_free_slots(self.cnc_lab.resource_id, 2, riga(3, 0), riga(4, 0))
        )
        self.assertEqual(slots[0], (riga(3, 8), riga(3, 10)))

    def test_request_without_master_goes_to_every_resource_manager(self):
        """Without a master with a user, each resource manager of the owner
        gets the To-Do and follows the request, never the administrator; one
        deciding closes them all."""
        self.cnc_lab.master_id = False
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "groups_id": [
                    (4, self.env.ref("pikc_resources.group_resource_manager").id)
                ],
                "company_ids": [(4, self.company_pikc.id)],
            }
        )
        booking = self.request_cnc_lab(riga(3, 9), riga(3, 12))
        approvers = booking.activity_ids.user_id
        self.assertIn(self.user_manager, approvers)
        self.assertNotIn(admin, approvers)
        for approver in approvers:
            self.assertTrue(approver.has_group("pikc_resources.group_resource_manager"))
            self.assertIn(self.company_pikc, approver.company_ids)
        self.assertIn(self.user_manager.partner_id, booking.message_partner_ids)
        booking.with_user(self.user_manager).action_confirm()
        self.assertFalse(booking.activity_ids)

    def test_request_nobody_may_decide_on_is_refused(self):
        """The member school's shared workshop has no master and the school
        no resource manager: the PIKC teacher's request is refused, saying
        whom to appoint, and the booking stays a draft."""
        booking = self.book(
            self.user_teacher, self.school_shared, riga(3, 9), riga(3, 12)
        )
        with self.assertRefused(
            UserError,
            f"Nobody at {self.company_school2.name} can approve the request "
            f"{booking.name} .*Ask {self.company_school2.name} to appoint one",
        ):
            booking.action_request()
        self.assertEqual(booking.state, "draft")
        self.assertFalse(booking.activity_ids)

    def test_free_slot_proposals_do_not_overlap_and_name_their_workshop(self):
        """The member school's search of the PIKC's lab proposes times apart
        (not the same time shifted by half an hour), each line naming the
        lab and its institution (free: 8-12 and 13-17, not across lunch)."""
        wizard = (
            self.env["pikc.booking.slot.wizard"]
            .with_user(self.user_teacher_school2)
            .create(
                {
                    "workshop_id": self.cnc_lab.id,
                    "resource_id": self.cnc_lab.resource_id.id,
                    "duration": 3,
                    "window_start": riga(3, 0),
                    "window_stop": riga(5, 0),
                }
            )
        )
        wizard.action_find()
        lines = wizard.line_ids.sorted("start")
        self.assertEqual(
            [(line.start, line.stop) for line in lines],
            [
                (riga(3, 8), riga(3, 11)),
                (riga(3, 13), riga(3, 16)),
                (riga(4, 8), riga(4, 11)),
                (riga(4, 13), riga(4, 16)),
            ],
        )
        rows = lines.web_read({"resource_id": {"fields": {"display_name": {}}}})
        for row in rows:
            self.assertEqual(
                row["resource_id"]["display_name"],
                f"[{self.pikc_name}] {self.cnc_lab.name}",
            )
