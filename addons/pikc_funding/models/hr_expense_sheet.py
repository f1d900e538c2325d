from odoo import models


class HrExpenseSheet(models.Model):
    """Approving an expense report spends money of the grants its expenses
    charge: a closed grant, or one the report's institution neither leads
    nor takes part in, refuses it; the budget control of each grant warns
    (the user and in the grant's chatter) or blocks when it takes a budget
    line past its available amount, and refuses an expense that lands in no
    budget line of a grant it charges."""

    _inherit = "hr.expense.sheet"

    def action_approve_expense_sheets(self):
        warnings = []
        for sheet in self.filtered(lambda s: s.state in ("draft", "submit")):
            self.env["pikc.grant"]._check_accounts_open_for_costs(
                sheet.expense_line_ids.distribution_analytic_account_ids.ids,
                self.env._("The expense report “%(report)s”", report=sheet.name),
                sheet.company_id,
            )
            costs = sheet.expense_line_ids._pikc_costs()
            warnings += self.env["pikc.grant"]._check_budget(costs, sheet)
        return self.env["pikc.grant"]._budget_warning_action(
            warnings, super().action_approve_expense_sheets()
        )
