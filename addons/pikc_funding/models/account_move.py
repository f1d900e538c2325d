from odoo import models


class AccountMove(models.Model):
    """Posting a vendor bill spends money of the grants its lines charge:
    the budget control of each grant warns or blocks when it takes a budget
    line past its available amount (refunds only give back). The VAT of
    the costs counts on grants whose VAT is eligible."""

    _inherit = "account.move"

    def action_post(self):
        for move in self.filtered(
            lambda m: m.move_type == "in_invoice" and m.state == "draft"
        ):
            self.env["pikc.grant"]._check_budget(
                move.invoice_line_ids._pikc_costs() + move.line_ids._pikc_tax_costs(),
                move,
            )
        return super().action_post()
