from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .pikc_shared_mixin import PikcSharedMixin
from .resource_resource import with_institution


class PikcWorkshop(models.Model):
    """A training workshop or laboratory of an institution.

    A workshop has a sector, a capacity in student places, a workshop master
    in charge and opening hours. It is a ``resource.resource`` of type
    material (so that it can be booked like a person or a machine), has its
    own stock location for consumables under the institution's warehouse and
    its own analytic account in the *Workshops* plan, to which the material
    issued to trainings is costed.

    Teachers read the workshops of their institution and the workshops other
    institutions share; workshop masters maintain the workshops of their
    institution; resource managers create and archive them. A shared
    workshop is readable by every member institution; nothing else of the
    owner (its stock, its people, its accounts) is.
    """

    _name = "pikc.workshop"
    _description = "Training Workshop"
    _inherit = [
        "resource.mixin",
        "pikc.shared.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "image.mixin",
    ]
    _order = "company_id, sequence, code"
    _check_company_auto = True
    #: Made with the workshop and kept by the system: a client re-pointing
    #: them would charge a grant's account or take another workshop's stock
    #: or bookings (models/base.py).
    _pikc_readonly_fields = frozenset(
        {"location_id", "analytic_account_id", "resource_id"}
    )
    _pikc_shared_fields = PikcSharedMixin._pikc_shared_fields | {
        "code",
        "capacity",
        "resource_calendar_id",
        "tz",
        "equipment_ids",
        "equipment_count",
        "color",
        "sequence",
        "image_1920",
        "image_1024",
        "image_512",
        "image_256",
        "image_128",
        "contact_name",
        "contact_phone",
        "contact_email",
    }

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code of the workshop, unique within its institution.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(required=True, string="Institution", tracking=True)
    sector_id = fields.Many2one(
        "pikc.sector", required=True, tracking=True, ondelete="restrict"
    )
    building_id = fields.Many2one(
        "pikc.building", tracking=True, check_company=True, index="btree_not_null"
    )
    capacity = fields.Integer(
        default=12,
        tracking=True,
        help="Number of student places: a booking may not bring more participants.",
    )
    master_id = fields.Many2one(
        "hr.employee",
        string="Workshop Master",
        tracking=True,
        check_company=True,
        help="The teacher in charge of the workshop, its equipment and consumables.",
    )
    contact_name = fields.Char(
        string="Contact",
        compute="_compute_contact",
        help="Whom to ask about the workshop: its master, as colleagues of "
        "every institution see them.",
    )
    contact_phone = fields.Char(string="Work Phone", compute="_compute_contact")
    contact_email = fields.Char(string="Work Email", compute="_compute_contact")
    resource_calendar_id = fields.Many2one(
        string="Opening Hours",
        help="When the workshop can be used; bookings must fall within these hours.",
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Stock Location",
        readonly=True,
        copy=False,
        help="Where the workshop keeps its consumables; created with the workshop "
        "under the institution's warehouse.",
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        readonly=True,
        copy=False,
        help="Material issued to trainings in this workshop is costed here.",
    )
    equipment_ids = fields.One2many("maintenance.equipment", "workshop_id")
    equipment_count = fields.Integer(compute="_compute_equipment_count")
    maintenance_open_count = fields.Integer(
        compute="_compute_maintenance_open_count", string="Open Maintenance"
    )
    stock_value = fields.Monetary(
        compute="_compute_stock_value",
        help="Value of the consumables in the workshop's stock location.",
    )
    color = fields.Integer()
    note = fields.Html(string="Description")

    _sql_constraints = [
        (
            "code_company_uniq",
            "EXCLUDE USING btree (company_id WITH =, (lower(btrim(code))) WITH =) "
            "DEFERRABLE INITIALLY DEFERRED",
            "Another workshop of this institution already has this code.",
        ),
    ]

    def _prepare_resource_values(self, vals, tz):
        values = super()._prepare_resource_values(vals, tz)
        values["resource_type"] = "material"
        return values

    @api.depends("code", "name", "company_id")
    @api.depends_context("company")
    def _compute_display_name(self):
        """``[code] name``, marked with its institution when it is another
        one's (see ``resource_resource.with_institution``)."""
        for workshop in self:
            label = (
                f"[{workshop.code}] {workshop.name}" if workshop.code else workshop.name
            )
            workshop.display_name = with_institution(
                self.env, workshop.sudo().company_id, label or ""
            )

    @api.depends("master_id")
    def _compute_contact(self):
        """The master's work contact, read from their public profile
        (``hr.employee.public``: what every colleague may see), so that
        other schools requesting a shared workshop know whom to call; the
        master's employee record itself stays the owner's."""
        masters = self.sudo().master_id
        public = self.env["hr.employee.public"].sudo().browse(masters.ids)
        contacts = {
            employee.id: (employee.name, employee.work_phone, employee.work_email)
            for employee in public
        }
        for workshop in self:
            name, phone, email = contacts.get(
                workshop.sudo().master_id.id, (False, False, False)
            )
            workshop.contact_name = name
            workshop.contact_phone = phone
            workshop.contact_email = email

    def _compute_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("workshop_id", "in", self.ids)], ["workshop_id"], ["__count"]
            )
        )
        for workshop in self:
            workshop.equipment_count = counts.get(workshop._origin, 0)

    def _compute_maintenance_open_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [
                    ("pikc_workshop_id", "in", self.ids),
                    ("stage_id.done", "=", False),
                    ("archive", "=", False),
                ],
                ["pikc_workshop_id"],
                ["__count"],
            )
        )
        for workshop in self:
            workshop.maintenance_open_count = counts.get(workshop._origin, 0)

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        """Said before the (deferred) database constraint, which holds the
        rule for concurrent users, can name the other workshop."""
        for workshop in self:
            other = workshop._pikc_same_in_institution("code")
            if other:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s is already used by the workshop "
                        "“%(other)s” of %(institution)s. Give “%(workshop)s” "
                        "another code.",
                        code=workshop.code,
                        other=other.name,
                        institution=workshop.company_id.name,
                        workshop=workshop.name,
                    )
                )

    @api.constrains("capacity")
    def _check_capacity(self):
        for workshop in self:
            if workshop.capacity <= 0:
                raise ValidationError(
                    self.env._(
                        "The workshop “%(workshop)s” needs a capacity of at least "
                        "one student place (it was given %(capacity)s).",
                        workshop=workshop.name,
                        capacity=workshop.capacity,
                    )
                )

    @api.constrains("hourly_rate")
    def _check_hourly_rate(self):
        for workshop in self:
            if workshop.hourly_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The hourly rate of the workshop “%(workshop)s” cannot be "
                        "negative: enter 0 if it is not recharged.",
                        workshop=workshop.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        workshops = super().create(vals_list)
        for workshop in workshops:
            workshop._create_location_and_analytic_account()
        return workshops

    def write(self, vals):
        if vals.get("active") is False:
            self.filtered("active")._check_can_be_archived()
        res = super().write(vals)
        if "active" in vals:
            self.resource_id.active = vals["active"]
            self.location_id.sudo().active = vals["active"]
        if {"name", "code"} & vals.keys():
            for workshop in self:
                workshop.location_id.sudo().name = workshop.code
                workshop.analytic_account_id.sudo().write(
                    {"name": workshop.name, "code": workshop.code}
                )
        return res

    def _check_can_be_archived(self):
        """A workshop is archived empty: its equipment moved or retired, its
        consumables used or moved."""
        for workshop in self:
            if workshop.equipment_ids:
                raise UserError(
                    self.env._(
                        "The workshop “%(workshop)s” still holds %(count)s piece(s) "
                        "of equipment (%(names)s). Move them to another workshop "
                        "or archive them before archiving the workshop.",
                        workshop=workshop.name,
                        count=len(workshop.equipment_ids),
                        names=", ".join(workshop.equipment_ids[:3].mapped("name")),
                    )
                )
            if workshop.location_id and self.env["stock.quant"].sudo().search_count(
                [
                    ("location_id", "child_of", workshop.location_id.id),
                    ("quantity", "!=", 0),
                ],
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "The workshop “%(workshop)s” still has consumables in stock "
                        "at %(location)s. Issue them to a training or move them to "
                        "another location before archiving the workshop.",
                        workshop=workshop.name,
                        location=workshop.location_id.complete_name,
                    )
                )

    def action_archive(self):
        self._check_can_be_archived()
        return super().action_archive()

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_action"
        )
        action.update(
            domain=[("workshop_id", "=", self.id)],
            context={
                "default_workshop_id": self.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    def action_view_maintenance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action.update(
            domain=[("pikc_workshop_id", "=", self.id)],
            context={"search_default_todo": 1},
        )
        return action

    def action_book(self):
        """A new booking of this workshop, for the user's institution."""
        self.ensure_one()
        return self.env["pikc.booking"]._pikc_form_action(
            self.env._("Book %(workshop)s", workshop=self.name),
            {
                "default_resource_id": self.resource_id.id,
                "default_sector_id": self.sector_id.id,
            },
        )

    def action_find_slots(self):
        """The next free slots of this workshop, for the user's institution."""
        self.ensure_one()
        return self.env["pikc.booking.slot.wizard"]._pikc_open(
            {"workshop_id": self.id, "resource_id": self.resource_id.id}
        )

    def action_book_weekly(self):
        """Book this workshop on the same days and hours every week."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pikc_resources.pikc_booking_recurrence_wizard_action"
        )
        action["context"] = {
            "default_resource_id": self.resource_id.id,
            "default_sector_id": self.sector_id.id,
        }
        return action
