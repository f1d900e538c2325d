from collections import defaultdict
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

from . import funding_math

COST_FACTS = (
    "pikc_grant_id",
    "pikc_eligible",
    "pikc_ineligible_reason",
    *(f"pikc_amount_{source}" for source in funding_math.SOURCES),
)
"""The facts an analytic line stores about the cost share it is: computed,
never written by a user."""

TIMESHEET_FIGURES = ("amount", "move_line_id", "pikc_budget_line_id", "company_id")
"""What a user may not type on a timesheet charging a grant: its amount is
Odoo's (hours × the employee's cost), its budget line the mapping's."""

COST_FIGURES = (
    *TIMESHEET_FIGURES,
    "date",
    "currency_id",
    "project_id",
    "task_id",
    "employee_id",
)
"""What a user may not type on any other cost charging a grant (with the
columns of the analytic plans): these lines come from Odoo's documents
(bills, expenses), which make them."""

DOCUMENTS_AT_WORK = "pikc_analytic_documents"
"""The key, on the cursor (not in the context, which a client sets), of
Odoo's documents making or removing their analytic lines."""


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

    def init(self):
        res = super().init()
        self.env["pikc.grant.budget.line"]._pikc_add_cost_grant_key()
        return res

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
        lines._pikc_check_made_by_documents()
        return lines

    def write(self, vals):
        self._pikc_check_no_cost_facts([vals])
        corrected = self._pikc_check_typed_figures(vals)
        res = super().write(vals)
        if set(self._get_plan_fnames()) & vals.keys():
            self._pikc_check_grants_open()
            self._pikc_store_grant_and_budget_line(
                moved="pikc_budget_line_id" not in vals
            )
        if vals.get("pikc_budget_line_id"):
            self._pikc_check_budget_line_of_the_grant()
        corrected._pikc_record_corrections(self.env._("changed"))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_document_costs(self):
        """A cost of a posted bill or expense is removed by its document
        (reset to draft, changed distribution), not by hand: deleting it
        would give its budget line back what the document spent."""
        if self._pikc_by_odoo():
            return
        lines = self.sudo().filtered(
            lambda line: line.pikc_grant_id
            and line.move_line_id
            and line.move_line_id.parent_state == "posted"
        )
        self._pikc_refuse_typed(lines, "delete")
        lines._pikc_record_corrections(self.env._("deleted"))

    # ------------------------------------------------------------------
    # Costs come from Odoo's documents
    # ------------------------------------------------------------------
    @api.model
    @contextmanager
    def _pikc_documents_at_work(self):
        """Mark the analytic lines made, changed or removed inside the block
        as the work of Odoo's documents (a bill or expense posted or reset
        to draft, a posted line's distribution changed): the figures they
        bring are the documents', checked by the budget control."""
        cache = self.env.cr.cache
        cache[DOCUMENTS_AT_WORK] = cache.get(DOCUMENTS_AT_WORK, 0) + 1
        try:
            yield
        finally:
            cache[DOCUMENTS_AT_WORK] -= 1

    def _pikc_by_odoo(self):
        """Whether Odoo itself makes the change: internal code as superuser,
        or a document at work (``_pikc_documents_at_work``)."""
        return self.env.su or bool(self.env.cr.cache.get(DOCUMENTS_AT_WORK))

    def _pikc_is_timesheet(self):
        self.ensure_one()
        return bool(self.project_id and self.employee_id)

    def _pikc_lead_manager(self, grants):
        """Whether the user is a funding manager of the lead institution of
        every grant of ``grants``: who corrects the costs of a grant."""
        user = self.env.user
        return user.has_group("pikc_funding.group_funding_manager") and all(
            grant.company_id in user.company_ids for grant in grants
        )

    def _pikc_refuse_typed(self, lines, action, names=(), grants=None):
        """Refuse ``action`` on the costs ``lines`` charging ``grants``
        (by default their own) to a user who is not a funding manager of
        the grants' lead institution."""
        grants = lines.pikc_grant_id if grants is None else grants
        if not lines or self._pikc_lead_manager(grants):
            return
        line = lines[:1]
        grant = grants[:1]
        raise AccessError(
            self.env._(
                "The cost “%(cost)s” charges the grant “%(grant)s”: its "
                "figures come from Odoo's documents (vendor bills, expenses, "
                "timesheets), so it cannot be %(action)s by hand%(fields)s. "
                "Correct the document it comes from, or ask a funding "
                "manager of %(company)s to correct the cost.",
                cost=line.name or "",
                grant=grant.display_name,
                action={
                    "create": self.env._("created"),
                    "write": self.env._("changed"),
                    "delete": self.env._("deleted"),
                }[action],
                fields=names
                and self.env._(
                    " (%(fields)s)",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in names
                    ),
                )
                or "",
                company=grant.company_id.name,
            )
        )

    def _pikc_check_made_by_documents(self):
        """Refuse the new lines ``self`` that charge a grant and come from
        no document: neither made by Odoo's documents (bills, expenses) nor
        timesheets (whose amount Odoo computes from the hours and the
        employee's cost). A funding manager of the grant's lead institution
        may correct a grant's costs by hand: recorded on the grant."""
        if self._pikc_by_odoo():
            return
        typed = self.sudo().filtered(
            lambda line: line.pikc_grant_id and not line._pikc_is_timesheet()
        )
        self._pikc_refuse_typed(typed, "create")
        typed._pikc_record_corrections(self.env._("created"))

    def _pikc_check_typed_figures(self, vals):
        """Refuse ``vals`` when they type a figure of a cost charging a
        grant (or make a line charge one): its amount, budget line,
        document or institution; for a cost that is not a timesheet, also
        its date, accounts, project and employee. Returns the lines a
        funding manager of the lead institution corrects, to be recorded."""
        lines = self.sudo()
        if self._pikc_by_odoo() or not lines:
            return lines.browse()
        column = self._pikc_grant_column()
        onto = self.env["pikc.grant"].sudo()
        if column and vals.get(column):
            onto = onto.search([("analytic_account_id", "=", vals[column])])
        plans = set(self._get_plan_fnames())
        corrected = lines.browse()
        for line in lines:
            grants = line.pikc_grant_id | onto
            if not grants:
                continue
            guarded = (
                TIMESHEET_FIGURES
                if line._pikc_is_timesheet()
                else (*COST_FIGURES, *sorted(plans))
            )
            names = [name for name in guarded if name in vals]
            if not names:
                continue
            self._pikc_refuse_typed(line, "write", names, grants)
            corrected |= line
        return corrected

    def _pikc_record_corrections(self, action):
        """Post on each grant the costs ``self`` a funding manager
        corrected by hand (``action``: created, changed, deleted): who,
        which cost, its amount and budget line."""
        for line in self.sudo().filtered("pikc_grant_id"):
            grant = line.pikc_grant_id
            grant.message_post(
                body=self.env._(
                    "Cost corrected by hand (%(action)s) by %(user)s: "
                    "“%(cost)s”, %(amount)s on %(date)s, budget line "
                    "%(line)s.",
                    action=action,
                    user=self.env.user.name,
                    cost=line.name or "",
                    amount=format_amount(self.env, -line.amount, line.currency_id),
                    date=line.date,
                    line=line.pikc_budget_line_id.display_name or self.env._("none"),
                ),
                author_id=self.env.user.partner_id.id,
            )

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
                keep = not moved or line.pikc_budget_line_id.grant_id == grant
                by_grant[grant, keep].append(line.id)
        # The grant and the budget line are written together: the database
        # refuses a cost counted in a line of another grant.
        for (grant, keep), ids in by_grant.items():
            values = {"pikc_grant_id": grant.id}
            if not keep or not grant:
                values["pikc_budget_line_id"] = False
            lines.browse(ids).write(values)
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
