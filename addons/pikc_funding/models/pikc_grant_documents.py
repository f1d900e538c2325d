from odoo import api, fields, models
from odoo.exceptions import UserError

from . import funding_math

COST_DOCUMENTS = {
    "purchase": (
        "purchase.order.line",
        [("state", "in", ("purchase", "done"))],
        "order_id",
        "purchase.purchase_form_action",
    ),
    "bill": (
        "account.move.line",
        [("move_id.move_type", "in", ("in_invoice", "in_refund"))],
        "move_id",
        "account.action_move_in_invoice_type",
    ),
    "expense": ("hr.expense", [], "id", "hr_expense.hr_expense_actions_all"),
}
"""The documents that charge a grant through their lines' analytic
distribution, by kind: ``(line model, domain, the line's field naming the
document, the action listing them)``."""


class PikcGrant(models.Model):
    """The documents charging a grant: the purchases, bills, expenses and
    timesheets whose analytic distribution names its account, counted and
    opened from the grant's smart buttons, and the project whose
    timesheets charge it. A grant with costs cannot be deleted."""

    _inherit = "pikc.grant"  # pylint: disable=consider-merging-classes-inherited

    purchase_count = fields.Integer(compute="_compute_cost_counts")
    bill_count = fields.Integer(compute="_compute_cost_counts")
    expense_count = fields.Integer(compute="_compute_cost_counts")
    timesheet_count = fields.Integer(compute="_compute_cost_counts")

    def _compute_cost_counts(self):
        accounts = self.analytic_account_id
        documents = {kind: self._pikc_documents(kind) for kind in COST_DOCUMENTS}
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
            for kind, ids in documents.items():
                grant[f"{kind}_count"] = len(ids.get(account.id, ()))
            grant.timesheet_count = timesheets.get(account, 0)

    def _pikc_documents(self, kind):
        """Ids of the documents of ``kind`` (see ``COST_DOCUMENTS``) charging
        each grant of ``self``, by analytic account id: one query."""
        model, domain, record_field, _action = COST_DOCUMENTS[kind]
        return self._records_by_account(model, domain, record_field)

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
            .search_count([("pikc_grant_id", "=", self.id)], limit=1)
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

    def _pikc_action_documents(self, kind, name):
        """The list of the documents of ``kind`` charging the grant."""
        self.ensure_one()
        ids = self._pikc_documents(kind)[self.analytic_account_id.id]
        action = self.env["ir.actions.act_window"]._for_xml_id(COST_DOCUMENTS[kind][3])
        action.update(
            {
                "name": name,
                "domain": [("id", "in", sorted(ids))],
                "context": {"create": False},
            }
        )
        return action

    def action_view_purchases(self):
        return self._pikc_action_documents(
            "purchase", self.env._("Purchases of %(grant)s", grant=self.code)
        )

    def action_view_bills(self):
        return self._pikc_action_documents(
            "bill", self.env._("Bills of %(grant)s", grant=self.code)
        )

    def action_view_expenses(self):
        return self._pikc_action_documents(
            "expense", self.env._("Expenses of %(grant)s", grant=self.code)
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
