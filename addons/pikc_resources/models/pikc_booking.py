"""The booking itself: its record, its computed facts, who may read what
of it, and create and write, which run the overlap guard.

Two bookings holding one resource never overlap: the exclusion constraint
below refuses it in the database; create and write check before writing and
turn the database's refusal into the same message
(``pikc_booking_overlap.py``). The other jobs of ``pikc.booking`` live next
door: opening hours and free slots in ``pikc_booking_availability.py``,
states and who decides in ``pikc_booking_workflow.py``, invoicing other
institutions in ``pikc_booking_recharge.py``, whose a booking is and the
upcoming-first order in ``pikc_booking_visibility.py``.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from . import booking_slots
from .resource_resource import with_institution

#: States in which a booking holds its resource: a request reserves the slot
#: while the owner decides (first come, first served), a confirmed or done
#: booking used it. Draft, refused and cancelled bookings hold nothing.
HOLDING_STATES = ("requested", "confirmed", "done")

#: What a booked resource is: a workshop's, a piece of equipment's or a
#: person's (``resource_kind`` of bookings and of the utilization report).
RESOURCE_KINDS = [
    ("workshop", "Workshop"),
    ("equipment", "Equipment"),
    ("employee", "Staff"),
]

#: States only the owner institution's master or manager sets (see
#: ``pikc_booking_workflow.py``).
OWNER_DECIDED_STATES = ("confirmed", "done", "refused")

#: Changes of these fields may make a booking overlap another one.
SLOT_FIELDS = {"resource_id", "start", "stop", "state"}

#: What the owner approved of a booking: who books which resource when. A
#: change of any of them by someone who may not confirm the booking sends it
#: back to the owner (see ``pikc_booking_workflow.py``).
APPROVED_FIELDS = ("resource_id", "start", "stop", "company_id")


class PikcBooking(models.Model):
    """A reservation of one resource for a time span, for a purpose.

    The resource is a ``resource.resource``: a workshop's, a bookable piece of
    equipment's or an employee's; the booking knows which. The *requesting
    institution* (``company_id``) books; the *owner* (``owner_company_id``,
    the resource's institution) decides.

    Who may do what:

    * a teacher (resource user) books the resources of their institution and
      the shared resources of the others, and requests them (``draft`` →
      ``requested``); they change and cancel the bookings they made;
    * a workshop master or resource manager of the owner institution
      confirms a booking (at once for their own institution's bookings),
      refuses a request with a reason, and marks a booking done;
    * users of other institutions see that a shared resource is busy (when,
      in which state, for which institution), never the purpose, the people
      or the chatter of bookings that are neither theirs nor their
      institution's.

    Two bookings holding a resource (requested, confirmed or done) never
    overlap: a PostgreSQL exclusion constraint refuses it even between
    concurrent users, and the user gets a message naming the other booking.
    Capacity, opening hours and leaves of the resource (Odoo's resource
    calendars) and sharing are checked on every change.
    """

    _name = "pikc.booking"
    _description = "Resource Booking"
    # The restricted mixin first, so that its chatter guard precedes mail.thread's.
    _inherit = [
        "pikc.restricted.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "pikc.state.mixin",
    ]
    _pikc_state_error = ValidationError
    #: Upcoming first, nearest first, then the past, latest first (see
    #: :meth:`_order_field_to_sql`): what a teacher looks for is next week's
    #: booking, not one of next year's or of last term.
    _order = "pikc_upcoming_first, id desc"
    _pikc_shared_fields = frozenset(
        {
            "id",
            "display_name",
            "name",
            "resource_id",
            "resource_kind",
            "workshop_id",
            "equipment_id",
            "employee_id",
            "start",
            "stop",
            "duration",
            "state",
            "company_id",
            "owner_company_id",
            "is_cross_institution",
        }
    )
    _pikc_overlap_constraint = "pikc_booking_no_overlap"
    # The reference comes from a sequence (see create).
    _pikc_readonly_fields = frozenset({"name"})

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    resource_id = fields.Many2one(
        "resource.resource",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The workshop, piece of equipment or person booked.",
    )
    resource_kind = fields.Selection(
        RESOURCE_KINDS,
        string="Resource Type",
        compute="_compute_booked_record",
        store=True,
    )
    workshop_id = fields.Many2one(
        "pikc.workshop",
        compute="_compute_booked_record",
        store=True,
        index="btree_not_null",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        compute="_compute_booked_record",
        store=True,
        index="btree_not_null",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_booked_record",
        store=True,
        index="btree_not_null",
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(required=True, tracking=True)
    duration = fields.Float(
        string="Hours", compute="_compute_duration", store=True, digits=(16, 2)
    )
    company_id = fields.Many2one(
        "res.company",
        string="Requesting Institution",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    owner_company_id = fields.Many2one(
        "res.company",
        string="Owner Institution",
        related="resource_id.company_id",
        store=True,
        index=True,
    )
    is_cross_institution = fields.Boolean(
        compute="_compute_is_cross_institution",
        store=True,
        help="Another institution books the resource: the owner approves it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    purpose = fields.Char(required=True, help="What the resource is booked for.")
    participants = fields.Integer(
        default=1,
        help="Number of students or people taking part; at most the capacity "
        "of a workshop.",
    )
    sector_id = fields.Many2one(
        "pikc.sector",
        compute="_compute_sector_id",
        store=True,
        readonly=False,
        ondelete="restrict",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    note = fields.Html()

    _sql_constraints = [
        (
            "stop_after_start",
            "CHECK (stop > start)",
            "A booking must end after it starts.",
        ),
        # Refuses overlaps even between concurrent users, backed by a GiST
        # index. The resource is compared as the one-point range
        # int4range(id, id, '[]'), which GiST indexes natively (as
        # hr_work_entry does), so no btree_gist extension is needed.
        (
            "no_overlap",
            "EXCLUDE USING gist ("
            "int4range(resource_id, resource_id, '[]') WITH =, "
            "tsrange(start, stop) WITH &&"
            ") WHERE (state IN ('requested', 'confirmed', 'done'))",
            "This resource is already booked at that time.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("resource_id")
    def _compute_booked_record(self):
        """What the resource is: one query per kind for the whole batch."""
        resource_ids = self.resource_id.ids
        found = {}
        for kind, model, domain in (
            ("workshop", "pikc.workshop", []),
            ("equipment", "maintenance.equipment", []),
            ("employee", "hr.employee", []),
        ):
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search(domain + [("resource_id", "in", resource_ids)])
            )
            for record in records:
                found[record.resource_id.id] = (kind, record)
        for booking in self:
            kind, record = found.get(booking.resource_id.id, (False, None))
            booking.resource_kind = kind
            booking.workshop_id = record if kind == "workshop" else False
            booking.equipment_id = record if kind == "equipment" else False
            booking.employee_id = record if kind == "employee" else False

    @api.depends("start", "stop")
    def _compute_duration(self):
        for booking in self:
            if booking.start and booking.stop:
                booking.duration = booking_slots.duration_hours(
                    booking.start, booking.stop
                )
            else:
                booking.duration = 0.0

    @api.depends("company_id", "owner_company_id")
    def _compute_is_cross_institution(self):
        for booking in self:
            booking.is_cross_institution = bool(
                booking.owner_company_id
                and booking.company_id != booking.owner_company_id
            )

    @api.depends("workshop_id", "equipment_id")
    def _compute_sector_id(self):
        for booking in self:
            sector = booking.sudo().workshop_id.sector_id or (
                booking.sudo().equipment_id.pikc_sector_id
            )
            if sector:
                booking.sector_id = sector

    @api.depends("name", "resource_id", "purpose", "company_id")
    @api.depends_context("uid", "company")
    def _compute_display_name(self):
        """Other institutions read a booking as the resource being busy; a
        booking another institution requests is marked with it (calendar
        cards, to-dos, requests to approve); a new one is a new booking, not
        "/"."""
        foreign = self._pikc_foreign_to_user()
        for booking in self:
            resource = booking.resource_id.sudo().name or ""
            reference = booking.name
            if not reference or reference == "/":
                reference = self.env._("New booking")
            if booking in foreign or not booking.purpose:
                label = f"{reference} {resource}".strip()
            else:
                label = f"{resource}: {booking.purpose}"
            booking.display_name = with_institution(
                self.env, booking.sudo().company_id, label
            )

    # ------------------------------------------------------------------
    # Create and write: checks, overlap guard, notifications
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._pikc_clean_ids(vals) for vals in vals_list]
        if not self.env.su:
            for vals in vals_list:
                self._pikc_check_computed_values(vals, self._pikc_readonly_fields)
        slots = [
            self._pikc_slot(
                self.browse(),
                vals.get("resource_id"),
                vals.get("start"),
                vals.get("stop"),
                vals.get("state", "draft"),
            )
            for vals in vals_list
        ]
        self._pikc_check_slots(slots)
        self._pikc_check_slots_apart(slots, self._pikc_new_labels(vals_list))
        with self._pikc_overlap_guard(slots):
            bookings = super().create(vals_list)
        if not self.env.su:
            bookings.filtered(
                lambda b: b.state in OWNER_DECIDED_STATES
            )._pikc_check_owner_decides()
            bookings._pikc_check_not_in_the_past()
        bookings._pikc_assign_reference()
        bookings.filtered(lambda b: b.state == "requested")._pikc_notify_owner()
        return bookings

    def write(self, vals):
        vals = self._pikc_clean_ids(vals)
        if not self.env.su:
            self._pikc_check_computed_values(vals, self._pikc_readonly_fields)
            self._pikc_check_refusal_reason_given(vals)
        if vals.get("state"):
            self._pikc_check_transition(vals["state"])
        bookings = self
        back_to_owner = self._pikc_needing_approval_again(vals)
        if back_to_owner:
            # What the owner approved changes without them: they decide again.
            if self - back_to_owner:
                (self - back_to_owner).write(vals)
            bookings = back_to_owner
            vals = dict(vals, state="requested")
        new_state = vals.get("state")
        if not SLOT_FIELDS & vals.keys():
            return super(PikcBooking, bookings).write(vals)
        slots = [
            self._pikc_slot(
                booking,
                vals.get("resource_id", booking.resource_id.id),
                vals.get("start", booking.start),
                vals.get("stop", booking.stop),
                vals.get("state", booking.state),
            )
            for booking in bookings
        ]
        bookings._pikc_check_slots(slots)
        bookings._pikc_check_slots_apart(slots, bookings.mapped("name"))
        previous_state = {booking: booking.state for booking in bookings}
        with bookings._pikc_overlap_guard(slots):
            result = super(PikcBooking, bookings).write(vals)
        if {"resource_id", "start", "stop"} & vals.keys() or new_state in (
            "requested",
            "confirmed",
        ):
            bookings._pikc_check_not_in_the_past()
        if new_state:
            changed = bookings.filtered(lambda b: previous_state[b] != new_state)
            changed._pikc_after_state_change(new_state)
        return result

    def _pikc_check_refusal_reason_given(self, vals):
        """The reason of a refusal is the owner's: it is given with the
        refusal (the state transition checks who refuses) and cleared when
        the booking goes back to draft, never typed on its own."""
        if "refusal_reason" not in vals:
            return
        state = vals.get("state")
        if (state == "refused" and vals["refusal_reason"]) or (
            state == "draft" and not vals["refusal_reason"]
        ):
            return
        raise UserError(
            self.env._(
                "The reason of a refusal of %(record)s is given by the owner "
                "who refuses the booking (Refuse); it cannot be typed on its own.",
                record=self._pikc_record_label(),
            )
        )

    def _pikc_format(self, value):
        return format_datetime(self.env, value, dt_format="short")

    def _pikc_assign_reference(self):
        """Give the new bookings ``self`` their reference, once every check
        has passed: a refused booking takes no number from the sequence (a
        PostgreSQL sequence never gives a number back, even when the
        transaction that took it is rolled back)."""
        sequence = self.env["ir.sequence"].sudo()
        for booking in self:
            if booking.name == "/":
                booking.sudo().name = sequence.next_by_code("pikc.booking") or "/"
