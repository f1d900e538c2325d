from odoo import fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    pikc_workshop_id = fields.Many2one(
        related="equipment_id.workshop_id",
        string="Workshop",
        store=True,
        index="btree_not_null",
    )
