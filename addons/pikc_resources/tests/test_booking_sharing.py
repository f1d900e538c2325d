from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestBookingAcrossInstitutions(PikcBookingCommon):
    """The member school requests the PIKC's shared CNC lab; the PIKC
    decides; each institution reads of the other's bookings only when the
    resource is busy."""

    def request_cnc_lab(self, start=None, stop=None, **values):
        booking = self.book(
            self.user_teacher_school2,
            self.cnc_lab,
            start or riga(3, 9),
            stop or riga(3, 12),
            **values,
        )
        booking.action_request()
        return booking

    def test_cross_institution_booking_needs_owner_approval(self):
        """The member school's request waits for the PIKC: a To-Do for the
        lab's master, who follows it, then confirms."""
        booking = self.request_cnc_lab()
        self.assertTrue(booking.is_cross_institution)
        self.assertEqual(booking.company_id, self.company_school2)
        self.assertEqual(booking.owner_company_id, self.company_pikc)
        self.assertEqual(booking.state, "requested")
        self.assertEqual(booking.activity_ids.user_id, self.user_master)
        self.assertIn(self.user_master.partner_id, booking.message_partner_ids)
        with self.assertRefused(
            AccessError, "Only a workshop master or resource manager of"
        ):
            booking.action_confirm()
        booking.with_user(self.user_master).action_confirm()
        self.assertEqual(booking.state, "confirmed")

    def test_request_without_master_goes_to_a_resource_manager(self):
        """A shared machine whose workshop has no master with a user: the
        To-Do goes to the resource managers of the PIKC."""
        self.cnc_lab.master_id = False
        booking = self.request_cnc_lab()
        approvers = booking.activity_ids.user_id
        self.assertTrue(approvers)
        for approver in approvers:
            self.assertTrue(approver.has_group("pikc_resources.group_resource_manager"))
            self.assertIn(self.company_pikc, approver.company_ids)

    def test_other_institution_cannot_decide_on_the_owners_resource(self):
        """Neither the requesting school's master nor its teacher confirms or
        refuses a request for the PIKC's lab."""
        booking = self.request_cnc_lab()
        for user in (self.user_master_school2, self.user_teacher_school2):
            with self.assertRefused(
                AccessError, "Only a workshop master or resource manager of"
            ):
                booking.with_user(user).action_confirm()
            with self.assertRefused(
                AccessError, "Only a workshop master or resource manager of"
            ):
                booking.with_user(user).action_refuse(reason="We changed our mind")
        self.assertEqual(booking.state, "requested")
        self.assertFalse(booking.refusal_reason)

    def test_owner_refuses_with_a_reason(self):
        """A refusal needs a reason, which the requester reads; the slot is
        free again."""
        booking = self.request_cnc_lab()
        with self.assertRefused(ValidationError, "Say why"):
            booking.with_user(self.user_master).action_refuse(reason=" ")
        self.assertEqual(booking.state, "requested")
        action = booking.with_user(self.user_master).action_refuse()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_master)
            .with_context(**action["context"])
        )
        wizard.reason = "The lab is closed for the spindle service."
        wizard.save().action_refuse()
        self.assertEqual(booking.state, "refused")
        self.assertFalse(booking.activity_ids)
        self.assertEqual(
            booking.with_user(self.user_teacher_school2).read(["refusal_reason"])[0][
                "refusal_reason"
            ],
            "The lab is closed for the spindle service.",
        )
        self.request_cnc_lab()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_non_shared_resource_of_another_institution_is_refused(self):
        """The member school cannot book the PIKC's welding shop (not shared),
        nor see it or its bookings."""
        with self.assertRefused(ValidationError, "is not shared"):
            self.book(self.user_teacher_school2, self.welding, riga(3, 9), riga(3, 12))
        with self.assertRefused(AccessError, ""):
            self.welding.resource_id.with_user(self.user_teacher_school2).read(["name"])
        booking = self.book(self.user_master, self.welding, riga(3, 9), riga(3, 12))
        found = self.env["pikc.booking"].with_user(self.user_teacher_school2).search([])
        self.assertNotIn(booking, found)

    def test_shared_resource_is_readable_to_request(self):
        """The member school finds the shared lab and machine among the
        resources it may book, not the welding shop."""
        resources = (
            self.env["resource.resource"]
            .with_user(self.user_teacher_school2)
            .search([("pikc_is_shared", "=", True)])
        )
        self.assertIn(self.cnc_lab.resource_id, resources)
        self.assertIn(self.cnc_mill.resource_id, resources)
        self.assertNotIn(self.welding.resource_id, resources)

    def test_other_institution_sees_busy_times_not_purposes(self):
        """Of the PIKC's own booking of the shared lab the member school reads
        when it is busy, never the purpose, the people or the chatter; the
        PIKC reads its own bookings and the requests for its lab in full."""
        own = self.book(self.user_teacher, self.cnc_lab, riga(4, 9), riga(4, 12))
        own.action_request()
        own.message_post(body="Bring the MT-21 attendance list")
        request = self.request_cnc_lab()
        as_school2 = self.env["pikc.booking"].with_user(self.user_teacher_school2)
        self.assertEqual(
            as_school2.search([("workshop_id", "=", self.cnc_lab.id)]), own | request
        )
        values = own.with_user(self.user_teacher_school2).read(
            [
                "resource_id",
                "start",
                "stop",
                "state",
                "purpose",
                "user_id",
                "participants",
                "note",
            ]
        )[0]
        self.assertEqual(values["resource_id"][0], self.cnc_lab.resource_id.id)
        self.assertEqual((values["start"], values["state"]), (riga(4, 9), "requested"))
        for name in ("purpose", "user_id", "participants", "note"):
            self.assertFalse(values[name], name)
        self.assertNotIn(
            "CNC programming", own.with_user(self.user_teacher_school2).display_name
        )
        self.assertFalse(as_school2._get_thread_with_access(own.id))
        # Its own request, the school reads in full.
        self.assertEqual(
            request.with_user(self.user_teacher_school2).read(["purpose"])[0][
                "purpose"
            ],
            "Group MT-21: CNC programming",
        )
        # The owner reads the request it decides on.
        self.env.invalidate_all()
        self.assertEqual(
            request.with_user(self.user_master).read(["purpose", "participants"])[0],
            {
                "id": request.id,
                "purpose": "Group MT-21: CNC programming",
                "participants": 10,
            },
        )

    def test_overlap_message_hides_the_other_institutions_purpose(self):
        """The member school, refused for an overlap, reads the other
        booking's reference and time, not its purpose."""
        own = self.book(
            self.user_teacher,
            self.cnc_lab,
            riga(3, 9),
            riga(3, 12),
            purpose="Secret exam",
        )
        own.action_request()
        with self.assertRefused(ValidationError, rf"by {own.name}\. Choose"):
            self.request_cnc_lab(riga(3, 10), riga(3, 11))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_teacher_changes_only_own_bookings(self):
        """A teacher of the PIKC neither changes nor cancels the member
        school's request, nor a colleague's booking."""
        request = self.request_cnc_lab()
        colleague = self.book(self.user_master, self.welding, riga(3, 9), riga(3, 12))
        for booking in (request, colleague):
            with self.assertRefused(AccessError, ""):
                booking.with_user(self.user_teacher).action_cancel()
        self.assertEqual(request.state, "requested")
