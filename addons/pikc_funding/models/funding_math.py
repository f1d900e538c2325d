"""The arithmetic of funded projects, on plain values.

Financing shares, their rounding, eligibility windows and budget
availability are computed here, away from the ORM: the models gather records
and call these functions. Every docstring example runs as a test of its own
(``tests/test_funding_math.py``).

Amounts are floats in a currency with cents (``digits=2``); shares are
percentages.
"""

from typing import Any, NamedTuple

from odoo.tools.float_utils import float_round

SOURCES = ("eu", "state", "municipality", "own")
"""The financing sources of a grant, in the order of its financing plan."""


class Cost(NamedTuple):
    """A cost as the budget sees it, whatever brings it (a purchase order
    line, a bill line or its VAT, an expense): its analytic
    ``distribution`` (``{"account ids": percentage}``), general
    ``account`` and ``product`` (which map it to a cost category), its
    ``amount`` in the company's currency, its ``date`` (``None`` for a
    commitment, counted whatever its date), the ``budget_line`` chosen on
    it (or an empty value), and whether it ``is_vat`` (the VAT of another
    cost, counted only by grants whose VAT is eligible).

    >>> cost = Cost({"7": 100.0}, None, None, 250.0, None, None)
    >>> cost.is_vat, cost.negated().amount
    (False, -250.0)
    """

    distribution: Any
    account: Any
    product: Any
    amount: float
    date: Any
    budget_line: Any
    is_vat: bool = False

    def negated(self):
        """The same cost taken back."""
        return self._replace(amount=-self.amount)


def check_shares(shares):
    """Return the problems of a financing plan, an empty list when it holds.

    ``shares`` maps a source to its percentage; the shares must be positive
    or zero and sum to exactly 100 (to the hundredth of a percent).

    >>> check_shares({"eu": 85, "state": 15, "municipality": 0, "own": 0})
    []
    >>> check_shares({"eu": 85, "state": 10})
    ['sum']
    >>> check_shares({"eu": 110, "own": -10})
    ['negative']
    >>> check_shares({"eu": 33.33, "state": 33.33, "own": 33.33})
    ['sum']
    >>> check_shares({"eu": 33.34, "state": 33.33, "own": 33.33})
    []
    """
    problems = []
    if any(share < 0 for share in shares.values()):
        problems.append("negative")
    if round(sum(shares.values()), 2) != 100:
        problems.append("sum")
    return problems


def split_amount(amount, shares, digits=2):
    """Split ``amount`` by ``shares`` so that the parts sum exactly to it.

    Each part is first rounded down to the cent; the cents left over go one
    by one to the parts with the largest remainders (the largest remainder
    method), ties to the source listed first. Negative amounts (credit notes)
    split like their opposite.

    >>> split_amount(100.0, {"eu": 85, "state": 15, "own": 0})
    {'eu': 85.0, 'state': 15.0, 'own': 0.0}
    >>> split_amount(0.10, {"eu": 33.34, "state": 33.33, "own": 33.33})
    {'eu': 0.04, 'state': 0.03, 'own': 0.03}
    >>> parts = split_amount(1234.57, {"eu": 85, "state": 7.5, "own": 7.5})
    >>> parts
    {'eu': 1049.39, 'state': 92.59, 'own': 92.59}
    >>> round(sum(parts.values()), 2)
    1234.57
    >>> split_amount(-0.05, {"eu": 50, "own": 50})
    {'eu': -0.03, 'own': -0.02}
    >>> split_amount(10, {})
    {}
    """
    if not shares:
        return {}
    sign = -1 if amount < 0 else 1
    unit = 10**digits
    total_units = round(abs(amount) * unit)
    share_total = sum(shares.values()) or 1
    exact = {
        source: total_units * share / share_total for source, share in shares.items()
    }
    parts = {source: int(value) for source, value in exact.items()}
    left_over = total_units - sum(parts.values())
    order = sorted(
        shares,
        key=lambda source: (
            -(exact[source] - parts[source]),
            list(shares).index(source),
        ),
    )
    for source in order[:left_over]:
        parts[source] += 1
    return {source: sign * parts[source] / unit for source in shares}


def is_eligible(cost_date, eligible_from=None, eligible_to=None):
    """Whether a cost dated ``cost_date`` falls in the eligibility period.

    Both ends are included; an open end does not limit.

    >>> from datetime import date
    >>> is_eligible(date(2012, 2, 13), date(2011, 8, 1), date(2013, 7, 31))
    True
    >>> is_eligible(date(2013, 8, 1), date(2011, 8, 1), date(2013, 7, 31))
    False
    >>> is_eligible(date(2011, 8, 1), date(2011, 8, 1), None)
    True
    >>> is_eligible(date(2011, 7, 31), date(2011, 8, 1))
    False
    """
    if eligible_from and cost_date < eligible_from:
        return False
    return not (eligible_to and cost_date > eligible_to)


