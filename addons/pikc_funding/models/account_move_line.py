from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

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
            )
            for line in self
            if line.display_type == "product" and line.analytic_distribution
        ]
