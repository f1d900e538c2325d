from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import funding_math


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
    _inherit = ["mail.thread"]
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
    share_eu = fields.Float(
        string="EU share (%)",
        digits=(5, 2),
        help="Default share of the EU fund in a new grant's financing plan.",
    )
    share_state = fields.Float(string="State share (%)", digits=(5, 2))
    share_municipality = fields.Float(string="Municipality share (%)", digits=(5, 2))
    share_own = fields.Float(
        string="Own share (%)", digits=(5, 2), default=100.0, help="Own co-financing."
    )
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
        ("code_uniq", "unique (code)", "Another fund already has this code."),
        (
            "durability_positive",
            "CHECK (durability_years >= 0)",
            "The durability period cannot be negative.",
        ),
    ]

    def _financing_shares(self):
        self.ensure_one()
        return {
            "eu": self.share_eu,
            "state": self.share_state,
            "municipality": self.share_municipality,
            "own": self.share_own,
        }

    @api.constrains("share_eu", "share_state", "share_municipality", "share_own")
    def _check_shares(self):
        for fund in self:
            if funding_math.check_shares(fund._financing_shares()):
                raise ValidationError(
                    self.env._(
                        "The default financing shares of the fund “%(fund)s” "
                        "must each be zero or more and sum to 100 %% (they sum "
                        "to %(total)s %%). Correct the EU, state, municipality "
                        "and own shares.",
                        fund=fund.display_name,
                        total=round(sum(fund._financing_shares().values()), 2),
                    )
                )
