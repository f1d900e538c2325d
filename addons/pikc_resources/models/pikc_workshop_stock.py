"""A workshop's consumables: its stock location in the institution's
warehouse (under *Workshops*, beside Stock), its analytic account in the
*Workshops* plan (to which material issued to trainings is costed), the value
of its stock, and issuing material to a training; deleting a workshop with
what was made with it.

The workshop itself (what it is, who runs it, its equipment, archiving it)
is in ``pikc_workshop.py``.
"""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError


class PikcWorkshop(models.Model):
    # One model, one job per file (see pikc_workshop.py).
    _inherit = "pikc.workshop"  # pylint: disable=consider-merging-classes-inherited

    @api.depends_context("company")
    def _compute_stock_value(self):
        """Quantity on hand in each workshop location (and its children),
        valued at the product cost of the workshop's institution: one grouped
        query, then the products' costs."""
        workshops = self.filtered("location_id")
        (self - workshops).stock_value = 0
        if not workshops:
            return
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [("location_id", "child_of", workshops.location_id.ids)],
                ["location_id", "product_id"],
                ["quantity:sum"],
            )
        )
        value_by_location = dict.fromkeys(workshops.location_id, 0.0)
        for location, product, quantity in groups:
            cost = product.with_company(location.company_id).standard_price
            # Quants of sub-locations count for the workshop location above them.
            for root in value_by_location:
                if location.parent_path.startswith(root.parent_path):
                    value_by_location[root] += quantity * cost
                    break
        for workshop in workshops:
            workshop.stock_value = value_by_location[workshop.location_id]

    @api.constrains("location_id", "company_id")
    def _check_location_company(self):
        for workshop in self:
            location = workshop.location_id
            if location.company_id and location.company_id != workshop.company_id:
                raise ValidationError(
                    self.env._(
                        "The stock location %(location)s belongs to "
                        "%(location_company)s, but the workshop “%(workshop)s” "
                        "to %(institution)s. Choose a location of %(institution)s.",
                        location=location.complete_name,
                        location_company=location.company_id.name,
                        workshop=workshop.name,
                        institution=workshop.company_id.name,
                    )
                )

    def _create_location_and_analytic_account(self):
        """The workshop's stock location, under the *Workshops* location of
        the institution's warehouse, and its analytic account in the
        Workshops plan."""
        self.ensure_one()
        company = self.company_id
        if not self.location_id:
            parent = company._pikc_workshop_location()
            # The system's to set (refused to clients: _pikc_readonly_fields).
            self.sudo().location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.code,
                        "location_id": parent.id,
                        "usage": "internal",
                        "company_id": company.id,
                    }
                )
            )
        if not self.analytic_account_id:
            self.sudo().analytic_account_id = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    {
                        "name": self.name,
                        "code": self.code,
                        "plan_id": self.env.ref(
                            "pikc_resources.analytic_plan_workshops"
                        ).id,
                        "company_id": company.id,
                    }
                )
            )

    def unlink(self):
        """A workshop without history is deleted with what was made with it
        (its resource, as Odoo's employees do, its stock location and its
        analytic account); one with history is archived instead."""
        self._pikc_check_can_be_deleted()
        made = (
            self.resource_id.sudo(),
            self.location_id.sudo(),
            self.analytic_account_id.sudo(),
        )
        result = super().unlink()
        for records in made:
            records.unlink()
        return result

    def _pikc_check_can_be_deleted(self):
        """Refuse to delete a workshop that bookings, equipment, stock moves
        or costs refer to: the history stays, the workshop is archived."""
        for workshop in self:
            used = [
                label
                for label, model, domain in (
                    (
                        self.env._("bookings"),
                        "pikc.booking",
                        [("resource_id", "=", workshop.resource_id.id)],
                    ),
                    (
                        self.env._("equipment"),
                        "maintenance.equipment",
                        [("workshop_id", "=", workshop.id)],
                    ),
                    (
                        self.env._("stock moves"),
                        "stock.move",
                        [
                            "|",
                            ("location_id", "=", workshop.location_id.id),
                            ("location_dest_id", "=", workshop.location_id.id),
                        ],
                    ),
                    (
                        self.env._("costs"),
                        "account.analytic.line",
                        [("auto_account_id", "=", workshop.analytic_account_id.id)],
                    ),
                )
                if self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count(domain, limit=1)
            ]
            if used:
                raise UserError(
                    self.env._(
                        "The workshop “%(workshop)s” has %(history)s: it cannot "
                        "be deleted. Archive it instead.",
                        workshop=workshop.name,
                        history=", ".join(used),
                    )
                )

    def action_view_stock(self):
        self.ensure_one()
        self._pikc_check_not_foreign()
        return self.env["stock.quant"]._get_quants_action(
            domain=[("location_id", "child_of", self.location_id.id)], extend=True
        )

    def action_issue_material(self):
        """A new transfer issuing consumables from this workshop to a training."""
        self.ensure_one()
        self._pikc_check_not_foreign()
        picking_type = self.company_id._pikc_training_picking_type()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue to Training"),
            "res_model": "stock.picking",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_picking_type_id": picking_type.id,
                "default_location_id": self.location_id.id,
                "default_location_dest_id": picking_type.default_location_dest_id.id,
                "default_pikc_workshop_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }
