from odoo import api, fields, models

from . import funding_math


class PikcBudgetDocument(models.AbstractModel):
    """A document line that charges the budgets of grants: a purchase
    order line (a commitment), a vendor bill line or an expense (actual
    costs). Through its analytic distribution it charges grants; it may
    choose the budget line of a grant it charges, which wins over the
    category mapping and which the analytic lines it makes carry. Each
    document gives the budget its costs (``_pikc_costs``), all of one shape
    (``funding_math.Cost``), so that the budget map and the budget control
    treat them alike."""

    _name = "pikc.budget.document"
    _description = "Document Charging a Grant Budget"

    pikc_budget_line_id = fields.Many2one(
        "pikc.grant.budget.line",
        string="Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('grant_id.analytic_account_id', 'in', "
        "distribution_analytic_account_ids)]",
        help="The budget line of a charged grant this cost lands in; needed "
        "when the grant plans the cost's category on several lines "
        "(activities). When set, it wins over the category mapping.",
    )

    def _pikc_costs(self):
        """The records as costs for the grants' budget lines
        (``funding_math.Cost``)."""
        raise NotImplementedError

    # Which grants the document charges, stored for the record rules that
    # let the funding viewers read the documents behind a grant's figures.
    pikc_grant_ids = fields.Many2many(
        "pikc.grant",
        string="Charged Grants",
        compute="_compute_pikc_grant_ids",
        store=True,
        help="The grants whose analytic accounts the analytic distribution names.",
    )

    @api.depends("analytic_distribution")
    def _compute_pikc_grant_ids(self):
        accounts = {
            record.id: funding_math.distribution_accounts(record.analytic_distribution)
            for record in self
        }
        grants = (
            self.env["pikc.grant"]
            .sudo()
            .search_fetch(
                [
                    (
                        "analytic_account_id",
                        "in",
                        sorted({a for ids in accounts.values() for a in ids}),
                    )
                ],
                ["analytic_account_id"],
            )
        )
        for record in self:
            record.pikc_grant_ids = grants.filtered(
                lambda grant, record=record: grant.analytic_account_id.id
                in accounts[record.id]
            )
