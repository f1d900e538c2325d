from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .utilization_math import load_ratio, school_year

#: Employees and their sectors: the model, relation table and columns that
#: ``hr.employee.public`` reads as well.
SECTOR_RELATION = (
    "pikc.sector",
    "hr_employee_pikc_sector_rel",
    "employee_id",
    "sector_id",
)

#: Who reads ``hr.employee`` itself (its access rights); everyone else reads
#: employees through ``hr.employee.public``. A field the public profiles do
#: not have is restricted to them, as Odoo's own private fields are: else the
#: ORM prefetches it with any other field of an employee (their name, for the
#: employee on an expense report) and hr refuses the whole read.
STAFF_RECORD_READERS = (
    "hr.group_hr_user,base.group_system,pikc_resources.group_resource_manager"
)


class HrEmployee(models.Model):
    """Staff of an institution: Odoo's own employees, with what the PIKC needs.

    Teachers, workshop masters and the administration are ``hr.employee``
    records (and so ``resource.resource`` records, which bookings point at).
    The PIKC adds the competence sectors a person works in, the yearly
    teaching-load norm and the professional development log; qualifications
    are Odoo's skills (trades and languages).

    Only HR officers change staff records (Odoo's own access rules on
    ``hr.employee``); resource managers read them; every employee finds
    colleagues, and their sectors, through the public employee profiles.
    """

    _inherit = "hr.employee"

    sector_ids = fields.Many2many(
        *SECTOR_RELATION,
        string="Sectors",
        help="Competence sectors this person teaches or works in; colleagues "
        "look people up by them.",
    )
    load_norm_hours = fields.Float(
        groups=STAFF_RECORD_READERS,
        string="Yearly Load Norm (h)",
        digits=(16, 1),
        help="Teaching load this person should carry in a school year, in "
        "hours (for a full-time vocational teacher typically 720 to 1440 h). "
        "Planned load from bookings is compared with it.",
    )
    pikc_planned_load_hours = fields.Float(
        groups=STAFF_RECORD_READERS,
        string="Planned Load (h)",
        compute="_compute_pikc_planned_load",
        digits=(16, 1),
        help="Hours this person is booked for (confirmed and done bookings) "
        "in the current school year, 1 September to 31 August, by any "
        "institution.",
    )
    pikc_load_ratio = fields.Float(
        groups=STAFF_RECORD_READERS,
        string="Load (%)",
        compute="_compute_pikc_planned_load",
        digits=(16, 1),
        help="Planned load as a share of the yearly load norm.",
    )
    pikc_development_ids = fields.One2many(
        "pikc.staff.development",
        "employee_id",
        groups=STAFF_RECORD_READERS,
        string="Professional Development",
    )
    pikc_development_hours_this_year = fields.Float(
        groups=STAFF_RECORD_READERS,
        string="Development Hours This Year",
        compute="_compute_pikc_development_hours_this_year",
        digits=(16, 1),
        help="Hours of seminars, courses, lesson observations and mobility "
        "periods that started in the current calendar year.",
    )

    _sql_constraints = [
        (
            "load_norm_hours_positive",
            "CHECK (load_norm_hours IS NULL OR load_norm_hours >= 0)",
            "A yearly load norm cannot be negative: enter the hours, zero or more.",
        ),
    ]

    @api.depends("pikc_development_ids.hours", "pikc_development_ids.date_start")
    def _compute_pikc_development_hours_this_year(self):
        """Sum the hours of this year's entries with one grouped query."""
        today = fields.Date.context_today(self)
        hours_by_employee = dict(
            self.env["pikc.staff.development"]._read_group(
                [
                    ("employee_id", "in", self._origin.ids),
                    ("date_start", ">=", today.replace(month=1, day=1)),
                    ("date_start", "<=", today.replace(month=12, day=31)),
                ],
                ["employee_id"],
                ["hours:sum"],
            )
        )
        for employee in self:
            employee.pikc_development_hours_this_year = hours_by_employee.get(
                employee._origin, 0.0
            )

    @api.depends("load_norm_hours")
    def _compute_pikc_planned_load(self):
        """Sum the hours of this school year's confirmed and done bookings of
        each person, whichever institution booked them: one grouped query."""
        first_day, next_first_day = school_year(fields.Date.context_today(self))
        hours_by_employee = dict(
            self.env["pikc.booking"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self._origin.ids),
                    ("state", "in", ("confirmed", "done")),
                    ("start", ">=", first_day),
                    ("start", "<", next_first_day),
                ],
                ["employee_id"],
                ["duration:sum"],
            )
        )
        for employee in self:
            planned = hours_by_employee.get(employee._origin, 0.0)
            employee.pikc_planned_load_hours = planned
            employee.pikc_load_ratio = load_ratio(planned, employee.load_norm_hours)

    @api.constrains("load_norm_hours")
    def _pikc_check_load_norm_hours(self):
        for employee in self:
            if employee.load_norm_hours < 0:
                raise ValidationError(
                    self.env._(
                        "The yearly load norm of %(employee)s cannot be negative "
                        "(%(hours)s h): enter the hours they should teach in a "
                        "year, zero or more.",
                        employee=employee.name,
                        hours=employee.load_norm_hours,
                    )
                )
