from odoo import api, models

from . import funding_math

COMMITMENT_FIELDS = frozenset(
    {
        "product_qty",
        "price_unit",
        "discount",
        "taxes_id",
        "analytic_distribution",
        "pikc_budget_line_id",
        "product_id",
    }
)
"""The fields of a line whose change changes what it commits to grants."""

CONFIRMED = ("purchase", "done")


class PurchaseOrderLine(models.Model):
    """A line of a purchase order commits money of the grants in its
    analytic distribution from its confirmation until it is billed. A line
    of a confirmed order changed or added so that it commits more goes
    through the controls of the confirmation for what it adds: a closed
    grant refuses it, the budget control of each grant warns or blocks, and
    the order needs an awarded procurement when its value for a grant grows
    to the fund's threshold. What commits less is always allowed."""

    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "pikc.budget.document"]

    def _pikc_qty_billed(self, posting=None):
        """The quantity of the line on posted vendor bills (less posted
        refunds), in the line's unit: what has become actual cost. Odoo's
        ``qty_invoiced`` counts draft bills too, which would drop the
        commitment before the cost is actual, showing room that is not
        there. The bills ``posting`` (being posted) count as posted."""
        self.ensure_one()
        qty = 0.0
        for bill_line in self.invoice_lines:
            move = bill_line.move_id
            if move.state != "posted" and move not in (posting or ()):
                continue
            sign = {"in_invoice": 1, "in_refund": -1}.get(move.move_type, 0)
            qty += sign * bill_line.product_uom_id._compute_quantity(
                bill_line.quantity, self.product_uom
            )
        return qty

    def _pikc_commitments(self, posting=None):
        """The commitments of the lines, as costs for the grants' budget
        lines: what is ordered and not yet on a posted bill, without a date;
        and the VAT of it that the bill will put on the grants (a tax
        included in analytic cost), counted only by grants whose VAT is
        eligible. The bills ``posting`` count as posted: see
        ``_pikc_released_commitments``.

        In the company's currency, as bills are counted: an order in another
        currency is converted at its own rate (``currency_rate``, the
        company's rate on the order date, stored on the order), the rate
        Odoo's tax engine applies to the VAT too; no query per line."""
        costs = []
        Grant = self.env["pikc.grant"]
        for line in self:
            if line.display_type or not line.product_qty:
                continue
            not_billed = funding_math.not_billed(
                line.product_qty, line._pikc_qty_billed(posting)
            )
            subtotal = line.price_subtotal
            if line.currency_id != line.company_id.currency_id:
                subtotal /= line.order_id.currency_rate or 1.0
            cost = funding_math.Cost(
                line.analytic_distribution,
                False,
                line.product_id,
                subtotal * not_billed,
                None,
                line.pikc_budget_line_id,
            )
            costs.append(cost)
            vat = (
                not_billed
                and line.taxes_id
                and Grant._pikc_analytic_tax_amount(
                    line._prepare_base_line_for_taxes_computation(), line.company_id
                )
            )
            if vat:
                costs.append(cost._replace(amount=vat * not_billed, is_vat=True))
        return costs

    def _pikc_costs(self):
        return self._pikc_commitments()

    def _pikc_released_commitments(self, bills, before=None):
        """What posting ``bills`` takes off the commitments of the lines, as
        costs (negative when they release a commitment): checked with the
        bills' own costs, a billed order is not counted twice. ``before``:
        bills counted as posted already (checked earlier in a batch)."""
        before = self._pikc_commitments(posting=before)
        after = self._pikc_commitments(posting=bills)
        return [cost.negated() for cost in before] + after

    def _prepare_account_move_line(self, move=False):
        values = super()._prepare_account_move_line(move=move)
        if self.pikc_budget_line_id:
            values["pikc_budget_line_id"] = self.pikc_budget_line_id.id
        return values

    # ------------------------------------------------------------------
    # Lines of confirmed orders changed or added
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # Before Odoo's own create, which may skip or rework values.
        for vals in vals_list:
            self._pikc_check_computed_values(vals)
        orders = (
            self.env["purchase.order"]
            .browse({vals["order_id"] for vals in vals_list if vals.get("order_id")})
            .filtered(lambda order: order.state in CONFIRMED)
        )
        before = orders._pikc_commitment_snapshot(self.browse())
        lines = super().create(vals_list)
        lines._pikc_check_charges()
        lines.filtered(
            lambda line: line.state in CONFIRMED and not line.display_type
        )._pikc_check_commitment_change(before)
        return lines

    def write(self, vals):
        # Before Odoo's own write, which skips lines it finds unchanged.
        self._pikc_check_computed_values(vals)
        changed = self.browse()
        if COMMITMENT_FIELDS & vals.keys():
            changed = self.filtered(
                lambda line: line.state in CONFIRMED and not line.display_type
            )
        before = changed.order_id._pikc_commitment_snapshot(changed)
        res = super().write(vals)
        if COMMITMENT_FIELDS & vals.keys():
            self._pikc_check_charges()
        changed._pikc_check_commitment_change(before)
        return res

    def _pikc_check_charges(self):
        """What a line charges a grant is a share of 0 to 100 % of a
        positive cost: a negative line would free a budget line's room."""
        lines = self.filtered(lambda line: not line.display_type)
        lines._pikc_check_distributions()
        for line in lines._pikc_charging_grants():
            if line.product_qty < 0 or line.price_unit < 0 or line.price_subtotal < 0:
                line._pikc_refuse_negative(line.price_subtotal)

    def _pikc_check_commitment_change(self, before):
        """The controls of a confirmation, on what the change of the lines
        ``self`` of confirmed orders adds; ``before`` is the snapshot of
        their orders taken before the change
        (``purchase.order._pikc_commitment_snapshot``).

        The check runs after the change is written, on the commitments as
        Odoo computed them (subtotal, taxes, billed quantity), so that no
        figure is computed twice in two ways; a refusal raises, and the
        whole change is rolled back with the transaction. The costs given
        to the budget control are the new commitments of the lines and
        their old ones negated, and the control is told the budget figures
        already include them (``counted``): it compares what the change
        adds with what was available before it. The control locks the
        budget lines of blocking grants, so that concurrent changes and
        confirmations are checked one after the other.
        """
        Grant = self.env["pikc.grant"]
        self.flush_recordset()
        for order in self.order_id:
            old_costs, old_values = before.get(order, ([], {}))
            costs = self.filtered(
                lambda line, order=order: line.order_id == order
            )._pikc_commitments()
            Grant._check_budget_change(
                costs,
                old_costs,
                order,
                self.env._("The purchase order %(order)s", order=order.name),
                order.company_id,
            )
            # Whatever it commits (a line billed already commits nothing),
            # the order's value may grow.
            order._pikc_check_procurement(before=old_values)
