import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestBudgetControl(PikcFundingCommon):
    """A grant of 10,000 for equipment; purchases, bills and expense reports
    that would take the line past it, under each budget policy."""

    def order(self, grant=None, qty=6, price=2000.0, user=None):
        """A draft order of 12,000 (by default) charging the grant, as the
        buyer (a purchase user and project manager)."""
        order = self.create_purchase(grant or self.grant, qty=qty, price=price)
        return order.with_user(user or self.user_buyer)

    def override(self, document, reason, user=None):
        wizard = (
            self.env["pikc.grant.override.wizard"]
            .with_user(user or self.user_funding_manager_buyer)
            .create(
                {"res_model": document._name, "res_id": document.id, "reason": reason}
            )
        )
        return wizard.action_override()

    def test_block_policy_refuses_an_order_past_the_available_amount(self):
        """Confirming 12,000 against 10,000 available is refused, naming the
        line, its available amount and the excess; nothing is committed."""
        self.grant.budget_policy = "block"
        order = self.order()
        with self.assertRefused(
            UserError,
            r"(?s)TEST-ERDF-1.*Equipment: available .*10,000\.00.*excess .*2,000\.00",
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.grant.budget_line_ids.amount_committed, 0.0)
        self.assertFalse(self.grant.override_ids)

    def test_block_policy_lets_an_order_within_budget_through(self):
        """An order up to the available amount is confirmed."""
        self.grant.budget_policy = "block"
        order = self.order(qty=5)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self.grant.budget_line_ids.amount_available, 0.0)

    def test_block_counts_what_is_already_committed(self):
        """A second order is refused for what the first one committed."""
        self.grant.budget_policy = "block"
        self.order(qty=4).button_confirm()
        second = self.order(qty=2, price=1500.0)
        with self.assertRefused(UserError, r"available .*2,000\.00.*excess .*1,000"):
            second.button_confirm()
        self.assertEqual(second.state, "draft")

    def assertBudgetWarning(self, action, label):
        """``action`` is a sticky warning notification naming the document
        (``label``), the grant, the equipment line, its available amount
        and the excess of 2,000, after which the view reloads; the grant's
        chatter logs it too."""
        self.assertEqual(
            (action["type"], action["tag"]),
            ("ir.actions.client", "display_notification"),
        )
        params = action["params"]
        self.assertEqual((params["type"], params["sticky"]), ("warning", True))
        self.assertTrue(params["title"])
        self.assertRegex(
            params["message"],
            rf"{re.escape(label)}.*TEST-ERDF-1.*"
            r"Equipment: available .*10,000\.00.*excess .*2,000\.00",
        )
        self.assertEqual(params["next"]["tag"], "soft_reload")
        message = self.grant.message_ids[:1]
        self.assertIn(label, message.body)
        self.assertRegex(message.body, r"Equipment: available .*10,000\.00.*excess")

    def test_warn_policy_confirms_and_warns_the_user_and_the_grant(self):
        """Under the warn policy the order goes through; the user gets a
        warning naming the order, the line and the excess, and the grant's
        chatter logs it."""
        order = self.order()
        action = order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertBudgetWarning(action, order.name)

    def test_warn_policy_posts_a_bill_and_warns(self):
        """Under the warn policy a bill past the budget is posted, with a
        warning to the user and in the grant's chatter."""
        bill = self.create_bill(self.grant, qty=6, price=2000.0)
        label = bill.display_name
        action = bill.action_post()
        self.assertEqual(bill.state, "posted")
        self.assertBudgetWarning(action, label)

    def test_warn_policy_approves_an_expense_report_and_warns(self):
        """Under the warn policy an expense report past the budget is
        approved, with a warning to the user and in the grant's chatter."""
        sheet = self.expense_sheet()
        action = sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
        self.assertBudgetWarning(action, sheet.name)

    def test_within_budget_no_warning_is_returned(self):
        """Within budget the warn policy says nothing: Odoo's own result."""
        self.assertIs(self.order(qty=2).button_confirm(), True)
        self.assertFalse(self.create_bill(self.grant).action_post())

    def test_none_policy_lets_everything_through_silently(self):
        """Without budget control nothing is checked or logged."""
        self.grant.budget_policy = "none"
        messages = self.grant.message_ids
        self.order().button_confirm()
        self.assertEqual(self.grant.message_ids, messages)

    def test_funding_manager_overrides_a_block_with_a_reason(self):
        """The funding manager overrides with a reason: the order is
        confirmed and the override (document, lines, excess, reason, user,
        date) is recorded on the grant."""
        self.grant.budget_policy = "block"
        order = self.order()
        self.override(order, "Price rise accepted by the managing authority")
        self.assertEqual(order.state, "purchase")
        override = self.grant.override_ids
        self.assertEqual(len(override), 1)
        self.assertEqual(override.document, order.name)
        self.assertEqual((override.res_model, override.res_id), (order._name, order.id))
        self.assertEqual(override.user_id, self.user_funding_manager_buyer)
        self.assertIn("excess", override.summary)
        self.assertIn("2,000.00", override.summary)
        self.assertEqual(
            override.reason, "Price rise accepted by the managing authority"
        )
        self.assertTrue(override.date)
        self.assertEqual(self.grant.budget_line_ids.amount_committed, 12000.0)
        self.assertEqual(
            self.read_as(self.user_auditor, override, ["reason"])["reason"],
            "Price rise accepted by the managing authority",
        )

    def test_override_needs_a_reason(self):
        """An override without a reason is refused; the order stays a
        draft and nothing is recorded."""
        self.grant.budget_policy = "block"
        order = self.order()
        with self.assertRefused(UserError, "Give the reason"):
            self.override(order, "   ")
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.grant.override_ids)

    def test_only_a_funding_manager_overrides(self):
        """A project manager cannot override, neither through the wizard nor
        by passing the override in the context."""
        self.grant.budget_policy = "block"
        order = self.order()
        with self.assertRefused(UserError, "Only a funding manager"):
            self.override(order, "I need it", user=self.user_buyer)
        with self.assertRefused(UserError, "Only a funding manager"):
            order.with_context(pikc_budget_override_reason="I need it").button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.grant.override_ids)
        with self.assertRefused(Exception, "not allowed to create"):
            self.env["pikc.grant.override"].with_user(self.user_buyer).create(
                {
                    "grant_id": self.grant.id,
                    "res_model": order._name,
                    "res_id": order.id,
                    "document": order.name,
                    "reason": "Forged",
                    "user_id": self.user_buyer.id,
                }
            )

    def test_a_split_order_counts_only_the_grants_share(self):
        """An order charging the grant 50 % adds half its value."""
        self.grant.budget_policy = "block"
        order = self.create_purchase(self.grant, qty=6, price=2000.0, percentage=50)
        order.button_confirm()
        self.assertEqual(self.grant.budget_line_ids.amount_committed, 6000.0)

    def test_block_policy_refuses_posting_a_bill_past_the_budget(self):
        """Posting a bill of 12,000 against 10,000 is refused; it stays a
        draft and nothing is spent."""
        self.grant.budget_policy = "block"
        bill = self.create_bill(self.grant, qty=6, price=2000.0)
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            bill.action_post()
        self.assertEqual(bill.state, "draft")
        self.assertEqual(self.grant.budget_line_ids.amount_actual, 0.0)
        self.override(bill, "Approved change of the contract value")
        self.assertEqual(bill.state, "posted")
        self.assertEqual(self.grant.override_ids.res_model, "account.move")

    def test_scheduled_bill_past_the_budget_is_not_posted_by_the_cron(self):
        """A bill set to post itself at its date goes through the same
        budget control when Odoo's cron posts it: refused, it stays a draft,
        stops posting itself, and says why in its chatter."""
        self.grant.budget_policy = "block"
        bill = self.create_bill(self.grant, qty=6, price=2000.0)
        bill.write({"auto_post": "at_date", "checked": True})
        self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.auto_post, "no")
        self.assertIn("excess", bill.message_ids[:1].body)
        self.assertEqual(self.grant.budget_line_ids.amount_actual, 0.0)
        within = self.create_bill(self.grant, qty=1, price=2000.0)
        within.write({"auto_post": "at_date", "checked": True})
        self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(within.state, "posted")

    def test_billing_an_order_moves_its_commitment_without_double_counting(self):
        """The bill of a confirmed order is not counted twice: billing the
        whole order of 10,000 on a 10,000 line goes through."""
        self.grant.budget_policy = "block"
        order = self.order(qty=5)
        order.button_confirm()
        bill = self.create_bill(
            self.grant, qty=5, price=2000.0, purchase_line=order.order_line
        )
        bill.action_post()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual((line.amount_committed, line.amount_actual), (0.0, 10000.0))

    def test_block_policy_refuses_approving_an_expense_report_past_the_budget(self):
        """Approving an expense report of 12,000 charging the grant is
        refused."""
        self.grant.budget_policy = "block"
        sheet = self.expense_sheet()
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")

    def test_bills_posted_together_are_checked_together(self):
        """Two bills of 6,000 posted in one go on a 10,000 line: each fits
        alone, both do not; neither is posted."""
        self.grant.budget_policy = "block"
        bills = self.create_bill(self.grant, price=6000.0) | self.create_bill(
            self.grant, price=6000.0
        )
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            bills.action_post()
        self.assertEqual(bills.mapped("state"), ["draft", "draft"])

    def test_orders_confirmed_together_are_checked_together(self):
        self.grant.budget_policy = "block"
        orders = self.order(qty=3) | self.order(qty=3)
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            orders.button_confirm()
        self.assertEqual(orders.mapped("state"), ["draft", "draft"])

    def test_approving_an_order_directly_goes_through_the_controls(self):
        """Odoo's approval (called directly, or by a purchase manager for an
        order waiting for it) is where the controls run: it cannot be used
        to skip them."""
        self.grant.budget_policy = "block"
        order = self.order()
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            order.button_approve()
        self.assertEqual(order.state, "draft")

    def test_order_waiting_for_approval_is_checked_when_approved(self):
        """With two-step approval, the order waits uncommitted; the
        purchase manager's approval runs the budget control, and a funding
        manager's override approves it."""
        self.grant.budget_policy = "block"
        self.company_pikc.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 5000}
        )
        order = self.order()
        order.button_confirm()
        self.assertEqual(order.state, "to approve")
        self.assertEqual(self.grant.budget_line_ids.amount_committed, 0.0)
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            order.with_user(self.env.user).button_approve()
        self.assertEqual(order.state, "to approve")
        self.env.user.groups_id |= self.env.ref("purchase.group_purchase_manager")
        self.user_funding_manager_buyer.groups_id |= self.env.ref(
            "purchase.group_purchase_manager"
        )
        self.override(order, "Second machine approved by the authority")
        self.assertEqual(order.state, "purchase")

    def test_billing_an_older_order_when_its_category_got_a_second_line(self):
        """An order confirmed when the grant had one equipment line is
        billed after a second equipment line (another activity) is added:
        the bill chooses its line and posts; the order's commitment is
        released without asking the order to choose."""
        self.grant.budget_policy = "block"
        order = self.order(qty=2)
        order.button_confirm()
        self.grant.budget_line_ids = [
            Command.create(
                {
                    "category_id": self.category_equipment.id,
                    "activity": "Welding workshop",
                    "amount_planned": 5000.0,
                }
            )
        ]
        first = self.grant.budget_line_ids.sorted("id")[0]
        bill = self.create_bill(
            self.grant, qty=2, price=2000.0, purchase_line=order.order_line
        )
        bill.invoice_line_ids.pikc_budget_line_id = first
        bill.action_post()
        self.assertEqual(bill.state, "posted")
        first.invalidate_recordset()
        self.assertEqual((first.amount_committed, first.amount_actual), (0.0, 4000.0))

    def test_expense_report_overridden_at_approval_posts_without_a_second_check(
        self,
    ):
        """An employee-paid report is checked at approval only: after a
        funding manager's override, posting its journal entry is not
        refused again."""
        self.grant.budget_policy = "block"
        sheet = self.expense_sheet()
        self.user_funding_manager_buyer.groups_id |= self.env.ref(
            "hr_expense.group_hr_expense_manager"
        )
        self.override(sheet, "Machine bought at the fair, approved by the board")
        self.assertEqual(sheet.state, "approve")
        sheet.action_sheet_move_post()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(len(self.grant.override_ids), 1)

    def test_expense_is_dated_as_its_journal_entry_will_be(self):
        """An employee-paid report is booked at its accounting date: an
        expense of 20 December 2014 booked on 15 January 2015, after the
        grant's eligibility period, is ineligible — the control does not
        count it, and posted it is kept apart, not actual."""
        self.grant.budget_policy = "block"
        sheet = self.expense_sheet()
        sheet.expense_line_ids.date = "2014-12-20"
        sheet.accounting_date = "2015-01-15"
        sheet.action_approve_expense_sheets()
        sheet.action_sheet_move_post()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual((line.amount_actual, line.amount_ineligible), (0.0, 12000.0))

    def test_approved_expense_reports_commit_until_posted(self):
        """An approved report not posted yet is committed: a second report
        cannot take the same money; posted, the first is actual."""
        self.grant.budget_policy = "block"
        first = self.expense_sheet(6000.0)
        first.action_approve_expense_sheets()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual((line.amount_committed, line.amount_actual), (6000.0, 0.0))
        second = self.expense_sheet(6000.0)
        with self.assertRefused(UserError, r"Equipment: available .*excess .*2,000"):
            second.action_approve_expense_sheets()
        self.assertEqual(second.state, "submit")
        first.action_sheet_move_post()
        line.invalidate_recordset()
        self.assertEqual((line.amount_committed, line.amount_actual), (0.0, 6000.0))

    def expense_sheet(self, amount=12000.0):
        """A submitted expense report of 12,000 (by default) of equipment
        charging the grant."""
        return self.create_expense_sheet(self.grant, amount)


