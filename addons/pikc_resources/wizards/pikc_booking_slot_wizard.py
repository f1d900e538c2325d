from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models import booking_slots


class PikcBookingSlotWizard(models.TransientModel):
    """Find when a resource is free: from a wanted duration and a window,
    the first free slots of the resource (within its working hours, off its
    leaves and bookings) and, if asked, of similar workshops: those of the
    same sector that the user's institution may book (its own and the
    shared ones of other institutions).

    Any user who books resources uses it; a proposal's *Book* button opens
    a draft booking of that slot (or moves the draft booking the search
    started from), which is then requested or confirmed as usual.
    """

    _name = "pikc.booking.slot.wizard"
    _description = "Find Free Booking Slots"

    workshop_id = fields.Many2one(
        "pikc.workshop",
        help="Choose a workshop to search its free slots; or choose any "
        "resource below.",
    )
    resource_id = fields.Many2one(
        "resource.resource",
        compute="_compute_resource_id",
        store=True,
        readonly=False,
        required=True,
        help="The workshop, piece of equipment or person to book.",
    )
    booking_id = fields.Many2one(
        "pikc.booking",
        readonly=True,
        help="The draft booking the search started from: booking a proposal "
        "moves it there.",
    )
    duration = fields.Float(
        string="Hours",
        required=True,
        default=2.0,
        help="How long the resource is needed, in hours.",
    )
    window_start = fields.Datetime(
        string="From", required=True, default=lambda self: fields.Datetime.now()
    )
    window_stop = fields.Datetime(
        string="To",
        required=True,
        default=lambda self: fields.Datetime.now() + timedelta(days=14),
    )
    include_similar = fields.Boolean(
        string="Include Similar Workshops",
        help="Also propose the workshops of the same sector that your "
        "institution may book: its own and those other institutions share.",
    )
    limit = fields.Integer(
        string="Proposals",
        default=5,
        help="How many free slots to propose (for the resource, and as many "
        "for the similar workshops).",
    )
    purpose = fields.Char(help="Filled in on the booking made from a proposal.")
    participants = fields.Integer(default=1)
    line_ids = fields.One2many(
        "pikc.booking.slot.wizard.line", "wizard_id", string="Free Slots"
    )

    @api.depends("workshop_id")
    def _compute_resource_id(self):
        for wizard in self:
            if wizard.workshop_id:
                wizard.resource_id = wizard.workshop_id.resource_id

    @api.model
    def _pikc_open(self, values):
        """Open the wizard with ``values``, its proposals already found."""
        wizard = self.create(values)
        wizard._pikc_find()
        return wizard._pikc_reopen()

    def _pikc_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Free Slots"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_find(self):
        """Search again with the changed criteria."""
        self._pikc_find()
        return self._pikc_reopen()

    def _pikc_find(self):
        """Replace the proposals: the resource's first free slots, then the
        earliest ones of the similar workshops, from one batch search."""
        self.ensure_one()
        # Busy times and leaves of a resource the user may not read (another
        # institution's, not shared) are not theirs to search.
        self.resource_id.check_access("read")
        if self.duration <= 0:
            raise UserError(self.env._("Enter how many hours you need."))
        if self.window_stop <= self.window_start:
            raise UserError(self.env._("The search window must end after it starts."))
        bookings = self.env["pikc.booking"]
        similar = self.env["resource.resource"]
        if self.include_similar:
            similar = bookings._pikc_similar_resources(self.resource_id)
        found = bookings._find_free_slots_batch(
            self.resource_id | similar,
            self.duration,
            self.window_start,
            self.window_stop,
            limit=self.limit,
            ignore_ids=self.booking_id.ids,
            apart=True,
        )
        lines = [
            {"resource_id": self.resource_id.id, "start": start, "stop": stop}
            for start, stop in found[self.resource_id.id]
        ]
        lines += [
            {
                "resource_id": resource_id,
                "start": start,
                "stop": stop,
                "is_similar": True,
            }
            for start, stop, resource_id in booking_slots.earliest(
                {resource.id: found[resource.id] for resource in similar},
                self.limit,
            )
        ]
        self.line_ids.unlink()
        self.write({"line_ids": [fields.Command.create(line) for line in lines]})
