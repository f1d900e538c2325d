from odoo import Command
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestBudgetCheckQueries(PikcFundingCommon):
    """The budget check at purchase order confirmation costs a fixed number
    of queries: as many for an order charging 1, 10 or 80 budget lines, and
    as many after a thousand older costs. The lines bear a VAT included in
    analytic cost, on a grant whose VAT is eligible: its part is computed
    too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.create_vat()
        product_categories = cls.env["product.category"].create(
            [{"name": f"Test heading goods {number}"} for number in range(80)]
        )
        cls.headings = cls.env["pikc.cost.category"].create(
            [
                {
                    "name": f"Test heading {number}",
                    "code": f"TEST-H{number}",
                    "product_category_ids": [Command.set(categ.ids)],
                }
                for number, categ in enumerate(product_categories)
            ]
        )
        cls.heading_products = cls.env["product.product"].create(
            [
                {
                    "name": f"Test heading item {number}",
                    "type": "consu",
                    "categ_id": categ.id,
                    "purchase_method": "purchase",
                    "supplier_taxes_id": [Command.clear()],
                }
                for number, categ in enumerate(product_categories)
            ]
        )

    def grant_and_order(self, size):
        """A blocking grant with ``size`` budget lines and a draft order
        charging each of them once, within budget."""
        grant = self.create_grant(
            f"TEST-QC-{size}",
            lines=[(heading, 100000.0) for heading in self.headings[:size]],
            budget_policy="block",
            vat_eligible=True,
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "company_id": self.company_pikc.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": 100.0,
                            "taxes_id": [Command.set(self.vat.ids)],
                            "analytic_distribution": self.distribution(grant),
                        }
                    )
                    for product in self.heading_products[:size]
                ],
            }
        )
        return grant, order

    def count_check(self, order, expected):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.assertQueryCount(expected):
            warnings = self.env["pikc.grant"]._check_budget(
                order.order_line._pikc_commitments(), order
            )
        self.assertEqual(warnings, [])
        return self.env.cr.sql_log_count - before

    def test_budget_check_costs_the_same_queries_for_1_10_and_80_lines(self):
        """Confirming an order touching 1, 10 or 80 budget lines checks them
        with the same number of queries (a warm-up round first: registry
        caches), and the check says nothing within budget."""
        counts = {}
        for size in (2, 1, 10, 80):
            _grant, order = self.grant_and_order(size)
            count = self.count_check(order, 39 if size == 2 else 35)
            if size != 2:
                counts[size] = count
        self.assertEqual(len(set(counts.values())), 1, counts)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_budget_check_does_not_grow_with_history(self):
        """A thousand older costs on the grant's lines change nothing to the
        number of queries of the check."""
        self.count_check(self.grant_and_order(2)[1], 39)  # warm-up
        grant, order = self.grant_and_order(80)
        before = self.count_check(order, 35)
        self.env["account.analytic.line"].create(
            [
                {
                    "name": f"Older cost {number}",
                    "date": "2012-03-01",
                    "amount": -10.0,
                    "product_id": self.heading_products[number % 80].id,
                    grant._grant_column(): grant.analytic_account_id.id,
                }
                for number in range(1000)
            ]
        )
        self.assertEqual(self.count_check(order, 35), before)
        line = grant.budget_line_ids[:1]
        line.invalidate_recordset()
        self.assertAlmostEqual(line.amount_actual, 130.0)

    def test_budget_check_of_an_order_in_another_currency_costs_the_same(self):
        """An order in dollars is converted at its own stored rate: no query
        per line, as many queries for 1, 10 or 80 lines (one more than in
        euros: the dollar's own record is read, once)."""
        usd = self.setup_other_currency("USD", rates=[("2010-01-01", 2.0)])
        counts = {}
        for size in (2, 1, 10, 80):
            _grant, order = self.grant_and_order(size)
            order.currency_id = usd
            count = self.count_check(order, 40 if size == 2 else 36)
            if size != 2:
                counts[size] = count
        self.assertEqual(len(set(counts.values())), 1, counts)
        self.assertNotEqual(order.currency_rate, 1.0)
