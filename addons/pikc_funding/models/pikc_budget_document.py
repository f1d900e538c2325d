from odoo import fields, models


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
