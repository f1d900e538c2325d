from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount


class PikcGrantBudgetLine(models.Model):
    """The planned amount of one cost category (and optionally one activity)
    of a grant, with what Odoo's own records have committed and spent on it.

    *Committed* is what confirmed purchase order lines and approved expense
    reports not yet posted charge the grant (not yet on a posted bill);
    *actual* is the eligible posted costs (vendor bills, expenses,
    timesheets): the analytic lines of the grant's account, each storing the
    budget line it landed in when it was made (by its expense account, else
    its product's category, timesheets in the personnel category, or the
    line chosen on the cost), whether it is eligible and its split by
    financing source. A cost dated outside the eligibility period, of an
    ineligible category, or VAT of a grant whose VAT is not eligible,
    counts as *ineligible*: kept apart, it does not consume the budget.

    The figures come from the budget engine (``pikc_grant_budget_engine.py``):
    one grouped query of the stored cost facts plus the open commitments,
    for all the lines of the grants at once.

    Who may do what follows the grant: the project manager plans the lines
    of the grants of their institutions, the accountant and the auditor read
    them, the funding manager does everything.
    """

    _name = "pikc.grant.budget.line"
    _description = "Grant Budget Line"
    _inherit = ["pikc.budget.figures"]
    _order = "grant_id, sequence, id"
    _rec_names_search = ["grant_id.code", "category_id.name", "activity"]
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

    def init(self):
        res = super().init()
        self._pikc_add_cost_grant_key()
        return res

    @api.model
    def _pikc_add_cost_grant_key(self):
        """A cost (analytic line) counts only in a budget line of the grant
        it charges, and a budget line with costs keeps its grant: a foreign
        key of the line's budget line and grant on the budget line's id and
        grant, so that the rule holds in the database under concurrent
        users (moving a line takes a lock that waits for a cost being
        added, and is then refused). Added once both tables have their
        columns (whichever of the two models is set up last). ``ON DELETE
        RESTRICT`` as the ORM's own key of the budget line: Odoo's check of
        the foreign keys, which reads a key by its first column, then keeps
        it."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT count(*) FROM information_schema.columns
             WHERE (table_name, column_name) IN (
                ('account_analytic_line', 'pikc_budget_line_id'),
                ('account_analytic_line', 'pikc_grant_id'),
                ('pikc_grant_budget_line', 'grant_id'))
            """
        )
        if cr.fetchone()[0] < 3:
            return
        cr.execute(
            """
            DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_constraint
                            WHERE conname = 'pikc_grant_budget_line_id_grant_key') THEN
                ALTER TABLE pikc_grant_budget_line
                  ADD CONSTRAINT pikc_grant_budget_line_id_grant_key
                      UNIQUE (id, grant_id);
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_constraint
                            WHERE conname = 'account_analytic_line_pikc_cost_fkey') THEN
                ALTER TABLE account_analytic_line
                  ADD CONSTRAINT account_analytic_line_pikc_cost_fkey
                      FOREIGN KEY (pikc_budget_line_id, pikc_grant_id)
                      REFERENCES pikc_grant_budget_line (id, grant_id)
                      ON DELETE RESTRICT;
            END IF;
            END $$
            """
        )

    @api.depends("grant_id.code", "category_id.name", "activity")
    def _compute_display_name(self):
        for line in self:
            parts = [line.grant_id.code, line.category_id.name, line.activity]
            line.display_name = " / ".join(part for part in parts if part)

    def _pikc_lock_for_budget_control(self):
        """Lock the lines until the transaction ends, in a stable order (no
        deadlock between documents charging several lines), so that budget
        checks against a line run one after the other.

        Odoo's transactions are REPEATABLE READ: one that waited for the lock
        would still see the commitments as they were when it started. So the
        lock also touches the rows (an update changing nothing): the waiting
        transaction then fails with a serialization error, and Odoo replays
        the request (as for any concurrent update), which now sees what the
        first one committed and refuses the overrun.

        ``FOR NO KEY UPDATE``: the lock does not block the documents and
        analytic lines that reference the budget line (their foreign key
        check takes a key-share lock).
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE pikc_grant_budget_line SET write_date = write_date
                 WHERE id IN (
                    SELECT id FROM pikc_grant_budget_line
                     WHERE id IN %s ORDER BY id FOR NO KEY UPDATE
                 )
                """,
                tuple(self.ids),
            )
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

    def write(self, vals):
        moves = [name for name in ("grant_id", "category_id") if name in vals]
        if moves:
            self._pikc_check_costs_stay(moves, vals)
        return super().write(vals)

    def _pikc_check_costs_stay(self, names, vals):
        """Refuse moving a line with costs (a posted cost share stored in it,
        or a commitment) to another grant or category (``names`` of
        ``vals``): its costs were counted there, and would move with it.
        One grouped query for the lines, whatever their number."""
        moved = self.filtered(
            lambda line: any(line[name].id != vals[name] for name in names)
        )
        if not moved:
            return
        posted = {
            line.id
            for [line] in self.env["account.analytic.line"]
            .sudo()
            ._read_group(
                [("pikc_budget_line_id", "in", moved.ids)], ["pikc_budget_line_id"]
            )
        }
        for line in moved:
            if line.id not in posted and not line.amount_committed:
                continue
            name = next(name for name in names if line[name].id != vals[name])
            raise UserError(
                self.env._(
                    "The budget line “%(line)s” has costs counted in it: it "
                    "cannot change its %(field)s, which would move them. Add a "
                    "new budget line instead, and set the planned amount of "
                    "this one to what it has spent.",
                    line=line.display_name,
                    field=self._fields[name]._description_string(self.env),
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
