from odoo import models


class AccountMove(models.Model):
    """Posting a vendor bill spends money of the grants its lines charge: a
    closed grant, or one the bill's institution neither leads nor takes part
    in, refuses it; the budget control of each grant warns (the user and in
    the grant's chatter) or blocks when it takes a budget line past its
    available amount (refunds only give back), and refuses a cost that lands
    in no budget line of a grant it charges. The VAT of the costs counts on
    grants whose VAT is eligible."""

    _inherit = "account.move"

    def action_post(self):
        warnings = self._pikc_check_posting()
        result = super(
            AccountMove, self.with_context(pikc_posting_checked=True)
        ).action_post()
        return self.env["pikc.grant"]._budget_warning_action(warnings, result)

    def _post(self, soft=True):
        # Posting without action_post (the cron posting scheduled bills,
        # other modules) is checked too: a refusal there stops the posting
        # (the cron notes it on the bill); warnings go to the grant's chatter.
        if not self.env.context.get("pikc_posting_checked"):
            self._pikc_check_posting()
        return super()._post(soft=soft)

    def _pikc_check_posting(self):
        """The checks of posting the vendor bills (and refunds) of ``self``
        that are drafts: closed grants and institutions that take no part in
        a grant they charge refuse them; the budget control of the grants
        runs on their costs, the VAT of them, and the commitments of their
        orders they release. Returns the budget control's warnings."""
        warnings = []
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
            orders = move.invoice_line_ids.purchase_line_id.filtered(
                lambda line: line.state in ("purchase", "done")
            )
            warnings += self.env["pikc.grant"]._check_budget(
                move.invoice_line_ids._pikc_costs()
                + move.line_ids._pikc_tax_costs()
                + orders._pikc_released_commitments(move),
                move,
            )
        return warnings
