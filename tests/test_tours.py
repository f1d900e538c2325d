from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestResourceTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teacher = new_test_user(
            cls.env,
            login="tour_teacher",
            groups="pikc_resources.group_resource_user",
            lang="en_US",
        )

    def test_teacher_opens_pikc_and_a_sector(self):
        """A resource user logs in, opens PIKC, the sectors and one sector."""
        self.start_tour("/odoo", "pikc_resources_open_sector", login=self.teacher.login)


@tagged("post_install", "-at_install")
class TestWorkshopMasterTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.master = new_test_user(
            cls.env,
            login="tour_master",
            groups="pikc_resources.group_workshop_master",
            lang="en_US",
        )
        cls.workshop = cls.env["pikc.workshop"].create(
            {
                "name": "Tour lab",
                "code": "T-TOUR",
                "sector_id": cls.env.ref(
                    "pikc_resources.sector_mechanics_metalworking"
                ).id,
                "capacity": 10,
            }
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
class TestSharedWorkshopTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        school2 = cls.env.ref("pikc_resources.company_school2")
        cls.teacher2 = new_test_user(
            cls.env,
            login="tour_teacher_school2",
            groups="pikc_resources.group_resource_user",
            company_id=school2.id,
            company_ids=[school2.id],
            lang="en_US",
        )
        master = cls.env["hr.employee"].create({"name": "Tour Master"})
        cls.env["pikc.workshop"].create(
            {
                "name": "Tour shared lab",
                "code": "T-SHARED",
                "sector_id": cls.env.ref(
                    "pikc_resources.sector_mechanical_engineering"
                ).id,
                "capacity": 14,
                "hourly_rate": 35,
                "is_shared": True,
                "master_id": master.id,
            }
        )

    def test_member_school_teacher_opens_a_shared_workshop(self):
        """A teacher of the member school opens the PIKC's shared lab without
        an access error and without the owner's stock or people."""
        self.start_tour(
            "/odoo", "pikc_resources_shared_workshop", login=self.teacher2.login
        )


@tagged("post_install", "-at_install")
class TestBookingTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pikc = cls.env.ref("base.main_company")
        school2 = cls.env.ref("pikc_resources.company_school2")
        cls.teacher_school2 = new_test_user(
            cls.env,
            login="tour_teacher_school2",
            groups="pikc_resources.group_resource_user",
            company_id=school2.id,
            company_ids=[school2.id],
            lang="en_US",
        )
        cls.master = new_test_user(
            cls.env,
            login="tour_cnc_master",
            groups="pikc_resources.group_workshop_master",
            company_id=pikc.id,
            company_ids=[pikc.id],
            lang="en_US",
        )
        calendar = cls.env["resource.calendar"].create(
            {"name": "Tour lab hours", "tz": "Europe/Riga", "company_id": pikc.id}
        )
        cls.workshop = cls.env["pikc.workshop"].create(
            {
                "name": "Tour CNC lab",
                "code": "T-TOURCNC",
                "company_id": pikc.id,
                "sector_id": cls.env.ref(
                    "pikc_resources.sector_mechanical_engineering"
                ).id,
                "capacity": 12,
                "is_shared": True,
                "resource_calendar_id": calendar.id,
                "master_id": cls.env["hr.employee"]
                .create(
                    {
                        "name": "Tour CNC master",
                        "company_id": pikc.id,
                        "user_id": cls.master.id,
                    }
                )
                .id,
            }
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
class TestBudgetControlTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pikc = cls.env.ref("base.main_company")

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=pikc.id,
                company_ids=[pikc.id],
                lang="en_US",
            )

        cls.project_manager = user(
            "tour_project_manager",
            "purchase.group_purchase_user,pikc_funding.group_project_manager",
        )
        cls.funding_manager = user(
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
