from odoo import fields, models


class AccountMoveLine(models.Model):
    """A bill line may choose the budget line of a grant it charges; its
    analytic lines (where actual costs are counted) carry the choice."""

    _inherit = "account.move.line"

    pikc_budget_line_id = fields.Many2one(
        "pikc.grant.budget.line",
        string="Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('grant_id.analytic_account_id', 'in', "
        "distribution_analytic_account_ids)]",
        help="The budget line of a charged grant this cost lands in; needed "
        "when the grant plans the cost's category on several lines "
        "(activities). When set, it wins over the category mapping.",
    )

    def _pikc_costs(self):
        """The lines as actual costs for the grants' budget lines: their
        amount in the company's currency, on their account and date."""
        return [
            (
                line.analytic_distribution,
                line.account_id,
                line.product_id,
                line.balance,
                line.date or line.move_id.invoice_date or line.move_id.date,
                line.pikc_budget_line_id,
            )
            for line in self
            if line.display_type == "product" and line.analytic_distribution
        ]

    def _prepare_analytic_distribution_line(
        self, distribution, account_ids, distribution_on_each_plan
    ):
        values = super()._prepare_analytic_distribution_line(
            distribution, account_ids, distribution_on_each_plan
        )
        chosen = self.pikc_budget_line_id
        if chosen and str(chosen.grant_id.analytic_account_id.id) in account_ids.split(
            ","
        ):
            values["pikc_budget_line_id"] = chosen.id
        return values
