from collections import defaultdict

from odoo import api, models

from . import funding_math
from .budget_map import BudgetMap


class PikcGrantBudgetLine(models.Model):
    """The budget engine: the figures of the budget lines of a set of
    grants, computed in one place for every caller (the grant's budget
    page, the Budget vs Actual pivot, the budget control at confirmation,
    the benchmark).

    Posted costs are read from the facts each analytic line stores (its
    grant, budget line, eligibility and split by financing source) with one
    grouped query; the open commitments (confirmed purchase order lines not
    yet on a posted bill, approved expense reports not yet posted) are
    mapped to budget lines by the ``BudgetMap``. A fixed number of queries
    whatever the number of grants, lines and costs.
    """

    _inherit = "pikc.grant.budget.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _pikc_budget_map(self, grants):
        """The map of costs to the budget lines of ``grants``."""
        categories = (
            self.env["pikc.cost.category"].sudo().search([("active", "=", True)])
        )
        return BudgetMap(grants.sudo().filtered("analytic_account_id"), categories)

    @api.model
    def _pikc_budget_figures(self, grants):
        """By grant id: ``{"lines": {line id (str): figures}, "unbudgeted":
        amount}``, where the figures of a line are ``committed``,
        ``actual``, ``ineligible`` and the actual by financing source
        (``eu``, ``state``, ``municipality``, ``own``); ``unbudgeted`` is
        what charges the grant but lands in none of its lines (posted in any
        period, or committed). JSON-ready (``pikc.grant.pikc_budget_figures``
        holds it)."""
        grants = grants.sudo().filtered("analytic_account_id")
        result = {
            grant.id: {"lines": defaultdict(lambda: defaultdict(float))}
            for grant in grants
        }
        unbudgeted = defaultdict(float)
        for grant, line, eligible, amount, *split in (
            self.env["account.analytic.line"]
            .sudo()
            ._read_group(
                [("pikc_grant_id", "in", grants.ids)],
                ["pikc_grant_id", "pikc_budget_line_id", "pikc_eligible"],
                ["amount:sum"]
                + [f"pikc_amount_{source}:sum" for source in funding_math.SOURCES],
            )
        ):
            cost = -amount
            if not line:
                unbudgeted[grant.id] += cost
                continue
            figures = result[grant.id]["lines"][str(line.id)]
            if eligible:
                figures["actual"] += cost
                for source, part in zip(funding_math.SOURCES, split, strict=True):
                    figures[source] += part
            else:
                figures["ineligible"] += cost
        budget_map = self._pikc_budget_map(grants)
        committed = budget_map.amounts(self._pikc_open_commitments(grants), unbudgeted)
        for line in self.sudo().browse(list(committed)):
            result[line.grant_id.id]["lines"][str(line.id)]["committed"] += committed[
                line.id
            ]
        return {
            grant_id: {
                "lines": {
                    line_id: dict(figures)
                    for line_id, figures in values["lines"].items()
                },
                "unbudgeted": unbudgeted[grant_id],
            }
            for grant_id, values in result.items()
        }

    @api.model
    def _pikc_open_commitments(self, grants):
        """The commitments charging ``grants``, as costs without a date:
        confirmed purchase order lines not yet on a posted bill, and the
        expenses of approved reports not yet posted (owed, not yet
        actual)."""
        accounts = grants.analytic_account_id.ids
        purchase_lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("distribution_analytic_account_ids", "in", accounts),
                    ("state", "in", ("purchase", "done")),
                    ("display_type", "=", False),
                ],
                [
                    "analytic_distribution",
                    "product_id",
                    "product_qty",
                    "invoice_lines",
                    "price_subtotal",
                    "pikc_budget_line_id",
                ],
            )
        )
        approved_expenses = (
            self.env["hr.expense"]
            .sudo()
            .search(
                [
                    ("distribution_analytic_account_ids", "in", accounts),
                    ("sheet_id.state", "=", "approve"),
                ]
            )
        )
        return purchase_lines._pikc_commitments() + [
            cost._replace(date=None) for cost in approved_expenses._pikc_costs()
        ]

    def _compute_amounts(self):
        for line in self:
            figures = line.grant_id.pikc_budget_figures or {}
            line._pikc_set_figures(
                line.amount_planned,
                figures.get("lines", {}).get(str(line._origin.id), {}),
            )

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The computed amounts are measures of the pivot and the graph:
        summed by ``read_group``."""
        result = super().fields_get(allfields, attributes)
        for name in self._computed_measures:
            if name in result and (attributes is None or "aggregator" in attributes):
                result[name]["aggregator"] = "sum"
        return result

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Budget vs Actual: the computed amounts, not stored, are summed per
        group from the group's lines (whose figures come from the engine in
        one batch), and groups ordered by them are sorted once summed."""
        computed = {spec.split(":")[0] for spec in fields} & set(
            self._computed_measures
        )
        terms = [term.split() for term in (orderby or "").split(",") if term.strip()]
        by_measure = [term for term in terms if term[0] in self._computed_measures]
        groups = super().read_group(
            domain,
            [spec for spec in fields if spec.split(":")[0] not in computed],
            groupby,
            offset=offset,
            limit=limit,
            orderby=",".join(
                " ".join(term) for term in terms if term not in by_measure
            ),
            lazy=lazy,
        )
        for group in groups if computed else ():
            lines = self.search(group.get("__domain", domain))
            for name in computed:
                group[name] = sum(lines.mapped(name))
        for name, *direction in reversed(by_measure):
            groups.sort(
                key=lambda group, name=name: group.get(name) or 0.0,
                reverse=bool(direction) and direction[0].lower() == "desc",
            )
        return groups

    _computed_measures = (
        "amount_committed",
        "amount_actual",
        "amount_ineligible",
        "amount_available",
        "actual_eu",
        "actual_state",
        "actual_municipality",
        "actual_own",
    )
