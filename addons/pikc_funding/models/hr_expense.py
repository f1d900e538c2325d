from odoo import api, models

from . import funding_math

EXPENSE_COST_FIELDS = frozenset(
    {
        "total_amount_currency",
        "total_amount",
        "quantity",
        "price_unit",
        "tax_ids",
        "analytic_distribution",
        "pikc_budget_line_id",
        "product_id",
        "account_id",
        "currency_rate",
        "currency_id",
        "sheet_id",
        "payment_mode",
        "date",
    }
)
"""The fields of an expense whose change changes what it charges grants."""


class HrExpense(models.Model):
    """An expense charges the grants of its analytic distribution and may
    choose the budget line of a grant it charges, as a bill line does: its
    journal items, and so their analytic lines (where actual costs are
    counted), carry the choice."""

    _name = "hr.expense"
    _inherit = ["hr.expense", "pikc.budget.document"]

    @api.model_create_multi
    def create(self, vals_list):
        # Before Odoo's own create, which may skip or rework values.
        for vals in vals_list:
            self._pikc_check_computed_values(vals)
        expenses = super().create(vals_list)
        expenses._pikc_check_charges()
        return expenses

    def write(self, vals):
        """An expense of an approved report (committed, not yet posted)
        changed so that it charges more goes through the budget control of
        the approval again, for what the change adds."""
        # Before Odoo's own write, which skips lines it finds unchanged.
        self._pikc_check_computed_values(vals)
        watched = EXPENSE_COST_FIELDS & vals.keys()
        approved = self.filtered(lambda e: watched and e.sheet_id.state == "approve")
        before = {
            sheet: approved.filtered(
                lambda e, s=sheet: e.sheet_id == s
            )._pikc_commitments()
            for sheet in approved.sheet_id
        }
        res = super().write(vals)
        if watched:
            self._pikc_check_charges()
            for sheet in approved.sheet_id | self.sheet_id:
                if sheet.state == "approve":
                    self.filtered(
                        lambda e, s=sheet: e.sheet_id == s
                    )._pikc_check_approved_change(sheet, before.get(sheet, []))
        return res

    def _pikc_check_charges(self):
        self._pikc_check_distributions()
        for expense in self._pikc_charging_grants():
            if expense.total_amount < 0 or expense.quantity < 0:
                expense._pikc_refuse_negative(expense.total_amount)

    def _pikc_commitments(self):
        """The expenses of an approved report as the commitments they are
        (without a date, as the budget figures count them)."""
        return [cost._replace(date=None) for cost in self._pikc_costs()]

    def _pikc_check_approved_change(self, sheet, old_costs):
        """The controls of the approval of ``sheet``, on what the change of
        its expenses ``self`` adds (see
        ``purchase.order.line._pikc_check_commitment_change``)."""
        self.flush_recordset()
        self.env["pikc.grant"]._check_budget_change(
            self._pikc_commitments(),
            old_costs,
            sheet,
            self.env._("The expense report “%(report)s”", report=sheet.name),
            sheet.company_id,
        )

    def _pikc_costs(self):
        """The expenses as actual costs for the grants' budget lines: their
        untaxed amount in the company's currency, on the account and at the
        date their journal entry will have (for a report paid by the
        employee, the report's accounting date, which Odoo sets at
        approval); and the VAT that posting puts on the grants (a tax
        included in analytic cost), in the same budget line, counted only by
        grants whose VAT is eligible."""
        costs = []
        Grant = self.env["pikc.grant"]
        for expense in self:
            if not expense.analytic_distribution:
                continue
            date = expense.date
            sheet = expense.sheet_id
            if sheet and expense.payment_mode == "own_account":
                date = (
                    sheet.accounting_date or sheet._calculate_default_accounting_date()
                )
            account = expense._get_base_account()
            cost = funding_math.Cost(
                expense.analytic_distribution,
                account,
                expense.product_id,
                expense.total_amount - expense.tax_amount,
                date,
                expense.pikc_budget_line_id,
            )
            costs.append(cost)
            vat = expense.tax_ids and Grant._pikc_analytic_tax_amount(
                expense._prepare_base_line_for_taxes_computation(
                    price_unit=expense.total_amount,
                    quantity=1.0,
                    currency=expense.company_currency_id,
                    rate=1.0,
                    account_id=account,
                ),
                expense.company_id,
            )
            if vat:
                costs.append(cost._replace(amount=vat, is_vat=True))
        return costs

    def _prepare_move_lines_vals(self):
        values = super()._prepare_move_lines_vals()
        if self.pikc_budget_line_id:
            values["pikc_budget_line_id"] = self.pikc_budget_line_id.id
        return values

    def _prepare_payments_vals(self):
        move_vals, payment_vals = super()._prepare_payments_vals()
        if self.pikc_budget_line_id:
            for command in move_vals.get("line_ids", ()):
                values = command[2]
                if (
                    isinstance(values, dict)
                    and values.get("expense_id") == self.id
                    and not values.get("tax_repartition_line_id")
                ):
                    values["pikc_budget_line_id"] = self.pikc_budget_line_id.id
        return move_vals, payment_vals
