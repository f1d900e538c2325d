"""Analytic lines store the facts of their cost share from 18.0.1.1.0 on:
lines made before carry none. Store the grant and budget line of every line
charging a grant (the budget line it already has is kept); eligibility and
the financing split follow as stored computed fields."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    AnalyticLine = env["account.analytic.line"]
    column = AnalyticLine._pikc_grant_column()
    if not column:
        return
    lines = AnalyticLine.search([(column, "!=", False), ("pikc_grant_id", "=", False)])
    lines._pikc_store_grant_and_budget_line()
    env.flush_all()