def period_within(inner_start, inner_end, outer_start, outer_end):
    """Whether the period ``inner`` lies within ``outer``; open ends of the
    inner period count as the outer's ends.

    >>> from datetime import date
    >>> period_within(date(2012, 1, 1), date(2012, 12, 31),
    ...               date(2011, 8, 1), date(2013, 7, 31))
    True
    >>> period_within(date(2011, 1, 1), None, date(2011, 8, 1), date(2013, 7, 31))
    False
    >>> period_within(None, None, date(2011, 8, 1), None)
    True
    """
    if inner_start and outer_start and inner_start < outer_start:
        return False
    if inner_end and outer_end and inner_end > outer_end:
        return False
    return True


def available(planned, committed, actual, digits=2):
    """What a budget line may still spend: planned − committed − actual.

    Negative when the line is overspent.

    >>> available(10000.0, 2500.0, 4000.0)
    3500.0
    >>> available(1000.0, 0.0, 1000.1)
    -0.1
    """
    return round(planned - committed - actual, digits)


def consumption(planned, committed, actual):
    """The share of the planned amount that is committed or spent, in %.

    ``None`` when nothing is planned (no percentage to show).

    >>> consumption(10000.0, 2500.0, 4000.0)
    65.0
    >>> consumption(200.0, 0.0, 250.0)
    125.0
    >>> consumption(0.0, 0.0, 10.0) is None
    True
    """
    if not planned:
        return None
    return round((committed + actual) / planned * 100, 2)


def key_accounts(key):
    """The account ids named by a key of an Odoo analytic distribution:
    comma-separated ids, one account per plan.

    >>> key_accounts("7,12")
    [7, 12]
    >>> key_accounts("7")
    [7]
    """
    return [int(account_id) for account_id in key.split(",")]


def distribution_accounts(distribution):
    """Every account id an analytic distribution names, in increasing
    order.

    >>> distribution_accounts({"7,12": 30.0, "9": 70.0})
    [7, 9, 12]
    >>> distribution_accounts(None)
    []
    """
    return sorted({a for key in distribution or {} for a in key_accounts(key)})


def distribution_key(distribution, account_id):
    """The first key of an analytic distribution naming ``account_id``, or
    ``None``.

    >>> distribution_key({"7,12": 30.0, "12": 70.0}, 12)
    '7,12'
    >>> distribution_key({"7": 100.0}, 8) is None
    True
    """
    return next(
        (key for key in distribution or {} if account_id in key_accounts(key)), None
    )


def distribution_share(distribution, account_id):
    """The percentage of an Odoo analytic distribution that goes to
    ``account_id``. A key naming the account counts whole.

    >>> distribution_share({"7": 60.0, "8": 40.0}, 7)
    60.0
    >>> distribution_share({"7,12": 30.0, "12": 70.0}, 7)
    30.0
    >>> distribution_share(None, 7)
    0.0
    """
    return float(
        sum(
            percentage
            for key, percentage in (distribution or {}).items()
            if account_id in key_accounts(key)
        )
    )


def share_of(amount, percentage, digits=2):
    """A grant's ``percentage`` of ``amount``, rounded half up to the cent
    as Odoo rounds money.

    >>> share_of(1000.0, 60.0)
    600.0
    >>> share_of(0.05, 50.0)
    0.03
    >>> share_of(-0.05, 50.0)
    -0.03
    """
    return float_round(amount * percentage / 100, precision_digits=digits)


def not_billed(ordered, billed):
    """The fraction of an ordered quantity not yet billed: what a purchase
    line still commits (nothing once billed in full, or for nothing
    ordered).

    >>> not_billed(4.0, 1.0)
    0.75
    >>> not_billed(2.0, 3.0)
    0.0
    >>> not_billed(0.0, 0.0)
    0.0
    """
    if not ordered:
        return 0.0
    return max(ordered - billed, 0.0) / ordered


def weights(amounts):
    """The weights by which a shared amount (the VAT of several costs on
    one tax line) is split between keys: each key's ``amounts`` in absolute
    value, keys of zero left out; equal weights when all are zero.

    >>> weights({"equipment": 1000.0, "services": -500.0, "travel": 0.0})
    {'equipment': 1000.0, 'services': 500.0}
    >>> weights({"equipment": 0.0, "services": 0.0})
    {'equipment': 1.0, 'services': 1.0}
    >>> weights({})
    {}
    """
    found = {key: abs(amount) for key, amount in amounts.items() if amount}
    return found or dict.fromkeys(amounts, 1.0)


