from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountAnalyticLine(models.Model):
    """Analytic lines are how posted costs (vendor bills, expenses,
    timesheets) reach a grant: a line on the account of a closed grant, or
    of a grant its institution neither leads nor takes part in, is
    refused. A line charging a grant keeps the budget line it lands in when
    it is made, so that a later change of the category mappings or of the
    budget lines does not move costs already counted (and claimed)."""

    _inherit = "account.analytic.line"

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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_grants_open()
        lines._pikc_assign_budget_lines()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if set(self._get_plan_fnames()) & vals.keys():
            self._check_grants_open()
            if "pikc_budget_line_id" not in vals:
                self._pikc_assign_budget_lines(moved=True)
        if vals.get("pikc_budget_line_id"):
            self._check_budget_line_of_the_grant()
        return res

    def _check_budget_line_of_the_grant(self):
        """A cost counts only in a budget line of the grant it charges."""
        column = self._pikc_grant_column()
        for line in self:
            budget_line = line.pikc_budget_line_id.sudo()
            if (
                budget_line
                and column
                and budget_line.grant_id.analytic_account_id != line[column]
            ):
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

    def _pikc_assign_budget_lines(self, moved=False):
        """Store on the lines of ``self`` charging a grant the budget line
        they land in by the category mapping of now (unless one is chosen:
        the cost's own choice, or the line of the base cost for VAT). With
        ``moved`` (their account changed), a budget line of another grant
        is replaced. One query per budget line found, whatever the number
        of lines."""
        column = self._pikc_grant_column()
        if not column:
            return
        if moved:
            stale = self.filtered(
                lambda line: line.pikc_budget_line_id
                and line.pikc_budget_line_id.sudo().grant_id.analytic_account_id
                != line[column]
            )
            stale.sudo().write({"pikc_budget_line_id": False})
        lines = self.filtered(
            lambda line: line[column] and not line.pikc_budget_line_id
        )
        if not lines:
            return
        grants = (
            self.env["pikc.grant"]
            .sudo()
            .search([("analytic_account_id", "in", lines.mapped(column).ids)])
        )
        if not grants:
            return
        grant_by_account = {grant.analytic_account_id: grant for grant in grants}
        resolve = grants._category_resolver()
        target = grants._budget_line_targets()
        found = defaultdict(list)
        for line in lines:
            grant = grant_by_account.get(line[column])
            if not grant or line.pikc_tax_id:
                continue
            category = resolve(
                line.general_account_id, line.product_id, bool(line.project_id)
            )
            candidates = target.get((grant.id, category.id))
            if candidates:
                found[candidates[0]].append(line.id)
        for budget_line, ids in found.items():
            self.browse(ids).sudo().write({"pikc_budget_line_id": budget_line.id})

    def _check_grants_open(self):
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
