from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestFundingSecurity(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return cls.create_pikc_user(login, groups, cls.company_pikc)

        cls.user_auditor = user("pikc_auditor", "pikc_funding.group_funding_viewer")
        cls.user_accountant = user(
            "pikc_accountant", "pikc_funding.group_project_accountant"
        )
        cls.user_project_manager = user(
            "pikc_project_manager", "pikc_funding.group_project_manager"
        )
        cls.user_funding_manager = user(
            "pikc_funding_manager", "pikc_funding.group_funding_manager"
        )

    def test_funding_roles_build_on_the_viewer(self):
        """Accountant and project manager read what the auditor reads; the
        funding manager holds both roles; none of them implies the other."""
        viewer = "pikc_funding.group_funding_viewer"
        for user in (self.user_accountant, self.user_project_manager):
            self.assertTrue(user.has_group(viewer))
        self.assertTrue(
            self.user_funding_manager.has_group("pikc_funding.group_project_accountant")
        )
        self.assertTrue(
            self.user_funding_manager.has_group("pikc_funding.group_project_manager")
        )
        self.assertFalse(
            self.user_accountant.has_group("pikc_funding.group_project_manager")
        )
        self.assertFalse(
            self.user_project_manager.has_group("pikc_funding.group_project_accountant")
        )
        self.assertFalse(
            self.user_auditor.has_group("pikc_funding.group_project_accountant")
        )
        self.assertFalse(
            self.user_auditor.has_group("pikc_resources.group_resource_user")
        )

    def test_funding_menus_follow_the_funding_roles(self):
        """Funding users see Grants, Funding Bodies and Budget vs Actual; the
        funding manager also configures funds and cost categories; resource
        users see none of it."""
        funding_menus = {
            "pikc_resources.menu_pikc_root",
            "pikc_resources.menu_pikc_funding",
            "pikc_resources.menu_pikc_reporting",
            "pikc_funding.menu_pikc_grant",
            "pikc_funding.menu_pikc_procurement",
            "pikc_funding.menu_pikc_funding_body",
            "pikc_funding.menu_pikc_budget_report",
        }
        for user in (
            self.user_auditor,
            self.user_accountant,
            self.user_project_manager,
        ):
            self.assertEqual(self.visible_menus(user), funding_menus, user.login)
        self.assertEqual(
            self.visible_menus(self.user_funding_manager),
            funding_menus
            | {
                "pikc_resources.menu_pikc_configuration",
                "pikc_funding.menu_pikc_fund",
                "pikc_funding.menu_pikc_cost_category",
            },
        )
        self.assertNotIn(
            "pikc_resources.menu_pikc_funding", self.visible_menus(self.user_teacher)
        )
        self.assertNotIn(
            "pikc_funding.menu_pikc_funding_body", self.visible_menus(self.user_manager)
        )

    def test_auditor_finds_the_funding_bodies(self):
        """The Funding Bodies action lists partners tagged as funding body."""
        body = self.env["res.partner"].create(
            {
                "name": "Test Managing Authority",
                "is_company": True,
                "category_id": [
                    (
                        6,
                        0,
                        self.env.ref("pikc_funding.partner_category_funding_body").ids,
                    )
                ],
            }
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pikc_funding.res_partner_action_funding_body"
        )
        found = (
            self.env["res.partner"]
            .with_user(self.user_auditor)
            .search(safe_eval(action["domain"]))
        )
        self.assertIn(body, found)
        self.assertNotIn(self.partner, found)


@tagged("post_install", "-at_install")
class TestFundingManagerDecisions(PikcFundingCommon):
    """Once a grant is past draft, its state, fund, financing plan, VAT
    eligibility and budget control are the funding manager's decisions,
    whatever the way in (buttons, form, RPC ``write``)."""

    def test_project_manager_cannot_switch_off_budget_control(self):
        """A project manager cannot change the budget control of a running
        grant (to get a blocked purchase through), nor its VAT eligibility,
        fund or financing plan; nothing is written."""
        self.grant.budget_policy = "block"
        grant = self.grant.with_user(self.user_project_manager)
        for values in (
            {"budget_policy": "none"},
            {"vat_eligible": True},
            {"share_eu": 50.0, "share_own": 50.0},
            {"fund_id": self.env.ref("pikc_funding.fund_kpfi").id},
        ):
            with self.assertRefused(
                AccessError,
                "TEST-ERDF-1.*Running: only a funding manager of its lead institution",
            ):
                grant.write(values)
        self.assertEqual(self.grant.budget_policy, "block")
        self.assertFalse(self.grant.vat_eligible)
        self.assertEqual(self.grant.fund_id, self.fund_erdf)

    def test_project_manager_sets_the_decisions_of_a_draft(self):
        """On a draft the project manager proposes fund, financing plan, VAT
        and budget control; rewriting an unchanged value is not a change."""
        draft = self.create_grant("TEST-DRAFT", state="draft")
        draft.with_user(self.user_project_manager).write(
            {"budget_policy": "none", "vat_eligible": True}
        )
        self.assertEqual(draft.budget_policy, "none")
        self.grant.with_user(self.user_project_manager).write(
            {"budget_policy": self.grant.budget_policy, "name": "Renamed"}
        )
        self.assertEqual(self.grant.name, "Renamed")

    def test_project_manager_cannot_set_a_state_the_funding_manager_decides(self):
        """Writing the state directly, a project manager may not approve,
        close, reopen or skip a step; the project manager's own transitions
        (start, start closing, back to draft) go through."""
        grant = self.create_grant("TEST-STATES", state="draft").with_user(
            self.user_project_manager
        )
        for new_state in ("approved", "running", "closed"):
            with self.assertRefused(AccessError, "only a funding manager"):
                grant.write({"state": new_state})
            self.assertEqual(grant.state, "draft")
        self.grant.with_user(self.user_project_manager).action_closing()
        self.assertEqual(self.grant.state, "closing")
        with self.assertRefused(AccessError, "Closing: only a funding manager"):
            self.grant.with_user(self.user_project_manager).state = "closed"
        with self.assertRefused(AccessError, "only a funding manager"):
            self.grant.with_user(self.user_project_manager).state = "running"
        self.assertEqual(self.grant.state, "closing")

    def test_project_manager_creates_grants_only_as_drafts(self):
        """A project manager creates a grant as a draft (any budget control:
        the funding manager reviews it at approval), never directly
        running."""
        grants = self.env["pikc.grant"].with_user(self.user_project_manager)
        values = {
            "name": "Test created",
            "code": "TEST-CREATED",
            "fund_id": self.fund_erdf.id,
            "date_start": "2015-01-01",
            "date_end": "2015-12-31",
            "budget_policy": "none",
        }
        with self.assertRefused(AccessError, "TEST-CREATED.*as Running"):
            grants.create(dict(values, state="running"))
        self.assertFalse(grants.search([("code", "=", "TEST-CREATED")]))
        self.assertEqual(grants.create(values).state, "draft")

    def test_funding_manager_changes_decisions_and_states(self):
        """The funding manager of the lead institution changes the budget
        control, VAT and financing plan of a running grant and sets its
        state."""
        grant = self.grant.with_user(self.user_funding_manager)
        grant.write(
            {
                "budget_policy": "none",
                "vat_eligible": True,
                "share_eu": 50.0,
                "share_state": 0.0,
                "share_municipality": 0.0,
                "share_own": 50.0,
            }
        )
        grant.state = "closed"
        self.assertEqual(
            (self.grant.budget_policy, self.grant.share_eu, self.grant.state),
            ("none", 50.0, "closed"),
        )


@tagged("post_install", "-at_install")
class TestFundingAccessAcrossInstitutions(PikcFundingCommon):
    """The PIKC leads ``grant`` with the member school as partner; the
    member school leads ``grant_school2`` with the PIKC as partner, and
    ``grant_school2_only`` alone. Each role is tried allowed and refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant.partner_company_ids = [Command.set(cls.company_school2.ids)]
        cls.grant_school2 = cls.create_grant(
            "TEST-S2",
            company_id=cls.company_school2.id,
            partner_company_ids=[Command.set(cls.company_pikc.ids)],
        )
        cls.grant_school2_only = cls.create_grant(
            "TEST-S2-ONLY", company_id=cls.company_school2.id
        )
        cls.user_funding_manager_school2 = cls.create_pikc_user(
            "fund_manager_school2",
            "pikc_funding.group_funding_manager",
            cls.company_school2,
        )
        cls.procurement = cls.env["pikc.procurement"].create(
            {
                "name": "TEST-PROC-LEAD",
                "grant_id": cls.grant.id,
                "procurement_type": "goods",
                "amount_estimated": 50000.0,
            }
        )

    def override(self, document, reason, user):
        wizard = (
            self.env["pikc.grant.override.wizard"]
            .with_user(user)
            .create(
                {"res_model": document._name, "res_id": document.id, "reason": reason}
            )
        )
        return wizard.action_override()

    # Funding managers: the lead's manage, a partner's read.
    def test_partner_funding_manager_reads_but_does_not_manage_the_lead_grant(self):
        """The member school's funding manager reads the PIKC's grant it
        takes part in but cannot change, approve, close, delete it nor
        change its budget lines."""
        grant = self.grant.with_user(self.user_funding_manager_school2)
        self.assertEqual(grant.budget_line_ids.amount_planned, 10000.0)
        with self.assertRefused(AccessError, "only a funding manager of its lead"):
            grant.budget_policy = "none"
        with self.assertRefused(AccessError, "only a funding manager of its lead"):
            grant.state = "closed"
        with self.assertRefused(AccessError, "'write' access"):
            grant.name = "Renamed by a partner"
        with self.assertRefused(AccessError, "'write' access"):
            grant.action_closing()
        with self.assertRefused(AccessError, "'write' access"):
            grant.budget_line_ids.amount_planned = 99999.0
        with self.assertRefused(AccessError, "'create' access"):
            self.env["pikc.grant.budget.line"].with_user(
                self.user_funding_manager_school2
            ).create(
                {
                    "grant_id": self.grant.id,
                    "category_id": self.category_services.id,
                    "amount_planned": 1.0,
                }
            )
        draft = self.create_grant(
            "TEST-LEAD-DRAFT",
            state="draft",
            partner_company_ids=[Command.set(self.company_school2.ids)],
        )
        with self.assertRefused(AccessError, "only a funding manager of its lead"):
            draft.with_user(self.user_funding_manager_school2).action_approve()
        with self.assertRefused(AccessError, "'unlink' access"):
            draft.with_user(self.user_funding_manager_school2).unlink()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.grant.budget_policy, "warn")
        self.assertEqual(self.grant.state, "running")
        self.assertEqual(self.grant.budget_line_ids.amount_planned, 10000.0)

    def test_lead_funding_manager_manages_the_grant(self):
        """The funding manager of the lead institution approves, plans and
        deletes its grants; the member school's manages its own."""
        draft = self.create_grant(
            "TEST-LEAD-DRAFT",
            state="draft",
            partner_company_ids=[Command.set(self.company_school2.ids)],
        ).with_user(self.user_funding_manager)
        draft.action_approve()
        draft.budget_line_ids.amount_planned = 12000.0
        self.assertEqual((draft.state, draft.amount_planned), ("approved", 12000.0))
        draft.unlink()
        self.assertFalse(draft.exists())
        own = self.grant_school2.with_user(self.user_funding_manager_school2)
        own.budget_policy = "block"
        self.assertEqual(self.grant_school2.budget_policy, "block")
        with self.assertRefused(AccessError, "only a funding manager of its lead"):
            self.grant_school2.with_user(
                self.user_funding_manager
            ).budget_policy = "none"

    def test_only_the_lead_funding_manager_overrides_the_budget(self):
        """The PIKC's funding manager cannot override the budget block of the
        member school's grant the PIKC only takes part in, neither through
        the wizard nor the context; the order stays a draft and nothing is
        recorded."""
        self.grant_school2.budget_policy = "block"
        order = self.create_purchase(self.grant_school2, qty=6, price=2000.0)
        order = order.with_user(self.user_funding_manager_buyer)
        message = (
            "Only a funding manager of Test Member School, the lead institution "
            "of the grant “\\[TEST-S2\\]"
        )
        with self.assertRefused(UserError, message):
            self.override(order, "Agreed", self.user_funding_manager_buyer)
        with self.assertRefused(UserError, message):
            order.with_context(pikc_budget_override_reason="Agreed").button_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.grant_school2.override_ids)

    # Project managers, accountants, auditors.
    def test_partner_project_manager_does_not_plan_the_lead_grant(self):
        """The member school's project manager reads the budget lines and
        procurements of the PIKC's grant but changes none of them."""
        user = self.user_project_manager_school2
        lines = self.grant.budget_line_ids.with_user(user)
        procurement = self.procurement.with_user(user)
        self.assertEqual(lines.amount_planned, 10000.0)
        self.assertEqual(procurement.name, "TEST-PROC-LEAD")
        with self.assertRefused(AccessError, "only a funding manager of its lead"):
            self.grant.with_user(user).budget_policy = "none"
        with self.assertRefused(AccessError, "'write' access"):
            lines.amount_planned = 1.0
        with self.assertRefused(AccessError, "'unlink' access"):
            lines.unlink()
        with self.assertRefused(AccessError, "'write' access"):
            procurement.amount_estimated = 1.0
        with self.assertRefused(AccessError, "'unlink' access"):
            procurement.unlink()
        with self.assertRefused(AccessError, "'create' access"):
            self.env["pikc.procurement"].with_user(user).create(
                {
                    "name": "TEST-PROC-PARTNER",
                    "grant_id": self.grant.id,
                    "procurement_type": "goods",
                }
            )
        self.assertEqual(self.grant.budget_line_ids.amount_planned, 10000.0)
        self.assertEqual(self.procurement.amount_estimated, 50000.0)

    def test_lead_project_manager_plans_budget_lines_and_procurements(self):
        """The PIKC's project manager plans the budget lines of a draft grant
        the PIKC leads and changes its procurements; past draft, the budget
        is amended by a funding manager only."""
        user = self.user_project_manager
        draft = self.create_grant("TEST-PM-DRAFT", state="draft")
        draft.budget_line_ids.with_user(user).amount_planned = 11000.0
        self.procurement.with_user(user).amount_estimated = 40000.0
        self.assertEqual(draft.amount_planned, 11000.0)
        self.assertEqual(self.procurement.amount_estimated, 40000.0)
        with self.assertRefused(AccessError, "budget amendment"):
            self.grant.budget_line_ids.with_user(user).amount_planned = 11000.0
        self.assertEqual(self.grant.amount_planned, 10000.0)

    def test_project_accountant_neither_creates_deletes_approves_nor_overrides(
        self,
    ):
        """The project accountant reads grants but may not create, delete or
        approve them, nor override the budget control."""
        user = self.user_accountant
        grants = self.env["pikc.grant"].with_user(user)
        with self.assertRefused(AccessError, "not allowed to create"):
            grants.create(
                {
                    "name": "X",
                    "code": "TEST-X",
                    "fund_id": self.fund_erdf.id,
                    "date_start": "2015-01-01",
                    "date_end": "2015-12-31",
                }
            )
        with self.assertRefused(AccessError, "not allowed to delete"):
            self.grant.with_user(user).unlink()
        draft = self.create_grant("TEST-ACC-DRAFT", state="draft")
        with self.assertRefused(UserError, "Only a funding manager"):
            draft.with_user(user).action_approve()
        self.grant.budget_policy = "block"
        order = self.create_purchase(self.grant, qty=6, price=2000.0)
        with self.assertRefused(UserError, "Only a funding manager"):
            self.override(order, "Agreed", user)
        self.assertEqual((draft.state, order.state), ("draft", "draft"))
        self.assertTrue(self.grant.exists())

    def test_auditor_changes_nothing(self):
        """The auditor reads grants, budget lines, procurements and
        overrides, and every write, creation and deletion is refused."""
        user = self.user_auditor
        override = self.env["pikc.grant.override"].create(
            {
                "grant_id": self.grant.id,
                "res_model": "purchase.order",
                "res_id": 1,
                "document": "TEST-PO",
                "reason": "Test reason",
                "user_id": self.user_funding_manager.id,
            }
        )
        grant = self.grant.with_user(user)
        records = (
            grant,
            grant.budget_line_ids,
            self.procurement.with_user(user),
            override.with_user(user),
            self.fund_erdf.with_user(user),
            self.category_equipment.with_user(user),
        )
        for record in records:
            self.assertTrue(record.display_name)
            with self.assertRefused(AccessError, "not allowed to modify"):
                record.write({})
            with self.assertRefused(AccessError, "not allowed to delete"):
                record.unlink()
            with self.assertRefused(AccessError, "not allowed to create"):
                record.create({})
        with self.assertRefused(UserError, "Only a funding manager"):
            grant.action_close()
        self.assertEqual(self.grant.state, "running")

    def test_nobody_changes_or_deletes_a_budget_override(self):
        """A budget override is the grant's audit trail: not even the
        funding manager of the lead changes or deletes it."""
        override = self.env["pikc.grant.override"].create(
            {
                "grant_id": self.grant.id,
                "res_model": "purchase.order",
                "res_id": 1,
                "document": "TEST-PO",
                "reason": "Test reason",
                "user_id": self.user_funding_manager.id,
            }
        )
        for user in (self.user_funding_manager, self.user_project_manager):
            with self.assertRefused(AccessError, "not allowed to modify"):
                override.with_user(user).reason = "Rewritten"
            with self.assertRefused(AccessError, "not allowed to delete"):
                override.with_user(user).unlink()
        self.assertEqual(override.reason, "Test reason")

    def test_those_who_charge_costs_use_the_analytic_distribution(self):
        """Project managers and accountants (and so funding managers) get
        Odoo's analytic accounting, to put grants in the analytic
        distribution and choose budget lines; the auditor does not."""
        analytic = "analytic.group_analytic_accounting"
        for user in (
            self.user_project_manager,
            self.user_accountant,
            self.user_funding_manager,
        ):
            self.assertTrue(user.has_group(analytic), user.login)
        self.assertFalse(self.user_auditor.has_group(analytic))

    def test_analytic_accounting_users_do_not_change_a_grants_account(self):
        """Analytic accounting lets its users edit analytic accounts; the
        account of a grant is the grant's: nobody renames, archives or
        deletes it directly, while renaming the grant renames it."""
        account = self.grant.analytic_account_id
        for user in (self.user_project_manager_school2, self.user_accountant):
            mine = account.with_user(user)
            with self.assertRefused(UserError, "account of the grant.*TEST-ERDF-1"):
                mine.name = "Hijacked"
            with self.assertRefused(UserError, "account of the grant.*TEST-ERDF-1"):
                mine.active = False
            with self.assertRefused(UserError, "account of the grant.*TEST-ERDF-1"):
                mine.unlink()
        self.grant.with_user(self.user_project_manager).name = "Renamed grant"
        self.assertEqual(account.name, "Renamed grant")
        self.assertTrue(account.active)


