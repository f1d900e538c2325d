from odoo import models


class AccountMove(models.Model):
    """Posting a vendor bill spends money of the grants its lines charge: a
    closed grant, or one the bill's institution neither leads nor takes part
    in, refuses it; the budget control of each grant warns or blocks when it
    takes a budget line past its available amount (refunds only give back).
    The VAT of the costs counts on grants whose VAT is eligible."""

    _inherit = "account.move"

    def action_post(self):
        for move in self.filtered(
            lambda m: m.move_type in ("in_invoice", "in_refund") and m.state == "draft"
        ):
            self.env["pikc.grant"]._check_accounts_open_for_costs(
                move.invoice_line_ids.distribution_analytic_account_ids.ids,
                self.env._("The vendor bill %(bill)s", bill=move.display_name),
                move.company_id,
            )
        for move in self.filtered(
            lambda m: m.move_type == "in_invoice" and m.state == "draft"
        ):
            self.env["pikc.grant"]._check_budget(
                move.invoice_line_ids._pikc_costs() + move.line_ids._pikc_tax_costs(),
                move,
            )
        return super().action_post()
