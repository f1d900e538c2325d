from collections import defaultdict

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class PikcBooking(models.Model):
    """Recharging: what another institution used is invoiced to it.

    A done booking of a resource by another institution is invoiced by the
    owner institution to the requesting one — its hours times the resource's
    hourly rate, on a customer invoice between the two companies' partners,
    with the analytic distribution of the workshop it used — one invoice per
    pair of institutions and month. The monthly scheduled action recharges
    the bookings of past months; a resource manager of the owner may recharge
    selected bookings at once. A booking is never recharged twice: its
    invoice line is unique per booking in the database, so two runs at the
    same moment cannot both invoice it.

    The invoices are left in draft for the owner's accountants to check and
    post.
    """

    _inherit = "pikc.booking"

    recharge_line_ids = fields.One2many(
        "account.move.line", "pikc_booking_id", string="Recharge Lines", readonly=True
    )
    recharge_move_id = fields.Many2one(
        "account.move",
        string="Recharge Invoice",
        compute="_compute_recharge_move_id",
        store=True,
        help="The invoice by which the owner institution recharged this booking.",
    )

    @api.depends("recharge_line_ids.move_id")
    def _compute_recharge_move_id(self):
        for booking in self:
            booking.recharge_move_id = booking.recharge_line_ids[:1].move_id

    def _recharge_domain(self):
        return [
            ("state", "=", "done"),
            ("is_cross_institution", "=", True),
            ("recharge_move_id", "=", False),
        ]

    @api.model
    def _cron_recharge(self):
        """Recharge the done cross-institution bookings of past months."""
        first_of_month = fields.Datetime.now().replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        bookings = self.sudo().search(
            self._recharge_domain() + [("stop", "<", first_of_month)]
        )
        return bookings._recharge()

    def action_recharge(self):
        """Recharge the selected bookings now (owner's resource managers)."""
        manager = self.env.user.has_group("pikc_resources.group_resource_manager")
        foreign = self.filtered(
            lambda booking: booking.owner_company_id not in self.env.user.company_ids
        )
        if not manager or foreign:
            raise AccessError(
                self.env._(
                    "Only a resource manager of the owner institution recharges "
                    "its bookings to other institutions."
                )
            )
        bookings = self.filtered_domain(self._recharge_domain())
        if not bookings:
            raise UserError(
                self.env._(
                    "None of the selected bookings is waiting to be recharged: "
                    "only done bookings by another institution that have no "
                    "recharge invoice yet are."
                )
            )
        moves = bookings.sudo()._recharge()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recharge Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
        }

    def _recharge_rate_and_account(self):
        """The hourly rate and the analytic account the booking is charged
        at: its workshop's, or its equipment's (and that one's workshop)."""
        self.ensure_one()
        if self.equipment_id:
            workshop = self.equipment_id.workshop_id
            return self.equipment_id.hourly_rate, workshop.analytic_account_id
        return self.workshop_id.hourly_rate, self.workshop_id.analytic_account_id

    def _recharge(self):
        """One draft customer invoice per owner, requesting institution and
        month, one line per booking. Returns the invoices."""
        groups = defaultdict(lambda: self.browse())
        for booking in self.filtered(lambda b: b.workshop_id or b.equipment_id):
            key = (
                booking.owner_company_id,
                booking.company_id,
                booking.start.strftime("%Y-%m"),
            )
            groups[key] |= booking
        product = self.env.ref("pikc_resources.product_resource_use")
        moves = self.env["account.move"]
        for (owner, requester, month), bookings in groups.items():
            lines = []
            for booking in bookings.sorted("start"):
                rate, account = booking._recharge_rate_and_account()
                lines.append(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "%(booking)s: %(resource)s, %(start)s, %(hours)s h",
                            booking=booking.name,
                            resource=booking.resource_id.name,
                            start=booking._pikc_format(booking.start),
                            hours=round(booking.duration, 2),
                        ),
                        "quantity": booking.duration,
                        "price_unit": rate,
                        "tax_ids": [],
                        "analytic_distribution": account and {str(account.id): 100},
                        "pikc_booking_id": booking.id,
                    }
                )
            try:
                with self.env.cr.savepoint():
                    moves |= (
                        self.env["account.move"]
                        .with_company(owner)
                        .create(
                            {
                                "move_type": "out_invoice",
                                "company_id": owner.id,
                                "partner_id": requester.partner_id.id,
                                "invoice_origin": self.env._(
                                    "Use of %(owner)s's resources, %(month)s",
                                    owner=owner.name,
                                    month=month,
                                ),
                                "invoice_line_ids": [
                                    fields.Command.create(line) for line in lines
                                ],
                            }
                        )
                    )
                    self.env.flush_all()
            except errors.UniqueViolation as error:
                raise UserError(
                    self.env._(
                        "Some of these bookings were recharged by someone else "
                        "a moment ago (%(bookings)s); nothing was invoiced. "
                        "Refresh and recharge what is left.",
                        bookings=", ".join(bookings.mapped("name")),
                    )
                ) from error
        return moves
