from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PikcProcurement(models.Model):
    """A public procurement procedure of a grant: its number in the
    procurement register, the type of contract (goods, services, works), the
    estimated value, its status from planned to awarded (or cancelled), the
    winning vendor and the purchase orders that result from it.

    A purchase order charging a grant at or above its fund's procurement
    threshold is confirmed only when linked to an awarded procurement of
    that grant won by the order's vendor.

    Project managers plan and run the procurements of the grants their
    institution leads; funding managers do everything; auditors,
    accountants and purchase users read them.
    """

    _name = "pikc.procurement"
    _description = "Public Procurement Procedure"
    _inherit = ["mail.thread", "mail.activity.mixin", "pikc.state.mixin"]
    _order = "date_announced desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Procurement Number",
        required=True,
        tracking=True,
        help="Identification number of the procedure in the procurement register.",
    )
    description = fields.Char(string="Subject", translate=True)
    grant_id = fields.Many2one(
        "pikc.grant", required=True, tracking=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="grant_id.company_id", store=True, string="Lead Institution"
    )
    currency_id = fields.Many2one(related="grant_id.currency_id")
    procurement_type = fields.Selection(
        [("goods", "Goods"), ("services", "Services"), ("works", "Works")],
        string="Type",
        required=True,
        default="goods",
        tracking=True,
    )
    amount_estimated = fields.Monetary(string="Estimated Value", tracking=True)
    date_announced = fields.Date(string="Announced On", tracking=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("announced", "Announced"),
            ("evaluation", "Evaluation"),
            ("awarded", "Awarded"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Winning Vendor",
        tracking=True,
        copy=False,
        help="The vendor awarded the contract: its purchase orders for the "
        "grant may be confirmed above the threshold.",
    )
    purchase_order_ids = fields.One2many(
        "purchase.order", "pikc_procurement_id", string="Purchase Orders"
    )
    purchase_count = fields.Integer(compute="_compute_purchase_count")
    note = fields.Html()

    _sql_constraints = [
        (
            "name_grant_uniq",
            "unique (grant_id, name)",
            "The grant already has a procurement with this number.",
        ),
        (
            "amount_estimated_positive",
            "CHECK (amount_estimated >= 0)",
            "The estimated value of a procurement cannot be negative.",
        ),
    ]

    @api.depends("purchase_order_ids")
    def _compute_purchase_count(self):
        for procurement in self:
            procurement.purchase_count = len(procurement.purchase_order_ids)

    @api.constrains("state", "vendor_id")
    def _check_awarded_vendor(self):
        for procurement in self:
            if procurement.state == "awarded" and not procurement.vendor_id:
                raise ValidationError(
                    self.env._(
                        "The procurement %(procurement)s is awarded: name its "
                        "winning vendor.",
                        procurement=procurement.display_name,
                    )
                )

    def _pikc_state_owner(self):
        return self.env._(
            "The procurement %(procurement)s", procurement=self.display_name
        )

    def action_announce(self):
        for procurement in self.filtered(lambda p: not p.date_announced):
            procurement.date_announced = fields.Date.context_today(procurement)
        self._set_state("announced", ["planned"])

    def action_evaluate(self):
        self._set_state("evaluation", ["announced"])

    def action_award(self):
        self._set_state("awarded", ["announced", "evaluation"])

    def action_cancel(self):
        self._set_state("cancelled", ["planned", "announced", "evaluation"])

    def action_plan(self):
        self._set_state("planned", ["cancelled"])

    def action_view_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "purchase.purchase_form_action"
        )
        action.update(
            {
                "domain": [("pikc_procurement_id", "=", self.id)],
                "context": {
                    "default_pikc_procurement_id": self.id,
                    "default_partner_id": self.vendor_id.id,
                },
            }
        )
        return action
