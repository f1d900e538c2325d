from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.pikc_resources.tests.common import race_two_transactions

CODE = "RACE-COST-LINE"


@tagged("post_install", "-at_install")
class TestCostLineRace(TransactionCase):
    """A cost counts only in a budget line of the grant it charges, held by
    the database: a budget line moved to another grant while a cost is
    being posted on it, in two real transactions, is refused once the cost
    is committed (the move's check could not see it)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            grants = env["pikc.grant"].create(
                [
                    {
                        "name": f"Race grant {suffix}",
                        "code": f"{CODE}-{suffix}",
                        "fund_id": env.ref("pikc_funding.fund_erdf").id,
                        "date_start": "2012-01-01",
                        "date_end": "2014-12-31",
                        "state": "running",
                        "budget_policy": "block",
                        "budget_line_ids": [
                            Command.create(
                                {
                                    "category_id": env.ref(
                                        f"pikc_funding.cost_category_{category}"
                                    ).id,
                                    "amount_planned": 1000.0,
                                }
                            )
                        ],
                    }
                    for suffix, category in (("A", "equipment"), ("B", "services"))
                ]
            )
            self.grant_ids = grants.ids
            self.line_id = grants[0].budget_line_ids.id
            self.account_id = grants[0].analytic_account_id.id
            self.column = env["pikc.grant"]._grant_column()
        self.addCleanup(self.cleanup)

    def cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["account.analytic.line"].search(
                [("pikc_grant_id", "in", self.grant_ids)]
            ).unlink()
            env["pikc.grant"].browse(self.grant_ids).unlink()

    def test_a_line_moved_while_a_cost_lands_in_it_is_refused(self):
        """The first transaction posts a cost of the lathe in the equipment
        line of grant A; the second moves that line to grant B before the
        cost is committed: it waits, then is refused; the line stays on
        grant A with its cost."""

        def post_cost(env):
            cost = env["account.analytic.line"].create(
                {
                    "name": "Race cost",
                    "amount": -100.0,
                    "date": "2013-05-10",
                    "product_id": env.ref("pikc_funding.product_cnc_lathe").id,
                    self.column: self.account_id,
                }
            )
            self.assertEqual(cost.pikc_budget_line_id.id, self.line_id)
            env.flush_all()

        def move_line(env):
            env["pikc.grant.budget.line"].browse(self.line_id).write(
                {"grant_id": self.grant_ids[1]}
            )
            env.flush_all()

        with mute_logger("odoo.sql_db"):
            error = race_two_transactions(self.registry, post_cost, move_line)
        self.assertIsInstance(
            error, (errors.ForeignKeyViolation, errors.SerializationFailure)
        )
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT grant_id FROM pikc_grant_budget_line WHERE id = %s",
                [self.line_id],
            )
            self.assertEqual(cr.fetchone()[0], self.grant_ids[0])
            cr.execute(
                "SELECT pikc_grant_id FROM account_analytic_line"
                " WHERE pikc_budget_line_id = %s",
                [self.line_id],
            )
            self.assertEqual(cr.fetchall(), [(self.grant_ids[0],)])

    def test_the_database_refuses_a_cost_in_a_line_of_another_grant(self):
        """Past the ORM, SQL itself cannot count a cost of grant B in a
        line of grant A."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["account.analytic.line"].create(
                {
                    "name": "Race cost",
                    "amount": -100.0,
                    "date": "2013-05-10",
                    "product_id": env.ref("pikc_funding.product_cnc_lathe").id,
                    self.column: self.account_id,
                }
            )
            env.flush_all()
            with (
                self.assertRaises(errors.ForeignKeyViolation),
                mute_logger("odoo.sql_db"),
                cr.savepoint(),
            ):
                cr.execute(
                    "UPDATE account_analytic_line SET pikc_grant_id = %s"
                    " WHERE pikc_budget_line_id = %s",
                    [self.grant_ids[1], self.line_id],
                )
            cr.execute(
                "SELECT count(*) FROM account_analytic_line"
                " WHERE pikc_budget_line_id = %s AND pikc_grant_id = %s",
                [self.line_id, self.grant_ids[0]],
            )
            self.assertEqual(cr.fetchone()[0], 1)
