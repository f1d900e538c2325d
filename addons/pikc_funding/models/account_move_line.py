from odoo import fields, models

from . import funding_math


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

    def _pikc_tax_costs(self):
        """The VAT of the bill's costs that posting puts on grants (tax
        lines with an analytic distribution: a tax included in analytic
        cost, a non-deductible part), as costs for the grants' budget lines,
        one per analytic account combination of the distribution: each in
        the budget line of its base cost (``_pikc_tax_budget_line``),
        counted only by grants whose VAT is eligible."""
        costs = []
        for line in self:
            if line.display_type != "tax" or not line.analytic_distribution:
                continue
            for account_ids, percentage in line.analytic_distribution.items():
                costs.append(
                    (
                        {account_ids: percentage},
                        line.account_id,
                        line.product_id,
                        line.balance,
                        line.date or line.move_id.invoice_date or line.move_id.date,
                        line._pikc_tax_budget_line(account_ids),
                        True,
                    )
                )
        return costs

    def _prepare_analytic_distribution_line(
        self, distribution, account_ids, distribution_on_each_plan
    ):
        values = super()._prepare_analytic_distribution_line(
            distribution, account_ids, distribution_on_each_plan
        )
        chosen = self.pikc_budget_line_id
        if not chosen and self.tax_line_id:
            chosen = self._pikc_tax_budget_line(account_ids)
        if chosen and str(chosen.grant_id.analytic_account_id.id) in account_ids.split(
            ","
        ):
            values["pikc_budget_line_id"] = chosen.id
        return values

    def _pikc_tax_budget_line(self, account_ids):
        """The budget line where the analytic line of the tax line ``self``
        on ``account_ids`` (a grant's account) lands: the line of its base
        cost. Its base is the bill's cost lines charging the same grant
        (those bearing the tax, when some do): when they all land in one
        budget line, that one; otherwise the one chosen on a base line, else
        the first of theirs."""
        self.ensure_one()
        lines = self.env["pikc.grant.budget.line"]
        grant = (
            self.env["pikc.grant"]
            .sudo()
            .search(
                [
                    (
                        "analytic_account_id",
                        "in",
                        [int(account_id) for account_id in account_ids.split(",")],
                    )
                ],
                limit=1,
            )
        )
        if not grant:
            return lines
        account_id = grant.analytic_account_id.id
        base = self.move_id.line_ids.filtered(
            lambda line: line.display_type == "product"
            and funding_math.distribution_share(line.analytic_distribution, account_id)
        )
        base = (
            base.filtered(
                lambda line: self.tax_line_id in line.tax_ids.flatten_taxes_hierarchy()
            )
            or base
        )
        resolve = grant._category_resolver()
        target = grant._budget_line_targets()
        found = [
            grant._cost_budget_line(cost, resolve, target)[0]
            for cost in base._pikc_costs()
        ]
        found = [line for line in found if line]
        if len({line.id for line in found}) == 1:
            return found[0]
        chosen = base.pikc_budget_line_id.filtered(lambda line: line.grant_id == grant)
        return chosen[:1] or (found[0] if found else lines)
