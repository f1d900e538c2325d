from odoo.tests import HttpCase, tagged

DEMO_LOGINS = {
    "director": "pikc_resources.group_resource_manager",
    "master": "pikc_resources.group_workshop_master",
    "teacher": "pikc_resources.group_resource_user",
    "teacher.school2": "pikc_resources.group_resource_user",
    "accountant": "pikc_funding.group_project_accountant",
    "projectmanager": "pikc_funding.group_project_manager",
    "auditor": "pikc_funding.group_funding_viewer",
}

DEMO_FUNDING_TOOLS = {
    "projectmanager": ("purchase.group_purchase_user",),
    "accountant": ("account.group_account_invoice",),
}
"""What the demo funding users need to do their part: the project manager
buys, the accountant posts vendor bills; both charge costs to grants through
the analytic distribution."""


@tagged("post_install", "-at_install")
class TestDemoData(HttpCase):
    def test_demo_users_log_in_with_their_login_as_password(self):
        """Each demo user logs in (password = login) and holds its role."""
        for login, group in DEMO_LOGINS.items():
            with self.subTest(login=login):
                self.authenticate(login, login)
                info = self.make_jsonrpc_request("/web/session/get_session_info")
                self.assertEqual(info["username"], login)
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertTrue(user.has_group(group), login)

    def test_demo_funding_users_buy_post_and_charge_grants(self):
        """The demo project manager confirms purchase orders, the project
        accountant posts vendor bills, and both see the analytic
        distribution on their lines; the auditor changes nothing."""
        for login, groups in DEMO_FUNDING_TOOLS.items():
            user = self.env["res.users"].search([("login", "=", login)])
            for group in (*groups, "analytic.group_analytic_accounting"):
                self.assertTrue(user.has_group(group), f"{login}: {group}")
        auditor = self.env["res.users"].search([("login", "=", "auditor")])
        for group in (
            "purchase.group_purchase_user",
            "account.group_account_invoice",
            "analytic.group_analytic_accounting",
        ):
            self.assertFalse(auditor.has_group(group), group)
        # Access as the auditor, asked of the database with cold caches.
        self.env.invalidate_all()
        grant = self.env.ref("pikc_funding.grant_erdf_equipment").with_user(auditor)
        self.assertTrue(grant.has_access("read"))
        self.assertFalse(grant.has_access("write"))
        self.assertFalse(grant.budget_line_ids.has_access("write"))

    def test_demo_has_the_pikc_and_a_member_school(self):
        """Two institutions: the PIKC and a member school, with their sectors."""
        pikc = self.env.ref("base.main_company")
        school2 = self.env.ref("pikc_resources.company_school2")
        self.assertEqual(pikc.pikc_institution_type, "centre")
        self.assertEqual(len(pikc.pikc_sector_ids), 4)
        self.assertEqual(school2.pikc_institution_type, "member")
        teacher2 = self.env.ref("pikc_resources.user_teacher_school2")
        self.assertEqual(teacher2.company_ids, school2)
        self.assertEqual(school2.currency_id.name, "EUR")
        self.assertEqual(school2.chart_template, "lv")
        journals = self.env["account.journal"].search([("company_id", "=", school2.id)])
        self.assertIn("sale", journals.mapped("type"))
