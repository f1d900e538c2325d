from datetime import datetime

from pytz import timezone, utc

from odoo.tests import new_test_user

from .common import PikcResourcesCommon

RIGA = timezone("Europe/Riga")


def riga(day, hour, minute=0, month=9, year=2030):
    """The naive UTC datetime (as stored) of a Riga wall-clock time; by
    default in September 2030 (the 2nd is a Monday)."""
    local = RIGA.localize(datetime(year, month, day, int(hour), minute))
    return local.astimezone(utc).replace(tzinfo=None)


class PikcBookingCommon(PikcResourcesCommon):
    """The PIKC's shared CNC lab with its master and its unshared welding
    shop, both open Monday to Friday 8-17 (Riga time, lunch 12-13), a
    bookable shared machine, and a workshop master of the member school.
    Tests run on Monday 2 September 2030, 8:00 in Riga."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Test workshops (Mon-Fri 8-17)",
                "tz": "Europe/Riga",
                "company_id": cls.company_pikc.id,
            }
        )
        cls.master_employee = cls.env["hr.employee"].create(
            {
                "name": "Edgars Kalējs",
                "company_id": cls.company_pikc.id,
                "user_id": cls.user_master.id,
            }
        )
        cls.cnc_lab = cls.create_workshop(
            "T-CNC",
            is_shared=True,
            hourly_rate=35,
            resource_calendar_id=cls.calendar.id,
            master_id=cls.master_employee.id,
        )
        cls.welding = cls.create_workshop(
            "T-WELD", resource_calendar_id=cls.calendar.id
        )
        cls.cnc_mill = cls.env["maintenance.equipment"].create(
            {
                "name": "CNC mill",
                "workshop_id": cls.cnc_lab.id,
                "company_id": cls.company_pikc.id,
                "pikc_is_bookable": True,
                "is_shared": True,
            }
        )
        cls.user_master_school2 = new_test_user(
            cls.env,
            login="pikc_master_school2",
            groups="pikc_resources.group_workshop_master",
            company_id=cls.company_school2.id,
            company_ids=[cls.company_school2.id],
        )

    @classmethod
    def book(cls, user, resource, start, stop, **values):
        """A booking of ``resource`` (a workshop, equipment or employee) made
        by ``user`` for their institution."""
        bookings = cls.env["pikc.booking"].with_user(user)
        return bookings.create(
            dict(
                {
                    "resource_id": resource.resource_id.id,
                    "start": start,
                    "stop": stop,
                    "purpose": "Group MT-21: CNC programming",
                    "participants": 10,
                    "company_id": user.company_id.id,
                },
                **values,
            )
        )
