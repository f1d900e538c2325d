from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PikcFundingCommon


@tagged("post_install", "-at_install")
class TestProcurement(PikcFundingCommon):
    """The ERDF fund's thresholds: 42,000 for goods and services, 170,000
    for works. The test grant plans 100,000 of equipment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant.budget_line_ids.amount_planned = 100000.0

    def procurement(self, state="awarded", vendor=None, grant=None, **values):
        return (
            self.env["pikc.procurement"]
            .with_user(self.user_project_manager)
            .create(
                dict(
                    {
                        "name": "TEST-PROC-1",
                        "grant_id": (grant or self.grant).id,
                        "procurement_type": "goods",
                        "amount_estimated": 50000.0,
                        "vendor_id": (vendor or self.vendor).id,
                        "state": state,
                    },
                    **values,
                )
            )
        )

    def test_order_at_the_threshold_needs_an_awarded_procurement(self):
        """An order of 42,000 of goods for an ERDF grant is refused without
        a procurement, and confirmed once linked to the awarded procurement
        its vendor won."""
        order = self.create_purchase(self.grant, qty=1, price=42000.0)
        with self.assertRefused(
            UserError, r"(?s)at or above the procurement threshold.*ERDF"
        ):
            order.button_confirm()
        self.assertEqual(order.state, "draft")
        order.pikc_procurement_id = self.procurement()
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.pikc_procurement_id.purchase_count, 1)

    def test_order_below_the_threshold_needs_no_procurement(self):
        """An order of 41,999 of goods is confirmed without a procurement."""
        order = self.create_purchase(self.grant, qty=1, price=41999.0)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_procurement_must_be_awarded_to_the_orders_vendor_and_grant(self):
        """A procurement still in evaluation, won by another vendor or of
        another grant does not count."""
        order = self.create_purchase(self.grant, qty=1, price=50000.0)
        other_vendor = self.env["res.partner"].create({"name": "Other vendor"})
        other_grant = self.create_grant("TEST-ERDF-OTHER")
        for procurement in (
            self.procurement(state="evaluation", name="P-EVAL"),
            self.procurement(vendor=other_vendor, name="P-VENDOR"),
            self.procurement(grant=other_grant, name="P-GRANT"),
        ):
            order.pikc_procurement_id = procurement
            with self.assertRefused(UserError, "procurement threshold"):
                order.button_confirm()
            self.assertEqual(order.state, "draft")

    def test_works_follow_the_works_threshold(self):
        """Works of 100,000 stay under the works threshold of 170,000."""
        works = self.env.ref("pikc_funding.cost_category_works")
        works_categ = self.env["product.category"].create({"name": "Test works"})
        works.product_category_ids = [(4, works_categ.id)]
        self.grant.budget_line_ids = [
            (0, 0, {"category_id": works.id, "amount_planned": 300000.0})
        ]
        self.product_machine.categ_id = works_categ
        self.create_purchase(self.grant, qty=1, price=100000.0).button_confirm()
        order = self.create_purchase(self.grant, qty=1, price=170000.0)
        with self.assertRefused(UserError, "procurement threshold"):
            order.button_confirm()

    def test_awarded_procurement_names_its_vendor(self):
        """A procurement cannot be awarded without a winning vendor."""
        procurement = self.procurement(state="evaluation", vendor_id=False)
        with self.assertRefused(ValidationError, "name its winning vendor"):
            procurement.action_award()
        self.assertEqual(procurement.state, "evaluation")

    def test_project_manager_runs_procurements_and_auditor_reads_them(self):
        """The project manager takes a procurement from planned to awarded;
        the auditor reads it and changes nothing."""
        procurement = self.procurement(state="planned")
        procurement.action_announce()
        procurement.action_evaluate()
        procurement.action_award()
        self.assertEqual(procurement.state, "awarded")
        self.assertTrue(procurement.date_announced)
        as_auditor = procurement.with_user(self.user_auditor)
        self.assertEqual(
            self.read_as(self.user_auditor, procurement, ["vendor_id"])["vendor_id"][0],
            self.vendor.id,
        )
        with self.assertRefused(AccessError, "not allowed to modify"):
            as_auditor.amount_estimated = 1.0
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["pikc.procurement"].with_user(self.user_auditor).create(
                {"name": "X", "grant_id": self.grant.id}
            )
