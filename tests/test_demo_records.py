"""What the demo database shows: its grants, buildings and staff, as a
PIKC user meets them on a first visit."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.pikc_funding.tests.common import PikcFundingCommon
from odoo.addons.pikc_resources.tests.building_common import PikcBuildingCommon
from odoo.addons.pikc_resources.tests.staff_common import PikcStaffCommon


@tagged("post_install", "-at_install")
class TestDemoGrants(PikcFundingCommon):
    def test_demo_erdf_grant_shows_its_order_and_bill(self):
        """The demo grants: ERDF has two lathes ordered, one billed, and
        four fume extractors ordered and billed; VETPRO is closed with its
        two bills; ESF has timesheets (personnel) and an expense report
        (travel), both actual."""
        grant = self.env.ref("pikc_funding.grant_erdf_equipment")
        line = self.env.ref("pikc_funding.grant_erdf_equipment_equipment")
        self.assertEqual(line.amount_committed, 68000.0)
        self.assertEqual(line.amount_actual, 68000.0 + 4 * 2350.0)
        self.assertEqual(line.amount_available, 480000.0 - 136000.0 - 9400.0)
        self.assertEqual((grant.purchase_count, grant.bill_count), (2, 2))
        self.assertEqual(grant.state, "running")
        vetpro = self.env.ref("pikc_funding.grant_vetpro_2011")
        self.assertEqual(vetpro.state, "closed")
        self.assertEqual(vetpro.amount_actual, 960.0 + 36 * 62.0)
        esf = self.env.ref("pikc_funding.grant_esf_teaching_personnel")
        self.assertAlmostEqual(esf.amount_actual, 14 * 14.20 + 7.5 * 11.40)
        travel = self.env.ref("pikc_funding.grant_esf_teaching_travel")
        self.assertAlmostEqual(travel.amount_actual, 21.90 + 5.00)
        sheet = self.env.ref("pikc_funding.expense_sheet_esf_seminar")
        self.assertEqual(sheet.state, "post")
        self.assertEqual(travel.grant_id.expense_count, 2)
        # Every demo cost lands in a budget line.
        kpfi = self.env.ref("pikc_funding.grant_kpfi_renovation")
        demo_grants = grant | vetpro | esf.grant_id | kpfi
        self.assertEqual(demo_grants.mapped("amount_unbudgeted"), [0.0] * 4)

    def test_demo_erdf_order_results_from_its_procurement(self):
        """The demo ERDF lathes were bought through the awarded procurement
        won by the machine tools vendor."""
        procurement = self.env.ref("pikc_funding.procurement_erdf_lathes")
        order = self.env.ref("pikc_funding.po_erdf_lathes")
        self.assertEqual(procurement.state, "awarded")
        self.assertEqual(order.pikc_procurement_id, procurement)
        self.assertEqual(order.state, "purchase")
        self.assertEqual(procurement.vendor_id, order.partner_id)


@tagged("post_install", "-at_install")
class TestDemoBuildings(PikcBuildingCommon):
    def test_demo_renovation_cuts_heat_by_about_forty_percent(self):
        """The demo's first site uses about 40 % less heat in 2014 than 2010."""
        site = self.env.ref("pikc_resources.building_site1")
        row = (
            self.env["pikc.building.energy.report"]
            .with_user(self.user_teacher)
            .search(
                [
                    ("building_id", "=", site.id),
                    ("year", "=", 2014),
                    ("energy_type_id", "=", self.heat.id),
                ]
            )
        )
        self.assertGreater(row.saved_percent, 35.0)
        self.assertLess(row.saved_percent, 50.0)
        self.assertEqual(site.summary_year, 2014)


@tagged("post_install", "-at_install")
class TestStaffDemo(PikcStaffCommon):
    def test_six_specialists_went_to_vilnius_in_february_2012(self):
        """The VETPRO mobility of the demo: six PIKC staff, one week in Vilnius."""
        mobility = self.env["pikc.staff.development"].search(
            [
                ("grant_reference", "=", "2011-1-LV1-LEO03-02109"),
                ("kind", "=", "mobility"),
            ]
        )
        self.assertEqual(len(mobility.employee_id), 6)
        self.assertEqual(
            set(mobility.mapped("date_start")), {fields.Date.to_date("2012-02-13")}
        )
        self.assertEqual(
            set(mobility.mapped("date_end")), {fields.Date.to_date("2012-02-17")}
        )
        self.assertEqual(mobility.country_id, self.env.ref("base.lt"))
        self.assertEqual(mobility.company_id, self.env.ref("base.main_company"))
        observations = self.env["pikc.staff.development"].search(
            [
                ("grant_reference", "=", "2011-1-LV1-LEO03-02109"),
                ("kind", "=", "lesson_observation"),
            ]
        )
        self.assertEqual(observations.employee_id, mobility.employee_id)
        english = self.env.ref("hr_skills.hr_skill_english")
        for employee in mobility.employee_id:
            self.assertIn(english, employee.employee_skill_ids.skill_id, employee.name)

    def test_demo_users_are_linked_to_their_employees(self):
        """Demo users log in as staff members of their institution."""
        employees = self.env["hr.employee"]
        for xmlid, company in (
            ("user_director", "base.main_company"),
            ("user_master", "base.main_company"),
            ("user_teacher", "base.main_company"),
            ("user_teacher_school2", "pikc_resources.company_school2"),
        ):
            user = self.env.ref(f"pikc_resources.{xmlid}")
            employee = employees.search([("user_id", "=", user.id)])
            self.assertEqual(employee.company_id, self.env.ref(company), xmlid)
        staff = self.env["hr.employee"].search(
            [("load_norm_hours", ">", 0), ("sector_ids", "!=", False)]
        )
        self.assertGreaterEqual(len(staff), 20)
