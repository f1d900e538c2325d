"""A booking's promises against a user who tries: stored computed values
are not typed by clients, the capacity holds after confirmation, a change
of what the owner approved goes back to the owner, and an id in any form
meets the same checks."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import NewId
from odoo.tests import tagged

from ..models.base import computed_fields_by_model, is_pikc_computed
from .booking_common import PikcBookingCommon, riga

#: How the guard refuses a computed value (see models/base.py).
COMPUTED_REFUSAL = (
    r"is computed from .*; change .* instead|is set by the system"
    # pikc_funding's own guard of a cost's facts, which comes first there
    r"|follow from its documents and cannot be set by hand"
)

#: How the guard refuses an id of an unexpected type.
ID_REFUSAL = r"must be one .*, given by its id \(a whole number\)"

#: Fields a booking's owner approved: what a refused change leaves as is.
APPROVED = ["resource_id", "start", "stop", "company_id", "state", "participants"]


def other_value(record, fname):
    """A value of ``record``'s field ``fname`` other than its current one,
    of the field's type."""
    field = record._fields[fname]
    current = record[fname]
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if field.type in ("char", "text", "html"):
        return f"{current or ''} typed by hand"
    if field.type == "selection":
        values = [value for value, _label in field._description_selection(record.env)]
        return next(value for value in values if value != current)
    if field.type == "date":
        return fields.Date.to_string(fields.Date.today() + timedelta(days=400))
    if field.type == "datetime":
        return fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=400))
    if field.type == "many2one":
        other = (
            record.env[field.comodel_name]
            .sudo()
            .search([("id", "!=", current.id)], limit=1)
        )
        return other.id or False
    if field.type == "many2many":
        return [Command.clear()]
    raise AssertionError(f"no other value known for {field}")


