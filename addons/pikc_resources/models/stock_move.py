from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _get_analytic_distribution(self):
        """Material issued to a training is costed to its workshop."""
        workshop = self.picking_id.pikc_workshop_id
        if self.picking_type_id.pikc_workshop_costing and workshop.analytic_account_id:
            return {str(workshop.analytic_account_id.id): 100}
        return super()._get_analytic_distribution()

    def _prepare_analytic_line_values(self, account_field_values, amount, unit_amount):
        values = super()._prepare_analytic_line_values(
            account_field_values, amount, unit_amount
        )
        if self.picking_id.pikc_workshop_id:
            values["name"] = f"{self.picking_id.name}: {self.product_id.display_name}"
        return values
