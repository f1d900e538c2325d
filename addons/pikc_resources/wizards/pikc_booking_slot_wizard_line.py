from odoo import fields, models


class PikcBookingSlotWizardLine(models.TransientModel):
    """A free slot proposed by the free slot search: a resource and a time
    span nobody holds, within its working hours."""

    _name = "pikc.booking.slot.wizard.line"
    _description = "Proposed Free Slot"
    _order = "is_similar, start, id"

    wizard_id = fields.Many2one(
        "pikc.booking.slot.wizard", required=True, ondelete="cascade"
    )
    resource_id = fields.Many2one("resource.resource", required=True, readonly=True)
    owner_company_id = fields.Many2one(
        "res.company",
        string="Institution",
        compute="_compute_owner_company_id",
    )
    start = fields.Datetime(required=True, readonly=True)
    stop = fields.Datetime(required=True, readonly=True)
    is_similar = fields.Boolean(
        string="Similar",
        readonly=True,
        help="Another workshop of the same sector than the one searched.",
    )

    def _compute_owner_company_id(self):
        for line in self:
            # The owner of another institution's shared workshop, which the
            # user may not read otherwise.
            line.owner_company_id = line.resource_id.sudo().company_id

    def action_book(self):
        """Book this slot: move the draft booking the search started from,
        or make a new draft booking (opened for review when no purpose was
        given)."""
        self.ensure_one()
        wizard = self.wizard_id
        slot = {
            "resource_id": self.resource_id.id,
            "start": self.start,
            "stop": self.stop,
        }
        booking = wizard.booking_id
        if booking and booking.state == "draft":
            booking.write(slot)
        elif wizard.purpose:
            booking = self.env["pikc.booking"].create(
                dict(
                    slot,
                    purpose=wizard.purpose,
                    participants=wizard.participants,
                )
            )
        else:
            return self.env["pikc.booking"]._pikc_form_action(
                self.env._("New Booking"),
                {
                    "default_resource_id": self.resource_id.id,
                    "default_start": fields.Datetime.to_string(self.start),
                    "default_stop": fields.Datetime.to_string(self.stop),
                    "default_participants": wizard.participants,
                },
            )
        return booking._pikc_form_action(booking.display_name)
