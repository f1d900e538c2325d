from odoo import fields, models


class HrEmployeePublic(models.Model):
    """Colleagues' public profiles show the sectors they work in.

    ``hr.employee.public`` is a SQL view over ``hr_employee`` for users
    without HR rights. A many2many cannot be a column of that view, so the
    field reads the very relation table of ``hr.employee.sector_ids``
    (public and private employees share their ids): every employee can then
    read and search colleagues by sector, and nobody can change them here.
    """

    _inherit = "hr.employee.public"

    sector_ids = fields.Many2many(
        "pikc.sector",
        "hr_employee_pikc_sector_rel",
        "employee_id",
        "sector_id",
        string="Sectors",
        readonly=True,
    )
