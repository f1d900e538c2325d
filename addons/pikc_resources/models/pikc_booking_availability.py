"""Availability of a booking's resource: calendars, opening hours, leaves
and free slots.

Odoo's resource calendars say when a resource works; the models here gather
them and the bookings holding a resource, and leave the interval arithmetic
to ``booking_slots``. A booking must fall within the opening hours (lunch
breaks included) and on no leave; the free-slot search proposes times that
do, for the slot wizard, the recurrence wizard and the overlap message.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from itertools import chain

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import booking_slots
from .booking_slots import naive_utc
from .pikc_booking import HOLDING_STATES

#: Proposed free slots start every half hour, on the half hour.
SLOT_STEP = timedelta(minutes=30)
SLOT_GRID_ORIGIN = datetime(2000, 1, 1)

#: How far around a refused time the overlap message looks for free slots,
#: and how many it names.
NEARBY_BEFORE = timedelta(days=2)
NEARBY_AFTER = timedelta(days=14)
NEARBY_COUNT = 2

#: The free-slot search looks this far ahead first, then twice as far, ...
FIRST_WINDOW = timedelta(days=14)


class PikcBooking(models.Model):
    # One model, one job per file (see pikc_booking.py).
    _inherit = "pikc.booking"  # pylint: disable=consider-merging-classes-inherited

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
            problem = booking_slots.opening_problem(
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
            (naive_utc(begin), naive_utc(end))
            for begin, end, _meta in chain(
                attendances[resource.id], lunches[resource.id]
            )
        )
        leave_spans = [
            (
                naive_utc(begin),
                naive_utc(end),
                records[:1].name or self.env._("time off"),
            )
            for begin, end, records in leaves
        ]
        return open_hours, leave_spans, calendar.name

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
        apart=False,
    ):
        """:meth:`_find_free_slots` for several resources at once: one
        calendar call per calendar and one query on the bookings, however
        many resources and bookings. Returns ``{resource id: [(start,
        stop)]}``; ``limit`` applies per resource (0: all of them); bookings
        of ``ignore_ids`` (the one being moved) leave their time free; with
        ``apart``, a resource's slots do not overlap each other (each starts
        when the one before ends, or later: proposals for a person)."""
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
        # Windows end at midnight UTC, where no working interval runs.
        windows = (
            booking_slots.growing_windows(window_start, window_end, FIRST_WINDOW)
            if limit
            else [(window_start, window_end)]
        )
        pending = resources
        for chunk_start, chunk_end in windows:
            if not pending:
                break
            available = self._pikc_available_intervals(pending, chunk_start, chunk_end)
            busy = self._pikc_busy_intervals(
                pending, chunk_start, chunk_end, ignore_ids
            )
            for resource in pending:
                free = booking_slots.subtract(available[resource.id], busy[resource.id])
                found = result[resource.id]
                candidates = booking_slots.slots(
                    free, duration, SLOT_STEP, SLOT_GRID_ORIGIN
                )
                if apart:
                    # Windows end at midnight: no slot spans two of them.
                    candidates = booking_slots.apart(candidates)
                found += booking_slots.first(
                    candidates, limit - len(found) if limit else 0
                )
            pending = pending.filtered(lambda r: limit and len(result[r.id]) < limit)
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
                    (naive_utc(begin), naive_utc(end))
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
        candidates = self._find_free_slots_batch(
            resource,
            booking_slots.duration_hours(slot["start"], slot["stop"]),
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
    # Checks: capacity and the past
    # ------------------------------------------------------------------

    @api.constrains("participants", "resource_id", "workshop_id")
    def _check_capacity(self):
        """A workshop booking brings at most as many participants as the
        workshop has places, on every create and write, whoever makes it and
        whatever the state (the workshop follows the resource: no client
        writes it, see models/base.py)."""
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


class PikcWorkshop(models.Model):
    # The capacity rule of bookings, seen from the workshop.
    _inherit = "pikc.workshop"

    @api.constrains("capacity")
    def _check_capacity_of_bookings(self):
        """A workshop's places are not cut below the participants of a
        booking holding it that has not ended: the booking's promise holds."""
        bookings = self.env["pikc.booking"].sudo()
        for workshop in self:
            crowded = bookings.search(
                [
                    ("workshop_id", "=", workshop.id),
                    ("state", "in", HOLDING_STATES),
                    ("stop", ">", fields.Datetime.now()),
                    ("participants", ">", workshop.capacity),
                ],
                order="participants desc",
                limit=1,
            )
            if crowded:
                raise ValidationError(
                    self.env._(
                        "%(workshop)s cannot have only %(capacity)s places: the "
                        "booking %(booking)s brings %(participants)s participants. "
                        "Move or split that booking first.",
                        workshop=workshop.name,
                        capacity=workshop.capacity,
                        booking=crowded.name,
                        participants=crowded.participants,
                    )
                )
