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
