from odoo import fields, models

from ..models.pikc_booking import RESOURCE_KINDS


class PikcUtilizationUnderLine(models.TransientModel):
    """One under-used resource of a period, as the under-used resources
    search found it: its hours, its utilization and the threshold it fell
    short of. One line per resource, the least used first, so that the list
    counts resources, not days."""

    _name = "pikc.utilization.under.line"
    _description = "Under-used Resource"
    _order = "utilization, resource_id"
    _rec_name = "resource_id"

    wizard_id = fields.Many2one(
        "pikc.utilization.under.wizard", required=True, ondelete="cascade"
    )
    resource_id = fields.Many2one("resource.resource", required=True, readonly=True)
    resource_kind = fields.Selection(
        RESOURCE_KINDS, string="Resource Type", readonly=True
    )
    company_id = fields.Many2one("res.company", string="Institution", readonly=True)
    sector_id = fields.Many2one("pikc.sector", readonly=True)
    is_sectorless_staff = fields.Boolean(
        string="Staff Outside the Sectors",
        readonly=True,
        help="A staff member working in no PIKC sector (Odoo's own demo "
        "employees, for instance).",
    )
    available_hours = fields.Float(
        string="Available (h)", readonly=True, digits=(16, 2)
    )
    booked_hours = fields.Float(string="Booked (h)", readonly=True, digits=(16, 2))
    utilization = fields.Float(
        string="Utilization (%)",
        readonly=True,
        digits=(16, 1),
        aggregator=False,
        help="Booked hours of the period as a share of its available hours.",
    )
    threshold = fields.Float(
        string="Threshold (%)",
        readonly=True,
        digits=(16, 1),
        aggregator=False,
        help="The threshold the resource was compared with: its institution's, "
        "or the one given in the search.",
    )

    def action_open_days(self):
        """The utilization of this resource, day by day, over the period."""
        self.ensure_one()
        wizard = self.wizard_id
        return {
            "type": "ir.actions.act_window",
            "name": self.resource_id.display_name,
            "res_model": "pikc.utilization.report",
            "view_mode": "list,pivot",
            "views": [
                (
                    self.env.ref("pikc_resources.pikc_utilization_report_view_list").id,
                    "list",
                ),
                (False, "pivot"),
            ],
            "domain": [
                ("resource_id", "=", self.resource_id.id),
                ("date", ">=", wizard.date_from),
                ("date", "<=", wizard.date_to),
            ],
            "context": {"pivot_row_groupby": ["resource_id"]},
        }
