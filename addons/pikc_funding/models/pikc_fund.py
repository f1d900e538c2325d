from odoo import fields, models


class PikcFund(models.Model):
    """A funding programme: ERDF, ESF, KPFI, Erasmus+, the state budget, a
    municipality or the institution's own revenue.

    A fund names its authority (the funding body that signs the grant
    agreements), the financing shares a grant of it starts from, the
    procurement thresholds above which a purchase needs a public procurement
    procedure, the flat rate of indirect costs and how many years what it
    financed must be kept (durability).

    Every funding user reads the funds; only funding managers create and
    change them.
    """

    _name = "pikc.fund"
    _description = "Funding Programme"
    _inherit = ["mail.thread", "pikc.financing.plan"]
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fund_type = fields.Selection(
        [
            ("erdf", "ERDF"),
            ("esf", "ESF"),
            ("kpfi", "KPFI"),
            ("erasmus", "Erasmus+"),
            ("state", "State budget"),
            ("municipality", "Municipality"),
            ("own", "Own revenue"),
        ],
        required=True,
        tracking=True,
    )
    authority_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain=lambda self: [
            (
                "category_id",
                "in",
                self.env.ref(
                    "pikc_funding.partner_category_funding_body",
                    raise_if_not_found=False,
                ).ids,
            )
        ],
        help="The funding body that awards the grants of this fund.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.ref("base.EUR", raise_if_not_found=False),
        required=True,
    )
    # The financing plan (pikc.financing.plan): a new grant's starting point.
    share_own = fields.Float(default=100.0)
    threshold_goods = fields.Monetary(
        string="Procurement threshold: goods and services",
        tracking=True,
        help="A purchase of goods or services for a grant of this fund at or "
        "above this value needs an awarded procurement procedure.",
    )
    threshold_works = fields.Monetary(
        string="Procurement threshold: works",
        tracking=True,
        help="The same threshold for construction works.",
    )
    indirect_rate = fields.Float(
        string="Indirect costs flat rate (%)",
        digits=(5, 2),
        help="Indirect costs allowed as a flat rate of the direct eligible costs.",
    )
    durability_years = fields.Integer(
        default=5,
        help="Years after a grant's end during which what it financed must be "
        "kept, in the same institution and use.",
    )
    grant_ids = fields.One2many("pikc.grant", "fund_id")
    note = fields.Html()

    _sql_constraints = [
        (
            "code_uniq",
            "EXCLUDE USING btree ((lower(btrim(code))) WITH =)",
            "Another fund already has this code.",
        ),
        (
            "durability_positive",
            "CHECK (durability_years >= 0)",
            "The durability period cannot be negative.",
        ),
    ]