INELIGIBLE_REASONS = ("period", "category", "vat", "budget")
"""Why a cost charging a grant is not eligible: dated outside the grant's
eligibility period, of an ineligible cost category, VAT of a grant whose
VAT is not eligible, or in no budget line of the grant."""


def ineligibility(
    cost_date, period, category_eligible=True, is_vat=False, vat_eligible=False
):
    """Why a cost dated ``cost_date`` is not eligible, or ``None`` when it
    is: ``period`` is the grant's eligibility period ``(first, last)``
    (``None`` ends are open), ``category_eligible`` whether its cost
    category is (``None``: it lands in no budget line), ``is_vat`` whether
    it is the VAT of a cost, counted only when the grant's VAT is
    eligible. The first reason found is given.

    >>> from datetime import date
    >>> period = (date(2011, 8, 1), date(2013, 7, 31))
    >>> ineligibility(date(2012, 2, 13), period) is None
    True
    >>> ineligibility(date(2013, 8, 1), period)
    'period'
    >>> ineligibility(date(2012, 2, 13), period, category_eligible=False)
    'category'
    >>> ineligibility(date(2012, 2, 13), period, is_vat=True)
    'vat'
    >>> ineligibility(date(2012, 2, 13), period, is_vat=True, vat_eligible=True)
    >>> ineligibility(date(2012, 2, 13), period, category_eligible=None)
    'budget'
    """
    if category_eligible is None:
        return "budget"
    if not is_eligible(cost_date, *period):
        return "period"
    if not category_eligible:
        return "category"
    if is_vat and not vat_eligible:
        return "vat"
    return None


def increased_accounts(costs, digits=2):
    """The analytic accounts to which a change brings money.

    ``costs`` are ``(distribution, amount)``: what the change adds, with a
    negative amount for what it takes back. Returns the ids of the accounts
    whose share of the total grows by a cent or more, in increasing order;
    an account named in a key of several accounts (one per plan) counts
    whole, as in ``distribution_share``.

    >>> increased_accounts([({"7": 100.0}, 300.0), ({"7": 100.0}, -200.0)])
    [7]
    >>> increased_accounts([({"7": 100.0}, -300.0), ({"8": 100.0}, 300.0)])
    [8]
    >>> increased_accounts([({"7,12": 50.0, "9": 50.0}, 10.0), ({"9": 100.0}, -5.0)])
    [7, 12]
    >>> increased_accounts([(None, 10.0), ({"7": 100.0}, 0.004)])
    []
    """
    totals = {}
    for distribution, amount in costs:
        for key, percentage in (distribution or {}).items():
            for account_id in key_accounts(key):
                totals[account_id] = (
                    totals.get(account_id, 0.0) + amount * percentage / 100
                )
    return sorted(
        account_id for account_id, total in totals.items() if round(total, digits) > 0
    )


def budget_overruns(rows, digits=2):
    """The budget lines a document would take past their available amount.

    ``rows`` are ``(key, available, addition)``: what a line may still
    spend and what the document would add to it. Returns ``(key, available,
    excess)`` for each line whose addition exceeds its availability (to the
    cent), in the order given; lines the document relieves or leaves within
    budget are left out.

    >>> budget_overruns([("equipment", 1000.0, 300.0), ("travel", 100.0, 150.0)])
    [('travel', 100.0, 50.0)]
    >>> budget_overruns([("works", -20.0, 5.0)])
    [('works', -20.0, 5.0)]
    >>> budget_overruns([("works", 0.0, -5.0), ("services", 100.0, 100.004)])
    []
    """
    overruns = []
    for key, available_amount, addition in rows:
        if addition <= 0:
            continue
        excess = round(addition - max(available_amount, 0.0), digits)
        if excess > 0:
            overruns.append((key, available_amount, excess))
    return overruns


def needs_procurement(goods_value, works_value, threshold_goods, threshold_works):
    """Whether a purchase needs a public procurement procedure: its goods
    and services at or above the goods threshold, or its works at or above
    the works threshold. A threshold of zero means the fund sets none.

    >>> needs_procurement(42000.0, 0.0, 42000.0, 170000.0)
    True
    >>> needs_procurement(41999.99, 150000.0, 42000.0, 170000.0)
    False
    >>> needs_procurement(0.0, 170000.0, 42000.0, 170000.0)
    True
    >>> needs_procurement(1e6, 0.0, 0.0, 170000.0)
    False
    """
    return bool(
        (threshold_goods and goods_value >= threshold_goods)
        or (threshold_works and works_value >= threshold_works)
    )
