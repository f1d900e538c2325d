from odoo import api, models
from odoo.exceptions import UserError


class AccountAnalyticAccount(models.Model):
    """The analytic account of a grant belongs to the grant: shared by the
    institutions (so that partners charge it), it follows the grant's name
    and code and goes with it. Analytic accounting users of every
    institution see it; none of them changes or deletes it directly (its
    plan, name, company or archiving would cut the grant off its costs)."""

    _inherit = "account.analytic.account"

    def _pikc_check_not_grant_account(self):
        grants = (
            self.env["pikc.grant"]
            .sudo()
            .with_context(active_test=False)
            .search([("analytic_account_id", "in", self.ids)])
        )
        if grants:
            raise UserError(
                self.env._(
                    "The analytic account %(account)s is the account of the "
                    "grant “%(grant)s”: it follows the grant. Change the grant "
                    "instead.",
                    account=grants[0].analytic_account_id.display_name,
                    grant=grants[0].display_name,
                )
            )

    def write(self, vals):
        if not self.env.su:
            self._pikc_check_not_grant_account()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _pikc_unlink_except_grant_account(self):
        self._pikc_check_not_grant_account()