@tagged("post_install", "-at_install")
class TestComputedFieldsRefused(PikcBookingCommon):
    """Every stored value PIKC computes, on every model that has one (the
    list comes from the registry, so a new field is covered the day it is
    added), is refused on create and write by anyone but the system; nothing
    is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The most powerful user who is not the system: refused them, refused
        # everyone. Its refusal precedes access rights.
        cls.user_admin = cls.env.ref("base.user_admin")

    def guarded(self):
        """``(model, field name)`` of every guarded field in the registry:
        exactly the fields :func:`is_pikc_computed` selects."""
        by_model = computed_fields_by_model(self.env)
        for name in self.env.registry:
            model = self.env[name]
            self.assertEqual(
                by_model.get(name, frozenset()),
                frozenset(
                    f
                    for f, field in model._fields.items()
                    if not model._abstract and is_pikc_computed(field)
                ),
                name,
            )
        return [(name, fname) for name in by_model for fname in sorted(by_model[name])]

    def stored(self, record, fname):
        """What the database holds of ``record``'s field ``fname``: its
        column, or the rows of its relation table (a many2many)."""
        self.env.invalidate_all()
        field = record._fields[fname]
        if field.type == "many2many":
            self.env.cr.execute(
                f'SELECT array_agg("{field.column2}" ORDER BY "{field.column2}") '  # noqa: S608
                f'FROM "{field.relation}" WHERE "{field.column1}" = %s',
                [record.id],
            )
        else:
            self.env.cr.execute(
                f'SELECT "{fname}" FROM "{record._table}" WHERE id = %s',  # noqa: S608
                [record.id],
            )
        return self.env.cr.fetchone()[0]

    @staticmethod
    def required_values(sample):
        """The required links of ``sample``'s model, taken from ``sample``:
        what Odoo's own ``create`` reads before PIKC's guard answers (a
        journal item's entry)."""
        if not sample.id:
            return {}
        return {
            name: sample[name].id
            for name, field in sample._fields.items()
            if field.type == "many2one"
            and field.required
            and field.store
            and not field.compute
            and sample[name]
        }

    def test_the_guard_covers_the_bookings_computed_facts(self):
        """The booking's computed facts are among the guarded fields; its
        editable computed sector is not; Odoo's own stored computed fields
        (of mail, here) are not PIKC's to guard."""
        pairs = set(self.guarded())
        for fname in (
            "is_cross_institution",
            "owner_company_id",
            "duration",
            "workshop_id",
            "equipment_id",
            "employee_id",
            "resource_kind",
            "recharge_move_id",
        ):
            self.assertIn(("pikc.booking", fname), pairs)
        self.assertNotIn(("pikc.booking", "sector_id"), pairs)
        self.assertFalse(
            {fname for model, fname in pairs if not fname.startswith("pikc_")}
            & {"message_needaction", "activity_state", "display_name"}
        )

    def test_every_computed_field_is_refused_on_write(self):
        """For each guarded field of each model, a write of another value by
        the administrator is refused naming the field, and the column keeps
        its value."""
        self.book(self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12))
        written = 0
        for model, fname in self.guarded():
            record = self.env[model].sudo().search([], limit=1, order="id")
            if not record:
                continue
            before = self.stored(record, fname)
            value = other_value(record, fname)
            label = record._fields[fname]._description_string(self.env)
            with (
                self.subTest(model=model, field=fname),
                self.assertRefused(UserError, COMPUTED_REFUSAL) as caught,
            ):
                record.with_user(self.user_admin).write({fname: value})
            self.assertIn(label, str(caught.exception))
            self.assertEqual(self.stored(record, fname), before, (model, fname))
            written += 1
        # The demo data has records of (nearly) every such model.
        self.assertGreaterEqual(written, len(self.guarded()) - 2)

    def test_every_computed_field_is_refused_on_create(self):
        """For each guarded field, a create that gives it a value is refused
        before anything is created."""
        for model, fname in self.guarded():
            records = self.env[model].sudo().with_context(active_test=False)
            count = records.search_count([])
            sample = records.search([], limit=1) or records.new({})
            with (
                self.subTest(model=model, field=fname),
                self.assertRefused(UserError, COMPUTED_REFUSAL),
            ):
                self.env[model].with_user(self.user_admin).create(
                    dict(
                        self.required_values(sample),
                        **{fname: other_value(sample, fname)},
                    )
                )
            self.assertEqual(records.search_count([]), count, (model, fname))

    def test_a_requester_writes_none_of_their_bookings_facts(self):
        """The member school's teacher, over their own request for the PIKC's
        lab: cross-institution flag, owner, hours, workshop, kind, reference:
        each refused with the field named, nothing written."""
        booking = self.book(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        booking.action_request()
        own = booking.with_user(self.user_teacher_school2)
        before = booking.read(["is_cross_institution", "duration", "name"])[0]
        cases = {
            "is_cross_institution": (False, "Is Cross Institution"),
            "owner_company_id": (self.company_school2.id, "Owner Institution"),
            "duration": (1.0, "Hours"),
            "workshop_id": (self.welding.id, "Workshop"),
            "resource_kind": ("equipment", "Resource Type"),
            "name": ("BK-MINE", "Reference"),
        }
        for fname, (value, label) in cases.items():
            with (
                self.subTest(field=fname),
                self.assertRefused(UserError, rf"^{label} of ") as caught,
            ):
                own.write({fname: value, "purpose": "changed"})
            self.assertNotIn("Traceback", str(caught.exception))
        self.assertEqual(
            booking.read(["is_cross_institution", "duration", "name"])[0], before
        )
        self.assertEqual(booking.purpose, "Group MT-21: CNC programming")
        self.assertEqual(booking.workshop_id, self.cnc_lab)
        self.assertEqual(booking.owner_company_id, self.company_pikc)
        with self.assertRefused(UserError, "Hours of .* computed from Start, Stop"):
            own.write({"duration": 1.0})

    def test_a_requester_types_no_refusal_reason(self):
        """The reason of a refusal is given with the refusal by the owner:
        the requester cannot type one on their booking (nothing written);
        the owner's master refuses with a reason."""
        booking = self.book(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        booking.action_request()
        with self.assertRefused(UserError, "reason of a refusal .* given by the owner"):
            booking.with_user(self.user_teacher_school2).write(
                {"refusal_reason": "Refused by nobody"}
            )
        self.env.invalidate_all()
        self.assertFalse(booking.refusal_reason)
        booking.with_user(self.user_master).action_refuse("The lab is closed")
        self.assertEqual(booking.state, "refused")
        self.assertEqual(booking.refusal_reason, "The lab is closed")

    def test_a_requester_names_no_reference_of_their_own(self):
        """The reference comes from the sequence: a requester giving one at
        create is refused."""
        count = self.env["pikc.booking"].search_count([])
        with self.assertRefused(UserError, "^Reference of a new "):
            self.book(
                self.user_teacher, self.welding, riga(3, 9), riga(3, 10), name="X"
            )
        self.assertEqual(self.env["pikc.booking"].search_count([]), count)

    def test_defaults_of_computed_facts_are_ignored(self):
        """Defaults in the context for computed facts do not reach the
        booking: it stores what it computes."""
        bookings = self.env["pikc.booking"].with_context(
            default_is_cross_institution=False,
            default_duration=99.0,
            default_owner_company_id=self.company_school2.id,
        )
        booking = bookings.with_user(self.user_teacher_school2).create(
            {
                "resource_id": self.cnc_lab.resource_id.id,
                "start": riga(3, 9),
                "stop": riga(3, 12),
                "purpose": "Defaults",
                "company_id": self.company_school2.id,
            }
        )
        self.env.invalidate_all()
        self.assertTrue(booking.is_cross_institution)
        self.assertEqual(booking.duration, 3.0)
        self.assertEqual(booking.owner_company_id, self.company_pikc)

    def test_computes_still_run_for_the_user(self):
        """The requester changes the time: the hours follow (the ORM stores
        computed values itself, past the guard)."""
        booking = self.book(self.user_teacher, self.welding, riga(3, 9), riga(3, 10))
        booking.with_user(self.user_teacher).write({"stop": riga(3, 12)})
        self.env.invalidate_all()
        self.assertEqual(booking.duration, 3.0)


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestCapacityHolds(PikcBookingCommon):
    """A workshop booking brings at most the workshop's places, at create
    and on every later change, confirmed or not."""

    def test_participants_beyond_capacity_are_refused_at_create(self):
        count = self.env["pikc.booking"].search_count([])
        with self.assertRefused(ValidationError, "has 12 places, but the booking"):
            self.book(
                self.user_teacher_school2,
                self.cnc_lab,
                riga(3, 9),
                riga(3, 12),
                participants=13,
            )
        self.assertEqual(self.env["pikc.booking"].search_count([]), count)

    def test_participants_beyond_capacity_are_refused_after_confirmation(self):
        booking = self.book(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        booking.action_request()
        booking.with_user(self.user_master).action_confirm()
        own = booking.with_user(self.user_teacher_school2)
        with self.assertRefused(ValidationError, "T-CNC|has 12 places"):
            own.write({"participants": 40})
        self.assertEqual(booking.participants, 10)
        self.assertEqual(booking.state, "confirmed")

    def test_a_workshop_keeps_the_places_its_bookings_bring(self):
        """The lab's places are not cut below a confirmed booking's group."""
        booking = self.book(self.user_master, self.cnc_lab, riga(3, 9), riga(3, 12))
        booking.action_confirm()
        with self.assertRefused(ValidationError, "cannot have only 8 places"):
            self.cnc_lab.capacity = 8
        self.assertEqual(self.cnc_lab.capacity, 12)
        self.cnc_lab.capacity = 10
        self.assertEqual(self.cnc_lab.capacity, 10)


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestConfirmedMeansConfirmed(PikcBookingCommon):
    """What the owner confirmed (resource, time, requesting institution)
    changes only with the owner: a change by the requester sends the
    booking back to the owner, a To-Do again; the owner's master changes it
    and it stays confirmed."""

    def confirmed_request(self, user=None, workshop=None):
        booking = self.book(
            user or self.user_teacher_school2,
            workshop or self.cnc_lab,
            riga(3, 9),
            riga(3, 12),
        )
        booking.action_request()
        booking.with_user(self.user_master).action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.activity_ids)
        return booking

    def assertBackToOwner(self, booking):
        self.env.invalidate_all()
        self.assertEqual(booking.state, "requested")
        self.assertEqual(booking.activity_ids.user_id, self.user_master)
        self.assertIn(self.user_master.partner_id, booking.message_partner_ids)

    def test_a_requesters_change_goes_back_to_the_owner(self):
        """Moved, extended, shortened, or another resource of the same owner:
        each goes back to requested with a To-Do for the lab's master."""
        changes = {
            "move": {"start": riga(4, 9), "stop": riga(4, 12)},
            "extend": {"stop": riga(3, 15)},
            "shrink": {"stop": riga(3, 10)},
            "start later": {"start": riga(3, 10)},
            "switch resource": {"resource_id": self.cnc_mill.resource_id.id},
        }
        for case, vals in changes.items():
            with self.subTest(case=case):
                booking = self.confirmed_request()
                booking.with_user(self.user_teacher_school2).write(vals)
                self.assertBackToOwner(booking)
                for fname, value in vals.items():
                    stored = booking[fname]
                    self.assertEqual(getattr(stored, "id", stored), value)
                booking.with_user(self.user_master).action_cancel()

    def test_the_web_form_change_goes_back_too(self):
        """The same change through the form (web_save) goes back."""
        booking = self.confirmed_request()
        booking.with_user(self.user_teacher_school2).web_save(
            {"stop": fields.Datetime.to_string(riga(3, 15))}, {"state": {}}
        )
        self.assertBackToOwner(booking)

    def test_an_own_institutions_change_goes_back_to_the_master(self):
        """A PIKC teacher's booking of the PIKC's own welding shop, confirmed
        by a master, moved by the teacher: the master decides again (nothing
        was confirmed automatically for a teacher)."""
        booking = self.confirmed_request(self.user_teacher, self.cnc_lab)
        booking.with_user(self.user_teacher).write({"start": riga(3, 10)})
        self.assertBackToOwner(booking)

    def test_an_unchanged_value_keeps_the_booking_confirmed(self):
        """Writing the same time (a client saving what it read) changes
        nothing the owner approved."""
        booking = self.confirmed_request()
        booking.with_user(self.user_teacher_school2).write(
            {"start": riga(3, 9), "purpose": "Same time, new words"}
        )
        self.assertEqual(booking.state, "confirmed")

    def test_the_owners_master_keeps_it_confirmed(self):
        """The lab's master moves the booking: it stays confirmed."""
        booking = self.confirmed_request()
        booking.with_user(self.user_master).write({"stop": riga(3, 15)})
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.activity_ids)

    def test_a_master_of_another_institution_sends_it_back(self):
        """The member school's master may not confirm the PIKC's lab: their
        change of a confirmed booking of their school goes back to the PIKC."""
        booking = self.confirmed_request()
        booking.with_user(self.user_master_school2).write({"stop": riga(3, 15)})
        self.assertBackToOwner(booking)

    def test_another_requesting_institution_goes_back_to_the_owner(self):
        """A teacher of both institutions moves their confirmed booking to
        their other institution: the owner decides again."""
        both = self.create_pikc_user(
            "pikc_teacher_both",
            "pikc_resources.group_resource_user",
            self.company_pikc,
            self.company_school2,
        )
        booking = self.confirmed_request(both)
        booking.with_user(both).write({"company_id": self.company_school2.id})
        self.assertBackToOwner(booking)
        self.assertTrue(booking.is_cross_institution)

    def test_a_requester_books_for_their_own_institutions_only(self):
        """The PIKC's teacher cannot hand their booking to the member school,
        of which they are no member; nothing changes."""
        booking = self.confirmed_request(self.user_teacher)
        before = booking.read(APPROVED)
        with self.assertRefused(AccessError, "cannot book for Test Member School"):
            booking.with_user(self.user_teacher).write(
                {"company_id": self.company_school2.id}
            )
        self.assertEqual(booking.read(APPROVED), before)

    def test_another_teacher_changes_nothing(self):
        """A teacher who did not make the booking is refused, and the
        booking stays as confirmed."""
        booking = self.confirmed_request()
        other = self.create_pikc_user(
            "pikc_teacher_school2_b",
            "pikc_resources.group_resource_user",
            self.company_school2,
        )
        before = booking.read(APPROVED)
        with self.assertRefused(AccessError, "not allowed to modify|access"):
            booking.with_user(other).write({"stop": riga(3, 15)})
        self.assertEqual(booking.read(APPROVED), before)

    def test_a_requester_cannot_move_a_booking_into_an_unshared_resource(self):
        """Switching a confirmed request to the PIKC's unshared welding shop
        is refused as any such booking is; nothing changes."""
        booking = self.confirmed_request()
        before = booking.read(APPROVED)
        with self.assertRefused(ValidationError, "is not shared"):
            booking.with_user(self.user_teacher_school2).write(
                {"resource_id": self.welding.resource_id.id}
            )
        self.assertEqual(booking.read(APPROVED), before)

    def test_a_done_booking_is_corrected_by_its_owner_only(self):
        booking = self.confirmed_request()
        booking.with_user(self.user_master).action_done()
        before = booking.read(APPROVED)
        with self.assertRefused(AccessError, "is done: only a workshop master"):
            booking.with_user(self.user_teacher_school2).write({"stop": riga(3, 15)})
        self.assertEqual(booking.read(APPROVED), before)
        booking.with_user(self.user_master).write({"stop": riga(3, 11)})
        self.assertEqual(booking.state, "done")


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestIdsInAnyForm(PikcBookingCommon):
    """The member school may not book the PIKC's unshared welding shop, in
    whatever form its resource's id comes: each odd form is refused before
    anything is written, a plain id or record meets the sharing rule."""

    def odd_forms(self):
        rid = self.welding.resource_id.id
        return {
            "text": str(rid),
            "float": float(rid),
            "list": [rid],
            "pair": (rid, self.welding.name),
            "new id": NewId(rid),
            "another model's record": self.welding,
        }

    def count(self):
        return self.env["pikc.booking"].search_count(
            [("resource_id", "=", self.welding.resource_id.id)]
        )

    def test_odd_forms_of_an_id_are_refused_at_create(self):
        before = self.count()
        for case, value in self.odd_forms().items():
            with (
                self.subTest(case=case),
                self.assertRefused(UserError, rf"^Resource of a new .*{ID_REFUSAL}"),
            ):
                self.book(
                    self.user_teacher_school2,
                    self.welding,
                    riga(3, 9),
                    riga(3, 12),
                    resource_id=value,
                    state="requested",
                )
        self.assertEqual(self.count(), before)

    def test_odd_forms_of_an_id_are_refused_on_write(self):
        booking = self.book(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        booking.action_request()
        for case, value in self.odd_forms().items():
            with (
                self.subTest(case=case),
                self.assertRefused(UserError, ID_REFUSAL),
            ):
                booking.with_user(self.user_teacher_school2).write(
                    {"resource_id": value}
                )
            self.assertEqual(booking.resource_id, self.cnc_lab.resource_id)
            self.assertEqual(booking.owner_company_id, self.company_pikc)

    def test_an_id_or_a_record_meets_the_sharing_rule(self):
        """A plain id and a record of resources both reach the rule that the
        welding shop is not shared."""
        before = self.count()
        for value in (self.welding.resource_id.id, self.welding.resource_id):
            with (
                self.subTest(value=value),
                self.assertRefused(ValidationError, "is not shared"),
            ):
                self.book(
                    self.user_teacher_school2,
                    self.welding,
                    riga(3, 9),
                    riga(3, 12),
                    resource_id=value,
                    state="requested",
                )
        self.assertEqual(self.count(), before)

    def test_a_workshop_given_for_the_resource_is_refused(self):
        """The welding shop named by its workshop beside a shared resource:
        the workshop is computed, refused."""
        before = self.count()
        with self.assertRefused(UserError, "^Workshop of a new"):
            self.book(
                self.user_teacher_school2,
                self.cnc_lab,
                riga(3, 9),
                riga(3, 12),
                workshop_id=self.welding.id,
            )
        self.assertEqual(self.count(), before)
        self.assertFalse(
            self.env["pikc.booking"].search([("workshop_id", "=", self.welding.id)])
        )

    def test_odd_forms_of_other_ids_are_refused(self):
        """The requesting institution as text is refused too."""
        with self.assertRefused(UserError, rf"^Requesting Institution .*{ID_REFUSAL}"):
            self.book(
                self.user_teacher_school2,
                self.cnc_lab,
                riga(3, 9),
                riga(3, 12),
                company_id=str(self.company_pikc.id),
            )
