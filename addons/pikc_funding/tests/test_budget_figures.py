from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestBudgetFigures(PikcFundingCommon):
    def line(self, grant=None, category=None):
        grant = grant or self.grant
        category = category or self.category_equipment
        line = grant.budget_line_ids.filtered(lambda b: b.category_id == category)
        line.invalidate_recordset()
        grant.invalidate_recordset()
        return line

    def test_confirmed_order_commits_and_posted_bill_moves_to_actual(self):
        """A confirmed purchase order commits what is not yet billed; a
        posted bill of part of it moves that part from committed to actual,
        and the actual is split by the financing plan (85 % EU, 15 % state)."""
        order = self.create_purchase(self.grant, qty=2, price=1000.0)
        self.assertEqual(self.line().amount_committed, 0.0, "a draft commits nothing")
        order.button_confirm()
        line = self.line()
        self.assertEqual(line.amount_committed, 2000.0)
        self.assertEqual(line.amount_available, 8000.0)
        bill = self.create_bill(self.grant, qty=1, purchase_line=order.order_line)
        bill.action_post()
        line = self.line()
        self.assertEqual(line.amount_committed, 1000.0)
        self.assertEqual(line.amount_actual, 1000.0)
        self.assertEqual(line.amount_available, 8000.0)
        self.assertEqual(line.consumption, 20.0)
        self.assertEqual((line.actual_eu, line.actual_state), (850.0, 150.0))
        self.assertEqual(self.grant.amount_actual, 1000.0)
        self.assertEqual(self.grant.purchase_count, 1)
        self.assertEqual(self.grant.bill_count, 1)

    def test_a_cost_split_between_grants_lands_by_its_share(self):
        """A purchase line charging two grants 60/40 commits 60 % of its
        value to the first grant and 40 % to the second."""
        other = self.create_grant("TEST-ERDF-2")
        order = self.create_purchase(self.grant, qty=1, price=500.0)
        order.order_line.analytic_distribution = {
            str(self.grant.analytic_account_id.id): 60.0,
            str(other.analytic_account_id.id): 40.0,
        }
        order.button_confirm()
        self.assertEqual(self.line().amount_committed, 300.0)
        self.assertEqual(self.line(other).amount_committed, 200.0)

    def test_cost_outside_the_eligibility_period_is_kept_apart(self):
        """A bill dated after the eligibility period is ineligible: tracked,
        not in the actual amount, not consuming the budget."""
        self.grant.eligible_to = "2013-12-31"
        self.create_bill(self.grant, price=700.0, date="2014-02-03").action_post()
        self.create_bill(self.grant, price=300.0, date="2013-02-03").action_post()
        line = self.line()
        self.assertEqual(line.amount_actual, 300.0)
        self.assertEqual(line.amount_ineligible, 700.0)
        self.assertEqual(line.amount_available, 9700.0)

    def test_cost_of_an_ineligible_category_is_kept_apart(self):
        """A cost in a category that is not eligible never counts as actual."""
        self.category_equipment.eligible = False
        self.create_bill(self.grant, price=450.0).action_post()
        line = self.line()
        self.assertEqual(line.amount_actual, 0.0)
        self.assertEqual(line.amount_ineligible, 450.0)

    def post_bill_with_vat(self, grant):
        """A bill of 1,000 + 21 % VAT charging ``grant``, posted."""
        bill = self.create_bill(grant, price=1000.0)
        bill.invoice_line_ids.tax_ids = self.create_vat()
        bill.action_post()
        self.assertEqual(bill.amount_total, 1210.0)
        return bill

    def test_vat_of_a_cost_is_ineligible_when_the_grant_says_so(self):
        """The VAT of a bill, on the tax account, lands in the budget line
        of its cost: kept apart as ineligible when VAT is not eligible."""
        self.grant.vat_eligible = False
        bill = self.post_bill_with_vat(self.grant)
        tax_line = bill.line_ids.filtered("tax_line_id")
        self.assertTrue(tax_line.analytic_line_ids, "the VAT is analytic")
        line = self.line()
        self.assertEqual(line.amount_actual, 1000.0)
        self.assertEqual(line.amount_ineligible, 210.0)
        self.assertEqual(line.amount_available, 9000.0)
        self.assertEqual(tax_line.analytic_line_ids.pikc_budget_line_id, line)

    def test_vat_of_one_tax_line_is_shared_by_the_lines_of_its_bases(self):
        """Odoo books the VAT of a bill's lines on one tax line; on the
        grant it is shared by the budget lines of its bases, in proportion:
        1,000 of equipment and 500 of services bear 210 and 105, in the
        control (605 of services on a line of 600 is 5 too much) as in the
        figures."""
        self.grant.vat_eligible = True
        self.grant.budget_line_ids = [
            Command.create(
                {"category_id": self.category_services.id, "amount_planned": 600.0}
            )
        ]
        categ = self.env["product.category"].create({"name": "Test services"})
        self.category_services.product_category_ids = [Command.link(categ.id)]
        service = self.env["product.product"].create(
            {
                "name": "Test installation service",
                "type": "service",
                "categ_id": categ.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        vat = self.create_vat()
        bill = self.create_bill(self.grant, price=1000.0)
        bill.invoice_line_ids = [
            Command.create(
                {
                    "product_id": service.id,
                    "quantity": 1,
                    "price_unit": 500.0,
                    "tax_ids": [Command.set(vat.ids)],
                    "analytic_distribution": self.distribution(self.grant),
                }
            )
        ]
        bill.invoice_line_ids.tax_ids = vat
        tax_line = bill.line_ids.filtered("tax_line_id")
        self.assertEqual(len(tax_line), 1, "one tax line for both bases")
        self.assertEqual(
            sorted(cost[3] for cost in tax_line._pikc_tax_costs()), [105.0, 210.0]
        )
        self.grant.budget_policy = "block"
        with self.assertRefused(
            UserError, r"Services: available .*600\.00.*excess .*5\.00"
        ):
            bill.action_post()
        self.grant.budget_policy = "none"
        bill.action_post()
        self.assertEqual(self.line().amount_actual, 1210.0)
        services = self.line(category=self.category_services)
        self.assertEqual(services.amount_actual, 605.0)
        self.assertEqual(len(tax_line.analytic_line_ids), 2)

    def test_vat_of_a_cost_is_actual_when_eligible(self):
        """On a grant whose VAT is eligible, the VAT is actual cost."""
        self.grant.vat_eligible = True
        self.post_bill_with_vat(self.grant)
        line = self.line()
        self.assertEqual(line.amount_actual, 1210.0)
        self.assertEqual(line.amount_ineligible, 0.0)
        self.assertEqual(line.amount_available, 8790.0)

    def test_budget_figures_cost_the_same_queries_for_1_10_and_80_lines(self):
        """The budget page of a grant computes its lines with one grouped
        query per source: as many queries for 1, 10 or 80 lines; reading
        the grant's totals and costs outside the budget too."""
        counts = {}
        grant_counts = {}
        # The first round warms the registry caches (analytic plans, rules).
        for size in (2, 1, 10, 80):
            grant = self.create_grant(
                f"TEST-Q-{size}",
                lines=[],
                budget_line_ids=[
                    Command.create(
                        {
                            "category_id": self.category_equipment.id,
                            "activity": f"Activity {number}",
                            "amount_planned": 1000.0,
                        }
                    )
                    for number in range(size)
                ],
            )
            # The category has a line per activity: the costs choose theirs.
            chosen = grant.budget_line_ids[0]
            order = self.create_purchase(grant, qty=3, price=100.0)
            order.order_line.pikc_budget_line_id = chosen
            order.button_confirm()
            bill = self.create_bill(
                grant, qty=1, price=100.0, purchase_line=order.order_line
            )
            bill.invoice_line_ids.pikc_budget_line_id = chosen
            bill.action_post()
            self.env.flush_all()
            self.env.invalidate_all()
            lines = grant.budget_line_ids
            before = self.env.cr.sql_log_count
            with self.assertQueryCount(20):
                lines.mapped("amount_available")
            if size != 2:
                counts[size] = self.env.cr.sql_log_count - before
            first = lines[0]
            self.assertEqual(
                (first.amount_committed, first.amount_actual), (200.0, 100.0)
            )
            # The grant's totals and its costs outside the budget come from
            # the same queries, which fill in its lines' figures too.
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with self.assertQueryCount(21):
                grant.mapped("amount_unbudgeted")
            with self.assertQueryCount(0):
                lines.mapped("amount_available")
            if size != 2:
                grant_counts[size] = self.env.cr.sql_log_count - before
            self.assertEqual(
                (grant.amount_committed, grant.amount_unbudgeted), (200.0, 0.0)
            )
        self.assertEqual(len(set(counts.values())), 1, counts)
        self.assertEqual(len(set(grant_counts.values())), 1, grant_counts)

    def test_budget_figures_do_not_grow_with_history(self):
        """A thousand older costs on the grant change nothing to the number
        of queries of its budget page: they are summed in the database."""

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.grant.budget_line_ids.mapped("amount_available")
            return self.env.cr.sql_log_count - before

        def older_costs(number):
            self.env["account.analytic.line"].create(
                [
                    {
                        "name": f"Older cost {index}",
                        "date": "2012-03-01",
                        "amount": -10.0,
                        "product_id": self.product_machine.id,
                        self.grant._grant_column(): self.grant.analytic_account_id.id,
                    }
                    for index in range(number)
                ]
            )

        # Each count follows a warm-up round: creating lines may clear
        # registry caches, which is not what is measured.
        older_costs(1)
        count()
        before = count()
        older_costs(999)
        count()
        self.assertEqual(count(), before)
        self.assertEqual(self.line().amount_actual, 10000.0)

    def test_budget_vs_actual_report_sums_the_computed_amounts(self):
        """The pivot's groups carry the committed and actual amounts."""
        self.create_bill(self.grant, price=250.0).action_post()
        groups = self.env["pikc.grant.budget.line"].read_group(
            [("grant_id", "=", self.grant.id)],
            ["amount_planned:sum", "amount_actual:sum", "amount_available:sum"],
            ["category_id"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["amount_actual"], 250.0)
        self.assertEqual(groups[0]["amount_available"], 9750.0)

    def test_a_draft_bill_keeps_the_commitment_until_it_is_posted(self):
        """Odoo counts a draft bill as invoiced; the budget does not: the
        order stays committed until its bill is posted, then it is actual."""
        order = self.create_purchase(self.grant, qty=2, price=1000.0)
        order.button_confirm()
        bill = self.create_bill(
            self.grant, qty=2, price=1000.0, purchase_line=order.order_line
        )
        self.assertEqual(order.order_line.qty_invoiced, 2.0, "Odoo counts the draft")
        line = self.line()
        self.assertEqual((line.amount_committed, line.amount_actual), (2000.0, 0.0))
        self.assertEqual(line.amount_available, 8000.0)
        bill.action_post()
        line = self.line()
        self.assertEqual((line.amount_committed, line.amount_actual), (0.0, 2000.0))
        bill.button_draft()
        line = self.line()
        self.assertEqual((line.amount_committed, line.amount_actual), (2000.0, 0.0))

    def test_a_posted_cost_keeps_its_budget_line_when_the_mapping_changes(self):
        """A posted bill keeps the budget line it landed in when its product
        category is later mapped to another cost category: costs already
        counted (and claimed) do not move; a new bill follows the new
        mapping."""
        self.grant.budget_line_ids = [
            Command.create(
                {"category_id": self.category_services.id, "amount_planned": 5000.0}
            )
        ]
        bill = self.create_bill(self.grant, price=700.0)
        bill.action_post()
        equipment = self.line()
        self.assertEqual(bill.line_ids.analytic_line_ids.pikc_budget_line_id, equipment)
        self.category_equipment.product_category_ids = [Command.clear()]
        self.category_services.product_category_ids = [
            Command.link(self.product_category_equipment.id)
        ]
        self.create_bill(self.grant, price=300.0).action_post()
        self.assertEqual(self.line().amount_actual, 700.0)
        self.assertEqual(
            self.line(category=self.category_services).amount_actual, 300.0
        )

    def test_a_cost_moved_to_another_grant_lands_in_that_grants_line(self):
        """An analytic line moved to another grant's account leaves the
        budget line of the first grant for the one of the second."""
        other = self.create_grant("TEST-ERDF-MOVE")
        line = self.env["account.analytic.line"].create(
            {
                "name": "Test cost moved",
                "date": "2013-03-01",
                "amount": -120.0,
                "product_id": self.product_machine.id,
                self.grant._grant_column(): self.grant.analytic_account_id.id,
            }
        )
        self.assertEqual(line.pikc_budget_line_id, self.line())
        line[self.grant._grant_column()] = other.analytic_account_id
        self.assertEqual(line.pikc_budget_line_id, other.budget_line_ids)
        self.assertEqual(self.line().amount_actual, 0.0)
        self.assertEqual(self.line(grant=other).amount_actual, 120.0)
        with self.assertRefused(ValidationError, "does not charge the grant"):
            line.pikc_budget_line_id = self.line()
        self.assertEqual(line.pikc_budget_line_id, other.budget_line_ids)
