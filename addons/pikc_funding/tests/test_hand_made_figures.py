from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PikcFundingCommon

HAND_MADE = "come from Odoo's documents"


@tagged("post_install", "-at_install")
class TestHandMadeFigures(PikcFundingCommon):
    """Money comes from Odoo's documents: nothing a user types raises what
    a budget line has available or counts in a line of another grant. Each
    refusal is tried as the user (``with_user``, cold caches) and leaves
    the budget figures as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant.budget_policy = "block"
        cls.other_grant = cls.create_grant("TEST-ERDF-2")
        cls.column = cls.env["pikc.grant"]._grant_column()
        cls.user_funding_manager_school2 = cls.create_pikc_user(
            "fund_manager_school2",
            "pikc_funding.group_funding_manager",
            cls.company_school2,
        )
        cls.user_expense_manager = cls.create_pikc_user(
            "fund_expense_manager",
            "hr_expense.group_hr_expense_manager,pikc_funding.group_project_accountant",
            cls.company_pikc,
        )
        bill = cls.create_bill(cls.grant, price=1000.0)
        bill.action_post()
        cls.bill = bill
        cls.cost = bill.invoice_line_ids.analytic_line_ids

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def figures(self, *grants):
        """The planned, committed, actual and available amounts of each
        budget line of ``grants`` (the test grant by default), from the
        database."""
        self.env.invalidate_all()
        grants = grants or (self.grant,)
        return [
            (
                line.amount_planned,
                line.amount_committed,
                line.amount_actual,
                line.amount_available,
            )
            for grant in grants
            for line in grant.budget_line_ids
        ]

    def as_user(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def cost_values(self, grant=None, amount=5000.0, **values):
        return dict(
            {
                "name": "Test typed cost",
                "amount": amount,
                "date": "2013-05-10",
                "company_id": self.company_pikc.id,
                "product_id": self.product_machine.id,
                self.column: (grant or self.grant).analytic_account_id.id,
            },
            **values,
        )

    def typed_costs(self):
        return self.env["account.analytic.line"].search(
            [("name", "=", "Test typed cost")]
        )

    # ------------------------------------------------------------------
    # Hand-made analytic lines
    # ------------------------------------------------------------------
    def test_project_manager_cannot_type_a_cost_on_a_grant(self):
        """A project manager's analytic line of +5,000 on the grant's
        account is refused: the line's available amount stays 9,000."""
        before = self.figures()
        lines = self.as_user(
            self.user_project_manager, self.env["account.analytic.line"]
        )
        with self.assertRefused(AccessError, HAND_MADE):
            lines.create(self.cost_values())
        self.assertEqual(self.figures(), before)
        self.assertEqual(before[0][3], 9000.0)
        self.assertFalse(self.typed_costs())

    def test_accountant_cannot_type_a_cost_of_any_sign(self):
        """The accountant is refused a typed cost on the grant, positive
        (room) or negative (a cost no document brings)."""
        before = self.figures()
        lines = self.as_user(self.user_accountant, self.env["account.analytic.line"])
        for amount in (5000.0, -50.0):
            with (
                self.subTest(amount=amount),
                self.assertRefused(AccessError, HAND_MADE),
            ):
                lines.create(self.cost_values(amount=amount))
        self.assertEqual(self.figures(), before)
        self.assertFalse(self.typed_costs())

    def test_a_refused_typed_cost_leaves_an_order_over_plan_blocked(self):
        """After the typed room is refused, an order of 20,000 on the
        blocking line of 10,000 is still refused at confirmation."""
        lines = self.as_user(
            self.user_project_manager, self.env["account.analytic.line"]
        )
        with self.assertRefused(AccessError, HAND_MADE):
            lines.create(self.cost_values(amount=50000.0))
        order = self.create_purchase(self.grant, qty=20, price=1000.0)
        before = self.figures()
        with self.assertRefused(UserError, "past their available amount"):
            self.as_user(self.user_buyer, order).button_confirm()
        self.assertEqual(self.figures(), before)
        self.assertEqual(order.state, "draft")

    def test_cost_typed_on_a_line_without_grant_cannot_be_moved_onto_one(self):
        """A free analytic line (no grant) moved onto the grant's account
        by the accountant is refused: it would be a typed cost."""
        free = self.env["account.analytic.line"].create(
            {"name": "Test free line", "amount": 700.0}
        )
        before = self.figures()
        with self.assertRefused(AccessError, HAND_MADE):
            self.as_user(self.user_accountant, free).write(
                {self.column: self.grant.analytic_account_id.id}
            )
        self.assertEqual(self.figures(), before)
        self.assertFalse(free.pikc_grant_id)

    def test_funding_manager_corrects_a_cost_and_it_is_recorded(self):
        """A funding manager of the lead institution corrects the grant's
        costs by hand; the grant's chatter says who, which cost and how
        much."""
        lines = self.as_user(
            self.user_funding_manager, self.env["account.analytic.line"]
        )
        lines.create(self.cost_values(amount=-250.0))
        self.assertEqual(self.figures()[0][2], 1250.0)
        message = self.grant.message_ids[:1]
        self.assertIn("Cost corrected by hand", message.body)
        self.assertIn(self.user_funding_manager.name, message.body)
        self.assertIn("Test typed cost", message.body)

    def test_funding_manager_of_a_partner_cannot_type_a_cost(self):
        """The funding manager of a partner institution is not the lead's:
        their typed cost on the grant is refused."""
        self.grant.partner_company_ids = [Command.set(self.company_school2.ids)]
        before = self.figures()
        lines = self.as_user(
            self.user_funding_manager_school2, self.env["account.analytic.line"]
        )
        with self.assertRefused(AccessError, HAND_MADE):
            lines.create(self.cost_values(company_id=self.company_school2.id))
        self.assertEqual(self.figures(), before)

    def test_a_cost_never_names_a_budget_line_of_another_grant(self):
        """Even a funding manager's correction cannot count in a budget
        line of another grant."""
        before = self.figures(self.grant, self.other_grant)
        lines = self.as_user(
            self.user_funding_manager, self.env["account.analytic.line"]
        )
        with self.assertRefused(ValidationError, "does not charge the grant"):
            lines.create(
                self.cost_values(
                    amount=-100.0,
                    pikc_budget_line_id=self.other_grant.budget_line_ids.id,
                )
            )
        self.assertEqual(self.figures(self.grant, self.other_grant), before)
        self.assertFalse(self.typed_costs())

    def test_accountant_cannot_clear_or_repoint_the_budget_line_of_a_cost(self):
        """The budget line of a posted bill's cost is the document's: the
        accountant may neither clear it nor point it at another line of
        the grant."""
        second = self.env["pikc.grant.budget.line"].create(
            {
                "grant_id": self.grant.id,
                "category_id": self.category_services.id,
                "amount_planned": 100.0,
            }
        )
        before = self.figures()
        cost = self.as_user(self.user_accountant, self.cost)
        for value in (False, second.id):
            with (
                self.subTest(value=value),
                self.assertRefused(AccessError, HAND_MADE),
            ):
                cost.write({"pikc_budget_line_id": value})
        self.assertEqual(self.figures(), before)
        self.assertEqual(self.cost.pikc_budget_line_id, self.grant.budget_line_ids[0])

    def test_accountant_cannot_change_the_figures_of_a_posted_bills_cost(self):
        """Amount, grant account and date of a posted bill's analytic line
        are refused to the accountant and the project manager."""
        before = self.figures(self.grant, self.other_grant)
        changes = [
            {"amount": 500.0},
            {self.column: self.other_grant.analytic_account_id.id},
            {"date": "2020-01-01"},
        ]
        for user in (self.user_accountant, self.user_project_manager):
            for vals in changes:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRefused(AccessError, HAND_MADE),
                ):
                    self.as_user(user, self.cost).write(vals)
        self.assertEqual(self.figures(self.grant, self.other_grant), before)
        self.assertEqual(self.cost.amount, -1000.0)

    def test_accountant_cannot_delete_the_cost_of_a_posted_bill(self):
        """Deleting a posted bill's analytic line would give its budget
        line back 1,000: refused; reset to draft, the bill takes it."""
        before = self.figures()
        with self.assertRefused(AccessError, HAND_MADE):
            self.as_user(self.user_accountant, self.cost).unlink()
        self.assertEqual(self.figures(), before)
        self.assertTrue(self.cost.exists())
        self.as_user(self.user_funding_manager_buyer, self.bill).button_draft()
        self.assertFalse(self.cost.exists())
        self.assertEqual(self.figures()[0][3], 10000.0)

    def test_timesheet_amount_is_not_typed(self):
        """A timesheet's amount is hours × the employee's cost: typed by
        the project manager, it is refused."""
        self.grant.budget_line_ids = [
            Command.create(
                {"category_id": self.category_personnel.id, "amount_planned": 500.0}
            )
        ]
        employee = self.env["hr.employee"].create(
            {
                "name": "Test teacher",
                "company_id": self.company_pikc.id,
                "hourly_cost": 10,
            }
        )
        project = self.env["project.project"].browse(
            self.grant.action_create_project()["res_id"]
        )
        timesheet = self.env["account.analytic.line"].create(
            {
                "name": "Test lessons",
                "project_id": project.id,
                "employee_id": employee.id,
                "unit_amount": 4.0,
                "date": "2013-05-10",
            }
        )
        before = self.figures()
        with self.assertRefused(AccessError, HAND_MADE):
            self.as_user(self.user_project_manager, timesheet).write({"amount": 4000.0})
        self.assertEqual(self.figures(), before)
        self.assertEqual(timesheet.amount, -40.0)

    # ------------------------------------------------------------------
    # Distributions and negative lines
    # ------------------------------------------------------------------
    def test_purchase_distributions_that_make_room_are_refused(self):
        """A negative share, more than 100 % on grants, or a key that is no
        analytic account on an order line charging the blocking grant are
        refused with a message naming the fix."""
        account = str(self.grant.analytic_account_id.id)
        other = str(self.other_grant.analytic_account_id.id)
        cases = [
            ({account: -100.0}, "negative share"),
            ({account: 100.0, other: 50.0}, "more than the whole cost"),
            ({account: 150.0}, "more than the whole cost"),
            ({account: 100.0, "999999999": 100.0}, "not an analytic account"),
            ({f"{account},x": 100.0}, "not an analytic account"),
        ]
        order = self.create_purchase(self.grant)
        line = self.as_user(self.user_buyer, order.order_line)
        before = self.figures(self.grant, self.other_grant)
        for distribution, message in cases:
            with (
                self.subTest(distribution=distribution),
                self.assertRefused(ValidationError, message),
            ):
                line.write({"analytic_distribution": distribution})
        self.assertEqual(self.figures(self.grant, self.other_grant), before)
        self.assertEqual(order.order_line.analytic_distribution, {account: 100.0})

    def test_negative_purchase_lines_are_refused(self):
        """A line of −5 machines, or at a negative price, would take back
        commitment from the blocking line: refused, on draft and confirmed
        orders."""
        draft = self.create_purchase(self.grant, qty=2, price=1000.0)
        order = self.create_purchase(self.grant, qty=2, price=1000.0)
        order.button_confirm()
        before = self.figures()
        with self.assertRefused(ValidationError, "negative amount"):
            self.as_user(self.user_buyer, draft.order_line).write({"product_qty": -5})
        with self.assertRefused(ValidationError, "negative amount"):
            self.as_user(self.user_buyer, order.order_line).write(
                {"price_unit": -3000.0}
            )
        with self.assertRefused(ValidationError, "negative amount"):
            self.create_purchase(self.grant, qty=-3)
        self.assertEqual(self.figures(), before)
        self.assertEqual(before[0][1], 2000.0)

    def test_negative_bill_lines_are_refused_at_posting(self):
        """A bill line of −1 machine charging the grant is refused when the
        bill is posted; the figures are unchanged."""
        bill = self.create_bill(self.grant, qty=-1, price=800.0)
        before = self.figures()
        with self.assertRefused(ValidationError, "negative amount"):
            self.as_user(self.user_funding_manager_buyer, bill).action_post()
        self.assertEqual(self.figures(), before)
        self.assertEqual(bill.state, "draft")

    def test_bill_distribution_with_negative_share_is_refused(self):
        """A bill line charging the grant −100 % is refused."""
        bill = self.create_bill(self.grant)
        before = self.figures()
        with self.assertRefused(ValidationError, "negative share"):
            self.as_user(self.user_funding_manager_buyer, bill.invoice_line_ids).write(
                {
                    "analytic_distribution": {
                        str(self.grant.analytic_account_id.id): -100.0
                    }
                }
            )
        self.assertEqual(self.figures(), before)

    def test_posted_bill_line_moved_to_a_full_grant_is_refused(self):
        """Moving a posted bill's cost of 1,000 to a blocking grant with 500
        available goes through the budget control: refused."""
        small = self.create_grant(
            "TEST-ERDF-3",
            lines=[(self.category_equipment, 500.0)],
            budget_policy="block",
        )
        before = self.figures(self.grant, small)
        with self.assertRefused(UserError, "past their available amount"):
            self.as_user(
                self.user_funding_manager_buyer, self.bill.invoice_line_ids
            ).write(
                {"analytic_distribution": {str(small.analytic_account_id.id): 100.0}}
            )
        self.assertEqual(self.figures(self.grant, small), before)

    def test_expense_distribution_and_amount_are_checked(self):
        """An expense charging the grant −100 %, or of a negative amount,
        is refused."""
        sheet = self.create_expense_sheet(self.grant, 100.0)
        expense = self.as_user(self.user_expense_manager, sheet.expense_line_ids)
        before = self.figures()
        with self.assertRefused(ValidationError, "negative share"):
            expense.write(
                {
                    "analytic_distribution": {
                        str(self.grant.analytic_account_id.id): -100.0
                    }
                }
            )
        with self.assertRefused(ValidationError, "negative amount"):
            expense.write({"total_amount_currency": -900.0})
        self.assertEqual(self.figures(), before)

    # ------------------------------------------------------------------
    # Approved expense reports
    # ------------------------------------------------------------------
    def test_approved_expense_raised_past_the_budget_is_refused(self):
        """An approved report of 1,000 (committed) raised to 50,000 by the
        expense manager goes through the budget control again: refused on
        the blocking grant; a raise within the budget counts."""
        sheet = self.create_expense_sheet(self.grant, 1000.0)
        sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
        before = self.figures()
        self.assertEqual(before[0][1], 1000.0)
        expense = self.as_user(self.user_expense_manager, sheet.expense_line_ids)
        with self.assertRefused(UserError, "past their available amount"):
            expense.write({"total_amount_currency": 50000.0})
        self.assertEqual(self.figures(), before)
        expense.write({"total_amount_currency": 1500.0})
        self.assertEqual(self.figures()[0][1], 1500.0)

    # ------------------------------------------------------------------
    # Grant decisions past draft
    # ------------------------------------------------------------------
    def test_project_manager_cannot_change_a_running_grants_decisions(self):
        """Lead institution, partners, start date and eligibility start of
        a running grant are the funding manager's: each refused to the
        project manager, nothing changes."""
        grant = self.as_user(self.user_project_manager, self.grant)
        cases = [
            {"company_id": self.company_school2.id},
            {"partner_company_ids": [Command.set(self.company_school2.ids)]},
            {"date_start": "2011-01-01"},
            {"eligible_from": "2012-06-01"},
            {"date_end": "2020-12-31"},
        ]
        before = self.grant.read(
            ["company_id", "partner_company_ids", "date_start", "eligible_from"]
        )
        for vals in cases:
            with (
                self.subTest(vals=vals),
                self.assertRefused(AccessError, "only a funding manager"),
            ):
                grant.write(vals)
        self.assertEqual(
            self.grant.read(
                ["company_id", "partner_company_ids", "date_start", "eligible_from"]
            ),
            before,
        )
        self.as_user(self.user_funding_manager, self.grant).write(
            {"eligible_from": "2012-06-01"}
        )
        self.assertEqual(str(self.grant.eligible_from), "2012-06-01")

    def test_project_manager_cannot_amend_a_running_grants_budget(self):
        """Raising a planned amount, moving a line to another grant, adding
        or deleting a line of a running grant: refused to the project
        manager; on a draft grant they plan freely."""
        before = self.figures(self.grant, self.other_grant)
        line = self.as_user(self.user_project_manager, self.grant.budget_line_ids)
        for vals in (
            {"amount_planned": 90000.0},
            {"grant_id": self.other_grant.id},
            {"sequence": 99},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefused(AccessError, "budget amendment"),
            ):
                line.write(vals)
        with self.assertRefused(AccessError, "budget amendment"):
            line.create(
                {
                    "grant_id": self.grant.id,
                    "category_id": self.category_services.id,
                    "amount_planned": 5000.0,
                }
            )
        with self.assertRefused(AccessError, "budget amendment"):
            self.as_user(self.user_project_manager, self.other_grant).write(
                {
                    "budget_line_ids": [
                        Command.unlink(self.other_grant.budget_line_ids.id)
                    ]
                }
            )
        self.assertEqual(self.figures(self.grant, self.other_grant), before)
        draft = self.create_grant("TEST-ERDF-DRAFT", state="draft")
        self.as_user(self.user_project_manager, draft.budget_line_ids).write(
            {"amount_planned": 20000.0}
        )
        self.assertEqual(draft.budget_line_ids.amount_planned, 20000.0)

    def test_computed_figures_are_not_written(self):
        """The grant's planned total and a line's institution and fund
        follow from other records: refused to the project manager and the
        funding manager alike."""
        for user in (self.user_project_manager, self.user_funding_manager):
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, "is computed from|is set by the system"),
            ):
                self.as_user(user, self.grant).write({"amount_planned": 1e6})
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, "is computed from|is set by the system"),
            ):
                self.as_user(user, self.grant.budget_line_ids).write(
                    {"company_id": self.company_school2.id}
                )
        self.assertEqual(self.grant.amount_planned, 10000.0)
        self.assertEqual(self.grant.budget_line_ids.company_id, self.company_pikc)

    def test_a_closed_grant_is_changed_by_its_lead_funding_manager_only(self):
        """A closed grant is the record of what was done: its project
        manager changes neither its code, name, manager nor note (each
        refused, nothing written); the lead funding manager may."""
        closed = self.create_grant("TEST-ERDF-CLOSED", state="closed")
        before = closed.read(["code", "name", "manager_id", "note"])[0]
        for vals in (
            {"code": "TEST-ERDF-RENAMED"},
            {"name": "Renamed"},
            {"manager_id": self.user_accountant.id},
            {"note": "<p>Typed later</p>"},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefused(AccessError, "is closed: only a funding manager"),
            ):
                self.as_user(self.user_project_manager, closed).write(vals)
        self.env.invalidate_all()
        self.assertEqual(closed.read(["code", "name", "manager_id", "note"])[0], before)
        self.as_user(self.user_funding_manager, closed).write(
            {"note": "<p>Audited</p>"}
        )
        self.assertIn("Audited", closed.note)

    def test_a_running_grants_manager_is_the_funding_managers_decision(self):
        """Past draft, who manages a grant is decided by a funding manager
        of its lead institution, not by its project manager."""
        manager = self.grant.manager_id
        with self.assertRefused(AccessError, "only a funding manager"):
            self.as_user(self.user_project_manager, self.grant).write(
                {"manager_id": self.user_accountant.id}
            )
        self.env.invalidate_all()
        self.assertEqual(self.grant.manager_id, manager)
