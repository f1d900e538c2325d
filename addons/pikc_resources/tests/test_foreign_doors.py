import base64
import re

from odoo.exceptions import AccessError, UserError

from .booking_common import PikcBookingCommon, riga
from .common import refused_access

#: A one-pixel PNG, as a workshop's photo.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


class TestForeignDoors(PikcBookingCommon):
    """The chatter, files, followers and activities of a record another
    institution reads only in part (the PIKC's shared lab, the PIKC's own
    booking of it) stay the PIKC's through every door a client uses:
    search, read, read_group and the buttons' results; the PIKC still has
    them all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.book(cls.user_teacher, cls.cnc_lab, riga(4, 9), riga(4, 12))
        cls.cnc_lab.message_post(body="Spindle code 4711 for the lab")
        cls.welding.message_post(body="Welding shop alarm code 0815")
        cls.own.message_post(body="Bring the MT-21 attendance list")
        cls.files = cls.env["ir.attachment"].create(
            [
                {
                    "name": "lab-floor-plan.pdf",
                    "raw": b"floor plan",
                    "res_model": "pikc.workshop",
                    "res_id": cls.cnc_lab.id,
                },
                {
                    "name": "mt21-attendance.pdf",
                    "raw": b"attendance",
                    "res_model": "pikc.booking",
                    "res_id": cls.own.id,
                },
            ]
        )
        cls.cnc_lab.image_1920 = PIXEL

    def as_user(self, user, model):
        self.env.invalidate_all()
        return self.env[model].with_user(user)

    def test_searching_messages_is_never_refused_and_no_oracle(self):
        """Searching messages answers every user (the member school, an
        employee who reads no workshop) without an access error; of the
        records the school reads only in part (the shared lab, the PIKC's
        booking) and those it cannot read (the welding shop) a body search
        finds nothing; the PIKC's master finds the lab's message."""
        for user in (self.user_teacher_school2, self.user_employee):
            messages = self.as_user(user, "mail.message")
            found = messages.search([])
            self.assertIsInstance(messages.search_read([], ["body"], limit=5), list)
            for body in ("Spindle code 4711", "alarm code 0815", "MT-21 attendance"):
                with self.subTest(user=user.login, body=body):
                    self.assertFalse(messages.search([("body", "ilike", body)]))
                    self.assertEqual(
                        messages.search_count([("body", "ilike", body)]), 0
                    )
            self.assertFalse(
                found.filtered(lambda m: m.model == "pikc.workshop"), user.login
            )
        master = self.as_user(self.user_master, "mail.message")
        self.assertEqual(
            len(master.search([("body", "ilike", "Spindle code 4711")])), 1
        )
        self.assertEqual(
            len(
                self.as_user(self.user_teacher, "mail.message").search(
                    [("body", "ilike", "MT-21 attendance")]
                )
            ),
            1,
        )

    def test_files_of_foreign_records_are_not_listed_read_or_checked(self):
        """The member school lists none of the lab's and the booking's files,
        is refused reading them (as the web client's download does), but
        reads the lab's shared photo; the PIKC lists and reads them."""
        attachments = self.as_user(self.user_teacher_school2, "ir.attachment")
        self.assertFalse(
            attachments.search([("id", "in", self.files.ids)]),
        )
        self.assertFalse(
            attachments.search(
                [("res_model", "in", ("pikc.workshop", "pikc.booking"))]
            ).filtered(lambda a: a in self.files)
        )
        self.assertFalse(
            attachments.read_group(
                [("id", "in", self.files.ids)], ["name"], ["res_model"]
            )
        )
        for file in self.files:
            with self.subTest(file=file.name):
                with self.assertRaisesRegex(
                    AccessError,
                    refused_access("ir.attachment", "read")
                    + "|belongs to a record of another institution",
                ):
                    attachments.browse(file.id).read(["name", "datas"])
                self.env.invalidate_all()
                with self.assertRaisesRegex(
                    AccessError, "belongs to a record of another institution"
                ):
                    attachments.browse(file.id).check("read")
        photo = attachments.with_context(skip_res_field_check=True).search(
            [
                ("res_model", "=", "pikc.workshop"),
                ("res_id", "=", self.cnc_lab.id),
                ("res_field", "=", "image_1920"),
            ]
        )
        self.assertEqual(len(photo), 1)
        self.assertTrue(photo.read(["datas"])[0]["datas"])
        self.assertTrue(
            self.as_user(self.user_teacher_school2, "pikc.workshop")
            .browse(self.cnc_lab.id)
            .read(["image_128"])[0]["image_128"]
        )
        owner = self.as_user(self.user_teacher, "ir.attachment")
        self.assertEqual(owner.search([("id", "in", self.files.ids)]), self.files)
        self.assertEqual(
            sorted(row["name"] for row in owner.browse(self.files.ids).read(["name"])),
            ["lab-floor-plan.pdf", "mt21-attendance.pdf"],
        )

    def test_followers_and_activities_of_foreign_records_are_hidden(self):
        """Of the shared lab, the member school reads no follower and no
        activity (search, read, read_group, the lab's activity fields,
        searching the lab by its activity, its activity systray); the
        PIKC's master, who follows the lab and has the activity, has both."""
        self.cnc_lab.message_subscribe(partner_ids=self.user_master.partner_id.ids)
        activity = self.cnc_lab.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Replace the spindle bearing",
            user_id=self.user_master.id,
        )
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "pikc.workshop"), ("res_id", "=", self.cnc_lab.id)]
        )
        self.assertTrue(followers)
        school = self.user_teacher_school2
        as_school = self.as_user(school, "mail.followers")
        self.assertFalse(as_school.search([("id", "in", followers.ids)]))
        self.assertFalse(as_school.search([("res_model", "=", "pikc.workshop")]))
        with self.assertRaises(AccessError):
            as_school.browse(followers.ids).read(["partner_id"])
        activities = self.as_user(school, "mail.activity")
        self.assertFalse(activities.search([("res_model", "=", "pikc.workshop")]))
        self.assertFalse(
            activities.read_group(
                [("res_model", "=", "pikc.workshop")], ["summary"], ["summary"]
            )
        )
        with self.assertRaises(AccessError):
            activities.browse(activity.id).read(["summary"])
        workshops = self.as_user(school, "pikc.workshop")
        self.assertEqual(
            workshops.browse(self.cnc_lab.id).read(
                ["activity_ids", "activity_summary", "message_follower_ids"]
            )[0],
            {
                "id": self.cnc_lab.id,
                "activity_ids": [],
                "activity_summary": False,
                "message_follower_ids": [],
            },
        )
        self.assertFalse(workshops.search([("activity_summary", "ilike", "spindle")]))
        systray = self.env["res.users"].with_user(school).browse(school.id)
        self.assertFalse(
            [g for g in systray._get_activity_groups() if g["model"] == "pikc.workshop"]
        )
        # The owner's master has both.
        self.assertEqual(
            self.as_user(self.user_master, "mail.followers").search(
                [("id", "in", followers.ids)]
            ),
            followers,
        )
        as_master = self.as_user(self.user_master, "mail.activity")
        self.assertEqual(
            as_master.search([("res_model", "=", "pikc.workshop")]), activity
        )
        self.assertEqual(
            as_master.browse(activity.id).read(["summary"])[0]["summary"],
            "Replace the spindle bearing",
        )
        self.assertIn(
            "pikc.workshop",
            [
                g["model"]
                for g in self.env["res.users"]
                .with_user(self.user_master)
                .browse(self.user_master.id)
                ._get_activity_groups()
            ],
        )

    def test_documents_of_a_record_the_user_cannot_read_are_hidden(self):
        """The followers, files and activities of a building follow its
        access, as those of a workshop: an employee without a PIKC role
        neither lists, reads nor checks those of the PIKC's building, nor
        the PIKC's teacher those of the member school's (Odoo itself lists
        any record's followers and answers yes to the access check of any
        record's file); the teacher has those of the PIKC's building, and
        a public file is everyone's."""
        own = self.env["pikc.building"].create({"name": "Main building"})
        school = (
            self.env["pikc.building"]
            .with_company(self.company_school2)
            .create({"name": "School hall", "company_id": self.company_school2.id})
        )
        documents = {}
        for building in (own, school):
            building.message_subscribe(partner_ids=self.partner.ids)
            documents[building] = {
                "mail.followers": building.message_follower_ids,
                "ir.attachment": self.env["ir.attachment"].create(
                    {
                        "name": f"{building.name} keys.pdf",
                        "raw": b"keys",
                        "res_model": building._name,
                        "res_id": building.id,
                    }
                ),
                "mail.activity": building.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary="Check the boiler",
                    user_id=self.user_manager.id,
                ),
            }
        for user, building in ((self.user_employee, own), (self.user_teacher, school)):
            for model, records in documents[building].items():
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(records)
                    found = self.as_user(user, model)
                    self.assertFalse(found.search([("id", "in", records.ids)]))
                    self.assertFalse(found.browse(records.ids).has_access("read"))
                    with self.assertRaises(AccessError):
                        found.browse(records.ids).read(["display_name"])
        mine = documents[own]
        for model in ("mail.followers", "ir.attachment"):
            self.assertEqual(
                self.as_user(self.user_teacher, model).search(
                    [("id", "in", mine[model].ids)]
                ),
                mine[model],
            )
        public = documents[own]["ir.attachment"]
        public.public = True
        self.assertEqual(
            self.as_user(self.user_employee, "ir.attachment")
            .browse(public.id)
            .read(["name"])[0]["name"],
            "Main building keys.pdf",
        )

    def test_buttons_of_a_foreign_booking_refuse(self):
        """The weekly series and free slot buttons of the PIKC's booking,
        which would carry its purpose and participants, are refused to the
        member school, naming the booking; its requester uses them."""
        foreign = self.as_user(self.user_teacher_school2, "pikc.booking").browse(
            self.own.id
        )
        for button in ("action_repeat_weekly", "action_find_slots"):
            with (
                self.subTest(button=button),
                self.assertRefused(
                    UserError, rf"{self.own.name} .*is another institution's booking"
                ),
            ):
                getattr(foreign, button)()
        mine = self.as_user(self.user_teacher, "pikc.booking").browse(self.own.id)
        context = mine.action_repeat_weekly()["context"]
        self.assertEqual(context["default_purpose"], "Group MT-21: CNC programming")
        wizard = self.env["pikc.booking.slot.wizard"].browse(
            mine.action_find_slots()["res_id"]
        )
        self.assertEqual(wizard.purpose, "Group MT-21: CNC programming")

    def test_wizards_refuse_a_resource_the_user_cannot_read(self):
        """The free slot search and the weekly series preview refuse the
        busy times and leaves of the PIKC's unshared welding shop to the
        member school, whatever id it passes; the PIKC's teacher searches
        them."""
        values = {
            "resource_id": self.welding.resource_id.id,
            "window_start": riga(4, 8),
            "window_stop": riga(6, 17),
        }
        slots = self.env["pikc.booking.slot.wizard"].with_user(
            self.user_teacher_school2
        )
        with self.assertRefused(
            AccessError, refused_access("resource.resource", "read")
        ):
            slots._pikc_open(values)
        series = self.env["pikc.booking.recurrence.wizard"].with_user(
            self.user_teacher_school2
        )
        weekly = {
            "resource_id": self.welding.resource_id.id,
            "tuesday": True,
            "date_from": "2030-09-03",
            "date_to": "2030-09-30",
            "purpose": "Probe",
        }
        with self.assertRefused(
            AccessError, refused_access("resource.resource", "read")
        ):
            series.create(weekly).action_preview()
        own = self.env["pikc.booking.slot.wizard"].with_user(self.user_teacher)
        self.assertTrue(
            self.env["pikc.booking.slot.wizard"]
            .browse(own._pikc_open(values)["res_id"])
            .line_ids
        )
        preview = series.with_user(self.user_teacher).create(weekly).action_preview()
        self.assertTrue(
            self.env[preview["res_model"]].browse(preview["res_id"]).line_ids
        )

    def test_buttons_of_a_foreign_workshop_or_equipment_refuse(self):
        """The stock and issue buttons of the shared lab (its stock location)
        and the serial number button of its shared machine are refused to
        the member school, naming the record; the PIKC's master uses them."""
        self.cnc_mill.serial_no = "SN-CNC-0042"
        cases = [
            (self.cnc_lab, "action_view_stock"),
            (self.cnc_lab, "action_issue_material"),
            (self.cnc_mill, "action_open_matched_serial"),
        ]
        for record, button in cases:
            with self.subTest(button=button):
                foreign = self.as_user(self.user_teacher_school2, record._name).browse(
                    record.id
                )
                with self.assertRefused(
                    UserError,
                    rf"“{re.escape(record.name)}” is another institution's",
                ) as refusal:
                    getattr(foreign, button)()
                self.assertNotIn("SN-CNC-0042", str(refusal.exception))
        master = self.as_user(self.user_master, "maintenance.equipment")
        action = master.browse(self.cnc_mill.id).action_open_matched_serial()
        self.assertEqual(action["context"]["search_default_name"], "SN-CNC-0042")
        lab = self.as_user(self.user_master, "pikc.workshop").browse(self.cnc_lab.id)
        self.assertEqual(
            lab.action_issue_material()["context"]["default_pikc_workshop_id"],
            self.cnc_lab.id,
        )

    def test_the_pikc_reads_nothing_of_a_member_schools_shared_workshop(self):
        """The other way round: the PIKC's teacher finds neither the chatter
        nor the files, followers and activities of the member school's
        shared workshop, which the school's master has."""
        self.create_school2_workshops()
        shared = self.school_shared
        shared.message_post(body="School key safe code 2468")
        shared.message_subscribe(partner_ids=self.user_master_school2.partner_id.ids)
        shared.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Order new vices",
            user_id=self.user_master_school2.id,
        )
        file = self.env["ir.attachment"].create(
            {
                "name": "school-inventory.xlsx",
                "raw": b"inventory",
                "res_model": "pikc.workshop",
                "res_id": shared.id,
            }
        )
        on_shared = [("res_model", "=", "pikc.workshop"), ("res_id", "=", shared.id)]
        for user, sees in (
            (self.user_teacher, False),
            (self.user_master_school2, True),
        ):
            with self.subTest(user=user.login):
                messages = self.as_user(user, "mail.message").search(
                    [("body", "ilike", "key safe code 2468")]
                )
                self.assertEqual(bool(messages), sees)
                for model in ("ir.attachment", "mail.followers", "mail.activity"):
                    found = self.as_user(user, model).search(on_shared)
                    self.assertEqual(bool(found), sees, model)
                self.assertEqual(
                    file in self.as_user(user, "ir.attachment").search(on_shared), sees
                )
