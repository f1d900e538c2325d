from odoo import fields, models


class PikcSector(models.Model):
    """A competence sector of vocational education.

    The PIKC works in four sectors (mechanical engineering; energy,
    electronics and automation; mechanics and metalworking; textiles and
    sewn products); workshops, equipment, staff and funded projects are
    classified by them, so that resources of one sector can be found and
    shared across institutions.

    Sectors are reference data common to all institutions: every internal
    user reads them, only a resource manager creates, changes or archives
    them.
    """

    _name = "pikc.sector"
    _description = "Competence Sector"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short, unique code of the sector, used in reports and imports.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_ids = fields.Many2many(
        "res.company",
        "pikc_sector_res_company_rel",
        "sector_id",
        "company_id",
        string="Institutions",
        help="Institutions that teach in this sector.",
    )

    _sql_constraints = [
        (
            "code_uniq",
            "EXCLUDE USING btree ((lower(btrim(code))) WITH =)",
            "Another sector already has this code: each sector needs its own code.",
        ),
    ]
