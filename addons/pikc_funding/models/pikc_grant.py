from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from . import funding_math

STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("closing", "Closing"),
    ("closed", "Closed"),
]


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

    This file holds the record, its states and its analytic account; its
    budget figures are in ``pikc_grant_figures.py``, its budget control in
    ``pikc_grant_budget_control.py``, who may decide and charge what in
    ``pikc_grant_access.py``, the documents charging it in
    ``pikc_grant_documents.py``.
    """

    _name = "pikc.grant"
    _description = "Grant (Funded Project)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "pikc.state.mixin",
        "pikc.financing.plan",
        "pikc.budget.figures",
    ]
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
    # The financing plan (pikc.financing.plan) starts from the fund's.
    share_eu = fields.Float(
        compute="_compute_shares", store=True, readonly=False, tracking=True
    )
    share_state = fields.Float(
        compute="_compute_shares", store=True, readonly=False, tracking=True
    )
    share_municipality = fields.Float(
        compute="_compute_shares", store=True, readonly=False, tracking=True
    )
    share_own = fields.Float(
        compute="_compute_shares", store=True, readonly=False, tracking=True
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
    color = fields.Integer()
    note = fields.Html(string="Description")

    _sql_constraints = [
        (
            "code_company_uniq",
            "EXCLUDE USING btree (company_id WITH =, (lower(btrim(code))) WITH =)",
            "The lead institution already has a grant with this agreement number.",
        ),
        (
            "analytic_account_uniq",
            "UNIQUE (analytic_account_id)",
            "Another grant already has this analytic account: each grant has "
            "its own (leave it empty, the grant makes one).",
        ),
    ]

    def _pikc_check_account_free(self, account_id):
        """One grant, one account: costs on an account count for one grant
        only. Refuse ``account_id`` when another grant than ``self`` has it
        (said here; the database holds it for concurrent users)."""
        if not account_id:
            return
        other = self.sudo().search(
            [("analytic_account_id", "=", account_id), ("id", "not in", self.ids)],
            limit=1,
        )
        if other:
            raise ValidationError(
                self.env._(
                    "The analytic account %(account)s is the grant “%(other)s”'s: "
                    "another grant cannot have it too, or its costs would count "
                    "twice. Leave the account empty: the grant makes its own.",
                    account=other.analytic_account_id.display_name,
                    other=other.display_name,
                )
            )

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
            for source in funding_math.SOURCES:
                grant[f"share_{source}"] = shares.get(source, 0.0)

    @api.depends("budget_line_ids.amount_planned")
    def _compute_amount_planned(self):
        for grant in self:
            grant.amount_planned = sum(grant.budget_line_ids.mapped("amount_planned"))

    def _pikc_eligibility_period(self):
        """The first and last day on which a cost is eligible."""
        self.ensure_one()
        return (
            self.eligible_from or self.date_start,
            self.eligible_to or self.date_end,
        )

    def _pikc_state_owner(self):
        return self.env._("The grant “%(grant)s”", grant=self.display_name)

    def _pikc_financing_plan_owner(self):
        return self.env._("the grant “%(grant)s”", grant=self.display_name)

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
        for vals in vals_list:
            self._pikc_check_account_free(vals.get("analytic_account_id"))
        grants = super().create(vals_list)
        for grant in grants.filtered(lambda g: not g.analytic_account_id):
            grant.analytic_account_id = (
                self.env["account.analytic.account"]
                .sudo()
                .create(grant._analytic_account_values())
            )
        grants._pikc_sync_account_name()
        return grants

    def write(self, vals):
        if "analytic_account_id" in vals:
            self._pikc_check_account_free(vals["analytic_account_id"])
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
                grant.analytic_account_id.sudo().write({"code": grant.code})
            self._pikc_sync_account_name()
        return res

    def _pikc_sync_account_name(self):
        """Name the analytic accounts of the grants as the grants, in every
        language: the grant's name with all its translations (a Latvian
        user meets the account in the distribution of a bill)."""
        grants = self.filtered("analytic_account_id")
        if not grants:
            return
        grants.flush_model(["name", "analytic_account_id"])
        accounts = grants.analytic_account_id
        accounts.flush_recordset(["name"])
        self.env.cr.execute(
            SQL(
                "UPDATE account_analytic_account AS account SET name = grant_.name "
                "FROM pikc_grant AS grant_ "
                "WHERE grant_.analytic_account_id = account.id AND grant_.id IN %s",
                tuple(grants.ids),
            )
        )
        accounts.invalidate_recordset(["name", "display_name"])

    def unlink(self):
        accounts = self.analytic_account_id
        res = super().unlink()
        accounts.sudo().unlink()
        return res

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
