from datetime import date, datetime, timedelta

from pytz import timezone, utc

from .common import PikcResourcesCommon

RIGA = timezone("Europe/Riga")


def riga(day, hour, minute=0, month=9, year=2030):
    """The naive UTC datetime (as stored) of a Riga wall-clock time; by
    default in September 2030 (the 2nd is a Monday)."""
    local = RIGA.localize(datetime(year, month, day, int(hour), minute))
    return local.astimezone(utc).replace(tzinfo=None)


def hourly_slots(count, hours, day=date(2030, 9, 3)):
    """At least ``count`` one-hour slots ``(start, stop)`` starting at each of
    ``hours`` (Riga time) of every weekday from ``day`` on, in order."""
    slots = []
    while len(slots) < count:
        if day.weekday() < 5:
            slots += [
                (
                    riga(day.day, hour, month=day.month),
                    riga(day.day, hour + 1, month=day.month),
                )
                for hour in hours
            ]
        day += timedelta(days=1)
    return slots


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
        cls.user_master_school2 = cls.create_pikc_user(
            "pikc_master_school2",
            "pikc_resources.group_workshop_master",
            cls.company_school2,
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

    @classmethod
    def create_school2_workshops(cls):
        """The member school's shared CNC workshop (open as the PIKC's) and
        its unshared lathe workshop."""
        cls.school_shared = cls.create_workshop(
            "T-S2-CNC",
            company=cls.company_school2,
            is_shared=True,
            resource_calendar_id=cls.calendar.id,
        )
        cls.school_private = cls.create_workshop(
            "T-S2-LATHE", company=cls.company_school2
        )

    def fill(self, resource, slots):
        """Confirmed bookings of ``resource`` at each of ``slots``, made as
        superuser."""
        return self.env["pikc.booking"].create(
            [
                {
                    "resource_id": resource.resource_id.id,
                    "start": start,
                    "stop": stop,
                    "purpose": "Filler",
                    "state": "confirmed",
                }
                for start, stop in slots
            ]
        )
