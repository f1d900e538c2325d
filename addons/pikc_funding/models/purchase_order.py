from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from . import funding_math


class PurchaseOrder(models.Model):
    """Confirming a purchase order commits money of the grants its lines
    charge: a closed grant refuses it, and so does a grant its institution
    neither leads nor takes part in; the budget control of each grant warns
    (the user and in the grant's chatter) or blocks when it takes a budget
    line past its available amount, and refuses a line that lands in no
    budget line of a grant it charges;
    a purchase at or above the fund's procurement threshold needs an awarded
    procurement procedure for its vendor, linked to it."""

    _inherit = "purchase.order"

    pikc_procurement_id = fields.Many2one(
        "pikc.procurement",
        string="Procurement",
        copy=False,
        index="btree_not_null",
        tracking=True,
        domain="[('state', '=', 'awarded')]",
        help="The public procurement procedure this purchase results from; "
        "needed when the purchase reaches the procurement threshold of the "
        "fund of a grant it charges.",
    )

    def button_confirm(self):
        Grant = self.env["pikc.grant"]
        with Grant._collect_budget_warnings() as warnings:
            result = super().button_confirm()
        return Grant._budget_warning_action(warnings, result)

    def button_approve(self, force=False):
        # Every confirmation goes through here (the Confirm button, the
        # purchase manager's approval of an order waiting for it, a direct
        # call): the controls of the grants run on the orders approved now.
        Grant = self.env["pikc.grant"]
        warnings = []
        earlier = []
        for order in self.filtered(
            lambda order: order.state in ("draft", "sent", "to approve")
            and order._approval_allowed()
        ):
            # sudo: the accounts named, also a grant's the user may not
            # read (another institution's), which the check refuses by name.
            Grant._check_accounts_open_for_costs(
                order.order_line.sudo().distribution_analytic_account_ids.ids,
                self.env._("The purchase order %(order)s", order=order.name),
                order.company_id,
            )
            order._pikc_check_procurement()
            costs = order.order_line._pikc_commitments()
            # The orders approved before it in the batch count too.
            warnings += Grant._check_budget(costs, order, related=earlier)
            earlier += costs
        Grant._report_budget_warnings(warnings)
        return super().button_approve(force=force)

    def _pikc_commitment_snapshot(self, lines):
        """What the orders ``self`` (confirmed) are before ``lines`` of
        theirs change, or before lines are added to them: by order, the
        commitments of its ``lines`` and its procurement values, for
        ``purchase.order.line._pikc_check_commitment_change``."""
        return {
            order: (
                lines.filtered(
                    lambda line, order=order: line.order_id == order
                )._pikc_commitments(),
                order._pikc_procurement_values(),
            )
            for order in self
        }

    def _pikc_procurement_values(self):
        """The value of the order charged to each grant, as goods and
        services and as works (by the cost category of each line), by grant:
        ``{grant: [goods, works]}``; untaxed, in the currency of the grant's
        fund, in which its thresholds are (converted at the order date)."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: not line.display_type)
        grants = (
            self.env["pikc.grant"]
            .sudo()
            .search(
                [
                    (
                        "analytic_account_id",
                        "in",
                        lines.distribution_analytic_account_ids.ids,
                    )
                ]
            )
        )
        values = defaultdict(lambda: [0.0, 0.0])
        if not grants:
            return values
        budget_map = self.env["pikc.grant.budget.line"]._pikc_budget_map(grants)
        for line in lines:
            category = budget_map.category(False, line.product_id)
            for grant in grants:
                share = funding_math.distribution_share(
                    line.analytic_distribution, grant.analytic_account_id.id
                )
                if share:
                    values[grant][1 if category.is_works else 0] += (
                        line.price_subtotal * share / 100
                    )
        date = (self.date_order or fields.Datetime.now()).date()
        for grant, amounts in values.items():
            values[grant] = [
                self.currency_id._convert(
                    amount, grant.fund_id.currency_id, self.company_id, date
                )
                for amount in amounts
            ]
        return values

    def _pikc_check_procurement(self, before=None):
        """Refuse the order when, for a grant it charges, its value reaches
        the fund's threshold and no awarded procurement of that grant for its
        vendor is linked to it.

        With ``before`` (``_pikc_procurement_values`` before a change of the
        confirmed order), only the grants for which the change makes the
        value of goods and services or of works grow are checked."""
        self.ensure_one()
        procurement = self.pikc_procurement_id.sudo()
        vendor = self.partner_id.commercial_partner_id
        for grant, (goods, works) in self._pikc_procurement_values().items():
            fund = grant.fund_id
            if before is not None:
                old_goods, old_works = before.get(grant, (0.0, 0.0))
                if not (
                    fund.currency_id.compare_amounts(goods, old_goods) > 0
                    or fund.currency_id.compare_amounts(works, old_works) > 0
                ):
                    continue
            if not funding_math.needs_procurement(
                goods, works, fund.threshold_goods, fund.threshold_works
            ):
                continue
            if (
                procurement.state == "awarded"
                and procurement.grant_id == grant
                and procurement.vendor_id.commercial_partner_id == vendor
            ):
                continue
            amounts = {
                "order": self.name,
                "value": format_amount(self.env, goods + works, fund.currency_id),
                "grant": grant.display_name,
                "fund": fund.code,
                "goods": format_amount(
                    self.env, fund.threshold_goods, fund.currency_id
                ),
                "works": format_amount(
                    self.env, fund.threshold_works, fund.currency_id
                ),
                "vendor": vendor.display_name,
            }
            if before is not None:
                raise UserError(
                    self.env._(
                        "This change takes what the confirmed purchase order "
                        "%(order)s charges to the grant “%(grant)s” to %(value)s, "
                        "at or above the procurement threshold of the fund "
                        "%(fund)s (goods and services %(goods)s, works "
                        "%(works)s). Link the order to an awarded procurement of "
                        "that grant won by %(vendor)s before changing it.",
                        **amounts,
                    )
                )
            raise UserError(
                self.env._(
                    "The purchase order %(order)s charges %(value)s to the grant "
                    "“%(grant)s”, at or above the procurement threshold of the "
                    "fund %(fund)s (goods and services %(goods)s, works "
                    "%(works)s). Link it to an awarded procurement of that "
                    "grant won by %(vendor)s before confirming it.",
                    **amounts,
                )
            )
