from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    pikc_booking_id = fields.Many2one(
        "pikc.booking",
        string="Recharged Booking",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        help="The booking this invoice line recharges to another institution.",
    )

    _sql_constraints = [
        (
            "pikc_booking_uniq",
            "unique (pikc_booking_id)",
            "This booking has already been recharged: a booking is invoiced once.",
        ),
    ]
