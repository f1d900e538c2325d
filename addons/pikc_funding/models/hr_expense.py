from odoo import models

from . import funding_math


class HrExpense(models.Model):
    """An expense charges the grants of its analytic distribution and may
    choose the budget line of a grant it charges, as a bill line does: its
    journal items, and so their analytic lines (where actual costs are
    counted), carry the choice."""

    _name = "hr.expense"
    _inherit = ["hr.expense", "pikc.budget.document"]

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
