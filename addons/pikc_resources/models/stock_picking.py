from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    pikc_workshop_id = fields.Many2one(
        "pikc.workshop",
        string="Workshop",
        check_company=True,
        index="btree_not_null",
        help="The workshop whose consumables this transfer issues; with an "
        "operation that costs to workshops, its cost lands on the workshop's "
        "analytic account.",
    )
    pikc_workshop_costing = fields.Boolean(
        related="picking_type_id.pikc_workshop_costing"
    )
