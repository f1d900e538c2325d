from odoo import api, models

from . import funding_math

POSTED_COST_FIELDS = frozenset(
    {"analytic_distribution", "account_id", "pikc_budget_line_id"}
)
"""The fields of a posted bill's line whose change moves its costs between
grants and budget lines."""


class AccountMoveLine(models.Model):
    """A bill line charges the grants of its analytic distribution: it may
    choose the budget line of a grant it charges, and its analytic lines
    (where actual costs are counted) carry the choice. The VAT that a tax
    line puts on a grant lands in the budget lines of its base costs."""

    _name = "account.move.line"
    _inherit = ["account.move.line", "pikc.budget.document"]

    def _create_analytic_lines(self):
        # The analytic lines of journal items are the document's own costs.
        with self.env["account.analytic.line"]._pikc_documents_at_work():
            return super()._create_analytic_lines()

    def _inverse_analytic_distribution(self):
        # A posted line's distribution changed: Odoo makes its analytic
        # lines again (the change itself is checked in ``write``).
        with self.env["account.analytic.line"]._pikc_documents_at_work():
            return super()._inverse_analytic_distribution()

    @api.model_create_multi
    def create(self, vals_list):
        # Before Odoo's own create, which may skip or rework values.
        for vals in vals_list:
            self._pikc_check_computed_values(vals)
        lines = super().create(vals_list)
        lines._pikc_check_distributions()
        return lines

    def write(self, vals):
        """A posted vendor bill's line whose distribution, account or
        budget line changes spends the grants again: the change goes
        through the budget control of a posting for what it adds (see
        ``purchase.order.line._pikc_check_commitment_change``)."""
        # Before Odoo's own write, which skips lines it finds unchanged.
        self._pikc_check_computed_values(vals)
        changed = self.browse()
        if POSTED_COST_FIELDS & vals.keys():
            changed = self.filtered(
                lambda line: line.parent_state == "posted"
                and line.move_id.move_type in ("in_invoice", "in_refund")
                and not line.move_id.expense_sheet_id
            )
        before = {move: move.line_ids._pikc_all_costs() for move in changed.move_id}
        res = super().write(vals)
        if "analytic_distribution" in vals:
            self._pikc_check_distributions()
        for move, old_costs in before.items():
            move.line_ids._pikc_check_posted_change(move, old_costs)
        return res

    def _pikc_check_signs(self, move):
        """A vendor bill's line charging a grant is a cost, a credit
        note's gives one back: a negative bill line (or a positive credit
        note line) would free a budget line's room without control."""
        sign = 1 if move.move_type == "in_invoice" else -1
        for line in self.filtered(
            lambda line: line.display_type == "product"
        )._pikc_charging_grants():
            if sign * line.balance < 0 or line.quantity < 0:
                line._pikc_refuse_negative(line.balance)

    def _pikc_all_costs(self):
        return self._pikc_costs() + self._pikc_tax_costs()

    def _pikc_check_posted_change(self, move, old_costs):
        self.flush_recordset()
        self.env["pikc.grant"]._check_budget_change(
            self._pikc_all_costs(),
            old_costs,
            move,
            self.env._("The vendor bill %(bill)s", bill=move.display_name),
            move.company_id,
        )

    def _pikc_costs(self):
        """The lines as actual costs for the grants' budget lines: their
        amount in the company's currency, on their account and date."""
        return [
            funding_math.Cost(
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
        per analytic account combination of the distribution and per budget
        line of its base costs (``_pikc_tax_budget_shares``), as the
        analytic lines will be; counted only by grants whose VAT is
        eligible."""
        costs = []
        for line in self:
            if line.display_type != "tax" or not line.analytic_distribution:
                continue
            date = line.date or line.move_id.invoice_date or line.move_id.date
            for account_ids, percentage in line.analytic_distribution.items():
                amount = line.balance * percentage / 100
                for budget_line, part in line._pikc_tax_split(account_ids, amount):
                    costs.append(
                        funding_math.Cost(
                            {account_ids: 100.0},
                            line.account_id,
                            line.product_id,
                            part,
                            date,
                            budget_line,
                            is_vat=True,
                        )
                    )
        return costs

    def _pikc_tax_split(self, account_ids, amount):
        """``amount`` of the tax line ``self`` on ``account_ids`` split
        between the budget lines of its base costs, in proportion to them,
        so that the parts sum exactly to it: ``[(budget line, part)]`` (one
        item with an empty budget line when no grant or base is found)."""
        shares = self._pikc_tax_budget_shares(account_ids)
        if len(shares) < 2:
            return [(next(iter(shares), self.env["pikc.grant.budget.line"]), amount)]
        parts = funding_math.split_amount(
            amount, {line.id: weight for line, weight in shares.items()}
        )
        lines = self.env["pikc.grant.budget.line"].browse(parts)
        return [(line, parts[line.id]) for line in lines]

    def _prepare_analytic_distribution_line(
        self, distribution, account_ids, distribution_on_each_plan
    ):
        values = super()._prepare_analytic_distribution_line(
            distribution, account_ids, distribution_on_each_plan
        )
        chosen = self.pikc_budget_line_id
        if chosen and chosen.grant_id.analytic_account_id.id in (
            funding_math.key_accounts(account_ids)
        ):
            values["pikc_budget_line_id"] = chosen.id
        return values

    def _prepare_analytic_lines(self):
        """The analytic lines of a tax line charging a grant land in the
        budget lines of its base costs: one per budget line, each with its
        share of the amount, when its bases land in several."""
        vals_list = super()._prepare_analytic_lines()
        if not self.tax_line_id or self.pikc_budget_line_id:
            return vals_list
        column = self.env["pikc.grant"]._grant_column()
        result = []
        for values in vals_list:
            account_id = values.get(column)
            key = account_id and funding_math.distribution_key(
                self.analytic_distribution, account_id
            )
            if not key:
                result.append(values)
                continue
            for budget_line, part in self._pikc_tax_split(key, values["amount"]):
                result.append(
                    dict(values, amount=part, pikc_budget_line_id=budget_line.id)
                )
        return result

    def _pikc_tax_budget_shares(self, account_ids):
        """The budget lines where the VAT of the tax line ``self`` on
        ``account_ids`` (a grant's account) lands, with their weights: the
        lines of its base costs — the bill's cost lines charging the same
        grant (those bearing the tax, when some do) — weighted by their
        amounts. ``{budget line: weight}``, empty when no grant or base is
        found."""
        self.ensure_one()
        grant = (
            self.env["pikc.grant"]
            .sudo()
            .search(
                [
                    (
                        "analytic_account_id",
                        "in",
                        funding_math.key_accounts(account_ids),
                    )
                ],
                limit=1,
            )
        )
        if not grant:
            return {}
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
        budget_map = self.env["pikc.grant.budget.line"]._pikc_budget_map(grant)
        amounts = {}
        for cost in base._pikc_costs():
            line = budget_map.line_of(grant, cost)[0]
            if line:
                amounts[line] = amounts.get(line, 0.0) + abs(cost.amount)
        return funding_math.weights(amounts)
