from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
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
        """A second sector with an existing code, up to case and spaces, is
        refused in words, nothing written."""
        count = self.env["pikc.sector"].search_count([])
        for code in ("MECH", " mech "):
            with self.assertRefused(
                ValidationError, r"“Code” (MECH|mech) is already used by another"
            ):
                self.env["pikc.sector"].with_user(self.user_manager).create(
                    {"name": "Machine building", "code": code}
                )
                self.env.flush_all()
        self.assertEqual(self.env["pikc.sector"].search_count([]), count)

    def test_sector_code_is_unique_under_concurrent_users(self):
        """Two users creating the same code at once, up to case and spaces:
        the database lets one through and refuses the other."""

        def create(code):
            def run(env):
                env["pikc.sector"].create({"name": "Robotics", "code": code})
                env.flush_all()

            return run

        try:
            with mute_logger("odoo.sql_db"):
                error = race_two_transactions(
                    self.registry, create("ROBOT-RACE"), create(" robot-race ")
                )
            self.assertIsInstance(error, IntegrityError)
            self.assertEqual(error.diag.constraint_name, "pikc_sector_code_uniq")
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pikc_sector WHERE code ILIKE 'robot-race'"
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                api.Environment(cr, SUPERUSER_ID, {})["pikc.sector"].search(
                    [("code", "=ilike", "robot-race"), ("active", "in", [True, False])]
                ).unlink()
