from odoo import api, fields, models


class AccountAnalyticLine(models.Model):
    """Analytic lines are how posted costs (vendor bills, expenses,
    timesheets) reach a grant: a line on the account of a closed grant, or
    of a grant its institution neither leads nor takes part in, is
    refused."""

    _inherit = "account.analytic.line"

    pikc_budget_line_id = fields.Many2one(
        "pikc.grant.budget.line",
        string="Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        help="The budget line of its grant this cost is counted in, when the "
        "grant plans the cost's category on several lines (activities). When "
        "set, it wins over the category mapping.",
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
        return lines

    def write(self, vals):
        res = super().write(vals)
        if set(self._get_plan_fnames()) & vals.keys():
            self._check_grants_open()
        return res

    def _check_grants_open(self):
        plan = self.env.ref(
            "pikc_funding.analytic_plan_funded_projects", raise_if_not_found=False
        )
        column = plan and plan._column_name()
        if not column or column not in self._fields:
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
