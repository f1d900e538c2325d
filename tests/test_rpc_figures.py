import re

from odoo.tests import tagged

from .rpc_common import PikcRpcCase

HAND_MADE = "come from Odoo's documents"


@tagged("post_install", "-at_install")
class TestFiguresOverRpc(PikcRpcCase):
    """The figures of the demo grants as an RPC client tries to type them
    (XML-RPC ``execute_kw`` with the demo logins): a typed cost, a changed
    cost of a posted bill, a raised plan, a moved budget line, a changed
    lead institution or period, a negative distribution, a written total.
    Each is refused in words, and the budget figures are unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant = cls.env.ref("pikc_funding.grant_erdf_equipment")
        cls.kpfi = cls.env.ref("pikc_funding.grant_kpfi_renovation")
        cls.line = cls.env.ref("pikc_funding.grant_erdf_equipment_equipment")
        cls.column = cls.env["pikc.grant"]._grant_column()

    def assertFault(self, message, login, model, method, *args, **kwargs):
        """Refused with ``message`` (words, not a pattern)."""
        return super().assertFault(
            re.escape(message), login, model, method, *args, **kwargs
        )

    def figures(self):
        """Planned, committed, actual and available of each budget line of
        the ERDF and KPFI grants, and their grants, from the database."""
        self.env.invalidate_all()
        return [
            (
                line.grant_id.id,
                line.amount_planned,
                line.amount_committed,
                line.amount_actual,
                line.amount_available,
            )
            for line in (self.grant | self.kpfi).budget_line_ids
        ]

    def demo_cost(self):
        cost = self.env["account.analytic.line"].search(
            [("pikc_budget_line_id", "=", self.line.id)], limit=1
        )
        self.assertTrue(cost.move_line_id, "a posted bill's cost of the ERDF grant")
        return cost

    def test_the_demo_grants_are_past_draft(self):
        """The grants the other tests try are running or further on: the
        rules past draft apply."""
        self.assertNotEqual(self.grant.state, "draft")
        self.assertNotEqual(self.kpfi.state, "draft")
        self.assertEqual(self.grant.budget_policy, "block")

    def test_no_role_types_a_cost_on_a_grant(self):
        """The project manager and the accountant each create an analytic
        line of +100,000 on the ERDF grant's account: refused, the figures
        are unchanged and no such line exists."""
        before = self.figures()
        for login in ("projectmanager", "accountant"):
            with self.subTest(login=login):
                self.assertFault(
                    HAND_MADE,
                    login,
                    "account.analytic.line",
                    "create",
                    {
                        "name": "RPC typed room",
                        "amount": 100000.0,
                        "date": "2013-05-10",
                        self.column: self.grant.analytic_account_id.id,
                    },
                )
        self.assertEqual(self.figures(), before)
        self.assertFalse(
            self.env["account.analytic.line"].search([("name", "=", "RPC typed room")])
        )

    def test_the_accountant_changes_no_figure_of_a_posted_cost(self):
        """Amount, budget line (cleared or moved) and grant account of a
        posted bill's cost: each refused to the accountant."""
        cost = self.demo_cost()
        before = self.figures()
        for vals in (
            {"amount": 1.0},
            {"pikc_budget_line_id": False},
            {"pikc_budget_line_id": self.kpfi.budget_line_ids[0].id},
            {self.column: self.kpfi.analytic_account_id.id},
        ):
            with self.subTest(vals=vals):
                self.assertFault(
                    HAND_MADE,
                    "accountant",
                    "account.analytic.line",
                    "write",
                    cost.ids,
                    vals,
                )
        self.assertFault(
            HAND_MADE, "accountant", "account.analytic.line", "unlink", cost.ids
        )
        self.assertEqual(self.figures(), before)

    def test_the_director_corrects_a_cost_on_the_record(self):
        """The director, a funding manager of the lead institution, types
        a correction: accepted, and the grant's chatter says who and how
        much."""
        self.call(
            "director",
            "account.analytic.line",
            "create",
            {
                "name": "RPC correction",
                "amount": -12.5,
                "date": "2013-05-10",
                "product_id": self.env.ref("pikc_funding.product_cnc_lathe").id,
                self.column: self.grant.analytic_account_id.id,
            },
        )
        self.env.invalidate_all()
        body = self.grant.message_ids[:1].body
        self.assertIn("Cost corrected by hand", body)
        self.assertIn("RPC correction", body)

    def test_the_project_manager_does_not_amend_a_running_budget(self):
        """Raising the ERDF equipment line's plan, moving it to the KPFI
        grant, adding a line: refused to the project manager."""
        before = self.figures()
        for vals in ({"amount_planned": 9e6}, {"grant_id": self.kpfi.id}):
            with self.subTest(vals=vals):
                self.assertFault(
                    "budget amendment",
                    "projectmanager",
                    "pikc.grant.budget.line",
                    "write",
                    self.line.ids,
                    vals,
                )
        self.assertFault(
            "budget amendment",
            "projectmanager",
            "pikc.grant.budget.line",
            "create",
            {
                "grant_id": self.grant.id,
                "category_id": self.env.ref("pikc_funding.cost_category_travel").id,
                "amount_planned": 1e6,
            },
        )
        self.assertEqual(self.figures(), before)

    def test_the_project_manager_does_not_change_a_running_grants_terms(self):
        """Lead institution, partners, start date and eligibility start of
        the running ERDF grant: each refused to the project manager."""
        fields = ["company_id", "partner_company_ids", "date_start", "eligible_from"]
        before = self.grant.read(fields)
        school2 = self.env.ref("pikc_resources.company_school2")
        for vals in (
            {"company_id": school2.id},
            {"partner_company_ids": [(5, 0, 0)]},
            {"date_start": "2010-01-01"},
            {"eligible_from": "2012-01-01"},
        ):
            with self.subTest(vals=vals):
                self.assertFault(
                    "only a funding manager",
                    "projectmanager",
                    "pikc.grant",
                    "write",
                    self.grant.ids,
                    vals,
                )
        self.env.invalidate_all()
        self.assertEqual(self.grant.read(fields), before)

    def test_no_role_writes_a_computed_total(self):
        """The grant's planned total is the sum of its lines: refused to
        the project manager and the director."""
        before = self.figures()
        for login in ("projectmanager", "director"):
            with self.subTest(login=login):
                self.assertFault(
                    "is computed from",
                    login,
                    "pikc.grant",
                    "write",
                    self.grant.ids,
                    {"amount_planned": 1.0},
                )
        self.assertEqual(self.figures(), before)

    def test_a_negative_share_on_an_order_is_refused(self):
        """The project manager (a buyer) creates an order charging the ERDF
        grant −100 %: refused, no order is made."""
        vendor = self.env.ref("pikc_funding.vendor_machine_tools")
        before = self.figures()
        self.assertFault(
            "negative share",
            "projectmanager",
            "purchase.order",
            "create",
            {
                "partner_id": vendor.id,
                "partner_ref": "RPC negative share",
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.env.ref(
                                "pikc_funding.product_cnc_lathe"
                            ).id,
                            "product_qty": 1,
                            "price_unit": 50000.0,
                            "analytic_distribution": {
                                str(self.grant.analytic_account_id.id): -100.0
                            },
                        },
                    )
                ],
            },
        )
        self.assertEqual(self.figures(), before)
        self.assertFalse(
            self.env["purchase.order"].search(
                [("partner_ref", "=", "RPC negative share")]
            )
        )
