from collections import defaultdict
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

from . import funding_math

STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("closing", "Closing"),
    ("closed", "Closed"),
]

FUNDING_MANAGER_FIELDS = (
    "fund_id",
    "budget_policy",
    "vat_eligible",
    "share_eu",
    "share_state",
    "share_municipality",
    "share_own",
)
"""The funding manager's decisions on a grant: once it is no longer a draft,
only a funding manager changes them (the fund sets the financing plan)."""

PROJECT_MANAGER_TRANSITIONS = {
    ("approved", "running"),
    ("running", "closing"),
    ("approved", "draft"),
}
"""The state changes a project manager makes (start, start closing, back to
draft); every other change of state is a funding manager's (approve,
close, reopen)."""


class PikcGrant(models.Model):
    """A funded project under a grant agreement with a funding body.

    The grant belongs to its lead institution; partner institutions take
    part in it and see it too. Its financing plan splits every cost between
    the EU fund, the state, the municipality and the institution's own
    money (shares summing to 100 %). The grant has its own analytic account
    in the *Funded projects* plan, created with it: purchase order lines,
    vendor bills, expenses and timesheets reach the grant through Odoo's
    analytic distribution, so its money is never typed in. Its budget lines
    say what each cost category may spend.

    The auditor (viewer) reads the grants of their institutions and changes
    nothing; the project accountant reads them and assigns costs in
    accounting; the project manager plans them (dates, financing plan,
    budget lines) and runs them through their states; the funding manager
    approves and closes them, and alone deletes a grant. Once a grant is no
    longer a draft, its fund, financing plan, VAT eligibility and budget
    control are the funding manager's decisions, as are approving, closing
    and reopening it: ``write`` refuses them to anyone else. All of this
    only on the grants their institution leads; partner institutions read
    the grant and charge their costs to it, and no other institution may.
    A closed grant refuses new costs.
    """

    _name = "pikc.grant"
    _description = "Grant (Funded Project)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, code"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    code = fields.Char(
        string="Agreement Number",
        required=True,
        tracking=True,
        help="Number of the grant agreement, as the funding body gives it.",
    )
    fund_id = fields.Many2one(
        "pikc.fund", required=True, tracking=True, ondelete="restrict"
    )
    fund_type = fields.Selection(related="fund_id.fund_type", store=True)
    authority_id = fields.Many2one(related="fund_id.authority_id")
    company_id = fields.Many2one(
        "res.company",
        string="Lead Institution",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_company_ids = fields.Many2many(
        "res.company",
        "pikc_grant_partner_company_rel",
        "grant_id",
        "company_id",
        string="Partner Institutions",
        help="Member institutions taking part in the project: they see the "
        "grant and may charge their costs to it.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    manager_id = fields.Many2one(
        "res.users",
        string="Project Manager",
        default=lambda self: self.env.user,
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("pikc_funding.group_project_manager").id)
        ],
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    eligible_from = fields.Date(
        compute="_compute_eligibility_period",
        store=True,
        readonly=False,
        tracking=True,
        help="First day on which a cost is eligible; the grant's start unless "
        "the agreement says otherwise.",
    )
    eligible_to = fields.Date(
        compute="_compute_eligibility_period",
        store=True,
        readonly=False,
        tracking=True,
        help="Last day on which a cost is eligible; the grant's end unless the "
        "agreement says otherwise.",
    )
    durability_end = fields.Date(
        compute="_compute_durability_end",
        help="Until this day what the grant financed must be kept (the grant's "
        "end plus the fund's durability years).",
    )
    share_eu = fields.Float(
        string="EU / Programme (%)",
        digits=(5, 2),
        compute="_compute_shares",
        store=True,
        readonly=False,
        tracking=True,
        help="Share of the fund (EU or programme) in every eligible cost.",
    )
    share_state = fields.Float(
        string="State (%)",
        digits=(5, 2),
        compute="_compute_shares",
        store=True,
        readonly=False,
        tracking=True,
    )
    share_municipality = fields.Float(
        string="Municipality (%)",
        digits=(5, 2),
        compute="_compute_shares",
        store=True,
        readonly=False,
        tracking=True,
    )
    share_own = fields.Float(
        string="Own (%)",
        digits=(5, 2),
        compute="_compute_shares",
        store=True,
        readonly=False,
        tracking=True,
    )
    vat_eligible = fields.Boolean(
        string="VAT Eligible",
        tracking=True,
        help="Whether VAT paid on costs may be claimed (when the institution "
        "cannot recover it).",
    )
    budget_policy = fields.Selection(
        [("none", "None"), ("warn", "Warn"), ("block", "Block")],
        string="Budget Control",
        default="warn",
        required=True,
        tracking=True,
        help="What happens when a purchase, bill or expense would take a "
        "budget line past its available amount: nothing, a logged warning, "
        "or a refusal that only a funding manager may override.",
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        readonly=True,
        copy=False,
        ondelete="restrict",
        tracking=True,
        help="The grant's account in the Funded projects plan: put it in the "
        "analytic distribution of a purchase, bill, expense or project to "
        "charge the grant.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, copy=False
    )
    budget_line_ids = fields.One2many(
        "pikc.grant.budget.line", "grant_id", string="Budget", copy=True
    )
    amount_planned = fields.Monetary(
        string="Planned",
        compute="_compute_amount_planned",
        store=True,
        tracking=True,
        help="Total of the budget lines.",
    )
    amount_committed = fields.Monetary(
        string="Committed", compute="_compute_amounts", compute_sudo=True
    )
    amount_actual = fields.Monetary(
        string="Actual", compute="_compute_amounts", compute_sudo=True
    )
    amount_ineligible = fields.Monetary(
        string="Ineligible", compute="_compute_amounts", compute_sudo=True
    )
    amount_available = fields.Monetary(
        string="Available", compute="_compute_amounts", compute_sudo=True
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
    consumption = fields.Float(
        string="Consumption (%)", compute="_compute_amounts", compute_sudo=True
    )
    actual_eu = fields.Monetary(
        string="Actual: EU / Programme", compute="_compute_amounts", compute_sudo=True
    )
    actual_state = fields.Monetary(
        string="Actual: State", compute="_compute_amounts", compute_sudo=True
    )
    actual_municipality = fields.Monetary(
        string="Actual: Municipality", compute="_compute_amounts", compute_sudo=True
    )
    actual_own = fields.Monetary(
        string="Actual: Own", compute="_compute_amounts", compute_sudo=True
    )
    procurement_ids = fields.One2many(
        "pikc.procurement", "grant_id", string="Procurements"
    )
    override_ids = fields.One2many(
        "pikc.grant.override",
        "grant_id",
        string="Budget Overrides",
        help="Documents a funding manager let through past the budget, with "
        "the reason.",
    )
    purchase_count = fields.Integer(compute="_compute_cost_counts")
    bill_count = fields.Integer(compute="_compute_cost_counts")
    expense_count = fields.Integer(compute="_compute_cost_counts")
    timesheet_count = fields.Integer(compute="_compute_cost_counts")
    color = fields.Integer()
    note = fields.Html(string="Description")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique (company_id, code)",
            "The lead institution already has a grant with this agreement number.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_start", "date_end")
    def _compute_eligibility_period(self):
        """The grant's period by default; when the grant's dates move, an
        eligibility date they leave outside follows them (set outside the
        grant's period by hand, it is refused by ``_check_dates``)."""
        for grant in self:
            start, end = grant.date_start, grant.date_end
            eligible_from, eligible_to = grant.eligible_from, grant.eligible_to
            if not eligible_from or (start and eligible_from < start):
                grant.eligible_from = start
            if not eligible_to or (end and eligible_to > end):
                grant.eligible_to = end

    @api.depends("date_end", "fund_id.durability_years")
    def _compute_durability_end(self):
        for grant in self:
            grant.durability_end = grant.date_end and fields.Date.add(
                grant.date_end, years=grant.fund_id.durability_years
            )

    @api.depends("fund_id")
    def _compute_shares(self):
        for grant in self:
            shares = grant.fund_id and grant.fund_id._financing_shares()
            shares = shares or {"own": 100.0}
            grant.share_eu = shares.get("eu", 0.0)
            grant.share_state = shares.get("state", 0.0)
            grant.share_municipality = shares.get("municipality", 0.0)
            grant.share_own = shares.get("own", 0.0)

    @api.depends("budget_line_ids.amount_planned")
    def _compute_amount_planned(self):
        for grant in self:
            grant.amount_planned = sum(grant.budget_line_ids.mapped("amount_planned"))

    def _compute_amounts(self):
        """Totals of the budget lines, and the costs landing in none of
        them, whose figures come from one grouped query per source for all
        the grants at once (``_budget_figures``): the lines' figures are
        filled in from the same queries."""
        grants = self._origin
        figures, unbudgeted = grants._budget_figures()
        grants.budget_line_ids._set_figures(figures)
        for grant in self:
            grant.amount_unbudgeted = unbudgeted.get(grant._origin.id, 0.0)
            lines = grant.budget_line_ids
            committed = sum(lines.mapped("amount_committed"))
            actual = sum(lines.mapped("amount_actual"))
            grant.amount_committed = committed
            grant.amount_actual = actual
            grant.amount_ineligible = sum(lines.mapped("amount_ineligible"))
            grant.amount_available = funding_math.available(
                grant.amount_planned, committed, actual
            )
            grant.consumption = (
                funding_math.consumption(grant.amount_planned, committed, actual) or 0.0
            )
            grant.actual_eu = sum(lines.mapped("actual_eu"))
            grant.actual_state = sum(lines.mapped("actual_state"))
            grant.actual_municipality = sum(lines.mapped("actual_municipality"))
            grant.actual_own = sum(lines.mapped("actual_own"))

    def _compute_cost_counts(self):
        accounts = self.analytic_account_id
        purchases = self._records_by_account(
            "purchase.order.line", [("state", "in", ("purchase", "done"))], "order_id"
        )
        bills = self._records_by_account(
            "account.move.line",
            [("move_id.move_type", "in", ("in_invoice", "in_refund"))],
            "move_id",
        )
        expenses = self._records_by_account("hr.expense", [], "id")
        timesheets = dict(
            self.env["account.analytic.line"]
            .sudo()
            ._read_group(
                [
                    (self._grant_column(), "in", accounts.ids),
                    ("project_id", "!=", False),
                ],
                [self._grant_column()],
                ["__count"],
            )
        )
        for grant in self:
            account = grant.analytic_account_id
            grant.purchase_count = len(purchases.get(account.id, ()))
            grant.bill_count = len(bills.get(account.id, ()))
            grant.expense_count = len(expenses.get(account.id, ()))
            grant.timesheet_count = timesheets.get(account, 0)

    def _records_by_account(self, model, domain, record_field):
        """Ids of ``record_field`` of the ``model`` lines whose analytic
        distribution names a grant's account, by account id: one query."""
        accounts = self.analytic_account_id
        result = {account.id: set() for account in accounts}
        if not accounts:
            return result
        lines = (
            self.env[model]
            .sudo()
            .search_fetch(
                [("distribution_analytic_account_ids", "in", accounts.ids), *domain],
                ["analytic_distribution"]
                + ([record_field] if record_field != "id" else []),
            )
        )
        for line in lines:
            for account_id in result:
                if funding_math.distribution_share(
                    line.analytic_distribution, account_id
                ):
                    record = line if record_field == "id" else line[record_field]
                    result[account_id].add(record.id)
        return result

    # ------------------------------------------------------------------
    # Where the money comes from
    # ------------------------------------------------------------------
    def _category_resolver(self):
        """A function mapping (general account, product, is timesheet) to a
        cost category, built from the categories' mappings once."""
        categories = (
            self.env["pikc.cost.category"].sudo().search([("active", "=", True)])
        )
        by_account = {}
        by_product_category = {}
        personnel = self.env["pikc.cost.category"]
        for category in categories:
            for account in category.account_ids:
                by_account.setdefault(account.id, category)
            for product_category in category.product_category_ids:
                by_product_category.setdefault(product_category.id, category)
            if category.is_personnel and not personnel:
                personnel = category

        def resolve(account, product, is_timesheet):
            if is_timesheet:
                return personnel
            if account and account.id in by_account:
                return by_account[account.id]
            categ = product.categ_id
            while categ:
                if categ.id in by_product_category:
                    return by_product_category[categ.id]
                categ = categ.parent_id
            return self.env["pikc.cost.category"]

        return resolve

    def _budget_figures(self):
        """Committed, actual and ineligible amounts by budget line id, for
        all the budget lines of the grants in ``self``; and by grant id, the
        costs that charge a grant but land in none of its budget lines
        (posted in any period, or committed): ``(figures, unbudgeted)``.

        A fixed number of queries whatever the number of grants, lines and
        costs: the analytic lines in the grants' eligibility periods, all
        their analytic lines (both grouped by account, general account,
        product, timesheet, chosen budget line and tax), the confirmed
        purchase order lines charging them (with their posted bill lines)
        and the expenses of approved reports not posted yet (committed).
        The analytic lines of a tax (the VAT of a cost, when the tax is
        analytic) land in the budget line of their base cost, chosen when the
        cost is posted (``account.move.line._prepare_analytic_lines``); they
        are ineligible when the grant's VAT is not eligible.
        """
        grants = self.sudo().filtered("analytic_account_id")
        figures = defaultdict(lambda: defaultdict(float))
        unbudgeted = defaultdict(float)
        if not grants:
            return figures, unbudgeted
        resolve = grants._category_resolver()
        target = grants._budget_line_targets()
        grant_by_account = {grant.analytic_account_id.id: grant for grant in grants}
        column = self._grant_column()
        AnalyticLine = self.env["account.analytic.line"].sudo()
        groupby = [
            column,
            "general_account_id",
            "product_id",
            "project_id",
            "pikc_budget_line_id",
            "pikc_tax_id",
        ]

        def actual_groups(domain):
            return AnalyticLine._read_group(
                [(column, "in", list(grant_by_account)), *domain],
                groupby,
                ["amount:sum"],
            )

        eligible_domain = ["|"] * (len(grants) - 1)
        for grant in grants:
            eligible_domain += [
                "&",
                "&",
                (column, "=", grant.analytic_account_id.id),
                ("date", ">=", grant.eligible_from or grant.date_start),
                ("date", "<=", grant.eligible_to or grant.date_end),
            ]
        for key, domain in (("eligible", eligible_domain), ("all", [])):
            for (
                account,
                general_account,
                product,
                project,
                chosen,
                tax,
                amount,
            ) in actual_groups(domain):
                grant = grant_by_account[account.id]
                if chosen.grant_id == grant:
                    line, category = chosen, chosen.category_id
                else:
                    category = resolve(general_account, product, bool(project))
                    line = target.get((grant.id, category.id), [None])[0]
                cost = -amount
                if not line:
                    if key == "all":
                        unbudgeted[grant.id] += cost
                    continue
                if key == "all":
                    figures[line.id]["all"] += cost
                elif category.eligible and (grant.vat_eligible or not tax):
                    figures[line.id]["actual"] += cost
        for amounts in figures.values():
            amounts["ineligible"] = amounts.pop("all", 0.0) - amounts["actual"]

        purchase_lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("distribution_analytic_account_ids", "in", list(grant_by_account)),
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
        # Approved expense reports not posted yet are committed: approved,
        # they are owed; their journal entries make them actual.
        approved_expenses = (
            self.env["hr.expense"]
            .sudo()
            .search(
                [
                    ("distribution_analytic_account_ids", "in", list(grant_by_account)),
                    ("sheet_id.state", "=", "approve"),
                ]
            )
        )
        commitments = purchase_lines._pikc_commitments() + [
            cost._replace(date=None) for cost in approved_expenses._pikc_costs()
        ]
        committed = grants._budget_line_amounts(
            commitments,
            resolve=resolve,
            target=target,
            unbudgeted=unbudgeted,
        )
        for line_id, amount in committed.items():
            figures[line_id]["committed"] += amount
        return figures, unbudgeted

    def _budget_line_targets(self):
        """The budget lines of each ``(grant id, category id)`` of the grants
        in ``self``, in their order: where a cost of that category lands.
        When a category has several lines (activities), the mapping is
        ambiguous: the cost must choose its line (``pikc_budget_line_id``);
        a cost that did not (a timesheet, a line posted before) counts in
        the first one."""
        target = defaultdict(list)
        lines = self.sudo().budget_line_ids.sorted(lambda b: (b.sequence, b.id))
        for line in lines:
            target[line.grant_id.id, line.category_id.id].append(line)
        return target

    def _cost_budget_line(self, cost, resolve, target):
        """The budget line of the grant ``self`` in which ``cost`` lands,
        with the candidates when the category mapping is ambiguous:
        ``(line, candidates)``. The line chosen on the cost wins when it
        belongs to the grant."""
        chosen = cost.budget_line
        if chosen and chosen.grant_id == self:
            return chosen, chosen
        category = resolve(cost.account, cost.product, False)
        candidates = target.get((self.id, category.id), [])
        return (candidates[0] if candidates else None), candidates

    def _budget_line_amounts(self, costs, resolve=None, target=None, unbudgeted=None):
        """What ``costs`` bring to the budget lines of the grants in
        ``self``, by budget line id: each cost's share of a grant in its
        analytic distribution, landing in the line of its category.

        ``costs`` are ``funding_math.Cost`` (or tuples of its fields); a
        cost without a date is a commitment (counted whatever its date), one
        with a date is an actual cost and counts only when eligible (in the
        grant's eligibility period, of an eligible category). The budget line chosen
        on the cost (or an empty recordset) wins over the category mapping
        for its grant. A cost that is the VAT of another (``is_vat``, see
        ``_analytic_tax_amount``) counts only on grants whose VAT is
        eligible. This is the one mapping of costs to budget lines: the
        budget figures and the budget control both use it.

        A grant's share of a cost that lands in none of its budget lines is
        added to ``unbudgeted`` (by grant id), when given.
        """
        grants = self.sudo().filtered("analytic_account_id")
        resolve = resolve or grants._category_resolver()
        target = target if target is not None else grants._budget_line_targets()
        amounts = defaultdict(float)
        for cost in (funding_math.Cost(*cost) for cost in costs):
            amount, cost_date = cost.amount, cost.date
            for grant in grants:
                if cost.is_vat and not grant.vat_eligible:
                    continue
                share = funding_math.distribution_share(
                    cost.distribution, grant.analytic_account_id.id
                )
                if not share:
                    continue
                line = grant._cost_budget_line(cost, resolve, target)[0]
                if not line:
                    if unbudgeted is not None:
                        unbudgeted[grant.id] += grant.currency_id.round(
                            amount * share / 100
                        )
                    continue
                if cost_date and not line.category_id.eligible:
                    continue
                if cost_date and not funding_math.is_eligible(
                    cost_date,
                    grant.eligible_from or grant.date_start,
                    grant.eligible_to or grant.date_end,
                ):
                    continue
                amounts[line.id] += grant.currency_id.round(amount * share / 100)
        return amounts

    @api.model
    def _analytic_tax_amount(self, base_line, company):
        """The part of the taxes of ``base_line`` (prepared by a record's
        ``_prepare_base_line_for_taxes_computation``) that Odoo puts on the
        record's analytic distribution when it is posted: taxes "included in
        analytic cost" and non-deductible parts of a tax. In the company's
        currency, computed by Odoo's own tax engine, as the journal items
        will be; the VAT of a cost that a grant counts only when its VAT is
        eligible."""
        if not base_line["tax_ids"] or not base_line["analytic_distribution"]:
            return 0.0
        AccountTax = self.env["account.tax"]
        AccountTax._add_tax_details_in_base_lines([base_line], company)
        AccountTax._round_base_lines_tax_details([base_line], company)
        AccountTax._add_accounting_data_in_base_lines_tax_details([base_line], company)
        tax_lines = AccountTax._prepare_tax_lines([base_line], company)
        return sum(
            values["balance"]
            for values in tax_lines["tax_lines_to_add"]
            if values.get("analytic_distribution")
        )

    # ------------------------------------------------------------------
    # Budget control
    # ------------------------------------------------------------------
    @api.model
    def _check_budget(self, costs, document, counted=False, related=()):
        """Budget control of ``document`` (a purchase order being confirmed,
        a vendor bill being posted, an expense report being approved), whose
        ``costs`` (see ``_budget_line_amounts``) would add to the budget lines
        of the grants they charge.

        With ``counted``, the budget figures already include ``costs``: a
        confirmed document changed, checked after the change is written (see
        ``purchase.order.line._pikc_check_commitment_change``). Its costs are
        then what the change adds (negative for what it takes back), and a
        line's amount available before it is the available amount plus that
        addition.

        ``related`` are costs that add to the budget lines with the
        document's own but are not its own: the commitments a bill
        releases, the old commitment of a changed line (negated), the costs
        of the documents checked before it in the same batch. They count in
        the amounts; the budget line choice is checked on ``costs`` only.

        Per grant and its ``budget_policy``: ``none`` lets it go; ``warn``
        lets it go and logs on the grant which lines it takes past their
        available amount, and by how much; ``block`` refuses it, listing each
        line, its available amount and the excess, unless a funding manager
        overrides with a reason (context key ``pikc_budget_override_reason``,
        set by the override wizard): the override is recorded on the grant.

        Whatever the policy, each cost charging a grant must land in exactly
        one of its budget lines: a cost whose category the grant plans on
        several budget lines must choose its line, and a cost that no line
        takes (its category unplanned or unmapped) is refused
        (``_check_budget_line_choice``).

        Returns the warnings of the ``warn`` grants (one text per grant,
        naming the document, the grant, the lines taken past their available
        amount and the excess), for the user to see (see
        ``_budget_warning_action``).

        The budget lines of blocking grants are locked first, so that
        concurrent confirmations against one line are checked one after the
        other (see ``pikc.grant.budget.line._lock_for_budget_control``).
        """
        costs = [funding_math.Cost(*cost) for cost in costs]
        related = [funding_math.Cost(*cost) for cost in related]
        account_ids = {
            int(account_id)
            for distribution, *_rest in [*costs, *related]
            for key in distribution or {}
            for account_id in key.split(",")
        }
        charged = (
            self.sudo().search([("analytic_account_id", "in", list(account_ids))])
            if account_ids
            else self.sudo()
        )
        if not charged:
            return []
        resolve = charged._category_resolver()
        target = charged._budget_line_targets()
        charged._check_budget_line_choice(costs, document, resolve, target)
        grants = charged.filtered(lambda grant: grant.budget_policy != "none")
        additions = grants._budget_line_amounts(
            [*costs, *related], resolve=resolve, target=target
        )
        lines = self.env["pikc.grant.budget.line"].sudo().browse(sorted(additions))
        if not lines:
            return []
        lines.filtered(
            lambda line: line.grant_id.budget_policy == "block"
        )._lock_for_budget_control()
        lines.invalidate_recordset()
        overruns = funding_math.budget_overruns(
            [
                (
                    line,
                    line.amount_available + (additions[line.id] if counted else 0.0),
                    additions[line.id],
                )
                for line in lines
            ]
        )
        # The figures change with the document: computed again when read.
        lines.invalidate_recordset()
        lines.grant_id.invalidate_recordset()
        blocked = []
        warnings = []
        for grant in lines.grant_id:
            grant_overruns = [row for row in overruns if row[0].grant_id == grant]
            if not grant_overruns:
                continue
            summary = grant._budget_overrun_summary(grant_overruns)
            if grant.budget_policy == "warn":
                grant.message_post(
                    body=self.env._(
                        "%(document)s goes past the budget: %(lines)s",
                        document=document.display_name,
                        lines="; ".join(summary),
                    ),
                    author_id=self.env.user.partner_id.id,
                )
                warnings.append(
                    self.env._(
                        "%(document)s goes past the budget of the grant "
                        "“%(grant)s”: %(lines)s.",
                        document=document.display_name,
                        grant=grant.display_name,
                        lines="; ".join(summary),
                    )
                )
            elif "pikc_budget_override_reason" in self.env.context:
                grant._override_budget(document, summary)
            else:
                blocked.append((grant, summary))
        if blocked:
            lines = "\n".join(
                f"{grant.display_name}: {line}"
                for grant, summary in blocked
                for line in summary
            )
            if counted:
                # A change of a confirmed document: there is nothing for the
                # override wizard to confirm again.
                raise UserError(
                    self.env._(
                        "This change of %(document)s would take budget lines "
                        "past their available amount:\n%(lines)s\nReduce the "
                        "change, or have the planned amount of the budget line "
                        "raised (a budget amendment) first.",
                        document=document.display_name,
                        lines=lines,
                    )
                )
            raise UserError(
                self.env._(
                    "%(document)s would take budget lines past their available "
                    "amount:\n%(lines)s\nReduce it, or ask a funding manager to "
                    "override the budget control with a reason.",
                    document=document.display_name,
                    lines=lines,
                )
            )
        return warnings

    @api.model
    @contextmanager
    def _collect_budget_warnings(self):
        """Gather the warnings of the budget controls run inside the block
        (``_report_budget_warnings``), for an action to show them: the
        controls run where Odoo confirms, posts or approves (so that no path
        escapes them), below the button that shows the result. Kept on the
        cursor, not in the context, which a client could set."""
        cache = self.env.cr.cache
        outer = cache.get("pikc_budget_warnings")
        warnings = cache["pikc_budget_warnings"] = []
        try:
            yield warnings
        finally:
            cache["pikc_budget_warnings"] = outer

    @api.model
    def _report_budget_warnings(self, warnings):
        """Hand ``warnings`` to the enclosing ``_collect_budget_warnings``,
        if any (otherwise they are in the grants' chatter only)."""
        collector = self.env.cr.cache.get("pikc_budget_warnings")
        if collector is not None:
            collector.extend(warnings)

    @api.model
    def _budget_warning_action(self, warnings, result):
        """What a control point (purchase confirmation, bill posting,
        expense approval) returns once done: when documents went past the
        budget of grants under the ``warn`` policy, a sticky warning
        notification listing ``warnings`` (see ``_check_budget``), after
        which the view reloads; otherwise, or when Odoo already returns an
        action (a wizard), its ``result``."""
        if not warnings or isinstance(result, dict):
            return result
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Past the budget"),
                "message": "\n".join(warnings),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cost_label(self, account, product):
        """How a refusal names a cost: its product, else its account."""
        return product.display_name or (account and account.display_name) or ""

    def _check_budget_line_choice(self, costs, document, resolve, target):
        """Refuse ``document`` when one of its costs charges a grant of
        ``self`` and does not land in exactly one of its budget lines:
        either the grant plans the cost's category on several lines
        (activities) and the cost does not say which one, naming the lines
        to choose from; or no budget line of the grant takes it (the grant
        does not plan its category, or its product and account map to no
        cost category), which would leave it out of every figure. The VAT of
        a cost (``is_vat``) is exempt from the latter: its base cost
        is checked. Whatever the grant's budget policy."""
        for cost in costs:
            distribution, account, product = cost[:3]
            for grant in self:
                if not funding_math.distribution_share(
                    distribution, grant.analytic_account_id.id
                ):
                    continue
                line, candidates = grant._cost_budget_line(cost, resolve, target)
                if len(candidates) > 1:
                    raise UserError(
                        self.env._(
                            "%(document)s: the cost “%(cost)s” charges the grant "
                            "“%(grant)s”, which plans its category on several "
                            "budget lines: %(lines)s. Choose its budget line on "
                            "the line.",
                            document=document.display_name,
                            cost=self._cost_label(account, product),
                            grant=grant.display_name,
                            lines=", ".join(line.display_name for line in candidates),
                        )
                    )
                if line or cost.is_vat:
                    continue
                category = resolve(account, product, False)
                if category:
                    raise UserError(
                        self.env._(
                            "%(document)s: the cost “%(cost)s” of the cost "
                            "category “%(category)s” charges the grant "
                            "“%(grant)s”, whose budget has no line for that "
                            "category: the cost would count in no budget line. "
                            "Add a budget line for %(category)s to the grant, "
                            "or choose one of its budget lines on the line.",
                            document=document.display_name,
                            cost=self._cost_label(account, product),
                            category=category.name,
                            grant=grant.display_name,
                        )
                    )
                raise UserError(
                    self.env._(
                        "%(document)s: the cost “%(cost)s” has no cost category "
                        "(neither its product category nor its expense account "
                        "is mapped to one) and charges the grant “%(grant)s”: "
                        "it would count in no budget line. Map its product "
                        "category or expense account to a cost category "
                        "planned by the grant, or choose one of the grant's "
                        "budget lines on the line.",
                        document=document.display_name,
                        cost=self._cost_label(account, product),
                        grant=grant.display_name,
                    )
                )

    def _budget_overrun_summary(self, overruns):
        """One sentence per ``(budget line, available, excess)``."""
        self.ensure_one()
        return [
            self.env._(
                "%(line)s: available %(available)s, excess %(excess)s",
                line=line.category_id.name
                + (f" ({line.activity})" if line.activity else ""),
                available=format_amount(self.env, available, self.currency_id),
                excess=format_amount(self.env, excess, self.currency_id),
            )
            for line, available, excess in overruns
        ]

    def _override_budget(self, document, summary):
        """Record the override of the budget control of the grant for
        ``document`` by a funding manager of its lead institution, with the
        reason in the context."""
        self.ensure_one()
        reason = (self.env.context.get("pikc_budget_override_reason") or "").strip()
        self.env["pikc.grant.override"]._check_can_override(reason, self)
        self.env["pikc.grant.override"].sudo().create(
            {
                "grant_id": self.id,
                "res_model": document._name,
                "res_id": document.id,
                "document": document.display_name,
                "summary": "\n".join(summary),
                "reason": reason,
                "user_id": self.env.user.id,
            }
        )
        self.message_post(
            body=self.env._(
                "Budget control overridden for %(document)s (%(lines)s). "
                "Reason: %(reason)s",
                document=document.display_name,
                lines="; ".join(summary),
                reason=reason,
            ),
            author_id=self.env.user.partner_id.id,
        )

    # ------------------------------------------------------------------
    # Analytic account
    # ------------------------------------------------------------------
    @api.model
    def _analytic_plan(self):
        return self.env.ref("pikc_funding.analytic_plan_funded_projects")

    @api.model
    def _grant_column(self):
        """The column of ``account.analytic.line`` that holds the account of
        the Funded projects plan."""
        return self._analytic_plan()._column_name()

    def _analytic_account_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "code": self.code,
            "plan_id": self._analytic_plan().id,
            # Partner institutions charge their own costs to the grant too.
            "company_id": False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_funding_manager():
            for vals in vals_list:
                if vals.get("state", "draft") != "draft":
                    raise AccessError(
                        self.env._(
                            "Only a funding manager may create the grant "
                            "“%(grant)s” as %(state)s. Create it as a draft: a "
                            "funding manager approves it.",
                            grant=vals.get("code") or vals.get("name") or "",
                            state=self._state_label(vals["state"]),
                        )
                    )
        grants = super().create(vals_list)
        for grant in grants.filtered(lambda g: not g.analytic_account_id):
            grant.analytic_account_id = (
                self.env["account.analytic.account"]
                .sudo()
                .create(grant._analytic_account_values())
            )
        return grants

    def write(self, vals):
        self._check_funding_manager_decisions(vals)
        if "analytic_account_id" in vals:
            changed = self.filtered(
                lambda g: g.analytic_account_id.id != vals["analytic_account_id"]
            )
            for grant in changed.filtered("analytic_account_id"):
                if grant._has_costs():
                    raise UserError(
                        self.env._(
                            "The grant “%(grant)s” already has costs on its "
                            "analytic account %(account)s: changing the account "
                            "would lose them. Move the costs in accounting first.",
                            grant=grant.display_name,
                            account=grant.analytic_account_id.display_name,
                        )
                    )
        res = super().write(vals)
        if {"name", "code"} & vals.keys():
            for grant in self.filtered("analytic_account_id"):
                grant.analytic_account_id.sudo().write(
                    {"name": grant.name, "code": grant.code}
                )
        return res

    def _is_funding_manager(self):
        return self.env.su or self.env.user.has_group(
            "pikc_funding.group_funding_manager"
        )

    @api.model
    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_funding_manager_decisions(self, vals):
        """Refuse ``vals`` to a user who is not a funding manager of a
        grant's lead institution when they change its state other than by a
        project manager's transition, or a funding manager's decision
        (``FUNDING_MANAGER_FIELDS``) on a grant that is no longer a draft.
        Internal code running as superuser passes."""
        decisions = [name for name in FUNDING_MANAGER_FIELDS if name in vals]
        if not (decisions or "state" in vals) or self.env.su:
            return
        manager = self._is_funding_manager()
        for grant in self:
            if manager and grant.company_id in self.env.user.company_ids:
                continue
            new_state = vals.get("state", grant.state)
            if (
                new_state != grant.state
                and (grant.state, new_state) not in PROJECT_MANAGER_TRANSITIONS
            ):
                raise AccessError(
                    self.env._(
                        "The grant “%(grant)s” is %(state)s: only a funding "
                        "manager of its lead institution %(company)s may make "
                        "it %(new_state)s.",
                        grant=grant.display_name,
                        state=self._state_label(grant.state),
                        new_state=self._state_label(new_state),
                        company=grant.sudo().company_id.name,
                    )
                )
            if grant.state == "draft":
                continue
            changed = [
                self._fields[name]
                for name in decisions
                if self._fields[name].convert_to_cache(vals[name], grant)
                != self._fields[name].convert_to_cache(grant[name], grant)
            ]
            if changed:
                raise AccessError(
                    self.env._(
                        "The grant “%(grant)s” is %(state)s: only a funding "
                        "manager of its lead institution %(company)s may change "
                        "its %(fields)s.",
                        grant=grant.display_name,
                        state=self._state_label(grant.state),
                        company=grant.sudo().company_id.name,
                        fields=", ".join(
                            field._description_string(self.env) for field in changed
                        ),
                    )
                )

    def _has_costs(self):
        """Whether any purchase, bill, expense or timesheet has reached the
        grant's analytic account."""
        self.ensure_one()
        account = self.analytic_account_id
        if not account:
            return False
        analytic_lines = (
            self.env["account.analytic.line"]
            .sudo()
            .search_count([(self._grant_column(), "=", account.id)], limit=1)
        )
        purchase_lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search_count(
                [
                    ("distribution_analytic_account_ids", "in", account.ids),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
        )
        return bool(analytic_lines or purchase_lines)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_costs(self):
        for grant in self:
            if grant._has_costs():
                raise UserError(
                    self.env._(
                        "The grant “%(grant)s” cannot be deleted: purchases, "
                        "bills, expenses or timesheets are charged to it. Close "
                        "it instead.",
                        grant=grant.display_name,
                    )
                )

    def unlink(self):
        accounts = self.analytic_account_id
        res = super().unlink()
        accounts.sudo().unlink()
        return res

    @api.model
    def _check_accounts_open_for_costs(self, account_ids, document, company=None):
        """Refuse a new cost on the analytic accounts of closed grants and,
        when ``company`` (the institution of the cost) is given, of grants
        it neither leads nor takes part in (``_check_may_charge``). One
        query.

        ``document`` names what brings the cost, for the message.
        """
        if not account_ids:
            return
        domain = [("state", "=", "closed")]
        if company:
            domain = [
                "|",
                *domain,
                "&",
                ("company_id", "!=", company.id),
                ("partner_company_ids", "not in", company.ids),
            ]
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search([("analytic_account_id", "in", list(account_ids)), *domain])
        )
        if company:
            found._check_may_charge(company, document)
        closed = found.filtered(lambda grant: grant.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "%(document)s charges the closed grant(s) %(grants)s, which "
                    "accept no new costs. Remove their analytic account from the "
                    "analytic distribution, or ask a funding manager to reopen "
                    "the grant.",
                    document=document,
                    grants=", ".join(closed.mapped("display_name")),
                )
            )

    def _check_may_charge(self, company, document):
        """Refuse ``document``, a cost of the institution ``company``, when
        it charges a grant of ``self`` that institution neither leads nor
        takes part in (as a partner institution)."""
        for grant in self.sudo():
            if company == grant.company_id or company in grant.partner_company_ids:
                continue
            raise UserError(
                self.env._(
                    "%(document)s of %(company)s charges the grant “%(grant)s”, "
                    "in which %(company)s takes no part: only its lead "
                    "institution %(lead)s and its partner institutions "
                    "(%(partners)s) may charge it. Remove its analytic account "
                    "from the analytic distribution, or ask %(lead)s to add "
                    "%(company)s to the grant's partner institutions.",
                    document=document,
                    company=company.name,
                    grant=grant.display_name,
                    lead=grant.company_id.name,
                    partners=", ".join(grant.partner_company_ids.mapped("name"))
                    or self.env._("none"),
                )
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    def _financing_shares(self):
        self.ensure_one()
        return {
            "eu": self.share_eu,
            "state": self.share_state,
            "municipality": self.share_municipality,
            "own": self.share_own,
        }

    @api.constrains("share_eu", "share_state", "share_municipality", "share_own")
    def _check_shares(self):
        for grant in self:
            shares = grant._financing_shares()
            problems = funding_math.check_shares(shares)
            if "negative" in problems:
                raise ValidationError(
                    self.env._(
                        "The financing plan of the grant “%(grant)s” has a "
                        "negative share. Each share (EU, state, municipality, "
                        "own) must be zero or more.",
                        grant=grant.display_name,
                    )
                )
            if problems:
                raise ValidationError(
                    self.env._(
                        "The financing plan of the grant “%(grant)s” sums to "
                        "%(total)s %%, not 100 %%. Correct the EU, state, "
                        "municipality and own shares.",
                        grant=grant.display_name,
                        total=round(sum(shares.values()), 2),
                    )
                )

    @api.constrains("date_start", "date_end", "eligible_from", "eligible_to")
    def _check_dates(self):
        for grant in self:
            if grant.date_end < grant.date_start:
                raise ValidationError(
                    self.env._(
                        "The grant “%(grant)s” ends (%(end)s) before it starts "
                        "(%(start)s). Correct its dates.",
                        grant=grant.display_name,
                        start=grant.date_start,
                        end=grant.date_end,
                    )
                )
            if (
                grant.eligible_from
                and grant.eligible_to
                and grant.eligible_to < grant.eligible_from
            ):
                raise ValidationError(
                    self.env._(
                        "The eligibility period of the grant “%(grant)s” ends "
                        "(%(to)s) before it starts (%(from)s). Correct the "
                        "eligibility dates.",
                        grant=grant.display_name,
                        **{"from": grant.eligible_from, "to": grant.eligible_to},
                    )
                )
            if not funding_math.period_within(
                grant.eligible_from,
                grant.eligible_to,
                grant.date_start,
                grant.date_end,
            ):
                raise ValidationError(
                    self.env._(
                        "The eligibility period of the grant “%(grant)s” "
                        "(%(from)s – %(to)s) must lie within the grant's period "
                        "(%(start)s – %(end)s). Correct the eligibility dates.",
                        grant=grant.display_name,
                        start=grant.date_start,
                        end=grant.date_end,
                        **{"from": grant.eligible_from, "to": grant.eligible_to},
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for grant in self:
            grant.display_name = (
                f"[{grant.code}] {grant.name}" if grant.code else grant.name
            )

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------
    def _set_state(self, new_state, allowed_from):
        for grant in self:
            if grant.state not in allowed_from:
                raise UserError(
                    self.env._(
                        "The grant “%(grant)s” is %(state)s: it cannot become "
                        "%(new_state)s from there.",
                        grant=grant.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[grant.state],
                        new_state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[new_state],
                    )
                )
        self.write({"state": new_state})

    def _check_funding_manager(self):
        if not self.env.user.has_group("pikc_funding.group_funding_manager"):
            raise UserError(
                self.env._(
                    "Only a funding manager may approve, close or reopen a grant."
                )
            )

    def action_approve(self):
        self._check_funding_manager()
        self._set_state("approved", ["draft"])

    def action_start(self):
        self._set_state("running", ["approved"])

    def action_closing(self):
        self._set_state("closing", ["running"])

    def action_close(self):
        self._check_funding_manager()
        self._set_state("closed", ["closing"])

    def action_reopen(self):
        self._check_funding_manager()
        self._set_state("closing", ["closed"])

    def action_draft(self):
        self._set_state("draft", ["approved"])

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------
    def _action_for_ids(self, xmlid, ids, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            {
                "name": name,
                "domain": [("id", "in", sorted(ids))],
                "context": {"create": False},
            }
        )
        return action

    def action_view_purchases(self):
        self.ensure_one()
        ids = self._records_by_account(
            "purchase.order.line", [("state", "in", ("purchase", "done"))], "order_id"
        )[self.analytic_account_id.id]
        return self._action_for_ids(
            "purchase.purchase_form_action",
            ids,
            self.env._("Purchases of %(grant)s", grant=self.code),
        )

    def action_view_bills(self):
        self.ensure_one()
        ids = self._records_by_account(
            "account.move.line",
            [("move_id.move_type", "in", ("in_invoice", "in_refund"))],
            "move_id",
        )[self.analytic_account_id.id]
        return self._action_for_ids(
            "account.action_move_in_invoice_type",
            ids,
            self.env._("Bills of %(grant)s", grant=self.code),
        )

    def action_view_expenses(self):
        self.ensure_one()
        ids = self._records_by_account("hr.expense", [], "id")[
            self.analytic_account_id.id
        ]
        return self._action_for_ids(
            "hr_expense.hr_expense_actions_all",
            ids,
            self.env._("Expenses of %(grant)s", grant=self.code),
        )

    def action_view_timesheets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_timesheet.timesheet_action_all"
        )
        action.update(
            {
                "name": self.env._("Timesheets of %(grant)s", grant=self.code),
                "domain": [
                    (self._grant_column(), "=", self.analytic_account_id.id),
                    ("project_id", "!=", False),
                ],
            }
        )
        return action

    def action_create_project(self):
        """A project whose timesheets are charged to the grant: it carries
        the grant's account in the Funded projects plan."""
        self.ensure_one()
        project = self.env["project.project"].create(
            {
                "name": self.display_name,
                "company_id": self.company_id.id,
                "allow_timesheets": True,
                self._grant_column(): self.analytic_account_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": project.id,
            "view_mode": "form",
        }
