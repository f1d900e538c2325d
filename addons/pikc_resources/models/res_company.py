from odoo import fields, models


class ResCompany(models.Model):
    """Institutions are companies.

    The PIKC and each member school is a ``res.company``: standard Odoo
    multi-company rules keep each institution's records inside it, and what
    an institution shares is opened explicitly, record by record.
    """

    _inherit = "res.company"

    pikc_institution_type = fields.Selection(
        [
            ("centre", "Competence centre"),
            ("member", "Member school"),
        ],
        string="PIKC role",
        help="The part this institution plays in the PIKC network; "
        "leave empty for companies outside it.",
    )
    pikc_sector_ids = fields.Many2many(
        "pikc.sector",
        "pikc_sector_res_company_rel",
        "company_id",
        "sector_id",
        string="Sectors",
        help="Competence sectors this institution teaches in.",
    )
