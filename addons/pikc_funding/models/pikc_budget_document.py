import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import funding_math


class PikcBudgetDocument(models.AbstractModel):
    """A document line that charges the budgets of grants: a purchase
    order line (a commitment), a vendor bill line or an expense (actual
    costs). Through its analytic distribution it charges grants; it may
    choose the budget line of a grant it charges, which wins over the
    category mapping and which the analytic lines it makes carry. Each
    document gives the budget its costs (``_pikc_costs``), all of one shape
    (``funding_math.Cost``), so that the budget map and the budget control
    treat them alike.

    Its distribution names existing analytic accounts only, and charges a
    grant between 0 and 100 % of the cost (``_pikc_check_distributions``):
    a negative share, or more than the whole cost, would give a budget line
    room it does not have."""

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

    def _pikc_document_label(self):
        """How a refusal names the record."""
        self.ensure_one()
        return self.display_name or self.env._("the line")

    def _pikc_check_distributions(self):
        """Refuse the records whose analytic distribution names something
        that is not an analytic account, or charges a grant a negative share
        or, over the keys naming grants, more than 100 %. One query."""
        records = self.filtered("analytic_distribution")
        if not records:
            return
        keys = {}
        for record in records:
            for key, percentage in record.analytic_distribution.items():
                try:
                    keys[key] = funding_math.key_accounts(key)
                    if not math.isfinite(float(percentage)):
                        raise ValueError(percentage)
                except (TypeError, ValueError):
                    record._pikc_refuse_distribution(key)
        ids = {account_id for accounts in keys.values() for account_id in accounts}
        found = (
            self.env["account.analytic.account"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(ids))], ["id"])
        )
        grant_accounts = set(
            self.env["pikc.grant"]
            .sudo()
            .with_context(active_test=False)
            .search([("analytic_account_id", "in", found.ids)])
            .analytic_account_id.ids
        )
        for record in records:
            on_grants = 0.0
            for key, percentage in record.analytic_distribution.items():
                accounts = keys[key]
                if set(accounts) - set(found.ids) or len(set(accounts)) < len(accounts):
                    record._pikc_refuse_distribution(key)
                if not grant_accounts & set(accounts):
                    continue
                if float(percentage) < 0:
                    record._pikc_refuse_distribution(key, percentage)
                on_grants += float(percentage)
            if round(on_grants, 2) > 100:
                record._pikc_refuse_distribution(None, on_grants)

    def _pikc_charging_grants(self):
        """The records of ``self`` whose distribution names a grant's
        account."""
        accounts = (
            self.env["pikc.grant"]
            .sudo()
            .search(
                [
                    (
                        "analytic_account_id",
                        "in",
                        self.distribution_analytic_account_ids.ids,
                    )
                ]
            )
            .analytic_account_id
        )
        return self.filtered(
            lambda record: record.distribution_analytic_account_ids & accounts
        )

    def _pikc_refuse_negative(self, amount):
        """Refuse a negative cost charging a grant: it would make room on
        the grant's budget lines."""
        raise ValidationError(
            self.env._(
                "%(document)s charges a grant a negative amount (%(amount)s), "
                "which would give its budget room it does not have. Enter "
                "the quantity and price of what is bought (a discount on the "
                "line itself); to take a cost back, use a credit note.",
                document=self._pikc_document_label(),
                amount=round(amount, 2),
            )
        )

    def _pikc_refuse_distribution(self, key, percentage=None):
        label = self._pikc_document_label()
        if percentage is None:
            message = self.env._(
                "The analytic distribution of %(document)s names “%(key)s”, "
                "which is not an analytic account. Choose the analytic "
                "accounts in the distribution again.",
                document=label,
                key=key,
            )
        elif key is None:
            message = self.env._(
                "The analytic distribution of %(document)s charges grants "
                "%(percentage)s %% of the cost: more than the whole cost. "
                "Make the percentages of the grants' accounts add up to "
                "100 %% at most.",
                document=label,
                percentage=round(float(percentage), 2),
            )
        else:
            message = self.env._(
                "The analytic distribution of %(document)s charges a grant "
                "a negative share (%(percentage)s %%), which would give its "
                "budget room it does not have. Enter a percentage between 0 "
                "and 100; to take a cost back, use a credit note.",
                document=label,
                percentage=round(float(percentage), 2),
            )
        raise ValidationError(message)
