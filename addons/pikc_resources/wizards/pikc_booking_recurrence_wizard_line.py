from odoo import fields, models


class PikcBookingRecurrenceWizardLine(models.TransientModel):
    """One occurrence of a weekly booking in the preview, and why it cannot
    be booked if it conflicts."""

    _name = "pikc.booking.recurrence.wizard.line"
    _description = "Weekly Booking Occurrence"
    _order = "start, id"

    wizard_id = fields.Many2one(
        "pikc.booking.recurrence.wizard", required=True, ondelete="cascade"
    )
    start = fields.Datetime(required=True, readonly=True)
    stop = fields.Datetime(required=True, readonly=True)
    is_conflict = fields.Boolean(string="Conflict", readonly=True)
    reason = fields.Char(readonly=True)
