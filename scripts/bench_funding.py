"""Benchmark of the budget figures of pikc_funding against the naive way.

Run by ``scripts/bench-funding`` on a throw-away database with both addons
installed::

    python scripts/bench_funding.py -c odoo.conf -d pikc_bench_funding

It fills the database with 200 grants and 1,000,000 analytic lines over
them (bulk SQL), one of the grants holding 80 budget lines, each of its own
cost category mapped to an expense account and a product category. It then
times, median of a few repeats, each against the naive way in the same run:

- the grant's budget page: committed, actual and available of its 80 lines
  through the real computes, against one grouped query per line and figure;
- the budget check at purchase order confirmation: the real
  ``pikc.grant._check_budget`` on an order charging several budget lines,
  against searching each line's figures one by one.

The naive figures are compared with the real ones: the benchmark fails if
they differ.
"""

import argparse
import statistics
import sys
import time
from collections import defaultdict

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

GRANTS = 200
ANALYTIC_LINES = 1_000_000
BUDGET_LINES = 80
ORDER_LINES = 10
REPEATS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=ANALYTIC_LINES)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    return parser.parse_args()


def say(message):
    print(f"bench: {message}", flush=True)


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def create_data(env, analytic_lines):
    """Cost categories, accounts, products, 200 grants (the first with 80
    budget lines), a confirmed order committing on each of its lines, and
    the analytic lines (bulk SQL)."""
    company = env.company
    accounts = env["account.account"].create(
        [
            {
                "name": f"Bench expense {number:02d}",
                "code": f"79{number:04d}",
                "account_type": "expense",
                "company_ids": [Command.set(company.ids)],
            }
            for number in range(BUDGET_LINES)
        ]
    )
    product_categories = env["product.category"].create(
        [{"name": f"Bench goods {number:02d}"} for number in range(BUDGET_LINES)]
    )
    categories = env["pikc.cost.category"].create(
        [
            {
                "name": f"Bench heading {number:02d}",
                "code": f"BENCH{number:02d}",
                "sequence": 100 + number,
                "account_ids": [Command.set(accounts[number].ids)],
                "product_category_ids": [Command.set(product_categories[number].ids)],
            }
            for number in range(BUDGET_LINES)
        ]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench item {number:02d}",
                "type": "consu",
                "categ_id": product_categories[number].id,
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
                "property_account_expense_id": accounts[number].id,
            }
            for number in range(BUDGET_LINES)
        ]
    )
    fund = env.ref("pikc_funding.fund_erdf")
    grants = env["pikc.grant"].create(
        [
            {
                "name": f"Bench grant {number:03d}",
                "code": f"BENCH-{number:03d}",
                "fund_id": fund.id,
                "company_id": company.id,
                "date_start": "2014-01-01",
                "date_end": "2020-12-31",
                "eligible_from": "2015-01-01",
                "eligible_to": "2020-12-31",
                "state": "running",
                "budget_policy": "block" if number == 0 else "warn",
                "budget_line_ids": [
                    Command.create(
                        {"category_id": category.id, "amount_planned": 10_000_000.0}
                    )
                    for category in (
                        categories if number == 0 else categories[number % 76 :][:4]
                    )
                ],
            }
            for number in range(GRANTS)
        ]
    )
    big = grants[0]
    vendor = env["res.partner"].create({"name": "Bench vendor"})
    order = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_qty": 2,
                        "price_unit": 100.0 + number,
                        "taxes_id": [Command.clear()],
                        "analytic_distribution": {str(big.analytic_account_id.id): 100},
                    }
                )
                for number, product in enumerate(products)
            ],
        }
    )
    order.button_confirm()
    env.flush_all()

    column = env["pikc.grant"]._grant_column()
    say(f"inserting {analytic_lines:,} analytic lines (bulk SQL) ...")
    started = time.perf_counter()
    # One line in 20 charges the big grant, the others spread over the rest;
    # each line is of one category's account and product, dated over
    # 2014–2020 (the first year is outside the eligibility period). Each
    # stores the facts the ORM stores on a line charging a grant
    # (``account.analytic.line._pikc_store_grant_and_budget_line`` and
    # ``_compute_pikc_cost_facts``): its grant, its budget line (by its
    # expense account: one line per category here), eligibility and the
    # split by financing source (the cents left over go to the own share;
    # the ORM spreads them by the largest remainder).
    rel = env["pikc.cost.category"]._fields["account_ids"]
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_analytic_line
                (name, date, amount, unit_amount, company_id, currency_id,
                 %(column)s, general_account_id, product_id, category,
                 create_uid, write_uid, create_date, write_date,
                 pikc_grant_id, pikc_budget_line_id, pikc_eligible,
                 pikc_ineligible_reason, pikc_amount_eu, pikc_amount_state,
                 pikc_amount_municipality, pikc_amount_own)
            SELECT cost.name, cost.date, cost.amount, 1, %(company)s,
                   %(currency)s, cost.account, cost.general_account,
                   cost.product, 'vendor_bill', %(uid)s, %(uid)s, now(), now(),
                   g.id, bl.id, facts.reason IS NULL, facts.reason,
                   facts.eu, facts.state, facts.muni,
                   -cost.amount - facts.eu - facts.state - facts.muni
              FROM (
                SELECT 'Bench cost ' || i AS name,
                       DATE '2014-01-01' + mod(i, 2550) AS date,
                       -round((mod(i, 997) + 1) * 1.37, 2) AS amount,
                       CASE WHEN mod(i, 20) = 0 THEN %(big)s
                            ELSE (%(others)s::int[])[1 + mod(i, %(n_others)s)]
                       END AS account,
                       (%(accounts)s::int[])[1 + mod(i / 20, %(n_categories)s)]
                           AS general_account,
                       (%(products)s::int[])[1 + mod(i / 20, %(n_categories)s)]
                           AS product
                  FROM generate_series(1, %(count)s) AS i
              ) AS cost
              JOIN pikc_grant g ON g.analytic_account_id = cost.account
         LEFT JOIN %(rel)s r ON r.%(rel_account)s = cost.general_account
         LEFT JOIN pikc_grant_budget_line bl
                ON bl.grant_id = g.id AND bl.category_id = r.%(rel_category)s
         LEFT JOIN pikc_cost_category c ON c.id = bl.category_id
        CROSS JOIN LATERAL (
                SELECT CASE WHEN bl.id IS NULL THEN 'budget'
                            WHEN cost.date < coalesce(g.eligible_from, g.date_start)
                              OR cost.date > coalesce(g.eligible_to, g.date_end)
                            THEN 'period'
                            WHEN NOT c.eligible THEN 'category'
                       END AS reason,
                       round(-cost.amount * g.share_eu / 100, 2) AS eu,
                       round(-cost.amount * g.share_state / 100, 2) AS state,
                       round(-cost.amount * g.share_municipality / 100, 2) AS muni
              ) AS facts
            """,
            column=SQL.identifier(column),
            company=company.id,
            currency=company.currency_id.id,
            big=big.analytic_account_id.id,
            others=grants[1:].analytic_account_id.ids,
            n_others=len(grants) - 1,
            accounts=accounts.ids,
            products=products.ids,
            n_categories=BUDGET_LINES,
            uid=SUPERUSER_ID,
            count=analytic_lines,
            rel=SQL.identifier(rel.relation),
            rel_account=SQL.identifier(rel.column2),
            rel_category=SQL.identifier(rel.column1),
        )
    )
    env.cr.execute("ANALYZE account_analytic_line")
    say(f"... in {time.perf_counter() - started:.1f} s")
    return big, products, vendor


# ----------------------------------------------------------------------
# The naive way: one search or grouped query per budget line
# ----------------------------------------------------------------------
def naive_line_figures(env, line):
    """Committed, actual and available of one budget line, searched for
    that line alone."""
    grant = line.grant_id
    account_id = grant.analytic_account_id.id
    category = line.category_id
    column = env["pikc.grant"]._grant_column()
    AnalyticLine = env["account.analytic.line"]
    of_category = [
        "|",
        ("general_account_id", "in", category.account_ids.ids),
        ("product_id.categ_id", "child_of", category.product_category_ids.ids),
    ]
    [[actual]] = AnalyticLine._read_group(
        [
            (column, "=", account_id),
            ("date", ">=", grant.eligible_from),
            ("date", "<=", grant.eligible_to),
            *of_category,
        ],
        [],
        ["amount:sum"],
    )
    actual = -actual if category.eligible else 0.0
    committed = 0.0
    for cost in (
        env["purchase.order.line"]
        .search(
            [
                ("distribution_analytic_account_ids", "in", [account_id]),
                ("state", "in", ("purchase", "done")),
                ("display_type", "=", False),
                ("product_id.categ_id", "child_of", category.product_category_ids.ids),
            ]
        )
        ._pikc_commitments()
    ):
        distribution, _account, _product, amount, _date = cost[:5]
        committed += grant.currency_id.round(
            amount * distribution.get(str(account_id), 0.0) / 100
        )
    available = round(line.amount_planned - committed - actual, 2)
    return committed, actual, available


def naive_budget_page(env, lines):
    return {line.id: naive_line_figures(env, line) for line in lines}


def real_budget_page(env, lines):
    return {
        line.id: (line.amount_committed, line.amount_actual, line.amount_available)
        for line in lines
    }


def naive_check(env, order):
    """Per order line: search the budget line of its product's category,
    then that line's figures; refuse past the available amount."""
    additions = defaultdict(float)
    for order_line in order.order_line:
        for account_id, share in order_line.analytic_distribution.items():
            budget_line = env["pikc.grant.budget.line"].search(
                [
                    ("grant_id.analytic_account_id", "=", int(account_id)),
                    (
                        "category_id.product_category_ids",
                        "in",
                        order_line.product_id.categ_id.ids,
                    ),
                ],
                limit=1,
            )
            additions[budget_line] += order_line.price_subtotal * share / 100
    for budget_line, addition in additions.items():
        _committed, _actual, available = naive_line_figures(env, budget_line)
        if addition > available:
            raise AssertionError(f"{budget_line.display_name} over budget")


