from pytz import timezone

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models import booking_slots
from ..models.booking_slots import WEEKDAYS
from ..models.pikc_booking import HOLDING_STATES


class PikcBookingRecurrenceWizard(models.TransientModel):
    """Book a weekly slot over a term in one action: a group uses a lab
    every Tuesday 9-12 from September to December.

    The preview lists every occurrence and why it cannot be booked (another
    booking holds the resource, it falls outside its working hours or on a
    leave such as a public holiday, or in the past); the user chooses to
    skip the conflicting occurrences or to refuse the whole series. The kept
    occurrences become bookings in one batch, then are requested (or
    confirmed at once by a workshop master of the owner institution), with
    every usual check of a booking. Any user who books resources uses it.
    """

    _name = "pikc.booking.recurrence.wizard"
    _description = "Weekly Booking over a Term"

    resource_id = fields.Many2one(
        "resource.resource",
        required=True,
        help="The workshop, piece of equipment or person booked every week.",
    )
    monday = fields.Boolean()
    tuesday = fields.Boolean()
    wednesday = fields.Boolean()
    thursday = fields.Boolean()
    friday = fields.Boolean()
    saturday = fields.Boolean()
    sunday = fields.Boolean()
    hour_from = fields.Float(string="From", required=True, default=9.0)
    hour_to = fields.Float(string="To", required=True, default=12.0)
    tz = fields.Char(
        string="Time Zone",
        compute="_compute_tz",
        help="The times are local times of the resource's working hours.",
    )
    date_from = fields.Date(
        string="First Day", required=True, default=fields.Date.context_today
    )
    date_to = fields.Date(
        string="Last Day",
        required=True,
        help="The end of the term: the last day an occurrence may fall on.",
    )
    purpose = fields.Char(required=True, help="What the resource is booked for.")
    participants = fields.Integer(default=1)
    sector_id = fields.Many2one("pikc.sector")
    on_conflict = fields.Selection(
        [
            ("skip", "Skip the conflicting occurrences"),
            ("refuse", "Book nothing if any occurrence conflicts"),
        ],
        string="Conflicts",
        required=True,
        default="skip",
    )
    line_ids = fields.One2many(
        "pikc.booking.recurrence.wizard.line", "wizard_id", string="Occurrences"
    )
    conflict_count = fields.Integer(compute="_compute_conflict_count")

    @api.depends("resource_id")
    def _compute_tz(self):
        for wizard in self:
            wizard.tz = wizard._pikc_tz().zone

    @api.depends("line_ids.is_conflict")
    def _compute_conflict_count(self):
        for wizard in self:
            wizard.conflict_count = len(wizard.line_ids.filtered("is_conflict"))

    def _pikc_tz(self):
        """The time zone of the resource's working hours (Riga for ours)."""
        calendar = self.env["pikc.booking"]._pikc_calendar(self.resource_id)
        return timezone(
            calendar.tz or self.resource_id.sudo().tz or self.env.user.tz or "UTC"
        )

    # ------------------------------------------------------------------
    # Occurrences and their conflicts
    # ------------------------------------------------------------------

    def _pikc_occurrences(self):
        """The ``(start, stop)`` of every occurrence, naive UTC."""
        self.ensure_one()
        weekdays = {day for day, name in enumerate(WEEKDAYS) if self[name]}
        if not weekdays:
            raise UserError(self.env._("Choose at least one day of the week."))
        if self.hour_to <= self.hour_from:
            raise UserError(self.env._("The slot must end after it starts."))
        if self.date_to < self.date_from:
            raise UserError(self.env._("The term must end after it starts."))
        tz = self._pikc_tz()
        return [
            booking_slots.local_span(day, self.hour_from, self.hour_to, tz)
            for day in booking_slots.weekly_dates(
                self.date_from, self.date_to, weekdays
            )
        ]

    def _pikc_conflicts(self, occurrences):
        """Why each occurrence cannot be booked (None when it can), for the
        whole term at once: one query on the bookings, one look at the
        resource's calendar."""
        self.ensure_one()
        if not occurrences:
            return []
        bookings = self.env["pikc.booking"]
        first_start, last_stop = occurrences[0][0], occurrences[-1][1]
        holding = bookings.sudo().search_fetch(
            [
                ("resource_id", "=", self.resource_id.id),
                ("state", "in", HOLDING_STATES),
                ("start", "<", last_stop),
                ("stop", ">", first_start),
            ],
            ["name", "start", "stop"],
            order="start",
        )
        busy = [(booking.start, booking.stop, booking) for booking in holding]
        opening = bookings._pikc_opening(self.resource_id, first_start, last_stop)
        may_book_the_past = bookings._pikc_may_book_the_past()
        now = fields.Datetime.now()
        reasons = []
        for start, stop in occurrences:
            reasons.append(
                self._pikc_conflict_reason(
                    start, stop, busy, opening, now, may_book_the_past
                )
            )
        return reasons

    def _pikc_conflict_reason(self, start, stop, busy, opening, now, past_ok):
        bookings = self.env["pikc.booking"]
        if start < now and not past_ok:
            return self.env._("In the past.")
        other = booking_slots.overlapping(start, stop, busy)
        if other:
            return self.env._(
                "Booked by %(booking)s from %(start)s to %(stop)s.",
                booking=other[2].name,
                start=bookings._pikc_format(other[0]),
                stop=bookings._pikc_format(other[1]),
            )
        problem = opening and booking_slots.opening_problem(start, stop, *opening)
        if problem and problem[0] == "leave":
            return self.env._("Not available: %(leave)s.", leave=problem[1])
        if problem:
            return self.env._(
                "Outside the working hours (%(hours)s).", hours=problem[1]
            )
        return None

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_preview(self):
        """List the occurrences, the conflicting ones flagged with why."""
        self.ensure_one()
        # Busy times and leaves of a resource the user may not read (another
        # institution's, not shared) are not theirs to search.
        self.resource_id.check_access("read")
        occurrences = self._pikc_occurrences()
        reasons = self._pikc_conflicts(occurrences)
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [
                    fields.Command.create(
                        {
                            "start": start,
                            "stop": stop,
                            "is_conflict": bool(reason),
                            "reason": reason,
                        }
                    )
                    for (start, stop), reason in zip(occurrences, reasons, strict=True)
                ]
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Weekly Booking"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_create(self):
        """Book the occurrences (checked afresh): skip the conflicting ones,
        or refuse the whole series if any conflicts, as chosen. The bookings
        are created together as drafts, then requested, or confirmed when
        the user decides for the owner institution."""
        self.ensure_one()
        self.resource_id.check_access("read")
        occurrences = self._pikc_occurrences()
        reasons = self._pikc_conflicts(occurrences)
        bookings = self.env["pikc.booking"]
        conflicts = [
            (start, reason)
            for (start, _stop), reason in zip(occurrences, reasons, strict=True)
            if reason
        ]
        if conflicts and self.on_conflict == "refuse":
            raise ValidationError(
                self.env._(
                    "%(count)s of the %(total)s occurrences cannot be booked, so "
                    "none is: %(conflicts)s Skip them or change the series.",
                    count=len(conflicts),
                    total=len(occurrences),
                    conflicts=" ".join(
                        f"{bookings._pikc_format(start)}: {reason}"
                        for start, reason in conflicts
                    ),
                )
            )
        kept = [
            occurrence
            for occurrence, reason in zip(occurrences, reasons, strict=True)
            if not reason
        ]
        if not kept:
            raise UserError(
                self.env._(
                    "None of the %(total)s occurrences can be booked.",
                    total=len(occurrences),
                )
            )
        created = bookings.create(
            [
                {
                    "resource_id": self.resource_id.id,
                    "start": start,
                    "stop": stop,
                    "purpose": self.purpose,
                    "participants": self.participants,
                    "sector_id": self.sector_id.id or False,
                }
                for start, stop in kept
            ]
        )
        if created[:1]._pikc_is_owner_decider():
            created.action_confirm()
        else:
            created.action_request()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Weekly Bookings"),
            "res_model": "pikc.booking",
            "view_mode": "list,calendar,form",
            "views": [(False, "list"), (False, "calendar"), (False, "form")],
            "domain": [("id", "in", created.ids)],
            "target": "current",
        }
