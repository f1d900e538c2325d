from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    pikc_budget_line_id = fields.Many2one(
        "pikc.grant.budget.line",
        string="Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('grant_id.analytic_account_id', 'in', "
        "distribution_analytic_account_ids)]",
        help="The budget line of a charged grant this purchase commits; needed "
        "when the grant plans the product's cost category on several lines "
        "(activities). When set, it wins over the category mapping.",
    )

    def _pikc_commitments(self):
        """The commitments of the lines, as costs for the grants' budget
        lines: what is ordered and not yet billed, without a date; and the
        VAT of it that the bill will put on the grants (a tax included in
        analytic cost), counted only by grants whose VAT is eligible."""
        costs = []
        Grant = self.env["pikc.grant"]
        for line in self:
            if line.display_type or not line.product_qty:
                continue
            remaining = max(line.product_qty - line.qty_invoiced, 0.0)
            not_billed = remaining / line.product_qty
            cost = (
                line.analytic_distribution,
                False,
                line.product_id,
                line.price_subtotal * not_billed,
                None,
                line.pikc_budget_line_id,
            )
            costs.append(cost)
            vat = line.taxes_id and Grant._analytic_tax_amount(
                line._prepare_base_line_for_taxes_computation(), line.company_id
            )
            if vat:
                costs.append((*cost[:3], vat * not_billed, None, cost[5], True))
        return costs

    def _prepare_account_move_line(self, move=False):
        values = super()._prepare_account_move_line(move=move)
        if self.pikc_budget_line_id:
            values["pikc_budget_line_id"] = self.pikc_budget_line_id.id
        return values
