import xmlrpc.client

from odoo.tests import tagged

from .rpc_common import PikcRpcCase

FACTS = [
    "amount",
    "pikc_grant_id",
    "pikc_budget_line_id",
    "pikc_eligible",
    "pikc_ineligible_reason",
    "pikc_amount_eu",
    "pikc_amount_state",
    "pikc_amount_municipality",
    "pikc_amount_own",
]


@tagged("post_install", "-at_install")
class TestCostFactsOverRpc(PikcRpcCase):
    """The stored facts of the demo grants' costs, as an RPC client reaches
    them (XML-RPC ``execute_kw`` with the demo logins): read by those who
    read the costs, written by nobody; a budget line with costs keeps its
    grant."""

    def demo_costs(self):
        """The analytic lines of the demo ERDF grant's bills."""
        grant = self.env.ref("pikc_funding.grant_erdf_equipment")
        costs = self.env["account.analytic.line"].search(
            [("pikc_grant_id", "=", grant.id)]
        )
        self.assertTrue(costs, "the demo ERDF grant has posted costs")
        return costs

    def test_the_accountant_reads_facts_whose_split_sums_to_each_cost(self):
        """The accountant reads every demo cost of the ERDF grant with its
        grant, budget line and eligibility, and its four parts sum exactly
        to the cost (85 % EU, 15 % state)."""
        costs = self.demo_costs()
        rows = self.call(
            "accountant", "account.analytic.line", "read", costs.ids, FACTS
        )
        self.assertEqual(len(rows), len(costs))
        grant = self.env.ref("pikc_funding.grant_erdf_equipment")
        for row in rows:
            cost = -row["amount"]
            parts = [row[f"pikc_amount_{source}"] for source in ("eu", "state")]
            self.assertEqual(row["pikc_grant_id"][0], grant.id)
            self.assertTrue(row["pikc_eligible"], row)
            self.assertEqual(
                round(sum(parts) + row["pikc_amount_municipality"], 2), cost
            )
            self.assertEqual(row["pikc_amount_own"], 0.0)
            self.assertAlmostEqual(parts[0], cost * 0.85, delta=0.01)

    def test_no_role_writes_the_facts_of_a_cost(self):
        """The accountant, the project manager and the auditor are each
        refused writing a cost's eligibility or split over RPC; the stored
        facts are unchanged."""
        cost = self.demo_costs()[0]
        before = cost.read(FACTS)[0]
        for login in ("accountant", "projectmanager", "auditor"):
            with (
                self.subTest(login=login),
                self.assertRaises(xmlrpc.client.Fault) as refusal,
            ):
                self.call(
                    login,
                    "account.analytic.line",
                    "write",
                    cost.ids,
                    {"pikc_eligible": False, "pikc_amount_eu": 0.0},
                )
            self.assertRegex(
                refusal.exception.faultString,
                "cannot be set by hand|not allowed to modify",
            )
        self.env.invalidate_all()
        self.assertEqual(cost.read(FACTS)[0], before)

    def test_a_demo_budget_line_with_costs_keeps_its_grant(self):
        """The director (a funding manager, who alone amends a running
        grant's budget) cannot move the ERDF equipment line, which has
        costs, to the KPFI grant: refused, and the ERDF grant's figures are
        still read."""
        line = self.env.ref("pikc_funding.grant_erdf_equipment_equipment")
        kpfi = self.env.ref("pikc_funding.grant_kpfi_renovation")
        with self.assertRaises(xmlrpc.client.Fault) as refusal:
            self.call(
                "director",
                "pikc.grant.budget.line",
                "write",
                line.ids,
                {"grant_id": kpfi.id},
            )
        self.assertIn("has costs counted in it", refusal.exception.faultString)
        [grant] = self.call(
            "director",
            "pikc.grant",
            "read",
            line.grant_id.ids,
            ["amount_actual", "amount_committed"],
        )
        self.assertEqual(grant["amount_actual"], line.grant_id.amount_actual)
        self.assertEqual(
            line.grant_id, self.env.ref("pikc_funding.grant_erdf_equipment")
        )
