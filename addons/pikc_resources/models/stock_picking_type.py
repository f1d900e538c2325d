from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    pikc_workshop_costing = fields.Boolean(
        string="Cost to Workshop",
        help="Moves of this operation are costed to the analytic account of "
        "the workshop set on the transfer.",
    )
