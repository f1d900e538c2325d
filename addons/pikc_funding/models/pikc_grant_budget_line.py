from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount

from . import funding_math


class PikcGrantBudgetLine(models.Model):
    """The planned amount of one cost category (and optionally one activity)
    of a grant, with what Odoo's own records have committed and spent on it.

    *Committed* is what confirmed purchase order lines charging the grant
    have ordered and not yet been billed for; *actual* is the posted
    analytic lines of the grant's account (vendor bills, expenses,
    timesheets), each landing in the budget line of its category: by its
    expense account, else its product's category, timesheets in the
    personnel category. When a category has several lines (activities), its
    costs land in the first one. A cost dated outside the eligibility period
    or of an ineligible category counts as *ineligible*: kept apart, it does
    not consume the budget. So does the VAT of a cost (the analytic line of
    its tax, in the budget line of the cost) when the grant's VAT is not
    eligible; when it is, the VAT is actual cost. The eligible actual is
    split by the grant's financing plan.

    The figures are computed for all the lines at once, with one grouped
    query per source, whatever the number of lines.

    Who may do what follows the grant: the project manager plans the lines
    of the grants of their institutions, the accountant and the auditor read
    them, the funding manager does everything.
    """

    _name = "pikc.grant.budget.line"
    _description = "Grant Budget Line"
    _order = "grant_id, sequence, id"
    _check_company_auto = True

    grant_id = fields.Many2one(
        "pikc.grant", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="grant_id.company_id", store=True, string="Lead Institution"
    )
    currency_id = fields.Many2one(related="grant_id.currency_id")
    grant_state = fields.Selection(related="grant_id.state", string="Grant State")
    fund_id = fields.Many2one(related="grant_id.fund_id", store=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "pikc.cost.category", required=True, ondelete="restrict"
    )
    activity = fields.Char(
        help="An activity of the project, when the budget plans a category "
        "per activity.",
    )
    amount_planned = fields.Monetary(string="Planned")
    amount_committed = fields.Monetary(
        string="Committed",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Confirmed purchase order lines charging the grant, not yet billed "
        "(their share of the grant in the analytic distribution).",
    )
    amount_actual = fields.Monetary(
        string="Actual",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Eligible posted costs: vendor bills, expenses and timesheets.",
    )
    amount_ineligible = fields.Monetary(
        string="Ineligible",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Costs dated outside the eligibility period or of an ineligible "
        "category, and their VAT when it is not eligible: tracked, never "
        "claimed, not counted in the actual amount.",
    )
    amount_available = fields.Monetary(
        string="Available",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Planned − committed − actual.",
    )
    consumption = fields.Float(
        string="Consumption (%)",
        compute="_compute_amounts",
        compute_sudo=True,
        help="(Committed + actual) / planned.",
    )
    actual_eu = fields.Monetary(
        string="EU / Programme", compute="_compute_amounts", compute_sudo=True
    )
    actual_state = fields.Monetary(
        string="State Budget", compute="_compute_amounts", compute_sudo=True
    )
    actual_municipality = fields.Monetary(
        string="Municipality", compute="_compute_amounts", compute_sudo=True
    )
    actual_own = fields.Monetary(
        string="Own", compute="_compute_amounts", compute_sudo=True
    )

    _sql_constraints = [
        (
            "grant_category_activity_uniq",
            "unique nulls not distinct (grant_id, category_id, activity) "
            "DEFERRABLE INITIALLY DEFERRED",
            "A grant has one budget line per category and activity.",
        ),
        (
            "planned_positive",
            "CHECK (amount_planned >= 0)",
            "The planned amount of a budget line cannot be negative.",
        ),
    ]

    @api.depends("grant_id.code", "category_id.name", "activity")
    def _compute_display_name(self):
        for line in self:
            parts = [line.grant_id.code, line.category_id.name, line.activity]
            line.display_name = " / ".join(part for part in parts if part)

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _compute_amounts(self):
        lines = self._origin.filtered("grant_id")
        figures, _unbudgeted = lines.grant_id._budget_figures()
        self._set_figures(figures)

    def _set_figures(self, figures):
        """Set the computed amounts of the lines from ``figures`` (by line
        id, see ``pikc.grant._budget_figures``): also called by the grant,
        which gets the figures of all its lines from the same queries."""
        amount_fields = [
            field
            for field in self._fields.values()
            if field.compute == "_compute_amounts"
        ]
        with self.env.protecting(amount_fields, self):
            for line in self:
                amounts = figures.get(line._origin.id, {})
                committed = amounts.get("committed", 0.0)
                actual = amounts.get("actual", 0.0)
                line.amount_committed = committed
                line.amount_actual = actual
                line.amount_ineligible = amounts.get("ineligible", 0.0)
                line.amount_available = funding_math.available(
                    line.amount_planned, committed, actual
                )
                line.consumption = (
                    funding_math.consumption(line.amount_planned, committed, actual)
                    or 0.0
                )
                split = funding_math.split_amount(
                    actual, line.grant_id._financing_shares()
                )
                line.actual_eu = split["eu"]
                line.actual_state = split["state"]
                line.actual_municipality = split["municipality"]
                line.actual_own = split["own"]

    def _lock_for_budget_control(self):
        """Lock the lines until the transaction ends, in a stable order (no
        deadlock between documents charging several lines), so that budget
        checks against a line run one after the other.

        Odoo's transactions are REPEATABLE READ: one that waited for the lock
        would still see the commitments as they were when it started. So the
        lock also touches the rows (an update changing nothing): the waiting
        transaction then fails with a serialization error, and Odoo replays
        the request (as for any concurrent update), which now sees what the
        first one committed and refuses the overrun.
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE pikc_grant_budget_line SET write_date = write_date
                 WHERE id IN (
                    SELECT id FROM pikc_grant_budget_line
                     WHERE id IN %s ORDER BY id FOR UPDATE
                 )
                """,
                tuple(self.ids),
            )
        )

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Budget vs Actual: the computed amounts, not stored, are summed per
        group from the group's lines (whose figures come in one batch)."""
        computed = [
            spec
            for spec in fields
            if spec.split(":")[0] in self._computed_measures
            and self._fields[spec.split(":")[0]].compute
        ]
        groups = super().read_group(
            domain,
            [spec for spec in fields if spec not in computed],
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        names = {spec.split(":")[0] for spec in computed}
        for group in groups if names else ():
            lines = self.search(group.get("__domain", domain))
            for name in names:
                group[name] = sum(lines.mapped(name))
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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("amount_planned")
    def _check_amount_planned(self):
        for line in self:
            if line.amount_planned < 0:
                raise ValidationError(
                    self.env._(
                        "The planned amount of the budget line “%(line)s” of the "
                        "grant “%(grant)s” is negative (%(amount)s). Plan zero "
                        "or more.",
                        line=line.display_name,
                        grant=line.grant_id.display_name,
                        amount=format_amount(
                            self.env, line.amount_planned, line.currency_id
                        ),
                    )
                )

    @api.constrains("grant_id", "category_id", "activity")
    def _check_one_line_per_category_and_activity(self):
        """Said before the database constraint, which holds the rule under
        concurrent users, so that the message names the line."""
        for line in self:
            twins = line.grant_id.budget_line_ids.filtered(
                lambda other, line=line: other != line
                and other.category_id == line.category_id
                and (other.activity or "") == (line.activity or "")
            )
            if twins:
                raise ValidationError(
                    self.env._(
                        "The grant “%(grant)s” already has a budget line for "
                        "%(category)s%(activity)s. Change the amount of that "
                        "line, or give this one another activity.",
                        grant=line.grant_id.display_name,
                        category=line.category_id.name,
                        activity=line.activity
                        and self.env._(
                            " (activity %(activity)s)", activity=line.activity
                        )
                        or "",
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_costs(self):
        for line in self:
            if line.amount_committed or line.amount_actual or line.amount_ineligible:
                raise UserError(
                    self.env._(
                        "The budget line “%(line)s” cannot be deleted: costs "
                        "are charged to it (committed %(committed)s, actual "
                        "%(actual)s). Set its planned amount to zero instead.",
                        line=line.display_name,
                        committed=format_amount(
                            self.env, line.amount_committed, line.currency_id
                        ),
                        actual=format_amount(
                            self.env,
                            line.amount_actual + line.amount_ineligible,
                            line.currency_id,
                        ),
                    )
                )
