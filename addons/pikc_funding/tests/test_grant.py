from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestGrantRules(PikcFundingCommon):
    def test_grant_gets_its_analytic_account_and_the_fund_shares(self):
        """A new grant has its account in the Funded projects plan and starts
        from the fund's financing plan and the grant's period."""
        account = self.grant.analytic_account_id
        self.assertEqual(
            account.plan_id, self.env.ref("pikc_funding.analytic_plan_funded_projects")
        )
        self.assertEqual(account.code, "TEST-ERDF-1")
        self.assertEqual((self.grant.share_eu, self.grant.share_state), (85.0, 15.0))
        self.assertEqual(str(self.grant.eligible_from), "2012-01-01")
        self.assertEqual(str(self.grant.eligible_to), "2014-12-31")

    def test_financing_shares_must_sum_to_100(self):
        """Shares summing to 95 % are refused, naming the grant."""
        with self.assertRefused(ValidationError, "TEST-ERDF-1.*sums to 95"):
            self.grant.share_state = 10.0
            self.grant.flush_recordset()
        self.assertEqual(self.grant.share_state, 15.0)

    def test_financing_shares_cannot_be_negative(self):
        """A negative share is refused even if the shares sum to 100: a share
        is a percentage, from 0 to 100, whatever the others are."""
        with self.assertRefused(
            ValidationError, r"“State \(%\)” of the .+ cannot be negative \(-10"
        ):
            self.grant.write({"share_eu": 95.0, "share_state": -10.0})
        self.assertEqual(self.grant.share_eu, 85.0)

    def test_grant_cannot_end_before_it_starts(self):
        """End before start is refused."""
        with self.assertRefused(ValidationError, "TEST-ERDF-1.*ends .* before it"):
            self.grant.date_end = "2011-12-31"
        self.assertEqual(str(self.grant.date_end), "2014-12-31")

    def test_eligibility_period_lies_within_the_grant_period(self):
        """An eligibility period starting before the grant is refused."""
        with self.assertRefused(ValidationError, "eligibility period of the grant"):
            self.grant.eligible_from = "2011-06-01"
        self.assertEqual(str(self.grant.eligible_from), "2012-01-01")

    def test_eligibility_period_cannot_end_after_the_grant(self):
        """An eligibility period ending after the grant is refused."""
        with self.assertRefused(ValidationError, "must lie within the grant's period"):
            self.grant.eligible_to = "2015-03-31"
        self.assertEqual(str(self.grant.eligible_to), "2014-12-31")

    def test_eligibility_period_cannot_end_before_it_starts(self):
        """An inverted eligibility period is refused with its own message."""
        with self.assertRefused(
            ValidationError, r"eligibility period .* ends \(2012-05-31\) before it"
        ):
            self.grant.write(
                {"eligible_from": "2012-06-01", "eligible_to": "2012-05-31"}
            )
        self.assertEqual(str(self.grant.eligible_from), "2012-01-01")

    def test_eligibility_period_follows_the_grant_dates(self):
        """Moving the grant's start later moves an eligibility start it
        leaves outside; an eligibility end inside the grant stays."""
        self.grant.eligible_to = "2014-06-30"
        self.grant.date_start = "2012-03-01"
        self.assertEqual(str(self.grant.eligible_from), "2012-03-01")
        self.assertEqual(str(self.grant.eligible_to), "2014-06-30")
        self.grant.date_end = "2014-03-31"
        self.assertEqual(str(self.grant.eligible_to), "2014-03-31")

    def test_planned_amount_cannot_be_negative(self):
        """A negative planned amount is refused before anything is written,
        naming the field, the line and the amount."""
        line = self.grant.budget_line_ids
        with self.assertRefused(
            ValidationError, r"“Planned” .+ “TEST-ERDF-1 / Equipment”.*negative \(-5"
        ):
            line.amount_planned = -5.0
        self.assertEqual(line.amount_planned, 10000.0)

    def test_one_budget_line_per_category_and_activity(self):
        """A second line of the same category and activity is refused, by the
        model with a clear message and by the database itself."""
        with self.assertRefused(ValidationError, "already has a budget line for Equip"):
            self.grant.budget_line_ids = [
                Command.create(
                    {"category_id": self.category_equipment.id, "amount_planned": 1}
                )
            ]
        self.assertEqual(len(self.grant.budget_line_ids), 1)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as refusal,
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "SET CONSTRAINTS pikc_grant_budget_line_grant_category_activity_uniq "
                "IMMEDIATE"
            )
            self.env.cr.execute(
                "INSERT INTO pikc_grant_budget_line (grant_id, category_id, "
                "amount_planned) VALUES (%s, %s, 1)",
                [self.grant.id, self.category_equipment.id],
            )
        self.assertEqual(
            refusal.exception.diag.constraint_name,
            "pikc_grant_budget_line_grant_category_activity_uniq",
        )
        self.env.cr.execute("SET CONSTRAINTS ALL DEFERRED")
        # Another activity of the same category is a line of its own.
        self.grant.budget_line_ids = [
            Command.create(
                {
                    "category_id": self.category_equipment.id,
                    "activity": "Second workshop",
                    "amount_planned": 1,
                }
            )
        ]
        self.assertEqual(len(self.grant.budget_line_ids), 2)

    def test_closed_grant_refuses_purchase_confirmation(self):
        """Confirming a purchase order charging a closed grant is refused."""
        order = self.create_purchase(self.grant)
        self.grant.state = "closed"
        with self.assertRefused(UserError, "closed grant.*TEST-ERDF-1"):
            order.button_confirm()
        self.assertEqual(order.state, "draft")

    def test_closed_grant_refuses_posting_a_bill(self):
        """Posting a vendor bill charging a closed grant is refused."""
        bill = self.create_bill(self.grant)
        self.grant.state = "closed"
        with self.assertRefused(UserError, "closed grant.*TEST-ERDF-1"):
            bill.action_post()
        self.assertEqual(bill.state, "draft")
        self.assertFalse(
            self.env["account.analytic.line"].search(
                [("auto_account_id", "=", self.grant.analytic_account_id.id)]
            )
        )

    def test_grant_with_costs_cannot_be_deleted(self):
        """A grant with a posted cost is not deleted; one without costs is,
        with its analytic account."""
        self.create_bill(self.grant).action_post()
        with self.assertRefused(UserError, "TEST-ERDF-1.*cannot be deleted"):
            self.grant.unlink()
        self.assertTrue(self.grant.exists())
        empty = self.create_grant("TEST-EMPTY")
        account = empty.analytic_account_id
        empty.unlink()
        self.assertFalse(account.exists())

    def test_budget_line_with_costs_cannot_be_deleted(self):
        """A budget line with committed costs is not deleted."""
        self.create_purchase(self.grant).button_confirm()
        line = self.grant.budget_line_ids
        with self.assertRefused(
            UserError, r"Equipment.*cannot be deleted.*committed .*2,000\.00"
        ):
            line.unlink()
        self.assertTrue(line.exists())

    def test_analytic_account_of_a_grant_with_costs_is_kept(self):
        """The analytic account of a grant with costs cannot change."""
        self.create_purchase(self.grant).button_confirm()
        account = self.grant.analytic_account_id
        other = self.env["account.analytic.account"].create(
            {"name": "Other", "plan_id": account.plan_id.id}
        )
        with self.assertRefused(UserError, "TEST-ERDF-1.*already has costs"):
            self.grant.analytic_account_id = other
        self.assertEqual(self.grant.analytic_account_id, account)


