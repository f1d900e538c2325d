from odoo import fields, models


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
        Grant = self.env["pikc.grant"]
        with Grant._collect_budget_warnings() as warnings:
            result = super().action_post()
        return Grant._budget_warning_action(warnings, result)

    def button_draft(self):
        # Reset to draft, the entries' analytic lines go with them.
        with self.env["account.analytic.line"]._pikc_documents_at_work():
            return super().button_draft()

    def _post(self, soft=True):
        # Every posting goes through here (the Post button, Odoo's cron
        # posting scheduled bills, other modules): a refusal stops it (the
        # cron notes it on the bill); the warnings reach the button.
        to_check = self
        if soft:
            today = fields.Date.context_today(self)
            to_check = self.filtered(lambda move: move.date <= today)
        self.env["pikc.grant"]._report_budget_warnings(to_check._pikc_check_posting())
        return super()._post(soft=soft)

    def _pikc_check_posting(self):
        """The checks of posting the vendor bills (and refunds) of ``self``
        that are drafts: closed grants and institutions that take no part in
        a grant they charge refuse them; the budget control of the grants
        runs on their costs and the VAT of them, with the commitments of
        their orders they release and the costs of the bills checked before
        them in the batch. The bills of expense reports are left out: their
        control point is the report's approval. Returns the budget control's
        warnings."""
        Grant = self.env["pikc.grant"]
        bills = self.filtered(
            lambda move: move.move_type in ("in_invoice", "in_refund")
            and move.state == "draft"
            and not move.expense_sheet_id
        )
        for move in bills:
            move.invoice_line_ids._pikc_check_signs(move)
            Grant._check_accounts_open_for_costs(
                move.invoice_line_ids.distribution_analytic_account_ids.ids,
                self.env._("The vendor bill %(bill)s", bill=move.display_name),
                move.company_id,
            )
        warnings = []
        checked = self.browse()
        earlier = []
        for move in bills.filtered(lambda move: move.move_type == "in_invoice"):
            orders = move.invoice_line_ids.purchase_line_id.filtered(
                lambda line: line.state in ("purchase", "done")
            )
            checked |= move
            # Released as if the bills checked before it were posted too.
            released = orders._pikc_released_commitments(checked, before=checked - move)
            costs = (
                move.invoice_line_ids._pikc_costs() + move.line_ids._pikc_tax_costs()
            )
            warnings += Grant._check_budget(costs, move, related=released + earlier)
            earlier += costs + released
        return warnings
