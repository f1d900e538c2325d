from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon


@tagged("post_install", "-at_install")
class TestFundingSecurity(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company_pikc.id,
                company_ids=[cls.company_pikc.id],
            )

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
