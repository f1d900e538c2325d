from dateutil.relativedelta import relativedelta

from odoo import fields, models


class PikcUtilizationUnderWizard(models.TransientModel):
    """Which resources stood idle: those booked for less than a threshold of
    their available hours over a chosen period.

    Any resource user asks it of the resources whose utilization they may
    read (their own institutions'); the answer opens as the utilization
    report of those resources, one line per resource.
    """

    _name = "pikc.utilization.under.wizard"
    _description = "Under-used Resources"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + relativedelta(day=1, months=-3),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + relativedelta(day=1, days=-1),
    )
    use_company_threshold = fields.Boolean(
        string="Institution's Threshold",
        default=True,
        help="Compare each resource with the threshold of the institution "
        "owning it; otherwise with the threshold below.",
    )
    threshold = fields.Float(
        string="Threshold (%)",
        digits=(16, 1),
        default=lambda self: self.env.company.pikc_utilization_threshold,
    )

    def _under_used(self):
        """``{resource: (booked, available, utilization)}`` of the period."""
        self.ensure_one()
        return self.env["pikc.utilization.report"]._pikc_under_threshold(
            self.date_from,
            self.date_to,
            None if self.use_company_threshold else self.threshold,
        )

    def action_show(self):
        """Open the utilization of the under-used resources over the period,
        grouped by resource."""
        resources = self.env["resource.resource"].union(*self._under_used())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Under-used Resources, %(date_from)s to %(date_to)s",
                date_from=self.date_from,
                date_to=self.date_to,
            ),
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
                ("resource_id", "in", resources.ids),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            "context": {"group_by": ["resource_id"]},
        }
