from datetime import datetime, time

from dateutil.relativedelta import MO, relativedelta
from pytz import timezone, utc

from odoo import Command, fields
from odoo.tests import tagged

from .test_tours import PikcTourCase

RIGA = timezone("Europe/Riga")


@tagged("post_install", "-at_install")
class TestUtilizationTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pikc = cls.env.ref("base.main_company")
        pikc.pikc_utilization_threshold = 30.0
        cls.director = cls.tour_user(
            "tour_director", "pikc_resources.group_resource_manager"
        )
        # Open Monday to Friday 8-12: 20 hours a week.
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Tour heat lab hours",
                "tz": "Europe/Riga",
                "company_id": pikc.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Morning {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 12,
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.workshop = cls.tour_workshop(
            "Tour heat lab",
            "T-HEAT",
            "mechanical_engineering",
            company_id=pikc.id,
            capacity=12,
            resource_calendar_id=calendar.id,
        )
        cls.workshop.resource_id.tz = "Europe/Riga"
        # Next Monday 8-12 in Riga: 4 of the week's 20 hours, 20 %.
        monday = fields.Date.today() + relativedelta(days=1, weekday=MO)

        def at(hour):
            local = RIGA.localize(datetime.combine(monday, time(hour)))
            return local.astimezone(utc).replace(tzinfo=None)

        cls.env["pikc.booking"].create(
            {
                "resource_id": cls.workshop.resource_id.id,
                "start": at(8),
                "stop": at(12),
                "purpose": "Tour: CNC group MT-21",
                "participants": 10,
                "company_id": pikc.id,
                "state": "confirmed",
            }
        )

    def test_director_reads_the_heat_map_and_the_under_used_workshops(self):
        """The director opens the heat map of the weeks, sees the tour lab's
        booked week coloured at 20 %, then lists the under-used workshops of
        that week, the least used first, beside the 30 % threshold."""
        week = [
            ("resource_id", "=", self.workshop.resource_id.id),
            ("date", ">=", fields.Date.today() + relativedelta(days=1, weekday=MO)),
            ("date", "<", fields.Date.today() + relativedelta(days=8, weekday=MO)),
        ]
        [(utilization,)] = self.env["pikc.utilization.report"]._read_group(
            week, [], ["utilization:avg"]
        )
        self.assertAlmostEqual(utilization, 20.0)
        self.start_tour(
            "/odoo", "pikc_resources_utilization", login=self.director.login
        )
