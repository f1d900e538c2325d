"""Where a cost lands in the budgets of the grants it charges.

A ``BudgetMap`` is built once for a set of grants (``pikc.grant.budget.line.
_pikc_budget_map``) from the cost categories' mappings and the grants'
budget lines, and then answers without a query: which cost category a cost
is of, which budget line of a grant it lands in (and the candidates when the
grant plans that category on several lines), and what a list of costs
brings to each budget line. It is the one mapping of costs to budget lines:
the stored facts of analytic lines, the open commitments of the budget
figures and the budget control all ask it.
"""

from collections import defaultdict

from . import funding_math


class BudgetMap:
    """The budget lines of ``grants`` by grant and cost category, and the
    cost categories by expense account and product category."""

    def __init__(self, grants, categories):
        self.grants = grants
        self.empty_category = categories.browse()
        self.by_account = {}
        self.by_product_category = {}
        self.personnel = self.empty_category
        for category in categories:
            for account in category.account_ids:
                self.by_account.setdefault(account.id, category)
            for product_category in category.product_category_ids:
                self.by_product_category.setdefault(product_category.id, category)
            if category.is_personnel and not self.personnel:
                self.personnel = category
        self.targets = defaultdict(list)
        for line in grants.budget_line_ids.sorted(lambda b: (b.sequence, b.id)):
            self.targets[line.grant_id.id, line.category_id.id].append(line)

    def category(self, account, product, is_timesheet=False):
        """The cost category of a cost: personnel for a timesheet, else the
        one its expense account maps to, else the one of its product's
        category or the nearest parent category (empty when none)."""
        if is_timesheet:
            return self.personnel
        if account and account.id in self.by_account:
            return self.by_account[account.id]
        categ = product.categ_id if product else None
        while categ:
            if categ.id in self.by_product_category:
                return self.by_product_category[categ.id]
            categ = categ.parent_id
        return self.empty_category

    def candidates(self, grant, category):
        """The budget lines of ``grant`` planning ``category``, in order."""
        return self.targets.get((grant.id, category.id), [])

    def line_of(self, grant, cost, is_timesheet=False):
        """The budget line of ``grant`` in which ``cost`` (a
        ``funding_math.Cost``) lands, with the candidates when the mapping
        is ambiguous: ``(line or None, candidates)``. The line chosen on the
        cost wins when it belongs to the grant; otherwise the first line of
        its category (a cost that must choose is refused by the control)."""
        chosen = cost.budget_line
        if chosen and chosen.grant_id == grant:
            return chosen, [chosen]
        category = self.category(cost.account, cost.product, is_timesheet)
        candidates = self.candidates(grant, category)
        return (candidates[0] if candidates else None), candidates

    def charged(self, cost):
        """``(grant, share %)`` of each grant of the map that ``cost``
        charges, leaving out its VAT on grants whose VAT is not
        eligible."""
        for grant in self.grants:
            if cost.is_vat and not grant.vat_eligible:
                continue
            share = funding_math.distribution_share(
                cost.distribution, grant.analytic_account_id.id
            )
            if share:
                yield grant, share

    def amounts(self, costs, unbudgeted=None):
        """What ``costs`` bring to the budget lines, by budget line id: each
        cost's share of each grant it charges, in the line it lands in. A
        commitment (a cost without a date) counts whatever its date; an
        actual cost only when eligible (``funding_math.ineligibility``). A
        grant's share of a cost landing in none of its lines is added to
        ``unbudgeted`` (by grant id), when given."""
        result = defaultdict(float)
        for cost in costs:
            cost = funding_math.Cost(*cost)
            for grant, share in self.charged(cost):
                amount = funding_math.share_of(cost.amount, share)
                line = self.line_of(grant, cost)[0]
                if not line:
                    if unbudgeted is not None:
                        unbudgeted[grant.id] += amount
                    continue
                if cost.date and funding_math.ineligibility(
                    cost.date,
                    grant._pikc_eligibility_period(),
                    line.category_id.eligible,
                    cost.is_vat,
                    grant.vat_eligible,
                ):
                    continue
                result[line.id] += amount
        return result
