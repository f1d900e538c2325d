from odoo import models


class AccountMove(models.Model):
    """Posting a vendor bill spends money of the grants its lines charge:
    the budget control of each grant warns or blocks when it takes a budget
    line past its available amount (refunds only give back), and refuses a
    cost that lands in no budget line of a grant it charges. The VAT of the
    costs counts on grants whose VAT is eligible. A warning is shown to the
    user too."""

    _inherit = "account.move"

    def action_post(self):
        warnings = []
        for move in self.filtered(
            lambda m: m.move_type == "in_invoice" and m.state == "draft"
        ):
            warnings += self.env["pikc.grant"]._check_budget(
                move.invoice_line_ids._pikc_costs() + move.line_ids._pikc_tax_costs(),
                move,
            )
        return self.env["pikc.grant"]._budget_warning_action(
            warnings, super().action_post()
        )
