from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestCostSources(PikcFundingCommon):
    """Timesheets and expenses as costs of a grant: where they land, how
    they are split, and that a closed grant refuses them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant.budget_line_ids = [
            Command.create(
                {"category_id": cls.category_personnel.id, "amount_planned": 5000.0}
            ),
            Command.create(
                {"category_id": cls.category_services.id, "amount_planned": 3000.0}
            ),
        ]
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Test teacher",
                "company_id": cls.company_pikc.id,
                "hourly_cost": 12.35,
            }
        )
        action = cls.grant.action_create_project()
        cls.project = cls.env["project.project"].browse(action["res_id"])

    def line(self, category):
        line = self.grant.budget_line_ids.filtered(lambda b: b.category_id == category)
        line.invalidate_recordset()
        return line

    def timesheet(self, hours, date="2013-02-11"):
        return self.env["account.analytic.line"].create(
            {
                "name": "Test lesson plans",
                "project_id": self.project.id,
                "employee_id": self.employee.id,
                "unit_amount": hours,
                "date": date,
            }
        )

    def test_timesheet_is_actual_personnel_cost_split_by_the_financing_plan(self):
        """7.5 hours at 12.35 €/h: 92.63 in the personnel line, split
        85/15 so that the parts sum to the cost; a timesheet outside the
        eligibility period is kept apart."""
        self.timesheet(7.5)
        line = self.line(self.category_personnel)
        self.assertAlmostEqual(line.amount_actual, 92.63)
        self.assertAlmostEqual(line.actual_eu + line.actual_state, 92.63)
        self.assertAlmostEqual(line.actual_eu, 78.74)
        self.assertEqual(self.line(self.category_equipment).amount_actual, 0.0)
        self.assertEqual(self.grant.timesheet_count, 1)
        self.timesheet(2, date="2015-01-12")
        line = self.line(self.category_personnel)
        self.assertAlmostEqual(line.amount_actual, 92.63)
        self.assertAlmostEqual(line.amount_ineligible, 24.70)

    def test_closed_grant_refuses_timesheets(self):
        self.grant.state = "closed"
        with self.assertRefused(UserError, "closed grant.*TEST-ERDF-1"):
            self.timesheet(3)
        self.assertEqual(self.grant.timesheet_count, 0)

    def expense_sheet(self, product=None, amount=80.0):
        return self.create_expense_sheet(
            self.grant,
            amount,
            product=product,
            employee=self.employee,
            name="Test seminar",
        )

    def test_closed_grant_refuses_approving_an_expense_report(self):
        sheet = self.expense_sheet()
        self.grant.state = "closed"
        with self.assertRefused(
            UserError, "expense report “Test seminar” charges the closed grant"
        ):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")

    def test_expense_account_decides_the_category_before_the_product(self):
        """An expense booked on an account mapped to Services lands there,
        although its product's category maps to Equipment; posted, it is
        actual cost of the Services line."""
        account = self.env["account.account"].create(
            {
                "name": "Test seminar fees",
                "code": "TSEM71",
                "account_type": "expense",
                "company_ids": [Command.set(self.company_pikc.ids)],
            }
        )
        self.category_services.account_ids = [Command.link(account.id)]
        sheet = self.expense_sheet(amount=80.0)
        sheet.expense_line_ids.account_id = account
        sheet.action_approve_expense_sheets()
        sheet.action_sheet_move_post()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(self.line(self.category_services).amount_actual, 80.0)
        self.assertEqual(self.line(self.category_equipment).amount_actual, 0.0)
        self.assertEqual(self.grant.expense_count, 1)