def real_check(env, order):
    env["pikc.grant"]._check_budget(order.order_line._pikc_commitments(), order)


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
def measure(env, function, repeats):
    """Median seconds and the query count of ``function()``, run
    ``repeats`` times on a cold ORM cache (the first run warms PostgreSQL
    and the registry caches, and is not counted)."""
    timings, queries, result = [], [], None
    for attempt in range(repeats + 1):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        if attempt:
            timings.append(elapsed)
            queries.append(env.cr.sql_log_count - before)
    return statistics.median(timings), max(queries), result


def main():
    args = parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        say(f"creating {GRANTS} grants, {BUDGET_LINES} budget lines on one ...")
        big, products, vendor = create_data(env, args.lines)
        cr.commit()  # pylint: disable=invalid-commit
        lines = big.budget_line_ids
        order = env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": 100.0,
                            "taxes_id": [Command.clear()],
                            "analytic_distribution": {
                                str(big.analytic_account_id.id): 100
                            },
                        }
                    )
                    for product in products[:ORDER_LINES]
                ],
            }
        )
        env.flush_all()
        rows = []
        say(f"timing (median of {args.repeats}) ...")
        naive = measure(env, lambda: naive_budget_page(env, lines), args.repeats)
        real = measure(env, lambda: real_budget_page(env, lines), args.repeats)
        for line_id, figures in naive[2].items():
            mine = real[2][line_id]
            if any(abs(a - b) > 0.005 for a, b in zip(figures, mine, strict=True)):
                sys.exit(f"bench: figures differ for line {line_id}: {figures} {mine}")
        rows.append((f"budget page, {len(lines)} lines", real, naive))
        naive_c = measure(env, lambda: naive_check(env, order), args.repeats)
        real_c = measure(env, lambda: real_check(env, order), args.repeats)
        rows.append((f"budget check, PO of {ORDER_LINES} lines", real_c, naive_c))
        cr.rollback()

        count = env["account.analytic.line"].search_count([])
        print()
        print(
            f"{count:,} analytic lines, {GRANTS} grants; median of "
            f"{args.repeats} runs on a cold ORM cache"
        )
        header = ("", "real ms", "queries", "naive ms", "queries", "naive/real")
        print(f"{header[0]:<32}{''.join(f'{h:>12}' for h in header[1:])}")
        for name, (r_time, r_queries, _r), (n_time, n_queries, _n) in rows:
            print(
                f"{name:<32}{r_time * 1000:>12.1f}{r_queries:>12}"
                f"{n_time * 1000:>12.1f}{n_queries:>12}{n_time / r_time:>11.1f}x"
            )


if __name__ == "__main__":
    main()
