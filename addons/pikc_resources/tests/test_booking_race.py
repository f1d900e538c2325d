from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .booking_common import riga
from .common import PikcResourcesCommon, race_two_transactions


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
                self.assertIn("CNC machining lab is already booked", str(error))
                self.assertIn(winner.name, str(error))
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                bookings = env["pikc.booking"].search([("purpose", "=", purpose)])
                bookings.activity_ids.unlink()
                bookings.unlink()
