from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import funding_math


class PikcFinancingPlan(models.AbstractModel):
    """A financing plan: the shares of the EU (or programme) fund, the
    state, the municipality and the institution's own money in every
    eligible cost, each zero or more and summing to 100 %. A fund holds the
    plan its grants start from; a grant holds its own (from its fund,
    changed only as the grant agreement says)."""

    _name = "pikc.financing.plan"
    _description = "Financing Plan"

    share_eu = fields.Float(
        string="EU / Programme (%)",
        digits=(5, 2),
        help="Share of the fund (EU or programme) in every eligible cost.",
    )
    share_state = fields.Float(string="State (%)", digits=(5, 2))
    share_municipality = fields.Float(string="Municipality (%)", digits=(5, 2))
    share_own = fields.Float(
        string="Own (%)", digits=(5, 2), help="The institution's own co-financing."
    )

    def _financing_shares(self):
        """The plan as ``{source: percentage}``, sources as in
        ``funding_math.SOURCES``."""
        self.ensure_one()
        return {source: self[f"share_{source}"] for source in funding_math.SOURCES}

    def _pikc_financing_plan_owner(self):
        """How a refusal names the record holding the plan."""
        return self.display_name

    @api.constrains("share_eu", "share_state", "share_municipality", "share_own")
    def _check_shares(self):
        for record in self:
            shares = record._financing_shares()
            problems = funding_math.check_shares(shares)
            if "negative" in problems:
                raise ValidationError(
                    self.env._(
                        "The financing plan of %(owner)s has a negative share. "
                        "Each share (EU, state, municipality, own) must be zero "
                        "or more.",
                        owner=record._pikc_financing_plan_owner(),
                    )
                )
            if problems:
                raise ValidationError(
                    self.env._(
                        "The financing plan of %(owner)s sums to %(total)s %%, "
                        "not 100 %%. Correct the EU, state, municipality and "
                        "own shares.",
                        owner=record._pikc_financing_plan_owner(),
                        total=round(sum(shares.values()), 2),
                    )
                )
