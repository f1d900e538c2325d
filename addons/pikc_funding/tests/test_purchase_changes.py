from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestConfirmedOrderChanges(PikcFundingCommon):
    """A confirmed purchase order changed or given a new line goes through
    the controls of its confirmation for what the change adds: closed
    grants, budget control, procurement threshold. The test grant plans
    10,000 of equipment; the order of 8,000 is confirmed."""

    def confirmed_order(self, qty=4, price=2000.0, grant=None):
        """A confirmed order charging the grant (8,000 by default), as the
        buyer (a purchase user and project manager)."""
        order = self.create_purchase(grant or self.grant, qty=qty, price=price)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        return order.with_user(self.user_buyer)

    def new_line(self, qty=2, price=2000.0, grant=None):
        return Command.create(
            {
                "product_id": self.product_machine.id,
                "product_qty": qty,
                "price_unit": price,
                "taxes_id": [Command.clear()],
                "analytic_distribution": self.distribution(grant or self.grant),
            }
        )

    def committed(self, grant=None):
        line = (grant or self.grant).budget_line_ids
        line.invalidate_recordset()
        return line.amount_committed

    # ------------------------------------------------------------------
    # Budget control
    # ------------------------------------------------------------------
    def test_block_refuses_raising_a_confirmed_quantity_past_the_budget(self):
        """Raising the quantity of a confirmed line from 4 to 6 (8,000 to
        12,000) on a blocking grant of 10,000 is refused, naming what was
        available before the change (2,000) and the excess (2,000); the
        quantity and the commitment stay."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        with self.assertRefused(
            UserError,
            r"(?s)This change of .*TEST-ERDF-1.*Equipment: available .*2,000\.00"
            r".*excess .*2,000\.00.*budget amendment",
        ):
            order.order_line.product_qty = 6
        self.assertEqual(order.order_line.product_qty, 4)
        self.assertEqual(self.committed(), 8000.0)
        self.assertFalse(self.grant.override_ids)

    def test_block_lets_a_change_within_budget_through(self):
        """Raising the quantity up to the available amount (8,000 to
        10,000) is written and committed."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        order.order_line.product_qty = 5
        self.assertEqual(order.order_line.product_qty, 5)
        self.assertEqual(self.committed(), 10000.0)

    def test_block_refuses_a_higher_price_past_the_budget(self):
        """A price raised past the available amount is refused as well."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        with self.assertRefused(UserError, r"excess .*2,000\.00"):
            order.order_line.price_unit = 3000.0
        self.assertEqual(order.order_line.price_unit, 2000.0)

    def test_block_refuses_a_new_line_past_the_budget(self):
        """A line of 4,000 added to the confirmed order, with 2,000 left,
        is refused; the order keeps its one line."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        with self.assertRefused(UserError, r"excess .*2,000\.00"):
            order.write({"order_line": [self.new_line()]})
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(self.committed(), 8000.0)
        order.write({"order_line": [self.new_line(qty=1)]})
        self.assertEqual(len(order.order_line), 2)
        self.assertEqual(self.committed(), 10000.0)

    def test_decreasing_a_confirmed_order_is_always_allowed(self):
        """An order let through past the budget under the warn policy may
        still be reduced once the grant blocks: a lower quantity or price
        only gives money back."""
        order = self.confirmed_order(qty=6)
        self.grant.budget_policy = "block"
        order.order_line.product_qty = 5.5
        order.order_line.price_unit = 1900.0
        self.assertEqual(self.committed(), 10450.0)

    def test_moving_a_line_to_a_grant_without_budget_is_refused(self):
        """Changing the analytic distribution of a confirmed line to another
        blocking grant checks that grant's budget."""
        other = self.create_grant(
            "TEST-ERDF-2",
            lines=[(self.category_equipment, 5000.0)],
            budget_policy="block",
        )
        order = self.confirmed_order()
        with self.assertRefused(UserError, r"TEST-ERDF-2.*excess .*3,000\.00"):
            order.order_line.analytic_distribution = self.distribution(other)
        self.assertEqual(self.committed(), 8000.0)
        self.assertEqual(self.committed(other), 0.0)

    def test_warn_policy_lets_the_change_through_and_logs_it(self):
        """Under the warn policy the change is written and the grant's
        chatter names the order, the line and the excess."""
        order = self.confirmed_order()
        order.order_line.product_qty = 6
        self.assertEqual(self.committed(), 12000.0)
        message = self.grant.message_ids[:1]
        self.assertIn(order.name, message.body)
        self.assertRegex(message.body, r"Equipment: available .*2,000\.00.*excess")

    def test_funding_manager_overrides_a_blocked_change(self):
        """A funding manager lets a change through past the budget with a
        reason; the override is recorded on the grant."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        order.with_user(self.user_funding_manager_buyer).with_context(
            pikc_budget_override_reason="Second machine approved"
        ).order_line.product_qty = 6
        self.assertEqual(self.committed(), 12000.0)
        self.assertEqual(self.grant.override_ids.reason, "Second machine approved")
        self.assertEqual(self.grant.override_ids.document, order.name)

    def test_billed_part_of_a_line_is_not_committed_again(self):
        """A line half billed commits only what is not billed: raising it
        from 4 to 5 adds 2,000 on the 4,000 still committed."""
        self.grant.budget_policy = "block"
        order = self.confirmed_order()
        self.create_bill(
            self.grant, qty=2, price=2000.0, purchase_line=order.order_line
        ).action_post()
        self.assertEqual(self.committed(), 4000.0)
        order.order_line.product_qty = 5
        self.assertEqual(self.committed(), 6000.0)
        self.assertEqual(self.grant.budget_line_ids.amount_available, 0.0)

    # ------------------------------------------------------------------
    # Closed grants
    # ------------------------------------------------------------------
    def test_closed_grant_refuses_a_bigger_commitment(self):
        """Once the grant is closed, raising a confirmed line charging it or
        adding one is refused; reducing it is allowed."""
        self.grant.budget_policy = "none"
        order = self.confirmed_order()
        self.grant.state = "closed"
        with self.assertRefused(UserError, r"closed grant.*TEST-ERDF-1"):
            order.order_line.product_qty = 5
        with self.assertRefused(UserError, r"closed grant.*TEST-ERDF-1"):
            order.write({"order_line": [self.new_line(qty=1)]})
        self.assertEqual(order.order_line.product_qty, 4)
        order.order_line.product_qty = 3
        self.assertEqual(self.committed(), 6000.0)

    def test_closed_grant_refuses_a_line_moved_onto_it(self):
        """A confirmed line moved onto a closed grant is refused."""
        other = self.create_grant("TEST-ERDF-2", state="closed")
        order = self.confirmed_order()
        with self.assertRefused(UserError, r"closed grant.*TEST-ERDF-2"):
            order.order_line.analytic_distribution = self.distribution(other)
        self.assertEqual(self.committed(), 8000.0)

    # ------------------------------------------------------------------
    # Procurement threshold
    # ------------------------------------------------------------------
    def test_change_reaching_the_procurement_threshold_needs_a_procurement(self):
        """A confirmed order of 40,000 of goods raised to 42,000 reaches the
        ERDF threshold: refused without an awarded procurement, written once
        the order is linked to one."""
        self.grant.budget_line_ids.amount_planned = 100000.0
        order = self.confirmed_order(qty=1, price=40000.0)
        with self.assertRefused(
            UserError, r"(?s)confirmed purchase order.*procurement threshold.*ERDF"
        ):
            order.order_line.price_unit = 42000.0
        self.assertEqual(order.order_line.price_unit, 40000.0)
        with self.assertRefused(UserError, r"procurement threshold"):
            order.write({"order_line": [self.new_line(qty=1, price=2000.0)]})
        self.assertEqual(len(order.order_line), 1)
        order.pikc_procurement_id = self.env["pikc.procurement"].create(
            {
                "name": "TEST-PROC-1",
                "grant_id": self.grant.id,
                "procurement_type": "goods",
                "amount_estimated": 50000.0,
                "vendor_id": self.vendor.id,
                "state": "awarded",
            }
        )
        order.order_line.price_unit = 42000.0
        self.assertEqual(self.committed(), 42000.0)

    def test_billed_line_raised_to_the_threshold_needs_a_procurement(self):
        """A line billed in full commits nothing more, yet raising its price
        to the threshold raises the order's value: refused without a
        procurement."""
        self.grant.budget_line_ids.amount_planned = 100000.0
        order = self.confirmed_order(qty=1, price=40000.0)
        self.create_bill(
            self.grant, qty=1, price=40000.0, purchase_line=order.order_line
        ).action_post()
        with self.assertRefused(UserError, r"procurement threshold"):
            order.order_line.price_unit = 42000.0
        self.assertEqual(order.order_line.price_unit, 40000.0)

    def test_change_below_the_threshold_needs_no_procurement(self):
        """Raising a confirmed order to just below the threshold (41,999)
        needs no procurement."""
        self.grant.budget_line_ids.amount_planned = 100000.0
        order = self.confirmed_order(qty=1, price=40000.0)
        order.order_line.price_unit = 41999.0
        self.assertEqual(self.committed(), 41999.0)


@tagged("post_install", "-at_install")
class TestOrderCurrency(PikcFundingCommon):
    """An order in US dollars, at 2 dollars to the euro (the company's
    currency and the ERDF fund's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The euro is worth 2 dollars today, whatever the demo rates say.
        cls.env.ref("base.EUR").rate_ids.unlink()
        cls.usd = cls.setup_other_currency("USD", rates=[(fields.Date.today(), 2.0)])

    def usd_order(self, qty=2, price=1000.0, taxes=None):
        order = self.create_purchase(self.grant, qty=qty, price=price)
        order.currency_id = self.usd
        if taxes:
            order.order_line.taxes_id = taxes
        self.assertEqual(order.currency_rate, 2.0)
        return order

    def test_order_in_dollars_commits_its_amount_in_euros(self):
        """An order of 2,000 USD with 21 % VAT included in analytic cost
        commits 1,000 EUR, and its VAT 210 EUR on a grant whose VAT is
        eligible: the company's currency, in which bills count."""
        self.assertEqual(self.company_pikc.currency_id, self.env.ref("base.EUR"))
        self.grant.vat_eligible = True
        self.usd_order(taxes=self.create_vat()).button_confirm()
        self.assertAlmostEqual(self.grant.budget_line_ids.amount_committed, 1210.0)

    def test_budget_control_compares_the_amount_in_euros(self):
        """A blocking grant of 10,000 EUR confirms an order of 20,000 USD
        (10,000 EUR) and refuses raising it to 22,000 USD (11,000 EUR),
        with an excess of 1,000 EUR."""
        self.grant.budget_policy = "block"
        order = self.usd_order(qty=20)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        with self.assertRefused(UserError, r"available .*0\.00.*excess .*1,000\.00"):
            order.order_line.product_qty = 22
        self.assertEqual(order.order_line.product_qty, 20)

    def test_procurement_threshold_compares_the_value_in_the_funds_currency(self):
        """The ERDF threshold for goods is 42,000 EUR: an order of 80,000
        USD (40,000 EUR) needs no procurement, one of 90,000 USD (45,000
        EUR) does, and the refusal gives the value in euros."""
        self.grant.budget_line_ids.amount_planned = 100000.0
        below = self.usd_order(qty=1, price=80000.0)
        below.button_confirm()
        self.assertEqual(below.state, "purchase")
        above = self.usd_order(qty=1, price=90000.0)
        with self.assertRefused(UserError, r"charges €\s?45,000\.00|45,000\.00\s?€"):
            above.button_confirm()
        self.assertEqual(above.state, "draft")
