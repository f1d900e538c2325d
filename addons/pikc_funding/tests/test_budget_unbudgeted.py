from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestUnbudgetedCosts(PikcFundingCommon):
    """Each share of a cost charging a grant lands in exactly one of its
    budget lines. A grant planning only equipment: a purchase, bill or
    expense of services (a category it does not plan) or of a product
    mapped to no cost category is refused at its control point, whatever
    the budget policy; costs that reach the grant's account anyway
    (timesheets, hand-made analytic lines, costs posted before) are shown
    apart, as costs outside the budget."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product_category_services = cls.env["product.category"].create(
            {"name": "Test consulting services"}
        )
        cls.category_services.product_category_ids = [
            Command.link(product_category_services.id)
        ]
        cls.product_consulting = cls.env["product.product"].create(
            {
                "name": "Test consulting day",
                "type": "service",
                "categ_id": product_category_services.id,
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.product_unmapped = cls.env["product.product"].create(
            {
                "name": "Test unmapped gadget",
                "type": "consu",
                "categ_id": cls.env["product.category"]
                .create({"name": "Test miscellaneous"})
                .id,
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Test project teacher",
                "company_id": cls.company_pikc.id,
                "hourly_cost": 20.0,
            }
        )

    def purchase_of(self, product, grant=None):
        order = self.create_purchase(grant or self.grant, qty=2, price=500.0)
        order.order_line.product_id = product
        order.order_line.price_unit = 500.0
        return order

    def bill_of(self, product):
        bill = self.create_bill(self.grant, price=800.0)
        bill.invoice_line_ids.product_id = product
        bill.invoice_line_ids.price_unit = 800.0
        return bill

    def expense_sheet_of(self, product):
        return self.create_expense_sheet(
            self.grant,
            300.0,
            product=product,
            employee=self.employee,
            name="Test report outside the budget",
        )

    def figures(self, grant=None):
        grant = grant or self.grant
        grant.invalidate_recordset()
        grant.budget_line_ids.invalidate_recordset()
        line = grant.budget_line_ids
        return (
            line.amount_committed,
            line.amount_actual,
            line.amount_ineligible,
            grant.amount_unbudgeted,
        )

    # ------------------------------------------------------------------
    # Refused at the control points
    # ------------------------------------------------------------------
    def test_order_of_an_unplanned_category_is_refused(self):
        """Confirming an order of services on a grant planning only
        equipment is refused, naming the order, the product, its category,
        the grant and the fix; even without budget control. Nothing is
        committed."""
        self.grant.budget_policy = "none"
        order = self.purchase_of(self.product_consulting).with_user(self.user_buyer)
        with self.assertRefused(
            UserError,
            rf"(?s){order.name}.*Test consulting day.*Services.*TEST-ERDF-1.*"
            r"Add a budget line for Services to the grant, or choose",
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.figures(), (0.0, 0.0, 0.0, 0.0))

    def test_order_of_an_unmapped_product_is_refused(self):
        """A product whose category maps to no cost category lands in no
        budget line: the order is refused, saying so and how to map it."""
        order = self.purchase_of(self.product_unmapped).with_user(self.user_buyer)
        with self.assertRefused(
            UserError,
            r"(?s)Test unmapped gadget.*no cost category.*TEST-ERDF-1.*"
            r"Map its product category or expense account to a cost category",
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")

    def test_a_chosen_budget_line_lets_an_unmapped_cost_through(self):
        """A cost choosing a budget line of the grant lands there, whatever
        its category: the order is confirmed and commits on the chosen
        line."""
        order = self.purchase_of(self.product_unmapped)
        order.order_line.pikc_budget_line_id = self.grant.budget_line_ids
        order.with_user(self.user_buyer).button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self.figures(), (1000.0, 0.0, 0.0, 0.0))

    def test_split_order_is_refused_for_the_grant_lacking_the_line(self):
        """A cost split between two grants must land in a line of each: the
        grant planning services takes its share, the other one refuses."""
        other = self.create_grant(
            "TEST-ERDF-SRV", lines=[(self.category_services, 5000.0)]
        )
        order = self.purchase_of(self.product_consulting)
        order.order_line.analytic_distribution = {
            str(other.analytic_account_id.id): 50.0,
            str(self.grant.analytic_account_id.id): 50.0,
        }
        with self.assertRefused(UserError, r"(?s)TEST-ERDF-1.*no line for that"):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.figures(other)[0], 0.0)

    def test_bill_of_an_unplanned_category_is_refused(self):
        """Posting a bill of services on a grant planning only equipment is
        refused; the bill stays a draft and nothing is spent."""
        bill = self.bill_of(self.product_consulting)
        with self.assertRefused(
            UserError, r"(?s)Test consulting day.*Services.*TEST-ERDF-1"
        ):
            bill.action_post()
        self.assertEqual(bill.state, "draft")
        self.assertEqual(self.figures(), (0.0, 0.0, 0.0, 0.0))

    def test_expense_of_an_unmapped_product_is_refused(self):
        """Approving an expense report whose expense lands in no budget line
        of the grant it charges is refused; the report stays submitted."""
        sheet = self.expense_sheet_of(self.product_unmapped)
        with self.assertRefused(
            UserError, r"(?s)Test report.*Test unmapped gadget.*no cost category"
        ):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")

    def test_vat_without_a_line_is_left_to_its_base_cost(self):
        """The VAT of a cost is not refused on its own for finding no line
        (its base cost is checked): the check lets it through."""
        order = self.purchase_of(self.product_machine)
        vat_only = [
            (
                self.distribution(self.grant),
                False,
                self.product_unmapped,
                210.0,
                None,
                self.env["pikc.grant.budget.line"],
                True,
            )
        ]
        self.grant.vat_eligible = True
        self.assertEqual(self.env["pikc.grant"]._check_budget(vat_only, order), [])
        base = [vat_only[0][:6]]
        with self.assertRefused(UserError, "no cost category"):
            self.env["pikc.grant"]._check_budget(base, order)

    # ------------------------------------------------------------------
    # Costs outside the budget
    # ------------------------------------------------------------------
    def test_timesheet_of_a_grant_without_personnel_line_is_outside_the_budget(
        self,
    ):
        """Hours on the grant's project are personnel costs; the grant plans
        no personnel line: they count in no budget line but in the grant's
        costs outside the budget."""
        project = self.env["project.project"].browse(
            self.grant.action_create_project()["res_id"]
        )
        self.env["account.analytic.line"].create(
            {
                "name": "Test lesson planning",
                "project_id": project.id,
                "employee_id": self.employee.id,
                "date": "2013-03-04",
                "unit_amount": 5.0,
            }
        )
        self.assertEqual(self.figures(), (0.0, 0.0, 0.0, 100.0))
        self.assertEqual(self.grant.amount_actual, 0.0)
        self.assertEqual(self.grant.amount_available, 10000.0)

    def test_hand_made_and_older_costs_are_outside_the_budget(self):
        """A hand-made analytic line of an unmapped product, and an order of
        services confirmed before the rule (written confirmed), land in no
        budget line: both count in the costs outside the budget, whatever
        their date, and in no line's figures."""
        self.env["account.analytic.line"].create(
            [
                {
                    "name": f"Test hand-made cost {date}",
                    "date": date,
                    "amount": -300.0,
                    "product_id": self.product_unmapped.id,
                    self.grant._grant_column(): self.grant.analytic_account_id.id,
                }
                for date in ("2013-06-01", "2016-06-01")
            ]
        )
        order = self.purchase_of(self.product_consulting)
        order.write({"state": "purchase"})
        self.assertEqual(self.figures(), (0.0, 0.0, 0.0, 1600.0))
        self.assertEqual(self.grant.amount_committed, 0.0)

    def test_costs_in_a_budget_line_are_not_outside_the_budget(self):
        """A posted bill of equipment lands in the equipment line: nothing
        is outside the budget."""
        self.create_bill(self.grant, price=400.0).action_post()
        self.assertEqual(self.figures(), (0.0, 400.0, 0.0, 0.0))
