from odoo.tests import Form, tagged

from .common import PikcResourcesCommon


@tagged("post_install", "-at_install")
class TestConsumables(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls.create_workshop("T-WELD")
        cls.vendor = cls.env["res.partner"].create({"name": "Metal Supplier"})
        cls.wire = cls.env["product.product"].create(
            {
                "name": "Welding wire",
                "is_storable": True,
                "standard_price": 42.0,
                "route_ids": [
                    (4, cls.env.ref("purchase_stock.route_warehouse0_buy").id)
                ],
                "seller_ids": [(0, 0, {"partner_id": cls.vendor.id, "price": 40.0})],
            }
        )

    def test_every_institution_can_issue_material_to_trainings(self):
        """Each institution, new ones included, has a training consumption
        location and an Issue to Training operation costed to workshops."""
        new_school = self.env["res.company"].create({"name": "New School"})
        for company in (self.company_pikc, self.company_school2, new_school):
            picking_type = company._pikc_training_picking_type()
            self.assertTrue(picking_type.pikc_workshop_costing)
            self.assertEqual(picking_type.company_id, company)
            self.assertEqual(
                picking_type.default_location_dest_id, company.pikc_training_location_id
            )
            self.assertEqual(company.pikc_training_location_id.usage, "inventory")

    def test_material_issued_to_a_training_is_costed_to_the_workshop(self):
        """Issuing 3 spools from the workshop to a training: stock goes down
        and 3 × 42 EUR land on the workshop's analytic account."""
        self.env["stock.quant"]._update_available_quantity(
            self.wire, self.workshop.location_id, 10
        )
        action = self.workshop.with_user(self.user_master).action_issue_material()
        form = Form(
            self.env["stock.picking"]
            .with_user(self.user_master)
            .with_context(**action["context"])
        )
        with form.move_ids_without_package.new() as move:
            move.product_id = self.wire
            move.product_uom_qty = 3
        picking = form.save()
        picking.action_confirm()
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.pikc_workshop_id, self.workshop)
        self.assertEqual(
            self.wire.with_context(location=self.workshop.location_id.id).qty_available,
            7,
        )
        account = self.workshop.analytic_account_id
        lines = self.env["account.analytic.line"].search(
            [(account.plan_id._column_name(), "=", account.id)]
        )
        self.assertEqual(sum(lines.mapped("amount")), -126.0)
        self.assertEqual(self.workshop.stock_value, 7 * 42.0)

    def test_reordering_rule_on_a_workshop_raises_a_purchase_rfq(self):
        """Below its minimum, the workshop's reordering rule asks the vendor
        for a quotation through Odoo purchase."""
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.wire.id,
                "location_id": self.workshop.location_id.id,
                "product_min_qty": 4,
                "product_max_qty": 12,
                "route_id": self.env.ref("purchase_stock.route_warehouse0_buy").id,
            }
        )
        orderpoint.action_replenish()
        line = self.env["purchase.order.line"].search(
            [("product_id", "=", self.wire.id)]
        )
        self.assertEqual(line.order_id.partner_id, self.vendor)
        self.assertEqual(line.order_id.state, "draft")
        self.assertEqual(line.product_qty, 12)
        # what is bought arrives in Stock and goes on to the workshop
        warehouse = self.workshop.location_id.warehouse_id
        supply = self.env["stock.move"].search(
            [
                ("product_id", "=", self.wire.id),
                ("location_dest_id", "=", self.workshop.location_id.id),
            ]
        )
        self.assertEqual(supply.location_id, warehouse.lot_stock_id)
        self.assertEqual(supply.product_uom_qty, 12)
        self.assertEqual(
            supply.rule_id.route_id,
            self.env.ref("pikc_resources.route_workshop_supply"),
        )

    def test_workshop_supplied_from_stock_when_stock_has_it(self):
        """With enough in Stock, the reordering rule of a workshop makes an
        internal transfer from Stock and buys nothing."""
        warehouse = self.workshop.location_id.warehouse_id
        self.env["stock.quant"]._update_available_quantity(
            self.wire, warehouse.lot_stock_id, 50
        )
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.wire.id,
                "location_id": self.workshop.location_id.id,
                "product_min_qty": 4,
                "product_max_qty": 12,
            }
        )
        orderpoint.action_replenish()
        supply = self.env["stock.move"].search(
            [
                ("product_id", "=", self.wire.id),
                ("location_dest_id", "=", self.workshop.location_id.id),
            ]
        )
        self.assertEqual(supply.location_id, warehouse.lot_stock_id)
        self.assertEqual(supply.state, "assigned")
        self.assertFalse(
            self.env["purchase.order.line"].search([("product_id", "=", self.wire.id)])
        )

    def test_workshop_locations_of_older_versions_move_beside_stock(self):
        """A workshop location made before 18.0.1.2.0 (in Stock) moves under
        the Workshops location with its quants (the 18.0.1.2.0 migration)."""
        location = self.workshop.location_id
        warehouse = location.warehouse_id
        location.location_id = warehouse.lot_stock_id
        self.env["stock.quant"]._update_available_quantity(self.wire, location, 5)
        self.company_pikc._pikc_move_workshop_locations()
        self.assertEqual(
            location.location_id, self.company_pikc.pikc_workshop_location_id
        )
        self.assertEqual(self.wire.with_context(location=location.id).qty_available, 5)
        self.assertEqual(self.workshop.stock_value, 5 * 42.0)
