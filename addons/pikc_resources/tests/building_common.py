from datetime import date

from .common import PikcResourcesCommon


class PikcBuildingCommon(PikcResourcesCommon):
    """A building in each institution and the energy types of the data.

    ``building`` (the PIKC's, 1,000 m², baseline year 2020) and
    ``building_school2`` (the member school's) start without readings;
    ``add_reading`` adds one as the superuser.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.heat = cls.env.ref("pikc_resources.energy_type_heat")
        cls.electricity = cls.env.ref("pikc_resources.energy_type_electricity")
        cls.water = cls.env.ref("pikc_resources.energy_type_water")
        cls.building = cls.env["pikc.building"].create(
            {
                "name": "Test Workshop Block",
                "code": "TWB",
                "company_id": cls.company_pikc.id,
                "heated_area": 1000.0,
                "baseline_year": 2020,
            }
        )
        cls.building_school2 = cls.env["pikc.building"].create(
            {
                "name": "Test Member School Building",
                "company_id": cls.company_school2.id,
                "heated_area": 2000.0,
            }
        )

    @classmethod
    def add_reading(cls, building, energy_type, month, quantity, cost=0.0):
        """One reading; ``month`` is a ``(year, month)`` pair."""
        return cls.env["pikc.energy.reading"].create(
            {
                "building_id": building.id,
                "energy_type_id": energy_type.id,
                "date": date(*month, 1),
                "quantity": quantity,
                "cost": cost,
            }
        )

    @classmethod
    def add_year(cls, building, energy_type, year, quantity, cost=0.0):
        """Twelve equal monthly readings for ``year``."""
        return cls.env["pikc.energy.reading"].create(
            [
                {
                    "building_id": building.id,
                    "energy_type_id": energy_type.id,
                    "date": date(year, month, 1),
                    "quantity": quantity,
                    "cost": cost,
                }
                for month in range(1, 13)
            ]
        )

    def reading_count(self):
        return self.env["pikc.energy.reading"].sudo().search_count([])
