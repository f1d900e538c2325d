from odoo import fields, models


class PikcBookingRefuse(models.TransientModel):
    """The owner refuses booking requests, saying why: the requester reads
    the reason on the booking."""

    _name = "pikc.booking.refuse"
    _description = "Refuse Booking Requests"

    booking_ids = fields.Many2many("pikc.booking", string="Bookings", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        self.booking_ids.action_refuse(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
