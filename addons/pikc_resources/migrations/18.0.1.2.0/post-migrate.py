"""From 18.0.1.2.0 on, workshop stock locations sit under a *Workshops*
location of their institution's warehouse, beside Stock (not in it, where
Odoo counts the store's own sub-locations). Move the existing ones there,
with their quants and history."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = (
        env["pikc.workshop"].with_context(active_test=False).search([]).company_id
    )
    companies._pikc_move_workshop_locations()
