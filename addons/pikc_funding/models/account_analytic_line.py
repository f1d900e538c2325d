from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import funding_math

COST_FACTS = (
    "pikc_grant_id",
    "pikc_eligible",
    "pikc_ineligible_reason",
    *(f"pikc_amount_{source}" for source in funding_math.SOURCES),
)
"""The facts an analytic line stores about the cost share it is: computed,
never written by a user."""


class AccountAnalyticLine(models.Model):
    """Analytic lines are how posted costs (vendor bills, expenses,
    timesheets) reach a grant: a line on the account of a closed grant, or
    of a grant its institution neither leads nor takes part in, is refused.

    Each line charging a grant is one cost share and stores its facts, which
    the budget figures, claims and reports read instead of recomputing
    them: its grant, the budget line it lands in (chosen when it is made, so
    that a later change of the category mappings or of the budget lines
    does not move costs already counted), whether it is eligible and why
    not, and its split by financing source, summing exactly to the cost."""

    _inherit = "account.analytic.line"

    pikc_grant_id = fields.Many2one(
        "pikc.grant",
        string="Grant",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        copy=False,
        help="The grant whose analytic account this cost charges.",
    )
    pikc_budget_line_id = fields.Many2one(
        "pikc.grant.budget.line",
        string="Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        help="The budget line of its grant this cost is counted in: chosen on "
        "the cost when the grant plans its category on several lines "
        "(activities), otherwise the line of its category when the cost was "
        "made. Later changes of the category mappings do not move it.",
    )
    pikc_tax_id = fields.Many2one(
        related="move_line_id.tax_line_id",
        string="Tax of the Cost",
        help="The tax whose journal item this line comes from: the VAT of a "
        "cost (a tax analytic on its base), ineligible on a grant whose VAT is "
        "not eligible.",
    )
    pikc_eligible = fields.Boolean(
        string="Eligible",
        compute="_compute_pikc_cost_facts",
        store=True,
        help="Whether the cost counts in its budget line's actual amount (and "
        "may be claimed).",
    )
    pikc_ineligible_reason = fields.Selection(
        [
            ("period", "Outside the eligibility period"),
            ("category", "Ineligible cost category"),
            ("vat", "VAT not eligible"),
            ("budget", "In no budget line"),
        ],
        string="Why Ineligible",
        compute="_compute_pikc_cost_facts",
        store=True,
    )
    pikc_amount_eu = fields.Monetary(
        string="Cost: EU / Programme",
        compute="_compute_pikc_cost_facts",
        store=True,
        help="The fund's part of the cost, by the grant's financing plan. The "
        "four parts sum exactly to the cost (the line's amount, positive for "
        "a cost).",
    )
    pikc_amount_state = fields.Monetary(
        string="Cost: State", compute="_compute_pikc_cost_facts", store=True
    )
    pikc_amount_municipality = fields.Monetary(
        string="Cost: Municipality", compute="_compute_pikc_cost_facts", store=True
    )
    pikc_amount_own = fields.Monetary(
        string="Cost: Own", compute="_compute_pikc_cost_facts", store=True
    )

    @api.depends(
        "amount",
        "date",
        "move_line_id.tax_line_id",
        "pikc_budget_line_id.category_id.eligible",
        "pikc_grant_id.date_start",
        "pikc_grant_id.date_end",
        "pikc_grant_id.eligible_from",
        "pikc_grant_id.eligible_to",
        "pikc_grant_id.vat_eligible",
        "pikc_grant_id.share_eu",
        "pikc_grant_id.share_state",
        "pikc_grant_id.share_municipality",
        "pikc_grant_id.share_own",
    )
    def _compute_pikc_cost_facts(self):
        for line in self:
            grant = line.pikc_grant_id
            budget_line = line.pikc_budget_line_id
            reason = grant and funding_math.ineligibility(
                line.date,
                grant._pikc_eligibility_period(),
                budget_line.category_id.eligible if budget_line else None,
                bool(line.move_line_id.tax_line_id),
                grant.vat_eligible,
            )
            line.pikc_eligible = bool(grant) and not reason
            line.pikc_ineligible_reason = reason or False
            parts = (
                funding_math.split_amount(-line.amount, grant._financing_shares())
                if grant
                else {}
            )
            for source in funding_math.SOURCES:
                line[f"pikc_amount_{source}"] = parts.get(source, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        self._pikc_check_no_cost_facts(vals_list)
        lines = super().create(vals_list)
        lines._pikc_check_grants_open()
        lines._pikc_store_grant_and_budget_line()
        lines.filtered("pikc_budget_line_id")._pikc_check_budget_line_of_the_grant()
        return lines

    def write(self, vals):
        self._pikc_check_no_cost_facts([vals])
        res = super().write(vals)
        if set(self._get_plan_fnames()) & vals.keys():
            self._pikc_check_grants_open()
            self._pikc_store_grant_and_budget_line(
                moved="pikc_budget_line_id" not in vals
            )
        if vals.get("pikc_budget_line_id"):
            self._pikc_check_budget_line_of_the_grant()
        return res

    def _pikc_check_no_cost_facts(self, vals_list):
        """The stored facts of a cost are computed from its documents:
        nobody types them (internal code runs as superuser)."""
        if self.env.su:
            return
        typed = {name for vals in vals_list for name in vals if name in COST_FACTS}
        if typed:
            raise UserError(
                self.env._(
                    "The grant, eligibility and financing split of a cost "
                    "(%(fields)s) follow from its documents and cannot be set "
                    "by hand. Charge the grant in the analytic distribution "
                    "of the bill, expense or timesheet instead.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in sorted(typed)
                    ),
                )
            )

    def _pikc_check_budget_line_of_the_grant(self):
        """A cost counts only in a budget line of the grant it charges."""
        for line in self:
            budget_line = line.pikc_budget_line_id.sudo()
            if budget_line and budget_line.grant_id != line.sudo().pikc_grant_id:
                raise ValidationError(
                    self.env._(
                        "The cost “%(cost)s” does not charge the grant "
                        "“%(grant)s”: it cannot count in its budget line "
                        "“%(line)s”. Charge the grant in the cost's analytic "
                        "distribution, or choose a budget line of the grant "
                        "it charges.",
                        cost=line.name or "",
                        grant=budget_line.grant_id.display_name,
                        line=budget_line.display_name,
                    )
                )

    def _pikc_grant_column(self):
        """The column of the Funded projects plan, or None (while the
        module installs)."""
        plan = self.env.ref(
            "pikc_funding.analytic_plan_funded_projects", raise_if_not_found=False
        )
        column = plan and plan._column_name()
        return column if column and column in self._fields else None

    def _pikc_store_grant_and_budget_line(self, moved=False):
        """Store on the lines of ``self`` the grant whose account they charge
        and, for those charging one, the budget line they land in by the
        category mapping of now (unless one is chosen: the cost's own
        choice, or the line of the base cost for VAT). With ``moved`` (their
        account changed), a budget line of another grant is replaced. A
        write per grant and per budget line found, whatever the number of
        lines."""
        column = self._pikc_grant_column()
        if not column:
            return
        lines = self.sudo()
        grants = (
            self.env["pikc.grant"]
            .sudo()
            .search([("analytic_account_id", "in", lines.mapped(column).ids)])
        )
        grant_by_account = {grant.analytic_account_id: grant for grant in grants}
        by_grant = defaultdict(list)
        for line in lines:
            grant = grant_by_account.get(line[column], grants.browse())
            if line.pikc_grant_id != grant:
                by_grant[grant].append(line.id)
        for grant, ids in by_grant.items():
            lines.browse(ids).write({"pikc_grant_id": grant.id})
        if moved:
            lines.filtered(
                lambda line: line.pikc_budget_line_id
                and line.pikc_budget_line_id.grant_id != line.pikc_grant_id
            ).write({"pikc_budget_line_id": False})
        lines = lines.filtered(
            lambda line: line.pikc_grant_id
            and not line.pikc_budget_line_id
            and not line.pikc_tax_id
        )
        if not lines:
            return
        budget_map = self.env["pikc.grant.budget.line"]._pikc_budget_map(grants)
        found = defaultdict(list)
        for line in lines:
            category = budget_map.category(
                line.general_account_id, line.product_id, bool(line.project_id)
            )
            candidates = budget_map.candidates(line.pikc_grant_id, category)
            if candidates:
                found[candidates[0]].append(line.id)
        for budget_line, ids in found.items():
            lines.browse(ids).write({"pikc_budget_line_id": budget_line.id})

    def _pikc_check_grants_open(self):
        column = self._pikc_grant_column()
        if not column:
            return
        for company in self.company_id:
            lines = self.filtered_domain([("company_id", "=", company.id)])
            accounts = lines.mapped(column)
            if accounts:
                self.env["pikc.grant"]._check_accounts_open_for_costs(
                    accounts.ids,
                    self.env._("The cost “%(cost)s”", cost=lines[:1].name or ""),
                    company,
                )