@tagged("post_install", "-at_install")
class TestGrantAccess(PikcFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant.partner_company_ids = [Command.set(cls.company_school2.ids)]
        cls.grant_school2 = cls.create_grant(
            "TEST-SCHOOL2", company_id=cls.company_school2.id
        )

    def test_auditor_reads_the_grants_of_their_institution_and_changes_nothing(self):
        """The auditor reads grants, budget figures, funds and categories of
        the PIKC, not the member school's own grant, and writes nothing."""
        grants = self.env["pikc.grant"].with_user(self.user_auditor)
        found = grants.search([("code", "like", "TEST-")])
        self.assertEqual(found, self.grant)
        self.assertEqual(found.budget_line_ids.amount_available, 10000.0)
        self.assertTrue(found.analytic_account_id.display_name)
        self.assertEqual(
            self.read_as(self.user_auditor, self.fund_erdf, ["name"])["name"],
            self.fund_erdf.name,
        )
        self.assertEqual(
            self.read_as(self.user_auditor, found.budget_line_ids, ["amount_planned"])[
                "amount_planned"
            ],
            10000.0,
        )
        with self.assertRefused(AccessError, "not allowed to modify"):
            found.name = "Changed"
        with self.assertRefused(AccessError, "not allowed to modify"):
            found.budget_line_ids.amount_planned = 1.0
        with self.assertRefused(AccessError, "not allowed to create"):
            grants.create({"name": "X", "code": "X", "fund_id": self.fund_erdf.id})

    def test_accountant_reads_grants_but_does_not_plan_them(self):
        """The project accountant reads a grant and its figures; planning the
        budget is the project manager's."""
        grant = self.grant.with_user(self.user_accountant)
        self.assertEqual(grant.amount_planned, 10000.0)
        with self.assertRefused(AccessError, "not allowed to modify"):
            grant.budget_line_ids.amount_planned = 20000.0

    def test_project_manager_plans_grants_their_institution_leads(self):
        """The project manager creates a grant and plans its budget; may not
        approve, delete it, nor change a partner institution's grant, nor
        change a fund."""
        grants = self.env["pikc.grant"].with_user(self.user_project_manager)
        grant = grants.create(
            {
                "name": "Planned by the project manager",
                "code": "TEST-PM",
                "fund_id": self.fund_erdf.id,
                "date_start": "2015-01-01",
                "date_end": "2016-12-31",
                "budget_line_ids": [
                    Command.create(
                        {
                            "category_id": self.category_services.id,
                            "amount_planned": 5000.0,
                        }
                    )
                ],
            }
        )
        self.assertTrue(grant.analytic_account_id)
        grant.budget_line_ids.amount_planned = 6000.0
        self.assertEqual(grant.amount_planned, 6000.0)
        with self.assertRefused(UserError, "Only a funding manager"):
            grant.action_approve()
        with self.assertRefused(AccessError, "not allowed to delete"):
            grant.unlink()
        school2_pm = self.grant.with_user(self.user_project_manager_school2)
        self.assertEqual(school2_pm.code, "TEST-ERDF-1", "a partner reads it")
        with self.assertRefused(AccessError, "Grant"):
            school2_pm.name = "Changed by a partner"
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.fund_erdf.with_user(self.user_project_manager).share_eu = 80.0

    def test_member_school_project_manager_does_not_see_other_grants(self):
        """A grant the member school neither leads nor partners is invisible
        to it."""
        other = self.create_grant("TEST-PIKC-ONLY")
        grants = self.env["pikc.grant"].with_user(self.user_project_manager_school2)
        found = grants.search([("code", "like", "TEST-")])
        self.assertIn(self.grant_school2, found)
        self.assertIn(self.grant, found)
        self.assertNotIn(other, found)

    def test_funding_manager_manages_funds_categories_and_grant_lifecycle(self):
        """The funding manager creates funds and categories and runs a grant
        from draft to closed."""
        manager = self.user_funding_manager
        fund = (
            self.env["pikc.fund"]
            .with_user(manager)
            .create({"name": "Test fund", "code": "TESTF", "fund_type": "state"})
        )
        self.assertEqual(fund.share_own, 100.0)
        self.env["pikc.cost.category"].with_user(manager).create(
            {"name": "Test heading", "code": "TESTC"}
        )
        grant = self.create_grant("TEST-LIFE", state="draft").with_user(manager)
        grant.action_approve()
        grant.action_start()
        grant.action_closing()
        grant.action_close()
        self.assertEqual(grant.state, "closed")
        with self.assertRefused(UserError, "cannot become"):
            grant.action_start()
        grant.action_reopen()
        self.assertEqual(grant.state, "closing")
