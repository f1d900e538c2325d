from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import fields, models
from odoo.tools import format_date

from ..models.pikc_booking import RESOURCE_KINDS


class PikcUtilizationUnderWizard(models.TransientModel):
    """Which resources stood idle: those booked for less than a threshold of
    their available hours over a chosen period.

    Any resource user asks it of the resources whose utilization they may
    read (their own institutions'), of one kind (workshops by default, so
    that people and rooms are not ranked together unless asked); the answer
    is a list of the under-used resources, one line each, the least used
    first, with the threshold each fell short of.
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
    resource_kind = fields.Selection(
        RESOURCE_KINDS,
        string="Resource Type",
        default="workshop",
        help="The kind of resources to rank; leave it empty to rank "
        "workshops, equipment and staff together.",
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
    line_ids = fields.One2many(
        "pikc.utilization.under.line", "wizard_id", string="Under-used Resources"
    )

    def _under_used(self):
        """The under-used resources of the period, least used first (see
        ``pikc.utilization.report._pikc_under_threshold``)."""
        self.ensure_one()
        domain = (
            [("resource_kind", "=", self.resource_kind)] if self.resource_kind else []
        )
        return self.env["pikc.utilization.report"]._pikc_under_threshold(
            self.date_from,
            self.date_to,
            None if self.use_company_threshold else self.threshold,
            domain,
        )

    def _title(self):
        kinds = {
            "workshop": self.env._("Workshops"),
            "equipment": self.env._("Equipment"),
            "employee": self.env._("Staff"),
        }
        values = {
            "kind": kinds.get(self.resource_kind, self.env._("All resources")),
            "date_from": format_date(self.env, self.date_from),
            "date_to": format_date(self.env, self.date_to),
        }
        if self.use_company_threshold:
            return self.env._(
                "Under-used: %(kind)s under their institution's threshold, "
                "%(date_from)s to %(date_to)s",
                **values,
            )
        values["threshold"] = f"{self.threshold:g}"
        return self.env._(
            "Under-used: %(kind)s under %(threshold)s %%, %(date_from)s to %(date_to)s",
            **values,
        )

    def action_show(self):
        """List the under-used resources of the period, one line each, the
        least used first; staff outside the PIKC sectors are filtered out
        (a filter the user may remove)."""
        self.ensure_one()
        self.line_ids.unlink()
        self.env["pikc.utilization.under.line"].create(
            [
                {
                    "wizard_id": self.id,
                    **{
                        key: value.id if isinstance(value, models.BaseModel) else value
                        for key, value in row.items()
                    },
                }
                for row in self._under_used()
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self._title(),
            "res_model": "pikc.utilization.under.line",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("wizard_id", "=", self.id)],
            "context": {"search_default_hide_sectorless_staff": 1},
            "help": Markup("<p class='o_view_nocontent_smiling_face'>%s</p><p>%s</p>")
            % (
                self.env._("No under-used resource in this period"),
                self.env._(
                    "Every resource was booked for at least its threshold of "
                    "its available hours."
                ),
            ),
        }
