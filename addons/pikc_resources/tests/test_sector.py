from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PikcResourcesCommon, race_two_transactions


@tagged("post_install", "-at_install")
class TestSector(PikcResourcesCommon):
    def test_the_four_pikc_sectors_are_data(self):
        """The four competence sectors of the PIKC come with the addon."""
        sectors = self.env["pikc.sector"].search([])
        self.assertLessEqual(
            {"MECH", "EEA", "METAL", "TEXT"}, set(sectors.mapped("code"))
        )
        self.assertEqual(self.sector_mech.name, "Mechanical engineering")

    def test_sector_code_is_unique(self):
        """A second sector with an existing code is refused, nothing written."""
        count = self.env["pikc.sector"].search_count([])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(IntegrityError, "pikc_sector_code_uniq") as caught,
        ):
            self.env["pikc.sector"].with_user(self.user_manager).create(
                {"name": "Machine building", "code": "MECH"}
            )
            self.env.flush_all()
        self.assertEqual(caught.exception.diag.constraint_name, "pikc_sector_code_uniq")
        self.assertEqual(self.env["pikc.sector"].search_count([]), count)

    def test_sector_code_is_unique_under_concurrent_users(self):
        """Two users creating the same code at once: one wins, one is refused."""

        def create(env):
            env["pikc.sector"].create({"name": "Robotics", "code": "ROBOT-RACE"})
            env.flush_all()

        try:
            with mute_logger("odoo.sql_db"):
                error = race_two_transactions(self.registry, create, create)
            self.assertIsInstance(error, IntegrityError)
            self.assertEqual(error.diag.constraint_name, "pikc_sector_code_uniq")
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM pikc_sector WHERE code = 'ROBOT-RACE'")
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                api.Environment(cr, SUPERUSER_ID, {})["pikc.sector"].search(
                    [("code", "=", "ROBOT-RACE"), ("active", "in", [True, False])]
                ).unlink()