@tagged("post_install", "-at_install")
class TestWhoChargesAGrant(PikcFundingCommon):
    """Only the lead institution of a grant and its partner institutions
    charge costs to it: purchase orders, vendor bills, expense reports and
    any analytic line of another institution are refused. All documents
    here are the PIKC's; ``grant_school2`` is led by the member school."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant_school2 = cls.create_grant(
            "TEST-S2", company_id=cls.company_school2.id
        )

    def refusal(self, document):
        return (
            f"{document}.* charges the grant “\\[TEST-S2\\].*takes no part: only "
            "its lead institution Test Member School and its partner "
            "institutions \\(none\\)"
        )

    def test_order_of_another_institution_is_refused(self):
        """A PIKC purchase order charging the member school's grant is
        refused, naming the order, the grant, its lead and partners; once
        the PIKC is a partner, it is confirmed."""
        order = self.create_purchase(self.grant_school2).with_user(self.user_buyer)
        with self.assertRefused(
            UserError, self.refusal(f"purchase order {order.name}")
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        self.grant_school2.partner_company_ids = [Command.set(self.company_pikc.ids)]
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_bill_of_another_institution_is_refused(self):
        """Posting a PIKC vendor bill charging the member school's grant is
        refused; nothing is posted."""
        bill = self.create_bill(self.grant_school2)
        with self.assertRefused(UserError, self.refusal("vendor bill")):
            bill.action_post()
        self.assertEqual(bill.state, "draft")

    def test_expense_report_of_another_institution_is_refused(self):
        """Approving a PIKC expense report charging the member school's grant
        is refused."""
        sheet = self.create_expense_sheet(
            self.grant_school2, 100.0, name="Test report S2"
        )
        with self.assertRefused(UserError, self.refusal("expense report “Test report")):
            sheet.action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")

    def test_analytic_line_of_another_institution_is_refused(self):
        """Any cost reaching the grant's account (a timesheet, a journal
        entry) is refused when its institution takes no part in the grant."""
        column = self.env["pikc.grant"]._grant_column()
        lines = self.env["account.analytic.line"]
        with self.assertRefused(UserError, self.refusal("The cost “Test cost”")):
            lines.create(
                {
                    "name": "Test cost",
                    "amount": -100.0,
                    "company_id": self.company_pikc.id,
                    column: self.grant_school2.analytic_account_id.id,
                }
            )
        self.grant_school2.partner_company_ids = [Command.set(self.company_pikc.ids)]
        line = lines.create(
            {
                "name": "Test cost",
                "amount": -100.0,
                "company_id": self.company_pikc.id,
                column: self.grant_school2.analytic_account_id.id,
            }
        )
        self.assertTrue(line.exists())
