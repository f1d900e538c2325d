from odoo import fields, models

from .hr_employee import SECTOR_RELATION


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
        *SECTOR_RELATION,
        string="Sectors",
        readonly=True,
    )
