from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.pikc_resources.tests.common import race_two_transactions


@tagged("post_install", "-at_install")
class TestRechargeRace(TransactionCase):
    def test_two_runs_at_once_invoice_a_booking_once(self):
        """The monthly run and a manager's button at the same moment: one
        invoice, the other run is told in words (demo booking of the member
        school in the PIKC's CNC lab, marked done)."""
        booking_id = self.env.ref("pikc_resources.booking_cnc_school2_done").id
        invoice_ids = []  # of the run that gets through

        def recharge(env):
            invoice_ids.extend(env["pikc.booking"].browse(booking_id)._recharge().ids)

        try:
            with mute_logger("odoo.sql_db"):
                error = race_two_transactions(self.registry, recharge, recharge)
            self.assertIsInstance(error, UserError)
            self.assertIn("recharged by someone else", str(error))
            self.assertEqual(len(invoice_ids), 1, "one run invoices, once")
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT move_id FROM account_move_line WHERE pikc_booking_id = %s",
                    [booking_id],
                )
                self.assertEqual(cr.fetchall(), [(invoice_ids[0],)])
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                moves = (
                    env["account.move.line"]
                    .search([("pikc_booking_id", "=", booking_id)])
                    .move_id
                )
                moves.unlink()
