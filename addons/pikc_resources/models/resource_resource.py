from odoo import api, fields, models
from odoo.tools import SQL


def with_institution(env, company, label):
    """``label`` of a record owned by ``company``, marked ``[institution]``
    when that is not the institution the user works in (``env.company``):
    pickers and lists then tell another school's lab from one's own, while
    one's own resources keep their short names."""
    company = company.sudo()
    if not company or company == env.company:
        return label
    return f"[{company.name}] {label}"


class ResourceResource(models.Model):
    """Resources (workshops, bookable equipment, staff) know whether their
    owner shares them: users of the other member institutions read a shared
    resource (its name, hours and busy times) to request it, and nothing else
    of the owner's resources."""

    _inherit = "resource.resource"

    pikc_is_shared = fields.Boolean(
        string="Shared",
        compute="_compute_pikc_is_shared",
        search="_search_pikc_is_shared",
        help="The resource is a shared workshop or a shared bookable piece of "
        "equipment: other member institutions may request it.",
    )

    @api.model
    def _pikc_shared_resource_ids(self):
        """A subquery selecting the resources of shared workshops and shared
        bookable equipment (whatever the user may read)."""
        workshops = (
            self.env["pikc.workshop"]
            .sudo()
            .with_context(active_test=False)
            ._search([("is_shared", "=", True)])
        )
        equipment = (
            self.env["maintenance.equipment"]
            .sudo()
            .with_context(active_test=False)
            ._search(
                [
                    ("is_shared", "=", True),
                    ("pikc_is_bookable", "=", True),
                    ("resource_id", "!=", False),
                ]
            )
        )
        return (
            workshops.subselect(SQL.identifier(workshops.table, "resource_id")),
            equipment.subselect(SQL.identifier(equipment.table, "resource_id")),
        )

    @api.depends("name", "company_id")
    @api.depends_context("company")
    def _compute_display_name(self):
        """Another institution's resource reads ``[institution] resource``."""
        for resource in self:
            resource.display_name = with_institution(
                self.env, resource.sudo().company_id, resource.name or ""
            )

    def _compute_pikc_is_shared(self):
        shared = self.sudo().search(
            [("id", "in", self.ids), ("pikc_is_shared", "=", True)]
        )
        for resource in self:
            resource.pikc_is_shared = resource in shared

    def _search_pikc_is_shared(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(
                f"Unsupported search on pikc_is_shared: {operator}"
            )
        of_workshops, of_equipment = self._pikc_shared_resource_ids()
        if (operator == "=") == bool(value):
            return ["|", ("id", "in", of_workshops), ("id", "in", of_equipment)]
        return [("id", "not in", of_workshops), ("id", "not in", of_equipment)]
