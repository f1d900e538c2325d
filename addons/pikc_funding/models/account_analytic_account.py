from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountAnalyticAccount(models.Model):
    """The analytic account of a grant belongs to the grant: without a
    company, so that the grant's partner institutions charge it too, it
    follows the grant's name and code and goes with it. The users of the
    grant's institutions (lead and partners) see it, those of other
    institutions do not (a record rule); none of them changes or deletes it
    directly (its plan, name, company or archiving would cut the grant off
    its costs)."""

    _inherit = "account.analytic.account"

    # A record rule keeps a grant's account to the grant's institutions
    # (its lead and partners): others neither find nor read it.
    pikc_grant_ids = fields.One2many(
        "pikc.grant", "analytic_account_id", string="Grants", readonly=True
    )

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
            # Who may not change the account at all is told so by Odoo's
            # rights and rules first, not the name of a grant it may not see.
            self.check_access("write")
            self._pikc_check_not_grant_account()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _pikc_unlink_except_grant_account(self):
        if not self.env.su:
            self.check_access("unlink")
        self._pikc_check_not_grant_account()
