from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import chain

from psycopg2 import errors
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_datetime

from . import booking_slots

#: States in which a booking holds its resource: a request reserves the slot
#: while the owner decides (first come, first served), a confirmed or done
#: booking used it. Draft, refused and cancelled bookings hold nothing.
HOLDING_STATES = ("requested", "confirmed", "done")

#: Which state may follow which; anything else is refused.
TRANSITIONS = {
    "draft": {"requested", "confirmed", "cancelled"},
    "requested": {"confirmed", "refused", "cancelled", "draft"},
    "confirmed": {"done", "cancelled"},
    "refused": {"draft"},
    "cancelled": {"draft"},
    "done": set(),
}

#: Changes of these fields may make a booking overlap another one.
SLOT_FIELDS = {"resource_id", "start", "stop", "state"}

#: Proposed free slots start every half hour, on the half hour.
SLOT_STEP = timedelta(minutes=30)
SLOT_GRID_ORIGIN = datetime(2000, 1, 1)

#: How far around a refused time the overlap message looks for free slots,
#: and how many it names.
NEARBY_BEFORE = timedelta(days=2)
NEARBY_AFTER = timedelta(days=14)
NEARBY_COUNT = 2


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
    _inherit = ["pikc.restricted.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
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
        [("workshop", "Workshop"), ("equipment", "Equipment"), ("employee", "Staff")],
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
        # Backed by a GiST index (btree_gist makes "=" on the resource usable
        # in it, see _auto_init()); refuses overlaps even between concurrent users.
        (
            "no_overlap",
            "EXCLUDE USING gist (resource_id WITH =, tsrange(start, stop) WITH &&) "
            "WHERE (state IN ('requested', 'confirmed', 'done'))",
            "This resource is already booked at that time.",
        ),
    ]

    def _auto_init(self):
        # btree_gist lets the exclusion constraint compare resource ids with
        # "=" in a GiST index; it must exist before Odoo adds the constraint,
        # which _auto_init() does (so init() would come too late).
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

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
                booking.duration = (booking.stop - booking.start).total_seconds() / 3600
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
                booking.sudo().equipment_id.sector_id
            )
            if sector:
                booking.sector_id = sector

    @api.depends("name", "resource_id", "purpose")
    @api.depends_context("uid")
    def _compute_display_name(self):
        """Other institutions read a booking as the resource being busy."""
        foreign = self._pikc_foreign()
        for booking in self:
            resource = booking.resource_id.sudo().name or ""
            if booking in foreign or not booking.purpose:
                booking.display_name = f"{booking.name} {resource}".strip()
            else:
                booking.display_name = f"{resource}: {booking.purpose}"

    def _pikc_foreign(self):
        """Bookings neither the user's, nor of their institution, nor of
        their institution's resources: only their busy time is readable."""
        if self.env.su:
            return self.browse()
        user = self.env.user
        member_of = user.company_ids
        return self.filtered(
            lambda booking: booking.user_id != user
            and booking.company_id not in member_of
            and booking.owner_company_id not in member_of
        )

    # ------------------------------------------------------------------
    # Create and write: checks, overlap guard, notifications
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
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
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("pikc.booking") or "/"
                )
        with self._pikc_overlap_guard(slots):
            bookings = super().create(vals_list)
        if not self.env.su:
            bookings.filtered(
                lambda b: b.state in ("confirmed", "done", "refused")
            )._pikc_check_owner_decides()
            bookings._pikc_check_not_in_the_past()
        bookings.filtered(lambda b: b.state == "requested")._pikc_notify_owner()
        return bookings

    def write(self, vals):
        new_state = vals.get("state")
        if new_state:
            self._pikc_check_transition(new_state)
        if not SLOT_FIELDS & vals.keys():
            return super().write(vals)
        slots = [
            self._pikc_slot(
                booking,
                vals.get("resource_id", booking.resource_id.id),
                vals.get("start", booking.start),
                vals.get("stop", booking.stop),
                vals.get("state", booking.state),
            )
            for booking in self
        ]
        self._pikc_check_slots(slots)
        previous_state = {booking: booking.state for booking in self}
        with self._pikc_overlap_guard(slots):
            result = super().write(vals)
        if {"resource_id", "start", "stop"} & vals.keys() or new_state in (
            "requested",
            "confirmed",
        ):
            self._pikc_check_not_in_the_past()
        if new_state:
            changed = self.filtered(lambda b: previous_state[b] != new_state)
            changed._pikc_after_state_change(new_state)
        return result

    @api.model
    def _pikc_slot(self, booking, resource_id, start, stop, state):
        """A booking's wanted resource, time span and state, as plain values."""
        if isinstance(resource_id, models.BaseModel):
            resource_id = resource_id.id
        return {
            "booking_id": booking.id,
            "resource_id": resource_id,
            "start": fields.Datetime.to_datetime(start),
            "stop": fields.Datetime.to_datetime(stop),
            "state": state,
        }

    def _pikc_check_slots(self, slots):
        """Before anything is written: the time span is a span, and a booking
        that holds its resource does not overlap another one."""
        resources = self.env["resource.resource"].sudo()
        for slot in slots:
            if not (slot["resource_id"] and slot["start"] and slot["stop"]):
                continue
            resource = resources.browse(slot["resource_id"])
            if slot["stop"] <= slot["start"]:
                raise ValidationError(
                    self.env._(
                        "The booking of %(resource)s ends (%(stop)s) before it "
                        "starts (%(start)s). Set an end after the start.",
                        resource=resource.name,
                        start=self._pikc_format(slot["start"]),
                        stop=self._pikc_format(slot["stop"]),
                    )
                )
            if slot["state"] not in HOLDING_STATES:
                continue
            conflict = self._pikc_find_conflict(slot)
            if conflict:
                raise self._pikc_overlap_error(resource, conflict, slot)

    def _pikc_find_conflict(self, slot):
        """Another booking holding the slot's resource during its time span
        (whoever may read it): one indexed query."""
        return self.sudo().search(
            [
                ("resource_id", "=", slot["resource_id"]),
                ("state", "in", HOLDING_STATES),
                ("start", "<", slot["stop"]),
                ("stop", ">", slot["start"]),
                ("id", "!=", slot["booking_id"] or 0),
            ],
            limit=1,
            order="start",
        )

    def _pikc_overlap_error(self, resource, conflict=None, slot=None):
        """The message a user reads about an overlap: the resource, the other
        booking (its purpose only if the user may read it) and its time, and
        the free slots nearest to the wanted time."""
        if not conflict:
            message = self.env._(
                "%(resource)s is already booked between %(start)s and "
                "%(stop)s. Choose another time or another resource.",
                resource=resource.name,
                start=self._pikc_format(slot["start"]),
                stop=self._pikc_format(slot["stop"]),
            )
        else:
            visible = conflict.with_env(self.env)
            label = visible.name
            if not visible._pikc_foreign():
                label = f"{visible.name} ({visible.sudo().purpose})"
            message = self.env._(
                "%(resource)s is already booked from %(start)s to %(stop)s by "
                "%(booking)s. Choose another time or another resource.",
                resource=resource.name,
                start=self._pikc_format(conflict.start),
                stop=self._pikc_format(conflict.stop),
                booking=label,
            )
        nearby = slot and self._pikc_nearby_free_slots(resource, slot)
        if nearby:
            message = "\n".join(
                (
                    message,
                    self.env._(
                        "Free at these times nearby: %(slots)s.",
                        slots=self._pikc_format_slots(nearby),
                    ),
                )
            )
        return ValidationError(message)

    @contextmanager
    def _pikc_overlap_guard(self, slots):
        """Turn the database's refusal of an overlap (another user booked the
        slot at the same moment) into the same clear message."""
        try:
            with self.env.cr.savepoint():
                yield
        except errors.ExclusionViolation as exc:
            if exc.diag.constraint_name != self._pikc_overlap_constraint:
                raise
            raise self._pikc_concurrent_overlap_error(slots) from None

    def _pikc_concurrent_overlap_error(self, slots):
        """This transaction cannot see the booking another one has just
        committed (repeatable read); a fresh transaction names it."""
        resources = self.env["resource.resource"].sudo()
        holding = [slot for slot in slots if slot["state"] in HOLDING_STATES]
        with self.env.registry.cursor() as cr:
            fresh = self.with_env(self.env(cr=cr))
            for slot in holding:
                conflict = fresh._pikc_find_conflict(slot)
                if conflict:
                    error = fresh._pikc_overlap_error(
                        resources.browse(slot["resource_id"]), conflict, slot
                    )
                    return ValidationError(error.args[0])
        slot = holding[0] if holding else slots[0]
        return self._pikc_overlap_error(
            resources.browse(slot["resource_id"]), slot=slot
        )

    def _pikc_format(self, value):
        return format_datetime(self.env, value, dt_format="short")

    # ------------------------------------------------------------------
    # Checks that hold after every change
    # ------------------------------------------------------------------

    @api.constrains("participants", "resource_id")
    def _check_capacity(self):
        for booking in self:
            if booking.participants < 0:
                raise ValidationError(
                    self.env._(
                        "The booking %(booking)s cannot have a negative number "
                        "of participants.",
                        booking=booking.name,
                    )
                )
            workshop = booking.sudo().workshop_id
            if workshop and booking.participants > workshop.capacity:
                raise ValidationError(
                    self.env._(
                        "%(workshop)s has %(capacity)s places, but the booking "
                        "%(booking)s brings %(participants)s participants. Split "
                        "the group or book a larger workshop.",
                        workshop=workshop.name,
                        capacity=workshop.capacity,
                        booking=booking.name,
                        participants=booking.participants,
                    )
                )

    @api.constrains("resource_id", "company_id")
    def _check_resource_is_shared(self):
        """Another institution books only what its owner shares."""
        for booking in self.filtered("is_cross_institution"):
            if not booking.resource_id.sudo().pikc_is_shared:
                raise ValidationError(
                    self.env._(
                        "%(resource)s belongs to %(owner)s and is not shared, so "
                        "%(institution)s cannot book it. Ask %(owner)s to share "
                        "it, or book a shared resource.",
                        resource=booking.resource_id.sudo().name,
                        owner=booking.owner_company_id.sudo().name,
                        institution=booking.company_id.sudo().name,
                    )
                )

    @api.constrains("resource_id", "start", "stop")
    def _check_opening_hours(self):
        """The whole booking falls within the resource's working hours (its
        lunch breaks included: a group may stay over lunch) and on none of its
        leaves, such as public holidays or maintenance of equipment; Odoo's
        resource calendars say when that is."""
        for booking in self.sudo():
            resource = booking.resource_id
            opening = booking._pikc_opening(resource, booking.start, booking.stop)
            if opening is None:
                continue
            problem = booking._pikc_opening_problem(
                booking.start, booking.stop, *opening
            )
            if not problem:
                continue
            if problem[0] == "leave":
                raise ValidationError(
                    self.env._(
                        "%(resource)s is not available for the booking %(booking)s "
                        "on %(start)s: %(leave)s. Choose another day or time.",
                        resource=resource.name,
                        booking=booking.name,
                        start=self._pikc_format(booking.start),
                        leave=problem[1],
                    )
                )
            raise ValidationError(
                self.env._(
                    "The booking %(booking)s of %(resource)s (%(start)s to "
                    "%(stop)s) falls outside its working hours (%(hours)s). "
                    "Book within these hours.",
                    booking=booking.name,
                    resource=resource.name,
                    start=self._pikc_format(booking.start),
                    stop=self._pikc_format(booking.stop),
                    hours=problem[1],
                )
            )

    @api.model
    def _pikc_calendar(self, resource):
        """The working hours of a resource: its own calendar, else its
        institution's."""
        resource = resource.sudo()
        return resource.calendar_id or resource.company_id.resource_calendar_id

    @api.model
    def _pikc_opening(self, resource, start, stop):
        """When ``resource`` may be booked between ``start`` and ``stop``
        (naive UTC): its open hours (working hours with lunch breaks) and its
        leaves as ``(start, stop, name)``, in naive UTC; None when it has no
        calendar (always open). Three calendar queries, however long the
        span."""
        resource = resource.sudo()
        calendar = self._pikc_calendar(resource)
        if not calendar:
            return None
        start, stop = utc.localize(start), utc.localize(stop)
        attendances = calendar._attendance_intervals_batch(start, stop, resource)
        lunches = calendar._attendance_intervals_batch(
            start, stop, resource, lunch=True
        )
        leaves = calendar._leave_intervals_batch(start, stop, resource)[resource.id]
        open_hours = booking_slots.union(
            (_naive_utc(begin), _naive_utc(end))
            for begin, end, _meta in chain(
                attendances[resource.id], lunches[resource.id]
            )
        )
        leave_spans = [
            (
                _naive_utc(begin),
                _naive_utc(end),
                records[:1].name or self.env._("time off"),
            )
            for begin, end, records in leaves
        ]
        return open_hours, leave_spans, calendar.name

    @api.model
    def _pikc_opening_problem(self, start, stop, open_hours, leaves, hours_name):
        """Why ``start``-``stop`` cannot be booked given :meth:`_pikc_opening`:
        ``("leave", its name)``, ``("hours", the calendar's name)``, or None."""
        available = booking_slots.subtract(open_hours, leaves)
        if booking_slots.covers(available, start, stop):
            return None
        leave = booking_slots.overlapping(start, stop, leaves)
        if leave:
            return ("leave", leave[2])
        return ("hours", hours_name)

    def _pikc_may_book_the_past(self):
        """Only a resource manager (or the system) records past bookings."""
        return self.env.su or self.env.user.has_group(
            "pikc_resources.group_resource_manager"
        )

    def _pikc_check_not_in_the_past(self):
        """Only a resource manager books (or moves a booking) into the past:
        what happened is recorded, not planned."""
        if self._pikc_may_book_the_past():
            return
        now = fields.Datetime.now()
        for booking in self:
            if booking.start < now:
                raise ValidationError(
                    self.env._(
                        "The booking %(booking)s of %(resource)s starts in the "
                        "past (%(start)s). Choose a time to come; only a "
                        "resource manager records past bookings.",
                        booking=booking.name,
                        resource=booking.resource_id.sudo().name,
                        start=self._pikc_format(booking.start),
                    )
                )

    # ------------------------------------------------------------------
    # Free slots
    # ------------------------------------------------------------------

    @api.model
    def _find_free_slots(
        self, resource, duration_hours, window_start, window_end, limit=5
    ):
        """The first ``limit`` free slots of ``duration_hours`` of
        ``resource`` between ``window_start`` and ``window_end`` (naive UTC),
        as ``(start, stop)`` in naive UTC, earliest first.

        A slot lies within the resource's working hours (not across its lunch
        break), on none of its leaves and on no booking holding it; slots
        start every half hour. Never in the past, but for a resource manager.
        """
        return self._find_free_slots_batch(
            resource, duration_hours, window_start, window_end, limit=limit
        )[resource.id]

    @api.model
    def _find_free_slots_batch(
        self,
        resources,
        duration_hours,
        window_start,
        window_end,
        limit=5,
        ignore_ids=(),
    ):
        """:meth:`_find_free_slots` for several resources at once: one
        calendar call per calendar and one query on the bookings, however
        many resources and bookings. Returns ``{resource id: [(start,
        stop)]}``; ``limit`` applies per resource (0: all of them); bookings
        of ``ignore_ids`` (the one being moved) leave their time free."""
        # Browsed afresh, so that the resources are read together.
        resources = self.env["resource.resource"].sudo().browse(resources.ids)
        if not self._pikc_may_book_the_past():
            window_start = max(window_start, fields.Datetime.now())
        result = {resource.id: [] for resource in resources}
        duration = timedelta(hours=duration_hours)
        if not resources or duration <= timedelta(0) or window_end <= window_start:
            return result
        # The first slots are usually near: search two weeks, then a window
        # twice as long, and so on, for the resources still short of slots,
        # rather than the calendars and bookings of the whole window at once.
        # Chunks end at midnight UTC, where no working interval runs.
        chunk_start, span = window_start, timedelta(days=14)
        pending = resources
        while pending and chunk_start < window_end:
            chunk_end = window_end
            if limit:
                chunk_end = min(
                    window_end,
                    datetime.combine((chunk_start + span).date(), datetime.min.time()),
                )
            available = self._pikc_available_intervals(pending, chunk_start, chunk_end)
            busy = self._pikc_busy_intervals(
                pending, chunk_start, chunk_end, ignore_ids
            )
            for resource in pending:
                free = booking_slots.subtract(available[resource.id], busy[resource.id])
                found = result[resource.id]
                found += booking_slots.first(
                    booking_slots.slots(free, duration, SLOT_STEP, SLOT_GRID_ORIGIN),
                    limit - len(found) if limit else 0,
                )
            pending = pending.filtered(lambda r: limit and len(result[r.id]) < limit)
            chunk_start, span = chunk_end, span * 2
        return result

    @api.model
    def _pikc_available_intervals(self, resources, start, stop):
        """The working intervals (lunch breaks and leaves taken out) of each
        resource between ``start`` and ``stop``, naive UTC, by resource id:
        one call of Odoo's calendar per calendar. A resource without calendar
        is always available."""
        by_calendar = defaultdict(lambda: self.env["resource.resource"].sudo())
        for resource in resources:
            by_calendar[self._pikc_calendar(resource)] |= resource
        available = {}
        for calendar, calendar_resources in by_calendar.items():
            if not calendar:
                available.update(dict.fromkeys(calendar_resources.ids, [(start, stop)]))
                continue
            intervals = calendar._work_intervals_batch(
                utc.localize(start), utc.localize(stop), calendar_resources
            )
            for resource in calendar_resources:
                available[resource.id] = [
                    (_naive_utc(begin), _naive_utc(end))
                    for begin, end, _meta in intervals[resource.id]
                ]
        return available

    @api.model
    def _pikc_busy_intervals(self, resources, start, stop, ignore_ids=()):
        """The time spans the bookings holding each resource take between
        ``start`` and ``stop``, by resource id, whoever may read them: one
        query."""
        bookings = self.sudo().search_fetch(
            [
                ("resource_id", "in", resources.ids),
                ("state", "in", HOLDING_STATES),
                ("start", "<", stop),
                ("stop", ">", start),
                ("id", "not in", list(ignore_ids)),
            ],
            ["resource_id", "start", "stop"],
            order="start",
        )
        busy = defaultdict(list)
        for booking in bookings:
            busy[booking.resource_id.id].append((booking.start, booking.stop))
        return busy

    @api.model
    def _pikc_similar_resources(self, resource):
        """Workshops like ``resource`` (a workshop): of the same sector, and
        which the user's institution may book: its own and the other
        institutions' shared ones. Other kinds of resources have none."""
        workshop = (
            self.env["pikc.workshop"]
            .sudo()
            .search([("resource_id", "=", resource.id)], limit=1)
        )
        if not workshop:
            return self.env["resource.resource"]
        similar = self.env["pikc.workshop"].search(
            [
                ("id", "!=", workshop.id),
                ("sector_id", "=", workshop.sector_id.id),
                "|",
                ("company_id", "=", self.env.company.id),
                ("is_shared", "=", True),
            ]
        )
        return similar.sudo().resource_id.with_env(self.env)

    @api.model
    def _pikc_nearby_free_slots(self, resource, slot):
        """The free slots of the wanted length nearest to a refused time,
        for the refusal message (before or after it)."""
        resource = resource.with_env(self.env)
        wanted = slot["stop"] - slot["start"]
        candidates = self._find_free_slots_batch(
            resource,
            wanted.total_seconds() / 3600,
            slot["start"] - NEARBY_BEFORE,
            slot["stop"] + NEARBY_AFTER,
            limit=0,
            ignore_ids=[slot["booking_id"]] if slot.get("booking_id") else (),
        )[resource.id]
        return booking_slots.nearest(candidates, slot["start"], NEARBY_COUNT)

    def _pikc_format_slots(self, slots):
        return ", ".join(
            f"{self._pikc_format(start)} - {self._pikc_format(stop)}"
            for start, stop in slots
        )

    # ------------------------------------------------------------------
    # States: who decides
    # ------------------------------------------------------------------

    def _pikc_is_owner_decider(self, user=None):
        """A workshop master or resource manager of the owner institution."""
        self.ensure_one()
        user = user or self.env.user
        return (
            user.has_group("pikc_resources.group_workshop_master")
            and self.owner_company_id in user.company_ids
        )

    def _pikc_check_owner_decides(self):
        if self.env.su:
            return
        for booking in self:
            if not booking._pikc_is_owner_decider():
                raise AccessError(
                    self.env._(
                        "Only a workshop master or resource manager of %(owner)s "
                        "may confirm, refuse or close the booking %(booking)s of "
                        "%(resource)s. Request it, and %(owner)s will decide.",
                        owner=booking.owner_company_id.sudo().name,
                        booking=booking.name,
                        resource=booking.resource_id.sudo().name,
                    )
                )

    def _pikc_check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for booking in self:
            if booking.state != new_state and new_state not in TRANSITIONS.get(
                booking.state, ()
            ):
                raise ValidationError(
                    self.env._(
                        "The booking %(booking)s is %(state)s; it cannot become "
                        "%(new_state)s.",
                        booking=booking.name,
                        state=labels[booking.state],
                        new_state=labels[new_state],
                    )
                )
        if new_state in ("confirmed", "refused", "done"):
            self._pikc_check_owner_decides()

    @api.constrains("state", "refusal_reason")
    def _check_refusal_reason(self):
        for booking in self:
            if (
                booking.state == "refused"
                and not (booking.refusal_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the booking %(booking)s is refused: the "
                        "requester reads the reason.",
                        booking=booking.name,
                    )
                )

    def _pikc_after_state_change(self, new_state):
        if new_state == "requested":
            self._pikc_notify_owner()
        elif new_state == "confirmed":
            self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        else:
            self.sudo().activity_unlink(["mail.mail_activity_data_todo"])

    def _pikc_approver(self):
        """Who decides on the booking: the master of the workshop (or of the
        equipment's workshop), else a resource manager of the owner."""
        self.ensure_one()
        booking = self.sudo()
        workshop = booking.workshop_id or booking.equipment_id.workshop_id
        master = workshop.master_id.user_id
        if master and booking._pikc_is_owner_decider(master):
            return master
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    (
                        "groups_id",
                        "in",
                        self.env.ref("pikc_resources.group_resource_manager").id,
                    ),
                    ("company_ids", "in", booking.owner_company_id.id),
                    ("share", "=", False),
                ],
                order="id",
                limit=1,
            )
        )

    def _pikc_notify_owner(self):
        """A request waits on the owner: a To-Do for the approver, who
        follows the booking from now on."""
        for booking in self:
            approver = booking._pikc_approver()
            if not approver or approver == self.env.user:
                continue
            booking = booking.sudo()
            booking.message_subscribe(partner_ids=approver.partner_id.ids)
            booking.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=approver.id,
                summary=self.env._("Approve or refuse the booking request"),
                note=self.env._(
                    "%(institution)s requests %(resource)s from %(start)s to %(stop)s.",
                    institution=booking.company_id.name,
                    resource=booking.resource_id.name,
                    start=self._pikc_format(booking.start),
                    stop=self._pikc_format(booking.stop),
                ),
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_request(self):
        self.write({"state": "requested"})
        return True

    def action_confirm(self):
        self.write({"state": "confirmed"})
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft", "refusal_reason": False})
        return True

    def action_find_slots(self):
        """The free slots of this booking's resource and length, nearest
        days first; booking one moves this booking there if it is a draft."""
        self.ensure_one()
        now = fields.Datetime.now()
        window_start = max(self.start - NEARBY_BEFORE, now)
        return self.env["pikc.booking.slot.wizard"]._pikc_open(
            {
                "resource_id": self.resource_id.id,
                "booking_id": self.id if self.state == "draft" else False,
                "duration": self.duration,
                "window_start": window_start,
                "window_stop": max(self.stop, window_start) + NEARBY_AFTER,
                "purpose": self.purpose,
                "participants": self.participants,
            }
        )

    def action_repeat_weekly(self):
        """Book this booking's resource and hours every week over a term."""
        self.ensure_one()
        booking = self.sudo()
        calendar = self._pikc_calendar(booking.resource_id)
        tz = timezone(calendar.tz or booking.resource_id.tz or "UTC")
        start = utc.localize(self.start).astimezone(tz)
        stop = utc.localize(self.stop).astimezone(tz)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pikc_resources.pikc_booking_recurrence_wizard_action"
        )
        action["context"] = {
            "default_resource_id": self.resource_id.id,
            f"default_{booking_slots.WEEKDAYS[start.weekday()]}": True,
            "default_hour_from": start.hour + start.minute / 60,
            "default_hour_to": stop.hour + stop.minute / 60,
            "default_date_from": fields.Date.to_string(start.date()),
            "default_purpose": self.purpose,
            "default_participants": self.participants,
            "default_sector_id": self.sector_id.id,
        }
        return action

    def action_refuse(self, reason=None):
        """Refuse with a reason; without one, ask for it."""
        if reason:
            self.write({"state": "refused", "refusal_reason": reason})
            return True
        self._pikc_check_transition("refused")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse Booking"),
            "res_model": "pikc.booking.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_ids": self.ids},
        }


def _naive_utc(value):
    """A timezone-aware datetime as stored by Odoo: naive, in UTC."""
    return value.astimezone(utc).replace(tzinfo=None)
