from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestCostFacts(PikcFundingCommon):
    """Each analytic line charging a grant is one cost share and stores its
    facts: its grant, its budget line, whether it is eligible and why not,
    and its split by financing source summing exactly to the cost. The
    figures read them; nobody types them."""

    def cost_lines(self, bill):
        """The analytic lines of ``bill``, read from the database."""
        lines = bill.line_ids.analytic_line_ids
        lines.invalidate_recordset()
        return lines

    def split(self, line):
        return (
            line.pikc_amount_eu,
            line.pikc_amount_state,
            line.pikc_amount_municipality,
            line.pikc_amount_own,
        )

    def test_a_posted_cost_stores_its_grant_line_eligibility_and_split(self):
        """A bill of 1,000 of equipment: the grant, the equipment line,
        eligible, 850 EU and 150 state (the ERDF plan), summing to it."""
        bill = self.create_bill(self.grant, price=1000.0)
        bill.action_post()
        cost = self.cost_lines(bill)
        self.assertEqual(len(cost), 1)
        self.assertEqual(cost.pikc_grant_id, self.grant)
        self.assertEqual(cost.pikc_budget_line_id, self.grant.budget_line_ids)
        self.assertTrue(cost.pikc_eligible)
        self.assertFalse(cost.pikc_ineligible_reason)
        self.assertEqual(self.split(cost), (850.0, 150.0, 0.0, 0.0))

    def test_a_cost_outside_the_eligibility_period_says_why(self):
        """Dated after the eligibility period: ineligible, for the period;
        its split is kept (it is still the grant's cost share)."""
        self.grant.eligible_to = "2013-12-31"
        bill = self.create_bill(self.grant, price=700.0, date="2014-02-03")
        bill.action_post()
        cost = self.cost_lines(bill)
        self.assertFalse(cost.pikc_eligible)
        self.assertEqual(cost.pikc_ineligible_reason, "period")
        self.assertEqual(sum(self.split(cost)), 700.0)
        self.assertEqual(self.grant.budget_line_ids.amount_ineligible, 700.0)

    def test_vat_of_a_grant_whose_vat_is_not_eligible_says_why(self):
        """The VAT of a bill on a grant whose VAT is not eligible is stored
        ineligible, for VAT; its base cost is eligible."""
        self.grant.vat_eligible = False
        bill = self.create_bill(self.grant, price=1000.0)
        bill.invoice_line_ids.tax_ids = self.create_vat()
        bill.action_post()
        costs = self.cost_lines(bill)
        vat = costs.filtered("pikc_tax_id")
        self.assertEqual(vat.pikc_ineligible_reason, "vat")
        self.assertEqual((costs - vat).mapped("pikc_eligible"), [True])
        self.assertEqual(vat.pikc_budget_line_id, self.grant.budget_line_ids)

    def test_a_cost_in_no_budget_line_says_why(self):
        """A hand-made cost of a product mapped to no category charges the
        grant but lands in no budget line: ineligible, for that reason, and
        counted outside the budget."""
        product = self.env["product.product"].create({"name": "Test unmapped thing"})
        cost = self.env["account.analytic.line"].create(
            {
                "name": "Test unmapped cost",
                "date": "2013-06-01",
                "amount": -120.0,
                "product_id": product.id,
                self.grant._grant_column(): self.grant.analytic_account_id.id,
            }
        )
        self.assertEqual(cost.pikc_grant_id, self.grant)
        self.assertFalse(cost.pikc_budget_line_id)
        self.assertEqual(cost.pikc_ineligible_reason, "budget")
        self.grant.invalidate_recordset()
        self.assertEqual(self.grant.amount_unbudgeted, 120.0)

    def test_the_split_sums_exactly_to_the_cost(self):
        """Shares of a third each: the cents left over go by the largest
        remainder, and the four parts sum exactly to each cost."""
        grant = self.create_grant(
            "TEST-THIRDS",
            share_eu=33.34,
            share_state=33.33,
            share_municipality=33.33,
            share_own=0.0,
        )
        costs = self.env["account.analytic.line"].create(
            [
                {
                    "name": f"Test cost {amount}",
                    "date": "2013-06-01",
                    "amount": -amount,
                    "product_id": self.product_machine.id,
                    grant._grant_column(): grant.analytic_account_id.id,
                }
                for amount in (0.10, 0.01, 1234.57, 99.99)
            ]
        )
        for cost in costs:
            self.assertEqual(round(sum(self.split(cost)), 2), -cost.amount, cost.name)
        self.assertEqual(self.split(costs[0]), (0.04, 0.03, 0.03, 0.0))

    def test_the_facts_follow_the_grants_terms(self):
        """The grant's eligibility period and financing plan are the terms
        of its costs: changed, the stored facts and the figures follow."""
        bill = self.create_bill(self.grant, price=1000.0, date="2014-06-01")
        bill.action_post()
        cost = self.cost_lines(bill)
        self.assertTrue(cost.pikc_eligible)
        self.grant.write({"eligible_to": "2014-05-31"})
        self.assertEqual(cost.pikc_ineligible_reason, "period")
        self.grant.write({"share_eu": 80.0, "share_state": 20.0})
        self.assertEqual(self.split(cost), (800.0, 200.0, 0.0, 0.0))
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual((line.amount_actual, line.amount_ineligible), (0.0, 1000.0))

    def test_nobody_types_the_facts_of_a_cost(self):
        """The accountant, who may make analytic lines, cannot set a cost's
        grant, eligibility or split by hand, on a new line or an existing
        one; nothing is written."""
        bill = self.create_bill(self.grant, price=1000.0)
        bill.action_post()
        cost = self.cost_lines(bill).with_user(self.user_accountant)
        message = "follow from its documents and cannot be set by hand"
        with self.assertRefused(UserError, message):
            cost.write({"pikc_eligible": False})
        with self.assertRefused(UserError, message):
            cost.write({"pikc_amount_eu": 1000.0, "pikc_amount_state": 0.0})
        with self.assertRefused(UserError, message):
            self.env["account.analytic.line"].with_user(self.user_accountant).create(
                {
                    "name": "Test typed cost",
                    "amount": -10.0,
                    "pikc_grant_id": self.grant.id,
                    "pikc_eligible": True,
                }
            )
        self.assertTrue(self.cost_lines(bill).pikc_eligible)
        self.assertEqual(self.split(self.cost_lines(bill)), (850.0, 150.0, 0.0, 0.0))

    def test_a_cost_counts_only_in_a_budget_line_of_its_grant(self):
        """A new cost naming the budget line of another grant is refused,
        with the line and the fix."""
        other = self.create_grant("TEST-OTHER")
        with self.assertRefused(
            ValidationError, "does not charge the grant .*TEST-OTHER"
        ):
            self.env["account.analytic.line"].create(
                {
                    "name": "Test misplaced cost",
                    "date": "2013-06-01",
                    "amount": -10.0,
                    "product_id": self.product_machine.id,
                    "pikc_budget_line_id": other.budget_line_ids.id,
                    self.grant._grant_column(): self.grant.analytic_account_id.id,
                }
            )

    def test_a_budget_line_with_costs_keeps_its_grant_and_category(self):
        """Even the funding manager (who alone amends a running grant's
        budget) cannot move a budget line with costs to another grant or
        cost category: its costs would move with it. Both refused, nothing
        written; a line without costs may change."""
        self.create_bill(self.grant, price=1000.0).action_post()
        line = self.grant.budget_line_ids.with_user(self.user_funding_manager)
        other = self.create_grant("TEST-EMPTY")
        with self.assertRefused(UserError, "has costs counted in it: it cannot"):
            line.write({"grant_id": other.id})
        with self.assertRefused(UserError, "has costs counted in it: it cannot"):
            line.write({"category_id": self.category_services.id})
        self.assertEqual(line.grant_id, self.grant)
        self.assertEqual(line.category_id, self.category_equipment)
        self.assertEqual(line.amount_actual, 1000.0)
        empty = other.budget_line_ids.with_user(self.user_funding_manager)
        empty.write({"category_id": self.category_services.id})
        self.assertEqual(empty.category_id, self.category_services)

    def test_the_budget_line_picker_finds_a_line_by_what_is_typed(self):
        """Typing in the budget line picker finds the lines whose grant
        code, category or activity match, not every line."""
        self.create_grant("TEST-PICK", lines=[(self.category_services, 500.0)])
        found = self.env["pikc.grant.budget.line"].name_search("TEST-PICK")
        self.assertEqual([name for _id, name in found], ["TEST-PICK / Services"])
        self.assertFalse(
            self.env["pikc.grant.budget.line"].name_search("Nothing like it")
        )

    def test_budget_vs_actual_sums_the_engines_figures_per_group(self):
        """The Budget vs Actual pivot and graph get the computed amounts as
        summed measures, per group and in the order asked, from the same
        engine as the budget page."""
        other = self.create_grant("TEST-PIVOT")
        self.create_bill(self.grant, price=1000.0).action_post()
        self.create_bill(other, price=300.0).action_post()
        lines = self.env["pikc.grant.budget.line"].with_user(self.user_auditor)
        measures = lines.fields_get(
            ["amount_actual", "amount_available"], ["aggregator"]
        )
        self.assertEqual(measures["amount_actual"]["aggregator"], "sum")
        groups = lines.read_group(
            [("grant_id", "in", (self.grant | other).ids)],
            ["amount_actual:sum", "amount_available:sum", "amount_planned:sum"],
            ["grant_id"],
            orderby="amount_actual desc",
        )
        self.assertEqual(
            [(group["grant_id"][0], group["amount_actual"]) for group in groups],
            [(self.grant.id, 1000.0), (other.id, 300.0)],
        )
        self.assertEqual(groups[1]["amount_available"], 9700.0)
        ascending = lines.read_group(
            [("grant_id", "in", (self.grant | other).ids)],
            ["amount_actual:sum"],
            ["grant_id"],
            orderby="amount_actual asc",
        )
        self.assertEqual(ascending[0]["grant_id"][0], other.id)
