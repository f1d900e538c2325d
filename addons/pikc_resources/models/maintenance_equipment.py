from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pikc_shared_mixin import PikcSharedMixin
from .resource_resource import with_institution


class MaintenanceEquipment(models.Model):
    """Equipment of a workshop.

    Odoo's equipment, with what a vocational school needs on top: the
    workshop and sector it serves, an inventory code unique within the
    institution, whether it can be booked on its own (then it is a
    ``resource.resource`` of type material) and whether other institutions
    may see and request it, at an hourly rate. Its acquisition date and value
    are Odoo's own *effective date* and *cost*. Maintenance requests and
    preventive maintenance are Odoo's, unchanged.

    Teachers read the equipment of their institution's workshops and the
    shared equipment of others; workshop masters add and maintain the
    equipment of their institution.
    """

    _name = "maintenance.equipment"
    # The mixin first, so that its chatter guard precedes mail.thread's.
    _inherit = ["pikc.shared.mixin", "maintenance.equipment"]
    #: Made with the equipment and kept by the system (models/base.py).
    _pikc_readonly_fields = frozenset({"resource_id"})
    _pikc_shared_fields = PikcSharedMixin._pikc_shared_fields | {
        "pikc_sector_id",
        "category_id",
        "model",
        "pikc_is_bookable",
        "color",
        # The workshop's equipment is shared with the workshop (its
        # equipment_ids), so is the workshop of a piece of equipment.
        "workshop_id",
    }

    workshop_id = fields.Many2one(
        "pikc.workshop",
        tracking=True,
        index="btree_not_null",
        help="The workshop where the equipment is used for training.",
    )
    pikc_sector_id = fields.Many2one(
        "pikc.sector",
        string="Sector",
        compute="_compute_pikc_sector_id",
        store=True,
        readonly=False,
        ondelete="restrict",
    )
    inventory_code = fields.Char(
        tracking=True,
        copy=False,
        help="The institution's inventory number; unique within the institution.",
    )
    pikc_is_bookable = fields.Boolean(
        string="Bookable",
        tracking=True,
        help="The equipment can be booked on its own, not only with its workshop.",
    )
    resource_id = fields.Many2one(
        "resource.resource",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The resource through which the equipment is booked.",
    )

    pikc_usage_hours = fields.Float(
        string="Usage Hours",
        compute="_compute_pikc_usage_hours",
        digits=(16, 1),
        help="Hours the equipment was booked and used (bookings marked done).",
    )

    _sql_constraints = [
        (
            "inventory_code_company_uniq",
            "EXCLUDE USING btree (company_id WITH =, (lower(btrim(inventory_code))) "
            "WITH =) DEFERRABLE INITIALLY DEFERRED",
            "Another piece of equipment of this institution has this inventory code.",
        ),
    ]

    @api.depends_context("uid", "company")
    def _compute_display_name(self):
        """Other institutions read a piece of equipment by its name alone
        (Odoo adds the serial number, which is not shared), marked with its
        institution (see ``resource_resource.with_institution``)."""
        result = super()._compute_display_name()
        for equipment in self._pikc_foreign_to_user():
            equipment.display_name = equipment.name
        for equipment in self:
            equipment.display_name = with_institution(
                self.env, equipment.sudo().company_id, equipment.display_name or ""
            )
        return result

    @api.depends("workshop_id")
    def _compute_pikc_sector_id(self):
        for equipment in self:
            if equipment.workshop_id:
                equipment.pikc_sector_id = equipment.workshop_id.sector_id

    def _compute_pikc_usage_hours(self):
        hours = dict(
            self.env["pikc.booking"]
            .sudo()
            ._read_group(
                [("equipment_id", "in", self.ids), ("state", "=", "done")],
                ["equipment_id"],
                ["duration:sum"],
            )
        )
        for equipment in self:
            equipment.pikc_usage_hours = hours.get(equipment._origin, 0.0)

    @api.constrains("inventory_code", "company_id")
    def _pikc_check_inventory_code_unique(self):
        for equipment in self.filtered("inventory_code"):
            other = equipment._pikc_same_in_institution("inventory_code")
            if other:
                raise ValidationError(
                    self.env._(
                        "The inventory code %(code)s is already given to “%(other)s” "
                        "of %(institution)s. Check the label on “%(equipment)s” and "
                        "enter its own code.",
                        code=equipment.inventory_code,
                        other=other.name,
                        institution=equipment.company_id.name,
                        equipment=equipment.name,
                    )
                )

    @api.constrains("cost", "hourly_rate")
    def _pikc_check_amounts(self):
        for equipment in self:
            if equipment.cost < 0 or equipment.hourly_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The acquisition value and the hourly rate of “%(equipment)s” "
                        "cannot be negative: enter 0 where there is none.",
                        equipment=equipment.name,
                    )
                )

    @api.constrains("workshop_id", "company_id")
    def _pikc_check_workshop_company(self):
        for equipment in self:
            workshop = equipment.workshop_id
            if workshop and equipment.company_id != workshop.company_id:
                raise ValidationError(
                    self.env._(
                        "“%(equipment)s” belongs to %(equipment_company)s, but the "
                        "workshop “%(workshop)s” to %(institution)s. Choose a "
                        "workshop of %(equipment_company)s, or transfer the "
                        "equipment to %(institution)s first.",
                        equipment=equipment.name,
                        equipment_company=equipment.company_id.name
                        or self.env._("no institution"),
                        workshop=workshop.name,
                        institution=workshop.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        equipment = super().create(vals_list)
        equipment.filtered("pikc_is_bookable")._pikc_sync_resource()
        return equipment

    def write(self, vals):
        res = super().write(vals)
        if {
            "pikc_is_bookable",
            "name",
            "company_id",
            "workshop_id",
            "active",
        } & vals.keys():
            self._pikc_sync_resource()
        return res

    def _pikc_sync_resource(self):
        """Bookable equipment is a material resource, with the opening hours
        of its workshop (or of its institution)."""
        resources = self.env["resource.resource"].sudo()
        for equipment in self:
            values = {
                "name": equipment.name,
                "company_id": equipment.company_id.id,
                "calendar_id": (
                    equipment.workshop_id.resource_calendar_id
                    or equipment.company_id.resource_calendar_id
                ).id,
                "active": equipment.active and equipment.pikc_is_bookable,
            }
            if equipment.resource_id:
                equipment.resource_id.sudo().write(values)
            elif equipment.pikc_is_bookable:
                equipment.sudo().resource_id = resources.create(
                    dict(values, resource_type="material")
                )

    def action_open_matched_serial(self):
        """The lots of the equipment's serial number, which another
        institution does not read."""
        self._pikc_check_not_foreign()
        return super().action_open_matched_serial()
