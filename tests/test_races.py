"""Concurrent users, in real transactions committed to the demo
database: the rules that must hold under them are the database's."""

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.pikc_funding.tests.common import PikcFundingCommon, run_concurrently
from odoo.addons.pikc_resources.tests.booking_common import riga
from odoo.addons.pikc_resources.tests.common import (
    PikcResourcesCommon,
    race_two_transactions,
)


@tagged("post_install", "-at_install")
class TestBudgetControlConcurrency(PikcFundingCommon):
    def test_concurrent_confirmations_never_over_commit_a_line(self):
        """Eight purchase orders of 300 confirmed at the same moment against
        a line of 1,000 in block mode: the budget lines are locked before
        the check, so exactly three are confirmed and five refused."""
        code = "TEST-RACE-8"
        order_ids = self.race_orders(code, 8, 300.0)

        def confirm(order_id):
            def run(env):
                env["purchase.order"].browse(order_id).button_confirm()
                return "confirmed"

            return run

        try:
            with mute_logger("odoo.sql_db"):
                outcomes = run_concurrently(
                    self.registry, [confirm(order_id) for order_id in order_ids]
                )
            refusals = [o for o in outcomes if isinstance(o, Exception)]
            self.assertEqual(outcomes.count("confirmed"), 3, outcomes)
            self.assertEqual(len(refusals), 5, outcomes)
            for refusal in refusals:
                self.assertIsInstance(refusal, UserError)
                self.assertIn("excess", str(refusal))
            self.assertEqual(self.race_budget_line(code), (900.0, 100.0))
        finally:
            self.race_cleanup(code)


@tagged("post_install", "-at_install")
class TestConfirmedOrderChangesConcurrency(PikcFundingCommon):
    def test_concurrent_changes_never_over_commit_a_line(self):
        """Six confirmed orders of 100 on a blocking line of 1,000 (600
        committed) each raised to 200 at the same moment: the budget lines
        are locked before the check, so exactly four changes are written
        and two refused."""
        code = "TEST-RACE-EDIT"
        order_ids = self.race_orders(code, 6, 100.0, confirm=True)

        def raise_price(order_id):
            def run(env):
                env["purchase.order"].browse(order_id).order_line.price_unit = 200.0
                return "changed"

            return run

        try:
            with mute_logger("odoo.sql_db"):
                outcomes = run_concurrently(
                    self.registry, [raise_price(order_id) for order_id in order_ids]
                )
            refusals = [o for o in outcomes if isinstance(o, Exception)]
            self.assertEqual(outcomes.count("changed"), 4, outcomes)
            self.assertEqual(len(refusals), 2, outcomes)
            for refusal in refusals:
                self.assertIsInstance(refusal, UserError)
                self.assertIn("excess", str(refusal))
            self.assertEqual(self.race_budget_line(code), (1000.0, 0.0))
        finally:
            self.race_cleanup(code)


@tagged("post_install", "-at_install")
class TestBookingRace(PikcResourcesCommon):
    """Two users book the same slot at the same moment."""

    def test_two_concurrent_bookings_only_one_wins(self):
        """Two transactions request the demo CNC lab for overlapping times;
        neither sees the other's booking before writing, the database lets
        exactly one through, and the loser reads a clear message naming the
        winner's booking."""
        purpose = "Race test booking"

        def request(env):
            lab = env.ref("pikc_resources.workshop_cnc")
            env["pikc.booking"].create(
                {
                    "resource_id": lab.resource_id.id,
                    "start": riga(3, 9, year=2031, month=9),
                    "stop": riga(3, 12, year=2031, month=9),
                    "purpose": purpose,
                    "state": "requested",
                }
            )
            env.flush_all()

        try:
            with mute_logger("odoo.sql_db"):
                error = race_two_transactions(self.registry, request, request)
            self.assertIsInstance(error, ValidationError)
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                winner = env["pikc.booking"].search([("purpose", "=", purpose)])
                self.assertEqual(len(winner), 1)
                self.assertIn(
                    "CNC apstrādes laboratorija is already booked", str(error)
                )
                self.assertIn(winner.name, str(error))
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                bookings = env["pikc.booking"].search([("purpose", "=", purpose)])
                bookings.activity_ids.unlink()
                bookings.unlink()
