from odoo import fields, models


class PikcCostCategory(models.Model):
    """A budget heading of funded projects: construction works, equipment,
    personnel, travel, subsistence, services, indirect costs…

    A cost reaches a category through its expense account (vendor bills,
    expenses) or its product category; timesheets go to the category marked
    for personnel costs. Costs of a category that is not eligible are kept
    apart and never claimed.

    Every funding user reads the categories; funding managers maintain them.
    """

    _name = "pikc.cost.category"
    _description = "Budget Cost Category"
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    eligible = fields.Boolean(
        default=True,
        help="Costs of an ineligible category are tracked but never claimed.",
    )
    is_personnel = fields.Boolean(
        string="Personnel costs",
        help="Timesheets (hours × employee cost) are booked to this category.",
    )
    is_works = fields.Boolean(
        string="Works",
        help="Purchases of this category follow the fund's threshold for works.",
    )
    account_ids = fields.Many2many(
        "account.account",
        string="Expense Accounts",
        help="Bills and expenses booked on these accounts fall in this category.",
    )
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Purchases and bills of products of these categories fall in this "
        "category when their account does not decide.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "code_uniq",
            "EXCLUDE USING btree ((lower(btrim(code))) WITH =)",
            "Another cost category has this code.",
        ),
    ]
