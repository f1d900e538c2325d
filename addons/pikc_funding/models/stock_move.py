from odoo import models
from odoo.osv import expression


class StockMove(models.Model):
    """Timesheets bring Odoo's projects, and with them the rule that only
    pickings of a project are costed analytically: material issued to a
    training stays costed to its workshop (pikc_resources) all the same."""

    _inherit = "stock.move"

    def _get_valid_moves_domain(self):
        return expression.OR(
            [
                super()._get_valid_moves_domain(),
                [
                    ("picking_type_id.pikc_workshop_costing", "=", True),
                    ("picking_id.pikc_workshop_id", "!=", False),
                ],
            ]
        )