@tagged("post_install", "-at_install")
class TestBudgetControlVat(PikcFundingCommon):
    """The VAT of a cost (a tax included in analytic cost) counts against
    the budget of a grant whose VAT is eligible, at every control: purchase
    confirmation, bill posting, expense approval; never on a grant whose VAT
    is not eligible. A grant of 10,000 for equipment, 9,000 + 21 % VAT
    (10,890) of machines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.create_vat()
        cls.grant.budget_policy = "block"

    def bill(self):
        bill = self.create_bill(self.grant, qty=3, price=3000.0)
        bill.invoice_line_ids.tax_ids = self.vat
        self.assertEqual(bill.amount_total, 10890.0)
        return bill

    def test_bill_with_eligible_vat_past_the_budget_is_refused(self):
        self.grant.vat_eligible = True
        bill = self.bill()
        with self.assertRefused(UserError, r"Equipment: available .*excess .*890"):
            bill.action_post()
        self.assertEqual(bill.state, "draft")
        self.assertEqual(self.grant.budget_line_ids.amount_actual, 0.0)

    def test_bill_whose_vat_is_not_eligible_stays_within_the_budget(self):
        self.grant.vat_eligible = False
        bill = self.bill()
        bill.action_post()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual(bill.state, "posted")
        self.assertEqual(
            (line.amount_actual, line.amount_ineligible, line.amount_available),
            (9000.0, 1890.0, 1000.0),
        )

    def test_order_commits_its_eligible_vat_and_billing_does_not_count_it_twice(
        self,
    ):
        """The commitment of a confirmed order includes the VAT the bill
        will put on a grant whose VAT is eligible; billing it moves all of
        it to actual; an order past the budget with its VAT is refused."""
        self.grant.vat_eligible = True
        order = self.create_purchase(self.grant, qty=3, price=3000.0)
        order.order_line.taxes_id = self.vat
        with self.assertRefused(UserError, r"Equipment: available .*excess .*890"):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        order.order_line.product_qty = 2
        order.button_confirm()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual(line.amount_committed, 7260.0)
        bill = self.create_bill(
            self.grant, qty=2, price=3000.0, purchase_line=order.order_line
        )
        bill.invoice_line_ids.tax_ids = self.vat
        bill.action_post()
        line.invalidate_recordset()
        self.assertEqual(
            (line.amount_committed, line.amount_actual, line.amount_available),
            (0.0, 7260.0, 2740.0),
        )

    def test_order_of_a_grant_whose_vat_is_not_eligible_commits_without_vat(self):
        self.grant.vat_eligible = False
        order = self.create_purchase(self.grant, qty=3, price=3000.0)
        order.order_line.taxes_id = self.vat
        order.button_confirm()
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual(line.amount_committed, 9000.0)

    def expense_sheet(self):
        """A submitted expense report of 10,890 with 21 % VAT (9,000 + 1,890)
        charging the grant."""
        sheet = self.create_expense_sheet(self.grant, 10890.0, taxes=self.vat)
        self.assertEqual(sheet.expense_line_ids.tax_amount, 1890.0)
        return sheet

    def test_expense_with_eligible_vat_past_the_budget_is_refused(self):
        self.grant.vat_eligible = True
        sheet = self.expense_sheet()
        with self.assertRefused(UserError, r"Equipment: available .*excess .*890"):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")

    def test_expense_whose_vat_is_not_eligible_is_approved(self):
        self.grant.vat_eligible = False
        sheet = self.expense_sheet()
        sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
