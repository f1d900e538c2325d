from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from .booking_common import PikcBookingCommon, riga

#: The two weeks the fixture books: Monday 2 to Friday 13 September 2030.
FORTNIGHT = [("date", ">=", date(2030, 9, 2)), ("date", "<=", date(2030, 9, 13))]


class PikcUtilizationCommon(PikcBookingCommon):
    """Resources of every kind, in two institutions and several sectors,
    booked over the first fortnight of September 2030, so that rates differ
    from row to row and a sum of them passes 100 %:

    * the CNC lab (PIKC, mechanical engineering): Monday 2 and Tuesday 3
      fully booked (8 of 8 hours each), Monday 9 half;
    * the welding shop (PIKC, mechanical engineering): Monday 2, 4 hours;
    * the member school's sewing workshop (textiles): Wednesday 4 full;
    * the CNC mill (PIKC's equipment): Tuesday 3, 2 hours;
    * a teacher of the mechanics sector: Monday 9, 4 hours;
    * a staff member of no PIKC sector, as Odoo's own demo employees are,
      never booked.

    Every resource is open Monday to Friday 8-12 and 13-17 (Riga)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["pikc.utilization.report"]
        cls.sector_textiles = cls.env.ref(
            "pikc_resources.sector_textiles_sewn_products"
        )
        cls.sector_metal = cls.env.ref("pikc_resources.sector_mechanics_metalworking")
        cls.sewing = cls.create_workshop(
            "T-S2-SEW",
            company=cls.company_school2,
            sector_id=cls.sector_textiles.id,
            resource_calendar_id=cls.calendar.id,
        )
        cls.teacher_employee = cls.create_employee(
            "Jānis Ozols", sector_ids=[Command.set(cls.sector_metal.ids)]
        )
        cls.sectorless_employee = cls.create_employee("Abigail Peterson (demo)")
        cls.book_confirmed(
            cls.cnc_lab,
            [
                (riga(2, 8), riga(2, 12)),
                (riga(2, 13), riga(2, 17)),
                (riga(3, 8), riga(3, 12)),
                (riga(3, 13), riga(3, 17)),
                (riga(9, 8), riga(9, 12)),
            ],
        )
        cls.book_confirmed(cls.welding, [(riga(2, 8), riga(2, 12))])
        cls.book_confirmed(
            cls.sewing, [(riga(4, 8), riga(4, 12)), (riga(4, 13), riga(4, 17))]
        )
        cls.book_confirmed(cls.cnc_mill, [(riga(3, 8), riga(3, 10))])
        cls.book_confirmed(cls.teacher_employee, [(riga(9, 8), riga(9, 12))])

    @classmethod
    def book_confirmed(cls, resource, slots):
        """Confirmed bookings of ``resource`` at each of ``slots``, by its own
        institution, made as superuser."""
        return cls.env["pikc.booking"].create(
            [
                {
                    "resource_id": resource.resource_id.id,
                    "start": start,
                    "stop": stop,
                    "purpose": "Group MT-21",
                    "company_id": resource.company_id.id,
                    "state": "confirmed",
                }
                for start, stop in slots
            ]
        )

    @classmethod
    def create_employee(cls, name, **values):
        """A staff member of the PIKC on the workshops' calendar."""
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "company_id": cls.company_pikc.id,
                "resource_calendar_id": cls.calendar.id,
                "tz": "Europe/Riga",
                **values,
            }
        )

    def default_domain(self, action_xmlid, today=date(2030, 9, 2)):
        """The domain an action's screen opens on: the filters its context
        turns on by default (``search_default_<name>``), taken from its
        search view and evaluated as the web client does on ``today``."""
        action = self.env.ref(action_xmlid)
        context = safe_eval(action.context or "{}")
        model = self.env[action.res_model]
        search_view = action.search_view_id.id or False
        arch = model.get_views([(search_view, "search")])["views"]["search"]["arch"]
        filters = {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(arch).iter("filter")
        }
        domains = [
            safe_eval(
                filters[key.removeprefix("search_default_")],
                {
                    "context_today": lambda: today,
                    "relativedelta": relativedelta,
                    "uid": self.env.uid,
                },
            )
            for key, value in context.items()
            if key.startswith("search_default_") and value
        ]
        return expression.AND(
            [action.domain and safe_eval(action.domain) or []] + domains
        )
