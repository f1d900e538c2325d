from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .screens import ScreenshotTourMixin


class PikcTourCase(ScreenshotTourMixin, HttpCase):
    """A browser tour of the PIKC app, by users made for it, in English; its
    screenshot steps (``screenStep``) are kept by ``scripts/screens``."""

    @classmethod
    def tour_user(cls, login, groups, company=None):
        """A user of ``company`` only (the PIKC by default), in English, with
        ``groups`` (xml ids, comma-separated)."""
        company = company or cls.env.ref("base.main_company")
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[company.id],
            lang="en_US",
        )

    @classmethod
    def tour_workshop(cls, name, code, sector, **values):
        """A workshop of the competence sector ``pikc_resources.sector_<sector>``."""
        return cls.env["pikc.workshop"].create(
            {
                "name": name,
                "code": code,
                "sector_id": cls.env.ref(f"pikc_resources.sector_{sector}").id,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestResourceTours(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teacher = cls.tour_user(
            "tour_teacher", "pikc_resources.group_resource_user"
        )

    def test_teacher_opens_pikc_and_a_sector(self):
        """A resource user logs in, opens PIKC, the sectors and one sector."""
        self.start_tour("/odoo", "pikc_resources_open_sector", login=self.teacher.login)


@tagged("post_install", "-at_install")
class TestWorkshopMasterTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.master = cls.tour_user(
            "tour_master", "pikc_resources.group_workshop_master"
        )
        cls.workshop = cls.tour_workshop(
            "Tour lab", "T-TOUR", "mechanics_metalworking", capacity=10
        )
        cls.wire = cls.env["product.product"].create(
            {"name": "Tour welding wire", "is_storable": True, "standard_price": 42.0}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.wire, cls.workshop.location_id, 10
        )

    def test_workshop_master_adds_equipment_and_issues_material(self):
        """A workshop master adds equipment to a workshop and issues material
        from it to a training, costed to the workshop."""
        self.start_tour(
            "/odoo", "pikc_resources_workshop_master", login=self.master.login
        )
        equipment = self.workshop.equipment_ids
        self.assertEqual(equipment.name, "Tour bench drill")
        self.assertEqual(equipment.inventory_code, "TOUR-INV-1")
        picking = self.env["stock.picking"].search(
            [("pikc_workshop_id", "=", self.workshop.id)]
        )
        self.assertEqual(picking.state, "done")
        self.assertEqual(
            self.wire.with_context(location=self.workshop.location_id.id).qty_available,
            8,
        )


@tagged("post_install", "-at_install")
class TestSharedWorkshopTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teacher2 = cls.tour_user(
            "tour_teacher_school2",
            "pikc_resources.group_resource_user",
            cls.env.ref("pikc_resources.company_school2"),
        )
        master = cls.env["hr.employee"].create({"name": "Tour Master"})
        cls.tour_workshop(
            "Tour shared lab",
            "T-SHARED",
            "mechanical_engineering",
            capacity=14,
            hourly_rate=35,
            is_shared=True,
            master_id=master.id,
        )

    def test_member_school_teacher_opens_a_shared_workshop(self):
        """A teacher of the member school opens the PIKC's shared lab without
        an access error and without the owner's stock or people."""
        self.start_tour(
            "/odoo", "pikc_resources_shared_workshop", login=self.teacher2.login
        )


@tagged("post_install", "-at_install")
class TestBookingTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pikc = cls.env.ref("base.main_company")
        cls.teacher_school2 = cls.tour_user(
            "tour_teacher_school2",
            "pikc_resources.group_resource_user",
            cls.env.ref("pikc_resources.company_school2"),
        )
        cls.master = cls.tour_user(
            "tour_cnc_master", "pikc_resources.group_workshop_master"
        )
        calendar = cls.env["resource.calendar"].create(
            {"name": "Tour lab hours", "tz": "Europe/Riga", "company_id": pikc.id}
        )
        master_employee = cls.env["hr.employee"].create(
            {"name": "Tour CNC master", "company_id": pikc.id, "user_id": cls.master.id}
        )
        cls.workshop = cls.tour_workshop(
            "Tour CNC lab",
            "T-TOURCNC",
            "mechanical_engineering",
            company_id=pikc.id,
            capacity=12,
            is_shared=True,
            resource_calendar_id=calendar.id,
            master_id=master_employee.id,
        )

    def test_member_school_requests_shared_lab_and_master_approves(self):
        """A teacher of the member school requests the PIKC's shared CNC lab,
        the lab's workshop master approves it, and it shows in the calendar."""
        self.start_tour(
            "/odoo",
            "pikc_resources_booking_request",
            login=self.teacher_school2.login,
        )
        booking = self.env["pikc.booking"].search(
            [("workshop_id", "=", self.workshop.id)]
        )
        self.assertEqual(booking.state, "requested")
        self.assertEqual(booking.company_id, self.teacher_school2.company_id)
        self.assertEqual(booking.activity_ids.user_id, self.master)
        self.start_tour(
            "/odoo", "pikc_resources_booking_approve", login=self.master.login
        )
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.participants, 8)


@tagged("post_install", "-at_install")
class TestBudgetControlTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pikc = cls.env.ref("base.main_company")
        cls.project_manager = cls.tour_user(
            "tour_project_manager",
            "purchase.group_purchase_user,pikc_funding.group_project_manager",
        )
        cls.funding_manager = cls.tour_user(
            "tour_funding_manager",
            "purchase.group_purchase_user,pikc_funding.group_funding_manager",
        )
        cls.grant = cls.env["pikc.grant"].create(
            {
                "name": "Tour workshop equipment",
                "code": "TOUR-ERDF",
                "fund_id": cls.env.ref("pikc_funding.fund_erdf").id,
                "company_id": pikc.id,
                "date_start": "2012-01-01",
                "date_end": "2030-12-31",
                "state": "running",
                "budget_policy": "block",
                "budget_line_ids": [
                    Command.create(
                        {
                            "category_id": cls.env.ref(
                                "pikc_funding.cost_category_equipment"
                            ).id,
                            "amount_planned": 5000.0,
                        }
                    )
                ],
            }
        )
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Tour Lathe Vendor", "is_company": True}
        )
        cls.env["product.product"].create(
            {
                "name": "Tour lathe",
                "type": "consu",
                "categ_id": cls.env.ref("pikc_funding.product_category_equipment").id,
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
            }
        )
        # What the vendor supplies is charged to the grant.
        cls.env["account.analytic.distribution.model"].create(
            {
                "partner_id": cls.vendor.id,
                "analytic_distribution": {str(cls.grant.analytic_account_id.id): 100.0},
            }
        )

    def test_project_manager_refused_over_budget_funding_manager_overrides(self):
        """A project manager orders a lathe of 6,000 for an ERDF grant with
        5,000 of equipment in block mode and is refused; the funding manager
        overrides with a reason, the order is confirmed and the grant shows
        the commitment and the override."""
        self.start_tour(
            "/odoo/action-purchase.purchase_rfq",
            "pikc_funding_budget_refused",
            login=self.project_manager.login,
        )
        order = self.env["purchase.order"].search([("partner_id", "=", self.vendor.id)])
        self.assertEqual(order.state, "draft")
        self.assertEqual(
            order.order_line.analytic_distribution,
            {str(self.grant.analytic_account_id.id): 100.0},
        )
        self.start_tour(
            f"/odoo/action-purchase.purchase_rfq/{order.id}",
            "pikc_funding_budget_override",
            login=self.funding_manager.login,
        )
        self.assertEqual(order.state, "purchase")
        self.assertEqual(self.grant.override_ids.user_id, self.funding_manager)
        line = self.grant.budget_line_ids
        line.invalidate_recordset()
        self.assertEqual(line.amount_committed, 6000.0)


@tagged("post_install", "-at_install")
class TestStaffTour(PikcTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = cls.tour_user(
            "tour_hr_officer", "hr.group_hr_user,pikc_resources.group_resource_user"
        )

    def test_hr_officer_opens_a_teachers_development_log(self):
        """An HR officer finds a demo teacher's sectors and development log,
        then the log."""
        self.start_tour(
            "/odoo", "pikc_resources_staff_development", login=self.hr_officer.login
        )
