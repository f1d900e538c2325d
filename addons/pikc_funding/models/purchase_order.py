from odoo import models


class PurchaseOrder(models.Model):
    """Confirming a purchase order commits money of the grants its lines
    charge: a closed grant refuses it."""

    _inherit = "purchase.order"

    def button_confirm(self):
        for order in self:
            self.env["pikc.grant"]._check_accounts_open_for_costs(
                order.order_line.distribution_analytic_account_ids.ids,
                self.env._("The purchase order %(order)s", order=order.name),
            )
        return super().button_confirm()
