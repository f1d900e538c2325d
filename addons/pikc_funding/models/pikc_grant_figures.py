from collections import defaultdict

from odoo import api, fields, models


class PikcGrant(models.Model):
    """The budget figures of a grant: the totals of its budget lines and
    the costs landing in none of them, all from one run of the budget
    engine (``pikc.grant.budget.line._pikc_budget_figures``), which the
    grant holds (``pikc_budget_figures``) for its lines to read."""

    _inherit = "pikc.grant"  # pylint: disable=consider-merging-classes-inherited

    pikc_analytic_line_ids = fields.One2many(
        "account.analytic.line",
        "pikc_grant_id",
        string="Costs",
        help="The posted cost shares charging the grant (analytic lines).",
    )
    pikc_budget_figures = fields.Json(
        string="Budget Figures",
        compute="_compute_pikc_budget_figures",
        compute_sudo=True,
        groups="base.group_system",
        help="The budget engine's figures of the grant's budget lines, read by "
        "the grant's and the lines' amounts.",
    )
    amount_unbudgeted = fields.Monetary(
        string="Costs Outside the Budget",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Costs charging the grant's analytic account that land in no "
        "budget line: posted costs (timesheets of a grant without a personnel "
        "line, hand-made analytic lines, costs posted before their line "
        "existed) and confirmed purchases not yet billed. They are in none of "
        "the budget's figures: add the missing budget line, or move the costs "
        "in accounting.",
    )

    @api.depends(
        "analytic_account_id",
        "vat_eligible",
        "budget_line_ids.category_id",
        "budget_line_ids.sequence",
        "pikc_analytic_line_ids.amount",
        "pikc_analytic_line_ids.pikc_budget_line_id",
        "pikc_analytic_line_ids.pikc_eligible",
        "pikc_analytic_line_ids.pikc_amount_eu",
    )
    def _compute_pikc_budget_figures(self):
        """One run of the engine for all the grants in ``self``. Costs
        posted (analytic lines) make it computed again; a control that
        changes commitments (a confirmation, an approval) invalidates it."""
        figures = self.env["pikc.grant.budget.line"]._pikc_budget_figures(self._origin)
        for grant in self:
            grant.pikc_budget_figures = figures.get(
                grant._origin.id, {"lines": {}, "unbudgeted": 0.0}
            )

    def _compute_amounts(self):
        for grant in self:
            figures = grant.pikc_budget_figures or {}
            totals = defaultdict(float)
            for line_figures in figures.get("lines", {}).values():
                for name, amount in line_figures.items():
                    totals[name] += amount
            grant._pikc_set_figures(grant.amount_planned, totals)
            grant.amount_unbudgeted = figures.get("unbudgeted", 0.0)
