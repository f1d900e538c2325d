from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .booking_common import PikcBookingCommon, riga


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestBookingRecharge(PikcBookingCommon):
    """What the member school used of the PIKC's shared lab and machine in
    September is invoiced by the PIKC to the member school in October."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cnc_mill.hourly_rate = 12

    def used(self, user, resource, start, stop):
        booking = self.book(user, resource, start, stop)
        booking.action_request()
        booking.with_user(self.user_master).action_confirm()
        booking.with_user(self.user_master).action_done()
        return booking

    def test_done_bookings_of_other_institutions_are_recharged_monthly(self):
        """One draft invoice from the owner to the requesting institution,
        hours × rate per booking, on the workshop's analytic account; own
        bookings and the current month are left alone; never twice."""
        lab = self.used(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        mill = self.used(
            self.user_teacher_school2, self.cnc_mill, riga(4, 9), riga(4, 11)
        )
        own = self.used(self.user_teacher, self.welding, riga(3, 9), riga(3, 12))
        bookings = self.env["pikc.booking"]
        ours = lab | mill | own

        def recharge_on(moment):
            """Run the monthly recharge then: which of ours it invoiced."""
            with freeze_time(moment):
                moves = bookings._cron_recharge()
            return moves.invoice_line_ids.pikc_booking_id & ours

        self.assertFalse(recharge_on("2030-09-25 08:00:00"))
        self.assertFalse((lab | mill).recharge_move_id)
        self.assertEqual(recharge_on("2030-10-03 02:00:00"), lab | mill)
        invoice = lab.recharge_move_id
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.company_id, self.company_pikc)
        self.assertEqual(invoice.partner_id, self.company_school2.partner_id)
        self.assertEqual(
            invoice.invoice_line_ids.mapped(
                lambda line: (line.quantity, line.price_unit)
            ),
            [(3.0, 35.0), (2.0, 12.0)],
        )
        self.assertAlmostEqual(invoice.amount_untaxed, 3 * 35 + 2 * 12)
        self.assertEqual(
            invoice.invoice_line_ids[0].analytic_distribution,
            {str(self.cnc_lab.analytic_account_id.id): 100},
        )
        self.assertEqual((lab | mill).recharge_move_id, invoice)
        self.assertFalse(own.recharge_move_id)
        self.assertFalse(recharge_on("2030-11-03 02:00:00"))
        self.assertEqual(len(invoice.invoice_line_ids), 2)

    @mute_logger("odoo.sql_db")
    def test_a_booking_is_invoiced_once_by_the_database(self):
        """A second invoice line for a recharged booking is refused by the
        database itself, and the recharge says so in words."""
        lab = self.used(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        invoice = lab.sudo()._recharge()
        with self.assertRefused(IntegrityError, "pikc_booking_uniq"):
            invoice.write(
                {
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Again",
                                "quantity": 1,
                                "price_unit": 1,
                                "pikc_booking_id": lab.id,
                            },
                        )
                    ]
                }
            )
            self.env.flush_all()
        # A run that missed the first one (stale cache) is told, not obeyed.
        self.env.invalidate_all()
        lab.invalidate_recordset(["recharge_move_id", "recharge_line_ids"])
        with self.assertRefused(UserError, "recharged by someone else"):
            lab.sudo()._recharge()
        self.assertEqual(
            self.env["account.move.line"].search_count(
                [("pikc_booking_id", "=", lab.id)]
            ),
            1,
        )

    @mute_logger("odoo.models")
    def test_only_the_owner_resource_manager_recharges(self):
        """Teachers and the other institution's managers may not recharge."""
        lab = self.used(
            self.user_teacher_school2, self.cnc_lab, riga(3, 9), riga(3, 12)
        )
        manager2 = self.create_pikc_user(
            "pikc_manager_school2",
            "pikc_resources.group_resource_manager",
            self.company_school2,
        )
        for user in (self.user_teacher, self.user_master, manager2):
            with self.assertRefused(
                AccessError, "Only a resource manager of the owner institution"
            ):
                lab.with_user(user).action_recharge()
        self.assertFalse(lab.recharge_move_id)
        action = lab.with_user(self.user_manager).action_recharge()
        self.assertEqual(lab.recharge_move_id.id, action["domain"][0][2][0])
        with self.assertRefused(UserError, "waiting to be recharged"):
            lab.with_user(self.user_manager).action_recharge()
