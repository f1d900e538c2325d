from odoo import models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _pikc_commitments(self):
        """The commitments of the lines, as costs for the grants' budget
        lines: what is ordered and not yet billed, without a date."""
        costs = []
        for line in self:
            if line.display_type or not line.product_qty:
                continue
            remaining = max(line.product_qty - line.qty_invoiced, 0.0)
            not_billed = line.price_subtotal * remaining / line.product_qty
            costs.append(
                (line.analytic_distribution, False, line.product_id, not_billed, None)
            )
        return costs
