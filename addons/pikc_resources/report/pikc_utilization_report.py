from odoo import api, fields, models
from odoo.tools import SQL

from ..models.pikc_booking import RESOURCE_KINDS
from ..models.utilization_math import under_threshold


class PikcUtilizationReport(models.Model):
    """How much of the time a resource is open was booked, per resource and day.

    One row per resource and day on which it was open or booked: workshops,
    bookable equipment and staff (the ``resource.resource`` of each). Its
    *available hours* come from the resource's working-hours calendar (the
    attendances of that weekday, alternating weeks of two-week calendars and
    the validity dates of each attendance followed, lunch breaks excluded)
    less the leaves of the resource or of its calendar (public holidays,
    maintenance, time off); its *booked hours* are those of confirmed and
    done bookings, cut at midnight in the resource's time zone. Utilization is
    booked over available hours, summed before dividing whatever the rows are
    grouped by: a rate is never summed nor averaged, in a pivot cell, a list
    group or a graph point. Each row carries its institution's threshold,
    and whether it is a staff member working in no PIKC sector (Odoo's own
    demo employees), whom the screens leave out by default. The days covered
    run from the start of last year to the end of next year
    (``ir.config_parameter`` ``pikc_resources.utilization_years_back`` and
    ``..._years_ahead``).

    Read-only, built from bookings and calendars. Resource users (teachers)
    read the rows of their own institution's resources; resource managers
    those of every institution they work for; nobody writes to it.
    """

    _name = "pikc.utilization.report"
    _description = "Resource Utilization Report"
    _inherit = "pikc.sql.report"
    _auto = False
    _order = "date desc, resource_id"
    _rec_name = "resource_id"

    date = fields.Date(readonly=True)
    resource_id = fields.Many2one("resource.resource", readonly=True)
    resource_kind = fields.Selection(
        RESOURCE_KINDS, string="Resource Type", readonly=True
    )
    workshop_id = fields.Many2one("pikc.workshop", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", readonly=True)
    employee_id = fields.Many2one(
        "hr.employee",
        readonly=True,
        groups="hr.group_hr_user,pikc_resources.group_resource_manager",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Institution",
        readonly=True,
        help="The institution owning the resource.",
    )
    sector_id = fields.Many2one(
        "pikc.sector",
        readonly=True,
        help="Sector of the workshop or equipment; staff work in several "
        "sectors and have none here.",
    )
    available_hours = fields.Float(
        string="Available (h)",
        readonly=True,
        digits=(16, 2),
        help="Working hours of the resource's calendar on the day, less its "
        "leaves and public holidays.",
    )
    booked_hours = fields.Float(
        string="Booked (h)",
        readonly=True,
        digits=(16, 2),
        help="Hours of confirmed and done bookings on the day.",
    )
    utilization = fields.Float(
        string="Utilization (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Booked hours as a share of available hours. Grouped rows divide "
        "their summed booked hours by their summed available hours.",
    )
    threshold = fields.Float(
        string="Threshold (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="max",
        help="The utilization threshold of the institution owning the "
        "resource: booked for less than this share of its available hours, "
        "it is under-used. Grouped rows show the highest of their rows.",
    )
    is_sectorless_staff = fields.Boolean(
        string="Staff Outside the Sectors",
        readonly=True,
        help="A staff member working in no PIKC sector (Odoo's own demo "
        "employees, for instance). Left out by default; workshops and "
        "equipment never are.",
    )
    is_under_threshold = fields.Boolean(
        string="Under Threshold",
        readonly=True,
        help="On this day, the resource was booked for less than its "
        "institution's utilization threshold of its available hours.",
    )

    # ------------------------------------------------------------------
    # Grouping: utilization of a group is its booked over its available
    # ------------------------------------------------------------------

    def _read_group_select(self, aggregate_spec, query):
        """Whatever aggregate is asked of ``utilization``, a group's
        utilization is the sum of its booked hours over the sum of its
        available hours, in the same grouped query: an average of daily
        percentages would weigh a two-hour Saturday like a full weekday, and
        a sum would pass 100 %. Every grouped read goes through here (the
        pivot's cells and totals, the list's group rows, the graph's points,
        and an order on the utilization of groups)."""
        if aggregate_spec.split(":")[0] == "utilization":
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, "booked_hours", query),
                self._field_to_sql(self._table, "available_hours", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------
    # Under-used resources
    # ------------------------------------------------------------------

    @api.model
    def _pikc_under_threshold(self, date_from, date_to, threshold=None, domain=()):
        """The resources booked for less than ``threshold`` percent of their
        available hours between ``date_from`` and ``date_to`` (included),
        among the rows of ``domain`` the user may read; without a threshold,
        each resource's institution's. One grouped query.

        Returns one dict per under-used resource, least used first: its
        ``resource_id``, ``resource_kind``, ``company_id``, ``sector_id``,
        ``is_sectorless_staff``, ``booked_hours``, ``available_hours``,
        ``utilization`` and the ``threshold`` it was compared with.
        """
        keys = (
            "resource_id",
            "resource_kind",
            "company_id",
            "sector_id",
            "is_sectorless_staff",
        )
        groups = self._read_group(
            [("date", ">=", date_from), ("date", "<=", date_to), *domain],
            keys,
            ["booked_hours:sum", "available_hours:sum", "threshold:max"],
        )
        under = []
        for *values, booked, available, company_threshold in groups:
            limit = threshold if threshold is not None else company_threshold
            percent = under_threshold(booked, available, limit)
            if percent is not None:
                under.append(
                    dict(
                        zip(keys, values, strict=True),
                        booked_hours=booked,
                        available_hours=available,
                        utilization=percent,
                        threshold=limit,
                    )
                )
        return sorted(
            under, key=lambda row: (row["utilization"], row["resource_id"].id)
        )
