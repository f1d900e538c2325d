from odoo import fields, models

from . import funding_math


class PikcBudgetFigures(models.AbstractModel):
    """The figures of a budget, for a budget line and, summed, for its
    grant: what confirmed documents have committed, the eligible posted
    costs (actual) and their split by financing source, the ineligible
    costs, and what is left (available). Computed, never typed in, by the
    budget engine (``pikc.grant.budget.line._pikc_budget_figures``); each
    model says how in its ``_compute_amounts``."""

    _name = "pikc.budget.figures"
    _description = "Budget Figures"

    currency_id = fields.Many2one("res.currency")
    amount_committed = fields.Monetary(
        string="Committed",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Confirmed purchase order lines not yet on a posted bill, and "
        "approved expense reports not yet posted: their share of the grant in "
        "the analytic distribution.",
    )
    amount_actual = fields.Monetary(
        string="Actual",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Eligible posted costs: vendor bills, expenses and timesheets.",
    )
    amount_ineligible = fields.Monetary(
        string="Ineligible",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Costs dated outside the eligibility period or of an ineligible "
        "category, and their VAT when it is not eligible: tracked, never "
        "claimed, not counted in the actual amount.",
    )
    amount_available = fields.Monetary(
        string="Available",
        compute="_compute_amounts",
        compute_sudo=True,
        help="Planned − committed − actual.",
    )
    consumption = fields.Float(
        string="Consumption (%)",
        compute="_compute_amounts",
        compute_sudo=True,
        help="(Committed + actual) / planned.",
    )
    actual_eu = fields.Monetary(
        string="Actual: EU / Programme",
        compute="_compute_amounts",
        compute_sudo=True,
        help="The funds' part of the actual amount, by the financing plan.",
    )
    actual_state = fields.Monetary(
        string="Actual: State", compute="_compute_amounts", compute_sudo=True
    )
    actual_municipality = fields.Monetary(
        string="Actual: Municipality", compute="_compute_amounts", compute_sudo=True
    )
    actual_own = fields.Monetary(
        string="Actual: Own", compute="_compute_amounts", compute_sudo=True
    )

    def _compute_amounts(self):
        raise NotImplementedError

    def _pikc_set_figures(self, planned, figures):
        """Set the figures of ``self`` (one record) from the engine's
        ``figures`` (a ``dict`` with ``committed``, ``actual``,
        ``ineligible`` and the actual by source) and its ``planned``
        amount."""
        self.ensure_one()
        committed = figures.get("committed", 0.0)
        actual = figures.get("actual", 0.0)
        self.amount_committed = committed
        self.amount_actual = actual
        self.amount_ineligible = figures.get("ineligible", 0.0)
        self.amount_available = funding_math.available(planned, committed, actual)
        self.consumption = funding_math.consumption(planned, committed, actual) or 0.0
        for source in funding_math.SOURCES:
            self[f"actual_{source}"] = figures.get(source, 0.0)
