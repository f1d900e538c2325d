from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestBudgetLineChoice(PikcFundingCommon):
    """A grant planning equipment on two activities: a cost of equipment
    cannot know its line from the category, and must choose it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant_two = cls.create_grant(
            "TEST-ACT-2",
            lines=[],
            budget_line_ids=[
                Command.create(
                    {
                        "category_id": cls.category_equipment.id,
                        "activity": activity,
                        "amount_planned": 5000.0,
                    }
                )
                for activity in ("Workshop A", "Workshop B")
            ],
        )
        cls.line_a, cls.line_b = cls.grant_two.budget_line_ids

    def figures(self):
        lines = self.line_a | self.line_b
        lines.invalidate_recordset()
        return [(line.amount_committed, line.amount_actual) for line in lines]

    def test_ambiguous_order_is_refused_naming_the_lines_to_choose_from(self):
        """Confirming an order of equipment without a chosen line is
        refused, naming both activities' lines; nothing is committed."""
        order = self.create_purchase(self.grant_two).with_user(self.user_buyer)
        with self.assertRaisesRegex(
            UserError,
            r"(?s)several budget lines.*Equipment / Workshop A.*"
            r"Equipment / Workshop B.*Choose its budget line",
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.figures(), [(0.0, 0.0), (0.0, 0.0)])

    def test_chosen_line_takes_the_commitment_and_the_bill(self):
        """An order choosing the line of workshop B commits there; its bill
        carries the choice to the analytic line, whose cost is actual on
        workshop B only."""
        order = self.create_purchase(self.grant_two, qty=2, price=1000.0)
        order.order_line.pikc_budget_line_id = self.line_b
        order.with_user(self.user_buyer).button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self.figures(), [(0.0, 0.0), (2000.0, 0.0)])
        order.action_create_invoice()
        bill = order.invoice_ids
        self.assertEqual(bill.invoice_line_ids.pikc_budget_line_id, self.line_b)
        bill.invoice_date = "2013-05-10"
        bill.action_post()
        analytic = bill.invoice_line_ids.analytic_line_ids
        self.assertEqual(analytic.pikc_budget_line_id, self.line_b)
        self.assertEqual(self.figures(), [(0.0, 0.0), (0.0, 2000.0)])

    def test_ambiguous_bill_is_refused_and_nothing_is_posted(self):
        """Posting a bill of equipment without a chosen line is refused: it
        stays a draft without analytic lines; choosing workshop A posts it
        there."""
        bill = self.create_bill(self.grant_two, price=700.0)
        with self.assertRaisesRegex(UserError, "Equipment / Workshop A"):
            bill.action_post()
        self.assertEqual(bill.state, "draft")
        self.assertFalse(bill.invoice_line_ids.analytic_line_ids)
        bill.invoice_line_ids.pikc_budget_line_id = self.line_a
        bill.action_post()
        self.assertEqual(self.figures(), [(0.0, 700.0), (0.0, 0.0)])

    def test_a_chosen_line_wins_over_the_category_mapping(self):
        """On a grant with a single equipment line, a cost may still be
        assigned to another line of the grant: the choice wins."""
        services = self.grant_two.budget_line_ids.create(
            {
                "grant_id": self.grant_two.id,
                "category_id": self.category_services.id,
                "amount_planned": 1000.0,
            }
        )
        bill = self.create_bill(self.grant_two, price=300.0)
        bill.invoice_line_ids.pikc_budget_line_id = services
        bill.action_post()
        services.invalidate_recordset()
        self.assertEqual(services.amount_actual, 300.0)
        self.assertEqual(self.figures(), [(0.0, 0.0), (0.0, 0.0)])

    def test_vat_lands_in_the_line_chosen_for_its_cost(self):
        """The VAT of a bill line choosing workshop B lands there too:
        ineligible, since the grant's VAT is not eligible."""
        self.grant_two.vat_eligible = False
        bill = self.create_bill(self.grant_two, price=1000.0)
        bill.invoice_line_ids.tax_ids = self.create_vat()
        bill.invoice_line_ids.pikc_budget_line_id = self.line_b
        bill.action_post()
        self.assertEqual(self.figures(), [(0.0, 0.0), (0.0, 1000.0)])
        self.assertEqual(self.line_b.amount_ineligible, 210.0)
        self.assertEqual(self.line_a.amount_ineligible, 0.0)

    def test_ambiguous_expense_is_refused_then_approved_with_its_line(self):
        """Approving an expense report of equipment without a chosen line is
        refused, nothing written; once the expense chooses workshop A it is
        approved, and posted it lands there."""
        sheet = self.create_expense_sheet(self.grant_two, 400.0)
        expense = sheet.expense_line_ids
        with self.assertRaisesRegex(UserError, "Equipment / Workshop A"):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")
        self.assertFalse(sheet.account_move_ids)
        self.assertEqual(self.figures(), [(0.0, 0.0), (0.0, 0.0)])
        expense.pikc_budget_line_id = self.line_a
        sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
        sheet.action_sheet_move_post()
        analytic = sheet.account_move_ids.line_ids.analytic_line_ids
        self.assertEqual(analytic.pikc_budget_line_id, self.line_a)
        self.assertEqual(self.figures(), [(0.0, 400.0), (0.0, 0.0)])
