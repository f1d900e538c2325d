"""The overlap guard of bookings: two bookings holding one resource
(requested, confirmed or done) never overlap.

Before anything is written, create and write look for a booking in the way
(one indexed query) and refuse with a message naming it, its time and the
free slots nearest to the wanted one. Two users booking the same slot at the
same moment both pass that check; the database's exclusion constraint (see
``pikc_booking.py``) then refuses the second, and the guard turns that
refusal into the same message, read in a fresh transaction that sees the
booking the other user committed.
"""

from contextlib import contextmanager

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pikc_booking import HOLDING_STATES


class PikcBooking(models.Model):
    # One model, one job per file (see pikc_booking.py).
    _inherit = "pikc.booking"  # pylint: disable=consider-merging-classes-inherited

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

    @api.onchange("resource_id", "start", "stop")
    def _onchange_pikc_draft_overlap(self):
        """A draft holds nothing, so it saves even where another booking
        holds the resource; the form warns at once, so that the user moves it
        before requesting it (the request would be refused)."""
        if self.state != "draft" or not (self.resource_id and self.start):
            return None
        if not self.stop or self.stop <= self.start:
            return None
        slot = self._pikc_slot(
            self._origin, self.resource_id, self.start, self.stop, "requested"
        )
        conflict = self._pikc_find_conflict(slot)
        if not conflict:
            return None
        error = self._pikc_overlap_error(self.resource_id.sudo(), conflict, slot)
        return {
            "warning": {
                "title": self.env._("This time is taken"),
                "message": self.env._(
                    "%(message)s\nYou may save this draft, but it cannot be "
                    "requested or confirmed at this time.",
                    message=error.args[0],
                ),
            }
        }

    @api.model
    def _pikc_new_labels(self, vals_list):
        """How refusals name bookings being created (they have no reference
        yet): their purpose, or their place in the batch."""
        return [
            vals.get("purpose") or self.env._("new booking %(n)s", n=index)
            for index, vals in enumerate(vals_list, start=1)
        ]

    def _pikc_check_slots_apart(self, slots, labels):
        """Bookings saved together that hold one resource at overlapping
        times are refused, naming both: the database would refuse the second
        one without saying that the first one is in the same batch."""
        holding = sorted(
            (
                (slot, label)
                for slot, label in zip(slots, labels, strict=True)
                if slot["state"] in HOLDING_STATES
                and slot["resource_id"]
                and slot["start"]
                and slot["stop"]
            ),
            key=lambda pair: (pair[0]["resource_id"], pair[0]["start"]),
        )
        for (slot, label), (other, other_label) in zip(
            holding, holding[1:], strict=False
        ):
            if (
                other["resource_id"] == slot["resource_id"]
                and other["start"] < slot["stop"]
            ):
                resource = (
                    self.env["resource.resource"].sudo().browse(slot["resource_id"])
                )
                raise ValidationError(
                    self.env._(
                        "Two of the bookings saved together overlap each other: "
                        "“%(first)s” (%(first_start)s to %(first_stop)s) and "
                        "“%(second)s” (%(second_start)s to %(second_stop)s) both "
                        "hold %(resource)s. Change the time or the resource of "
                        "one of them.",
                        first=label,
                        first_start=self._pikc_format(slot["start"]),
                        first_stop=self._pikc_format(slot["stop"]),
                        second=other_label,
                        second_start=self._pikc_format(other["start"]),
                        second_stop=self._pikc_format(other["stop"]),
                        resource=resource.name,
                    )
                )

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
